"""Quick fixes for the findings that have one.

- ``broken-reference`` with a near id: link to that id instead (the hint's
  did-you-mean, or the same id in the right case);
- ``asymmetric-see-also``: add the reciprocal item to the other entry's
  see-also section, in the `` |`` style of that section;
- ``unlinked-mention``: the mention becomes the link the hint names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lsprotocol import types

from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.model import Entry, Reference, ReferenceKind
from glossary_build.graph.suggest import suggester_for
from glossary_build.graph.terms import INDEX_ID, TermGraph
from glossary_build.lsp import source
from glossary_build.lsp.convert import Converter
from glossary_build.lsp.positions import Lines
from glossary_build.lsp.source import Place

QUICKFIX = types.CodeActionKind.QuickFix


def code_actions(graph: TermGraph, findings: Iterable[Diagnostic], convert: Converter) -> list[types.CodeAction]:
    """The fixes for ``findings`` (those in the range the editor asks about)."""
    actions: list[types.CodeAction] = []
    for finding in findings:
        if finding.code == "broken-reference":
            actions.extend(_nearest_id(graph, finding, convert))
        elif finding.code == "asymmetric-see-also":
            actions.extend(_reciprocal(graph, finding, convert))
        actions.extend(unlinked_mention_actions(graph, finding, convert))
    return actions


def unlinked_mention_actions(graph: TermGraph, finding: Diagnostic, convert: Converter) -> list[types.CodeAction]:
    """"Link this mention": the mention's span becomes ``[mention](#Id)``, as the hint says."""
    target, written, span = finding.get("target"), finding.get("text"), finding.span
    if finding.code != "unlinked-mention" or not target or not written or span.end_column is None:
        return []
    place = Place(span.line - 1, span.column - 1, span.end_column - 1)
    edit = types.TextEdit(range=convert.place(span.path, place), new_text=f"[{written}](#{target})")
    return [_edit(finding, f"Link '{written}' to '{target}'", {span.path: [edit]}, convert, True)]


def _edit(finding: Diagnostic, title: str, edits: dict[str, list[types.TextEdit]], convert: Converter, preferred: bool) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=QUICKFIX,
        diagnostics=[convert.diagnostic(finding)],
        is_preferred=preferred,
        edit=types.WorkspaceEdit(changes={convert.uri(path): found for path, found in edits.items()}),
    )


def _nearest_id(graph: TermGraph, finding: Diagnostic, convert: Converter) -> list[types.CodeAction]:
    target = finding.get("target")
    if target is None:
        return []
    found = graph.derived(suggester_for).nearest(target)
    if found is None:
        return []
    nearest, case_only = found
    path = finding.span.path
    lines = convert.state.lines(path)
    reference = next((r for r in _references_at(graph, finding) if r.target == target), None)
    place = source.link_target(lines, reference) if reference is not None else None
    if place is None:
        return []
    title = f"Fix the case: link to '{nearest}'" if case_only else f"Link to '{nearest}' instead"
    edit = types.TextEdit(range=convert.place(path, place), new_text=nearest)
    return [_edit(finding, title, {path: [edit]}, convert, preferred=True)]


def _references_at(graph: TermGraph, finding: Diagnostic) -> Iterable[Reference]:
    span = finding.span
    for entry in graph.entries.values():
        if entry.path != span.path:
            continue
        yield from (r for r in entry.references if r.span == span)
    for copies in graph.copies.values():
        for copy in copies:
            if copy.entry.path == span.path:
                yield from (r for r in copy.entry.references if r.span == span)


def _reciprocal(graph: TermGraph, finding: Diagnostic, convert: Converter) -> list[types.CodeAction]:
    """``A`` lists ``B``, ``B`` does not list ``A``: add ``[A's title](#A)`` to ``B``'s see-also section."""
    target = finding.get("target")
    source_entry = _entry_with(graph, finding)
    if target is None or source_entry is None:
        return []
    definition = graph.definitions.get(target)
    other_id = definition.target.entry_id if definition is not None else None
    if other_id is None or other_id not in graph.entries:
        return []
    other = graph.entries[other_id]
    edit = see_also_insertion(other, f"[{_escaped(source_entry.title_text)}](#{source_entry.id})", convert)
    if edit is None:
        return []
    title = f"Add '{source_entry.id}' to the see-also section of '{other.id}'"
    return [_edit(finding, title, {other.path: [edit]}, convert, preferred=True)]


def _entry_with(graph: TermGraph, finding: Diagnostic) -> Entry | None:
    for entry in graph.entries.values():
        if entry.path == finding.span.path and any(r.span == finding.span for r in entry.references):
            return entry
    return None


def _escaped(title: str) -> str:
    return title.replace("[", "\\[").replace("]", "\\]")


def see_also_insertion(entry: Entry, item: str, convert: Converter) -> types.TextEdit | None:
    """The edit that adds ``item`` as the last item of ``entry``'s see-also section (before an
    ``Index`` item that ends it), one item a line, each followed by `` |``."""
    section = next((s for s in entry.sections if s.is_see_also), None)
    if section is None:
        return None
    lines = convert.state.lines(entry.path)
    first = section.heading.span.line
    later = [s.heading.span.line for s in entry.sections if s.heading.span.line > first]
    last = min(later) - 1 if later else entry.end_line
    items = [r for r in entry.references if r.kind is ReferenceKind.SEE_ALSO and first < r.span.line <= last]
    return _insertion(lines, first, items, item, convert.lines(entry.path))


def _insertion(
    lines: Sequence[str], heading: int, items: Sequence[Reference], item: str, positions: Lines
) -> types.TextEdit:
    def insert(position: types.Position, text: str) -> types.TextEdit:
        return types.TextEdit(range=types.Range(start=position, end=position), new_text=text)

    if not items:  # right below the heading
        return insert(types.Position(line=heading, character=0), f"{item} |\n")
    ordered = sorted(items, key=lambda r: (r.span.line, r.span.column))
    last = ordered[-1]
    if last.target == INDEX_ID and len(ordered) > 1 and ordered[-2].span.line < last.span.line:
        return insert(types.Position(line=last.span.line - 1, character=0), f"{item} |\n")
    end_line = last.span.end_line or last.span.line
    end = positions.line_end(end_line)
    if lines[end_line - 1].rstrip().endswith("|") if end_line <= len(lines) else False:
        return insert(end, f"\n{item} |")
    return insert(end, f" |\n{item}")
