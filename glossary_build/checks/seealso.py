"""Checks of the see-also sections: missing, empty, text items, self links,
duplicates, order and symmetry.

Each check is a function from the term graph to diagnostics, like those in
:mod:`glossary_build.checks.terms`, which runs them.  A see-also section is the
section with class ``seealso``; its items are :attr:`Entry.see_also`, placed
in their section by line.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from glossary_build.checks.entrywise import EntryCheck, every_entry
from glossary_build.core.collation import sort_key
from glossary_build.core.diagnostics import Diagnostic, Related, Span
from glossary_build.core.model import Entry, Heading, Reference, ReferenceKind, SeeAlsoItem
from glossary_build.core.rules import default_severity, emits
from glossary_build.graph.terms import INDEX_ID, Target, TermGraph


@dataclass(frozen=True, slots=True)
class SeeAlsoLink:
    """A link of a see-also section with its target."""

    reference: Reference
    """The link as written."""
    target: Target | None
    """Where it leads (None: broken)."""


@dataclass(frozen=True, slots=True)
class SeeAlsoSection:
    """One see-also section of an entry, its items split into links and text."""

    entry: Entry
    """The entry the section belongs to."""
    heading: Heading
    """The section heading."""
    links: tuple[SeeAlsoLink, ...]
    """The cross-references, in source order."""
    texts: tuple[SeeAlsoItem, ...]
    """Items that are not cross-references (text, external links)."""


def see_also_sections(graph: TermGraph, entry: Entry) -> list[SeeAlsoSection]:
    """The entry's see-also sections (usually one), with their items."""
    starts = [section.heading.span.line for section in entry.sections] + [10**9]
    resolved = graph.resolved.get(entry.id, ())
    found: list[SeeAlsoSection] = []
    for index, section in enumerate(entry.sections):
        if not section.is_see_also:
            continue
        first, end = starts[index], starts[index + 1]
        mine = [item for item in entry.see_also if _within(item, first, end, not found)]
        links = tuple(
            SeeAlsoLink(entry.references[i], resolved[i] if i < len(resolved) else None)
            for i in (item.reference_index for item in mine)
            if i is not None
        )
        texts = tuple(item for item in mine if item.reference_index is None)
        found.append(SeeAlsoSection(entry, section.heading, links, texts))
    return found


def _within(item: SeeAlsoItem, first: int, end: int, is_first_section: bool) -> bool:
    if item.span is None:
        return is_first_section
    return first < item.span.line < end


def all_see_also_sections(graph: TermGraph) -> tuple[SeeAlsoSection, ...]:
    """Every see-also section of the graph's entries, in entry order."""
    return tuple(section for entry in graph.entries.values() for section in see_also_sections(graph, entry))


class _EntryFacts:
    """Each entry's see-also sections and the entries they list, computed once per graph for
    all the checks, and only for the entries asked about."""

    def __init__(self, graph: TermGraph) -> None:
        self.graph = graph
        self.sections: dict[str, list[SeeAlsoSection]] = {}
        self.listed: dict[str, set[str]] = {}

    def sections_of(self, entry: Entry) -> list[SeeAlsoSection]:
        """:func:`see_also_sections` of ``entry``."""
        found = self.sections.get(entry.id)
        if found is None:
            found = self.sections[entry.id] = see_also_sections(self.graph, entry)
        return found

    def listed_by(self, entry_id: str) -> set[str]:
        """The entries ``entry_id``'s see-also links lead to."""
        found = self.listed.get(entry_id)
        if found is None:
            found = self.listed[entry_id] = _see_also_entries(self.graph, self.graph.entries[entry_id])
        return found


def _sections(graph: TermGraph, entry: Entry) -> list[SeeAlsoSection]:
    """The see-also sections of ``entry``, shared by the checks."""
    return graph.derived(_EntryFacts).sections_of(entry)


def _diagnostic(
    code: str, message: str, span: Span, hint: str | None = None, related: tuple[Related, ...] = (),
    data: tuple[tuple[str, str], ...] = (),
) -> Diagnostic:
    return Diagnostic(code, default_severity(code), message, span, hint, related, data)


@emits("missing-see-also")
def entry_missing_see_also(graph: TermGraph, entry: Entry) -> Iterable[Diagnostic]:
    """``missing-see-also``: an entry without a see-also section (at its heading)."""
    if not entry.has_see_also:
        yield _diagnostic(
            "missing-see-also",
            f"entry '{entry.id}' has no see-also section",
            entry.heading.span,
            "add a section such as '### Siehe auch {.seealso}' with links to related entries",
            data=(("id", entry.id),),
        )


@emits("empty-see-also")
def entry_empty_see_also(graph: TermGraph, entry: Entry) -> Iterable[Diagnostic]:
    """``empty-see-also``: a see-also section with no item at all."""
    for section in _sections(graph, entry):
        if not section.links and not section.texts:
            yield _diagnostic(
                "empty-see-also",
                f"the see-also section of '{section.entry.id}' is empty",
                section.heading.span,
                "add links to related entries, or remove the section",
            )


@emits("see-also-text")
def entry_see_also_text(graph: TermGraph, entry: Entry) -> Iterable[Diagnostic]:
    """``see-also-text``: an item of a see-also section that is not a cross-reference."""
    for section in _sections(graph, entry):
        for item in section.texts:
            text = html.unescape(_strip_tags(item.html))
            if item.html.startswith("<a"):
                message = f"see-also item '{text}' links outside the glossary"
            else:
                message = f"see-also item '{text}' is text, not a link"
            yield _diagnostic(
                "see-also-text",
                message,
                item.span or section.heading.span,
                "write it as a link to an entry, [Text](#Id), or move it out of the see-also section",
            )


def _strip_tags(fragment: str) -> str:
    out: list[str] = []
    inside = False
    for char in fragment:
        if char == "<":
            inside = True
        elif char == ">" and inside:
            inside = False
        elif not inside and char != "\x00":
            out.append(char)
    return "".join(out).strip()


@emits("see-also-self")
def entry_see_also_self(graph: TermGraph, entry: Entry) -> Iterable[Diagnostic]:
    """``see-also-self``: a see-also link to the entry it is written in."""
    for section in _sections(graph, entry):
        entry_id = section.entry.id
        for link in section.links:
            if link.target is not None and link.target.entry_id == entry_id:
                where = "its own entry" if link.target.anchor is None else "a section of its own entry"
                yield _diagnostic(
                    "see-also-self",
                    f"see-also link '{link.reference.text}' leads to {where} '{entry_id}'",
                    link.reference.span,
                    "remove the link; see-also lists other entries",
                    data=(("target", link.reference.target),),
                )


@emits("see-also-duplicate")
def entry_see_also_duplicate(graph: TermGraph, entry: Entry) -> Iterable[Diagnostic]:
    """``see-also-duplicate``: the same target twice in one see-also section."""
    for section in _sections(graph, entry):
        first: dict[str, Reference] = {}
        for link in section.links:
            reference = link.reference
            earlier = first.setdefault(reference.target, reference)
            if earlier is not reference:
                yield _diagnostic(
                    "see-also-duplicate",
                    f"'#{reference.target}' is listed twice in the see-also section of '{section.entry.id}'",
                    reference.span,
                    "remove one of the two links",
                    related=(Related(earlier.span, "first listed here"),),
                    data=(("target", reference.target),),
                )


def order_key(reference: Reference) -> tuple[int, tuple[int, str, str]]:
    """Where a see-also link goes in A–Z order: by its text (German collation), ``Index`` last."""
    return (1 if reference.target == INDEX_ID else 0, sort_key(reference.text))


@emits("see-also-unsorted")
def entry_see_also_unsorted(graph: TermGraph, entry: Entry) -> Iterable[Diagnostic]:
    """``see-also-unsorted``: links not in A–Z order of their text (German collation, Index last)."""
    for section in _sections(graph, entry):
        written = [link.reference for link in section.links]
        wanted = sorted(written, key=order_key)
        for actual, expected in zip(written, wanted):
            if actual is not expected:
                yield _diagnostic(
                    "see-also-unsorted",
                    f"see-also links of '{section.entry.id}' are not in alphabetical order: "
                    f"'{expected.text}' should come before '{actual.text}'",
                    actual.span,
                    "order: " + ", ".join(reference.text for reference in wanted),
                )
                break


@emits("asymmetric-see-also")
def entry_asymmetric_see_also(graph: TermGraph, entry: Entry) -> Iterable[Diagnostic]:
    """``asymmetric-see-also``: A lists B under see-also, B does not list A (once per pair)."""
    facts = graph.derived(_EntryFacts)
    for section in _sections(graph, entry):
        source = section.entry
        reported: set[str] = set()
        for link in section.links:
            other = link.target.entry_id if link.target is not None else None
            if other is None or other == source.id or other in reported:
                continue
            if source.id in facts.listed_by(other):
                continue
            reported.add(other)
            yield _diagnostic(
                "asymmetric-see-also",
                f"'{source.id}' lists '{other}' under see-also, but '{other}' does not list '{source.id}'",
                link.reference.span,
                f"add [{source.title_text}](#{source.id}) to the see-also section of '{other}'",
                related=(Related(graph.entries[other].heading.span, f"'{other}' defined here"),),
                data=(("target", link.reference.target),),
            )


def _see_also_entries(graph: TermGraph, entry: Entry) -> set[str]:
    targets = zip(entry.references, graph.resolved.get(entry.id, ()))
    return {
        target.entry_id
        for reference, target in targets
        if target is not None and target.entry_id is not None and reference.kind is ReferenceKind.SEE_ALSO
    }


SEE_ALSO_ENTRY_CHECKS: tuple[EntryCheck, ...] = (
    entry_missing_see_also,
    entry_empty_see_also,
    entry_see_also_text,
    entry_see_also_self,
    entry_see_also_duplicate,
    entry_see_also_unsorted,
    entry_asymmetric_see_also,
)
"""The see-also checks, each of one entry, in the order they run."""

SEE_ALSO_CHECKS = tuple(every_entry(check) for check in SEE_ALSO_ENTRY_CHECKS)
"""The same over the whole graph."""
(
    missing_see_also,
    empty_see_also,
    see_also_text,
    see_also_self,
    see_also_duplicate,
    see_also_unsorted,
    asymmetric_see_also,
) = SEE_ALSO_CHECKS
