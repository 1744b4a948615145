"""``check --fix``: the mechanical fixes of findings, made in the sources.

- ``link-to-former-id``: the link points to the term's id now;
- ``broken-reference`` whose target differs from an id only in case (the
  suggester says so, and no second id differs from it only in case): the
  link gets the id's case;
- ``asymmetric-see-also``: A lists B, so B's see-also section gets ``[A](#A)``
  (:mod:`glossary_build.edit.seealso`; an entry without a see-also section is
  left as it is, and said so);
- ``link-to-deprecated``, only in :attr:`FixMode.DEPRECATED`: the link points
  to the successor (followed to one that is not deprecated itself).

Only findings that are reported are fixed (a rule set ``off`` is left alone).
A link with several of these findings gets one change to its final target.
Each file that changes is parsed again from the bytes that will be edited;
a finding whose link is no longer where it was is left alone.
"""

from __future__ import annotations

import enum
import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.model import Entry, ParsedFile, Reference, Status
from glossary_build.edit.links import Definitions, link_destination, reference_definitions
from glossary_build.edit.plan import Plan, PlanBuilder
from glossary_build.edit.seealso import NewItem, see_also_edits
from glossary_build.edit.source import SourceFile, read_source_file
from glossary_build.graph.suggest import suggester_for
from glossary_build.graph.terms import Target, TargetKind, TermGraph
from glossary_build.parse.entries import parse_source

LINK_CODES = ("link-to-former-id", "broken-reference", "link-to-deprecated")
"""The rules whose fix points a link elsewhere."""
SEE_ALSO_CODE = "asymmetric-see-also"


class FixMode(enum.Enum):
    """Which fixes ``check --fix`` makes."""

    SAFE = "safe"
    """Old ids, case-only mismatches, missing reciprocal see-also items."""
    DEPRECATED = "deprecated"
    """Those, and links to deprecated terms pointed to their successors."""


Place = tuple[str, int, int, str]
"""A link's path, line, column and target as written: where a finding about it is."""


@dataclass
class _Found:
    """A link with fixable findings."""

    entry: Entry
    reference: Reference
    target: Target | None
    codes: set[str] = field(default_factory=set)


def plan_fixes(
    diagnostics: Iterable[Diagnostic], graph: TermGraph, root: Path, md: MarkdownIt, mode: FixMode = FixMode.SAFE
) -> Plan:
    """The changes that fix the fixable ``diagnostics`` (the glossary's findings, levels applied)."""
    links = _references(graph)
    retarget: dict[Place, _Found] = {}
    reciprocal: dict[str, dict[str, NewItem]] = {}
    for diagnostic in diagnostics:
        place = (diagnostic.span.path, diagnostic.span.line, diagnostic.span.column, diagnostic.get("target") or "")
        found = links.get(place)
        if found is None:
            continue
        if diagnostic.code in LINK_CODES:
            retarget.setdefault(place, _Found(*found)).codes.add(diagnostic.code)
        elif diagnostic.code == SEE_ALSO_CODE and found[2] is not None and found[2].entry_id is not None:
            source = found[0]
            items = reciprocal.setdefault(found[2].entry_id, {})
            items.setdefault(source.id, NewItem(source.title_text, source.id))
    files = _Files(root, md)
    builder = PlanBuilder()
    for place, link in sorted(retarget.items()):
        _fix_link(graph, files, builder, place, link, mode)
    for entry_id, items in sorted(reciprocal.items()):
        _add_see_also(graph, files, builder, entry_id, list(items.values()))
    return builder.build()


def _references(graph: TermGraph) -> dict[Place, tuple[Entry, Reference, Target | None]]:
    """Every reference of the graph by the place a finding about it has."""
    return {
        (reference.span.path, reference.span.line, reference.span.column, reference.target): (entry, reference, target)
        for entry, reference, target in graph.references()
    }


class _Files:
    """Each file to change, read once and parsed again from exactly those bytes."""

    def __init__(self, root: Path, md: MarkdownIt) -> None:
        self.root = root
        self.md = md
        self.read: dict[str, tuple[SourceFile, ParsedFile, Callable[[], Definitions]]] = {}

    def get(self, path: str) -> tuple[SourceFile, ParsedFile, Callable[[], Definitions]]:
        if path not in self.read:
            source = read_source_file(self.root, path)
            parsed = parse_source(path, source.text, self.md)
            definitions = functools.cache(functools.partial(reference_definitions, source, self.md))
            self.read[path] = (source, parsed, definitions)
        return self.read[path]


def _fix_link(graph: TermGraph, files: _Files, builder: PlanBuilder, place: Place, link: _Found, mode: FixMode) -> None:
    path, line, column, written = place
    target, reasons = _new_target(graph, written, link, mode, lambda why: builder.skip(path, line, why))
    if target == written:
        return
    source, parsed, definitions = files.get(path)
    reference = _reference_at(parsed, line, column, written)
    destination = link_destination(source, reference, definitions) if reference is not None else None
    if destination is None:
        builder.skip(path, line, f"link to '#{written}' left as it is: it is not where it was checked")
        return
    builder.add(source, destination.retarget(target),
                f"[{link.reference.text}](#{written}) -> #{target} ({', '.join(reasons)})")


def _new_target(
    graph: TermGraph, written: str, link: _Found, mode: FixMode, skip: Callable[[str], None]
) -> tuple[str, list[str]]:
    """The target the link should have, and the rules that say so (none: ``written``)."""
    target, reasons = written, []
    if "link-to-former-id" in link.codes and written in graph.former:
        target = graph.former[written]
        reasons.append("link-to-former-id")
    elif "broken-reference" in link.codes:
        nearest = graph.derived(suggester_for).nearest(written)
        # Only a case-only mismatch is mechanical, and only when one id matches (not XAI and xAI).
        if nearest is not None and nearest[1] and graph.derived(_folded_ids)[written.casefold()] == 1:
            target = nearest[0]
            reasons.append("broken-reference")
    if mode is FixMode.DEPRECATED and "link-to-deprecated" in link.codes and link.target is not None:
        deprecated = link.target.entry_id or ""
        successor = _successor(graph, deprecated) if link.target.kind is TargetKind.ENTRY else None
        if successor is None:
            skip(f"link to deprecated '{deprecated}' left as it is: "
                 + ("it names a section" if link.target.kind is not TargetKind.ENTRY else "no successor is an entry"))
        else:
            target = successor
            reasons.append("link-to-deprecated")
    return target, reasons


def _folded_ids(graph: TermGraph) -> Counter[str]:
    """How many ids each case-folded id stands for."""
    return Counter(ident.casefold() for ident in graph.definitions)


def _successor(graph: TermGraph, entry_id: str) -> str | None:
    """The id of the first successor (``replaced-by``, followed) that is not deprecated."""
    seen = {entry_id}
    current = graph.entries.get(entry_id)
    while current is not None and current.concept.status is Status.DEPRECATED:
        successor = current.concept.replaced_by
        live = _entry_id(graph, successor) if successor else None
        if live is None or live in seen:
            return None
        seen.add(live)
        current = graph.entries[live]
    return current.id if current is not None and current.id != entry_id else None


def _entry_id(graph: TermGraph, ident: str) -> str | None:
    definition = graph.definitions.get(ident)
    if definition is not None:
        return definition.target.entry_id if definition.target.kind is TargetKind.ENTRY else None
    return graph.former.get(ident)


def _reference_at(parsed: ParsedFile, line: int, column: int, target: str) -> Reference | None:
    for entry in parsed.entries:
        for reference in entry.references:
            if (reference.span.line, reference.span.column, reference.target) == (line, column, target):
                return reference
    return None


def _add_see_also(
    graph: TermGraph, files: _Files, builder: PlanBuilder, entry_id: str, items: Sequence[NewItem]
) -> None:
    heading = graph.entries[entry_id].heading.span
    source, parsed, _definitions = files.get(heading.path)
    entry = _entry_at(parsed, entry_id, heading.line)
    edits = see_also_edits(source, entry, items) if entry is not None else None
    if edits is None:
        names = ", ".join(f"[{item.text}](#{item.target})" for item in items)
        builder.skip(heading.path, heading.line, f"'{entry_id}' has no see-also section: {names} not added")
        return
    for edit in edits:
        added = [item for item in items if item.markdown in edit.new]
        names = ", ".join(item.markdown for item in added)
        builder.add(source, edit, f"added {names} to the see-also section of '{entry_id}' ({SEE_ALSO_CODE})")


def _entry_at(parsed: ParsedFile, entry_id: str, line: int) -> Entry | None:
    return next((e for e in parsed.entries if e.id == entry_id and e.heading.span.line == line), None)

