"""Findings derived from the term graph: broken references, duplicate and colliding ids.

Each check is a function from the graph to diagnostics; :func:`run_checks`
runs them all.  Severities are the rules' defaults; configured levels are
applied afterwards (:func:`glossary_build.rules.apply_levels`).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from .diagnostics import Diagnostic, Related
from .graph import Definition, TermGraph
from .model import Reference
from .paths import assign_page_paths
from .rules import default_severity

Check = Callable[[TermGraph], Iterable[Diagnostic]]

MAX_RELATED = 20
"""At most this many other places are named in one finding."""


def run_checks(graph: TermGraph, checks: Sequence[Check] | None = None) -> list[Diagnostic]:
    """All findings of ``checks`` (default: :data:`CHECKS`) on ``graph``."""
    found: list[Diagnostic] = []
    for check in checks if checks is not None else CHECKS:
        found.extend(check(graph))
    return found


def broken_references(graph: TermGraph) -> Iterable[Diagnostic]:
    """One ``broken-reference`` per reference whose target is not defined."""
    suggest = Suggester(graph.definitions)
    for _entry, reference, target in graph.references():
        if target is None:
            yield _broken(reference, suggest(reference.target))


def _broken(reference: Reference, hint: str | None) -> Diagnostic:
    return Diagnostic(
        "broken-reference",
        default_severity("broken-reference"),
        f"no entry or heading has id '{reference.target}'",
        reference.span,
        hint,
        data=(("target", reference.target), ("kind", reference.kind.value)),
    )


class Suggester:
    """Finds the id a broken reference probably meant; results are cached per target."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = sorted(ids)
        self.loose: dict[str, list[str]] = defaultdict(list)
        for ident in self.ids:
            self.loose[_loose(ident)].append(ident)
        self.cache: dict[str, str | None] = {}

    def __call__(self, target: str) -> str | None:
        """A hint naming the nearest id, or None."""
        if target not in self.cache:
            self.cache[target] = self._hint(target)
        return self.cache[target]

    def _hint(self, target: str) -> str | None:
        same = self.loose.get(_loose(target))
        if same:
            nearest = same[0]
            if nearest.casefold() == target.casefold():
                return f"did you mean '{nearest}'? ids are case-sensitive and this differs only in case"
            return f"did you mean '{nearest}'?"
        nearby = [ident for ident in self.ids if abs(len(ident) - len(target)) <= max(2, len(target) // 4)]
        close = difflib.get_close_matches(target, nearby, n=1, cutoff=0.8)
        return f"did you mean '{close[0]}'?" if close else None


def _loose(ident: str) -> str:
    """An id without case, hyphens, underscores, dots and spaces."""
    return "".join(char for char in ident.casefold() if char not in "-_. ")


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
        for index, definition in enumerate(definitions[1:], start=1):
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


CHECKS: tuple[Check, ...] = (broken_references, duplicate_ids, case_collisions)
