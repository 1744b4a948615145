"""Findings per file: all of them as ``check`` finds them, or those of a few files anew.

Both use the library's rules (:func:`~glossary_build.checks.run.run_checks`,
:func:`~glossary_build.core.rules.apply_levels`).  :func:`scoped_findings`
runs them on the whole graph with only some entries *listed*: every lookup
still sees every entry, but the checks walk only the listed ones, so an edit
of one entry costs milliseconds instead of seconds at 10,000 entries.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence

from glossary_build.checks.run import CHECKS, run_checks
from glossary_build.core import diagnostics as diag
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.model import Entry, ParsedFile
from glossary_build.core.rules import EMITS, apply_levels
from glossary_build.graph.suggest import suggester_for
from glossary_build.graph.terms import TermGraph

Findings = dict[str, tuple[Diagnostic, ...]]
"""Findings by the path they are reported at, sorted as ``check`` reports them."""

WHOLE_GLOSSARY_RULES = frozenset({"duplicate-id", "case-collision"})
"""Rules whose findings depend on the ids of the whole glossary, not on one entry and the
entries it links to.  An edit that keeps every id (the patched graph) can change them only
where they name a heading of the edited file; then they are found anew over the whole graph."""

LOCAL_CHECKS = tuple(check for check in CHECKS if not set(EMITS.get(check, ())) <= WHOLE_GLOSSARY_RULES)
WHOLE_CHECKS = tuple(check for check in CHECKS if check not in LOCAL_CHECKS)


def by_path(diagnostics: Iterable[Diagnostic]) -> Findings:
    """``diagnostics`` grouped by path, each group in report order."""
    grouped: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        grouped.setdefault(diagnostic.span.path, []).append(diagnostic)
    return {path: tuple(sorted(found, key=diag.sort_key)) for path, found in grouped.items()}


def all_findings(
    graph: TermGraph, files: Iterable[ParsedFile], problems: Iterable[Diagnostic], levels: Mapping[str, str]
) -> Findings:
    """Every finding, as ``check`` makes them: reading problems, each file's own findings, the rules."""
    found = [*problems, *(d for parsed in files for d in parsed.diagnostics), *run_checks(graph, levels=levels)]
    return by_path(apply_levels(found, levels))


class ListedEntries(Mapping[str, Entry]):
    """All entries for lookups, only ``listed`` ones for walking over them."""

    def __init__(self, entries: Mapping[str, Entry], listed: Sequence[str]) -> None:
        self.entries = entries
        self.listed = listed

    def __getitem__(self, key: str) -> Entry:
        return self.entries[key]

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.listed)

    def __len__(self) -> int:
        return len(self.listed)


def scoped_findings(
    graph: TermGraph,
    files: Mapping[str, ParsedFile],
    problems: Mapping[str, Sequence[Diagnostic]],
    paths: set[str],
    levels: Mapping[str, str],
    kept: Findings,
) -> Findings:
    """The findings of the files ``paths``; those of :data:`WHOLE_GLOSSARY_RULES` are taken
    from ``kept`` (they must be valid for ``graph``)."""
    listed = _listed(graph, files, paths)
    view = dataclasses.replace(graph, entries=ListedEntries(graph.entries, listed))
    view.remember(suggester_for, graph.derived(suggester_for))
    found = run_checks(view, LOCAL_CHECKS, levels=levels)
    own = [d for path in paths for d in (*problems.get(path, ()), *_parsed(files, path))]
    fresh = by_path(apply_levels([*own, *(d for d in found if d.span.path in paths)], levels))
    result: Findings = {}
    for path in paths:
        whole = [d for d in kept.get(path, ()) if d.code in WHOLE_GLOSSARY_RULES]
        result[path] = tuple(sorted([*fresh.get(path, ()), *whole], key=diag.sort_key))
    return result


def whole_glossary_findings(graph: TermGraph, levels: Mapping[str, str]) -> Findings:
    """The findings of :data:`WHOLE_GLOSSARY_RULES` over the whole graph."""
    return by_path(apply_levels(run_checks(graph, WHOLE_CHECKS, levels=levels), levels))


def _parsed(files: Mapping[str, ParsedFile], path: str) -> tuple[Diagnostic, ...]:
    parsed = files.get(path)
    return parsed.diagnostics if parsed is not None else ()


def _listed(graph: TermGraph, files: Mapping[str, ParsedFile], paths: set[str]) -> list[str]:
    """The entries whose findings are reported in ``paths``: their own, and those that show a
    later copy written there (a copy's broken links are found with the entry it is shown on)."""
    listed = {
        entry.id for path in paths for entry in (files[path].entries if path in files else ())
        if graph.entries.get(entry.id) is entry
    }
    for owner, copies in graph.copies.items():
        if any(copy.entry.path in paths for copy in copies):
            listed.add(owner)
    return [entry_id for entry_id in graph.entries if entry_id in listed]
