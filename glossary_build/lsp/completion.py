"""Completion of link targets: inside ``](#`` every entry id, with its title and short definition.

Ranked: ids that start with what was typed (case as typed, then any case),
titles that do, then ids and titles that contain the typed letters in order
(fuzzy).  In a see-also section only the entries not listed there yet are
offered, never the entry itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from lsprotocol import types

from glossary_build.core.model import Entry, ParsedFile, ReferenceKind
from glossary_build.graph.terms import INDEX_ID, TermGraph
from glossary_build.lsp import source
from glossary_build.lsp.positions import Lines

MAX_ITEMS = 1000
"""At most this many items per answer; more make the list incomplete (the editor asks again as
the user types on).  Serialising 10,000 items costs more than the 50 ms an answer may take."""

TRIGGER_CHARACTERS = ["#", "("]


def labels(entry: Entry) -> Iterator[str]:
    """The names an entry can be linked by: its id (aliases, once entries have them, go here)."""
    yield entry.id


def rank(prefix: str, label: str, title: str) -> int | None:
    """How well ``label`` (with ``title``) matches ``prefix``: 0 best, None not at all."""
    if not prefix:
        return 0
    if label.startswith(prefix):
        return 0
    folded, wanted, heading = label.casefold(), prefix.casefold(), title.casefold()
    if folded.startswith(wanted):
        return 1
    if heading.startswith(wanted):
        return 2
    if _in_order(wanted, folded):
        return 3
    if _in_order(wanted, heading):
        return 4
    return None


def _in_order(wanted: str, text: str) -> bool:
    """Whether the characters of ``wanted`` occur in ``text`` in that order."""
    position = 0
    for char in wanted:
        position = text.find(char, position) + 1
        if position == 0:
            return False
    return True


def complete(graph: TermGraph, parsed: ParsedFile | None, lines: Lines, position: types.Position) -> types.CompletionList | None:
    """The completion at ``position`` of a file with ``lines`` (parsed as ``parsed``), or None
    when the cursor is not in a link destination."""
    text = lines.line(position.line)
    typed = source.typed_link(text, lines.index(position))
    if typed is None:
        return None
    excluded = _see_also_excluded(graph, parsed, position.line) if parsed is not None else set()
    order = {entry_id: index for index, entry_id in enumerate(graph.order)}
    found: list[tuple[int, int, str, Entry | None]] = []
    for entry_id, entry in graph.entries.items():
        if entry_id in excluded:
            continue
        for label in labels(entry):
            score = rank(typed.prefix, label, entry.title_text)
            if score is not None:
                found.append((score, order.get(entry_id, 0), label, entry))
    if INDEX_ID not in graph.entries and INDEX_ID not in excluded:
        score = rank(typed.prefix, INDEX_ID, INDEX_ID)
        if score is not None:
            found.append((score, len(order), INDEX_ID, None))
    found.sort(key=lambda item: (item[0], item[1], item[2]))
    replace = lines.range(position.line, typed.start, lines.index(position))
    items = [_item(score, number, label, entry, replace) for number, (score, _, label, entry) in enumerate(found[:MAX_ITEMS])]
    return types.CompletionList(is_incomplete=len(found) > MAX_ITEMS, items=items)


def _item(score: int, number: int, label: str, entry: Entry | None, replace: types.Range) -> types.CompletionItem:
    title = entry.title_text if entry is not None else "Index"
    definition = entry.definition_text if entry is not None else "The glossary's A–Z index (made by glossary-build)."
    return types.CompletionItem(
        label=label,
        kind=types.CompletionItemKind.Reference,
        detail=title,
        documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=f"**{title}**\n\n{definition}"),
        filter_text=f"#{label}",
        sort_text=f"{score}{number:06d}",
        text_edit=types.TextEdit(range=replace, new_text=f"#{label}"),
    )


def _see_also_excluded(graph: TermGraph, parsed: ParsedFile, line: int) -> set[str]:
    """In a see-also section: the entry itself and the entries its section lists already."""
    entry = source.entry_at(parsed, line)
    if entry is None:
        return set()
    section = source.section_at(entry, line)
    if section is None or not section.is_see_also:
        return set()
    first = section.heading.span.line
    later = [s.heading.span.line for s in entry.sections if s.heading.span.line > first]
    last = min(later) - 1 if later else entry.end_line
    excluded = {entry.id}
    resolved = graph.resolved.get(entry.id, ()) if graph.entries.get(entry.id) is entry else ()
    for index, reference in enumerate(entry.references):
        if reference.kind is ReferenceKind.SEE_ALSO and first < reference.span.line <= last:
            target = resolved[index] if index < len(resolved) else None
            excluded.add(target.entry_id if target is not None and target.entry_id else reference.target)
    return excluded
