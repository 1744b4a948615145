"""Checks of ids and references: broken references, duplicate and colliding ids, orphans
and entries without text (the see-also checks are in :mod:`glossary_build.checks.seealso`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from glossary_build.checks.entrywise import EntryCheck, every_entry
from glossary_build.core.diagnostics import Diagnostic, Related
from glossary_build.core.model import Entry, Reference
from glossary_build.core.page_paths import assign_page_paths
from glossary_build.core.rules import default_severity, emits
from glossary_build.graph.suggest import suggester_for
from glossary_build.graph.terms import Definition, TermGraph

Check = Callable[[TermGraph], Iterable[Diagnostic]]
"""A check: findings from the graph alone, with the rules' default severities."""

MAX_RELATED = 20
"""At most this many other places are named in one finding."""


@emits("broken-reference")
def entry_broken_references(graph: TermGraph, entry: Entry) -> Iterable[Diagnostic]:
    """One ``broken-reference`` per reference whose target is not defined, in this language
    or (a multilingual glossary's :attr:`~TermGraph.elsewhere`) in another: a link to a term
    of another language is ``link-to-other-language``'s (:mod:`glossary_build.checks.languages`)."""
    elsewhere = graph.elsewhere
    for _entry, reference, target in graph.entry_references(entry.id):
        if target is None and reference.target not in elsewhere:
            yield _broken(reference, graph.derived(suggester_for)(reference.target))


broken_references = every_entry(entry_broken_references)


def _broken(reference: Reference, hint: str | None) -> Diagnostic:
    return Diagnostic(
        "broken-reference",
        default_severity("broken-reference"),
        f"no entry or heading has id '{reference.target}'",
        reference.span,
        hint,
        data=(("target", reference.target), ("kind", reference.kind.value)),
    )


@emits("duplicate-id")
def duplicate_ids(graph: TermGraph) -> Iterable[Diagnostic]:
    """One ``duplicate-id`` per later definition, naming every other definition."""
    copies: dict[str, list[Definition]] = defaultdict(list)
    for later, first in graph.duplicates:
        if not copies[later.id]:
            copies[later.id].append(first)
        copies[later.id].append(later)
    for ident, definitions in copies.items():
        first = definitions[0]
        named = definitions[: MAX_RELATED + 1]
        for definition in definitions[1:]:
            # Name every other place, but not 50,000 of them 50,000 times.
            others = [d for d in named if d is not definition][:MAX_RELATED]
            more = len(definitions) - 1 - len(others)
            suffix = f" (and {more} more places)" if more > 0 else ""
            yield Diagnostic(
                "duplicate-id",
                default_severity("duplicate-id"),
                f"id '{ident}' is already defined at {first.heading.span}{suffix}",
                definition.heading.span,
                "give one of them another id; links go to the first definition",
                related=tuple(Related(d.heading.span, f"'{ident}' also defined here") for d in others),
                data=(("id", ident),),
            )


@emits("case-collision")
def case_collisions(graph: TermGraph) -> Iterable[Diagnostic]:
    """One ``case-collision`` per entry id whose page folder clashes with another's.

    Ids clash when a case-insensitive file system (macOS, Windows) would see
    one name: ``XAI``/``xAI``, or the same id in two Unicode forms.  Their
    pages get distinct folders (``xAI~2``); the finding says so.
    """
    for collision in assign_page_paths(sorted(graph.entries)).collisions:
        if len(collision.ids) < 2:
            continue
        entries = sorted((graph.entries[i] for i in collision.ids), key=lambda e: (e.path, e.heading.span.line))
        first = entries[0]
        for entry in entries[1:]:
            yield Diagnostic(
                "case-collision",
                default_severity("case-collision"),
                f"ids '{entry.id}' and '{first.id}' differ only in case; "
                "their pages clash on case-insensitive file systems",
                entry.heading.span,
                f"rename one of them; until then the page of '{entry.id}' is "
                f"'{dict(zip(collision.ids, collision.folders))[entry.id]}/'",
                related=(Related(first.heading.span, f"'{first.id}' defined here"),),
                data=(("id", entry.id),),
            )


@emits("orphan-term")
def orphan_terms(graph: TermGraph) -> Iterable[Diagnostic]:
    """``orphan-term``: an entry no other entry links to (inline or under see-also)."""
    for entry_id, entry in graph.entries.items():
        if not graph.backlinks.get(entry_id):
            yield Diagnostic(
                "orphan-term",
                default_severity("orphan-term"),
                f"no other entry links to '{entry_id}'",
                entry.heading.span,
                "link to it from a related entry's text or see-also section",
                data=(("id", entry_id),),
            )


@emits("empty-entry", "missing-definition")
def entry_empty(graph: TermGraph, entry: Entry) -> Iterable[Diagnostic]:
    """``empty-entry`` (no lead text) and ``missing-definition`` (a lead without a paragraph)."""
    entry_id = entry.id
    has_lead = bool(entry.taglines_html) or bool(entry.lead_html.strip())
    if not has_lead:
        where = "before its first section" if entry.sections else "at all"
        yield Diagnostic(
            "empty-entry",
            default_severity("empty-entry"),
            f"entry '{entry_id}' has no text {where}",
            entry.heading.span,
            "start the entry with a paragraph that defines the term",
            data=(("id", entry_id),),
        )
    elif not entry.definition_text:
        yield Diagnostic(
            "missing-definition",
            default_severity("missing-definition"),
            f"the lead of '{entry_id}' has no ordinary paragraph to serve as its definition",
            entry.heading.span,
            "start the lead with a paragraph that defines the term; "
            "it is used for previews, search and page descriptions",
            data=(("id", entry_id),),
        )


empty_entries = every_entry(entry_empty)

TERM_CHECKS: tuple[Check, ...] = (
    broken_references,
    duplicate_ids,
    case_collisions,
    orphan_terms,
    empty_entries,
)
"""The checks of ids and references, in the order their findings are collected."""

TERM_ENTRY_CHECKS: tuple[EntryCheck, ...] = (entry_broken_references, entry_empty)
"""Those of :data:`TERM_CHECKS` that look at one entry at a time."""
TERM_GRAPH_CHECKS: tuple[Check, ...] = (duplicate_ids, case_collisions, orphan_terms)
"""Those that look at the whole glossary."""
