"""Checks whose findings belong to one entry: the unit of an incremental check.

An *entry check* finds the problems of one entry (and of its copies, the
later entries with the same id shown on its page) from the entry itself and
what it references; :func:`every_entry` makes it a check of the whole graph.
Keeping the two kinds apart lets a second check re-run the entry checks only
for the entries whose findings can have changed
(:mod:`glossary_build.checks.dependencies` says which).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.model import Entry
from glossary_build.core.rules import EMITS
from glossary_build.graph.terms import TermGraph

EntryCheck = Callable[[TermGraph, Entry], Iterable[Diagnostic]]
"""Findings of one entry of the graph (one of :attr:`TermGraph.entries`), default severities."""


def every_entry(check: EntryCheck) -> Callable[[TermGraph], Iterable[Diagnostic]]:
    """``check`` over every entry of the graph, in entry order: the glossary-wide check it
    amounts to, emitting the same rules."""

    def over_graph(graph: TermGraph) -> Iterator[Diagnostic]:
        for entry in graph.entries.values():
            yield from check(graph, entry)

    over_graph.__name__ = over_graph.__qualname__ = check.__name__.removeprefix("entry_")
    over_graph.__doc__ = check.__doc__
    EMITS[over_graph] = EMITS[check]
    return over_graph
