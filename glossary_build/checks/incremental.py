"""Check again only what can have changed: each entry's findings are reused while its key holds.

The entry checks (:data:`~glossary_build.checks.run.ENTRY_CHECKS`) run only
for the entries whose key (:mod:`glossary_build.checks.dependencies`) is not
among the ``known`` findings; the glossary-wide ones
(:data:`~glossary_build.checks.run.GRAPH_CHECKS`: duplicate ids, case
collisions, orphans, alias and old-id clashes, successors) run every time, as
each is one pass over indexes the graph already has (ids, backlinks), a few
milliseconds at 10,000 entries where the entry checks take seconds.  The
findings are those of :func:`~glossary_build.checks.run.run_checks` on the
same graph, in another order (reports sort them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from glossary_build.checks.dependencies import MENTIONED_BY, Checked, EntryKeys, heading_digest, mentioned, still_valid
from glossary_build.checks.run import ENTRY_CHECKS, GRAPH_CHECKS, active, run_checks
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.rules import EMITS
from glossary_build.graph.terms import TermGraph
from glossary_build.store.cache import code_key, digest


@dataclass(frozen=True)
class IncrementalCheck:
    """What :func:`check_incrementally` found."""

    entries: dict[str, Checked]
    """Each entry's findings with their key, to keep for the next run."""
    rechecked: tuple[str, ...]
    """The entries whose checks ran (the others' findings were known)."""
    glossary: list[Diagnostic]
    """The findings of the glossary-wide checks."""

    @property
    def found(self) -> list[Diagnostic]:
        """Every finding of the entry and glossary-wide checks, default severities."""
        return [d for checked in self.entries.values() for d in checked.findings] + self.glossary


def entry_basis(levels: Mapping[str, str] | None) -> bytes:
    """What every entry's findings depend on besides the glossary: the code and which entry
    checks run with ``levels``."""
    return digest(code_key(), *(check.__name__ for check in active(ENTRY_CHECKS, levels)))


def check_incrementally(
    graph: TermGraph,
    files: Mapping[str, bytes],
    known: Mapping[bytes, Checked],
    levels: Mapping[str, str] | None = None,
) -> IncrementalCheck:
    """The findings of ``graph``: the entry checks' from ``known`` (findings by key) where an
    entry's key is there and still valid, found now for the others.  ``files``: each entry
    file's digest by path."""
    checks = active(ENTRY_CHECKS, levels)
    reads_labels = any(code in MENTIONED_BY for check in checks for code in EMITS.get(check, MENTIONED_BY))
    keys = EntryKeys(graph, files, entry_basis(levels), labels=reads_labels)
    entries: dict[str, Checked] = {}
    rechecked: list[str] = []
    for entry_id, entry in graph.entries.items():
        key = keys.key(entry)
        checked = known.get(key)
        if checked is None or not still_valid(checked, key, graph):
            findings = tuple(d for check in checks for d in check(graph, entry))
            names = mentioned(findings)
            checked = Checked(key, names, heading_digest(graph, names) or b"", findings)
            rechecked.append(entry_id)
        entries[entry_id] = checked
    return IncrementalCheck(entries, tuple(rechecked), run_checks(graph, GRAPH_CHECKS, levels))
