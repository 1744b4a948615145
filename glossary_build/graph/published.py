"""The published glossary: the term graph without its drafts (``status=draft``).

``build`` and ``serve`` render this graph unless drafts are asked for
(``--drafts``); ``check`` checks the whole graph.  It is derived from the
whole graph rather than built again from the files without their drafts, so
every other id keeps the anchor the whole glossary (and the authors' Pandoc
book, drafts included) gives it: ``#kernkonzept-3`` leads to the same
section with drafts and without.

Without drafts a draft has no page, is in no list, and links to it (or to
one of its sections, or through one of its old ids) render as "not written
yet"; it is no backlink of any page either.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from glossary_build.core.model import Status
from glossary_build.graph.terms import Copy, Target, TargetKind, TermGraph


def drafts_of(graph: TermGraph) -> frozenset[str]:
    """The ids of the graph's draft entries."""
    return frozenset(entry_id for entry_id, entry in graph.entries.items() if entry.concept.status is Status.DRAFT)


def published(graph: TermGraph) -> TermGraph:
    """``graph`` without its draft entries (``graph`` itself when it has none).

    Use ``graph.derived(published)``: it is computed once per graph.
    """
    drafts = drafts_of(graph)
    if not drafts:
        return graph

    def kept(targets: Sequence[Target | None]) -> tuple[Target | None, ...]:
        return tuple(None if target is not None and target.entry_id in drafts else target for target in targets)

    def copies(found: Sequence[Copy]) -> tuple[Copy, ...]:
        return tuple(
            dataclasses.replace(copy, resolved=kept(copy.resolved))
            for copy in found if copy.entry.concept.status is not Status.DRAFT
        )

    entries = {entry_id: entry for entry_id, entry in graph.entries.items() if entry_id not in drafts}
    return dataclasses.replace(
        graph,
        entries=entries,
        order=tuple(entry_id for entry_id in graph.order if entry_id not in drafts),
        anchors={entry_id: graph.anchors[entry_id] for entry_id in entries},
        definitions={
            ident: definition for ident, definition in graph.definitions.items()
            if definition.target.entry_id not in drafts
        },
        resolved={entry_id: kept(graph.resolved[entry_id]) for entry_id in entries},
        backlinks=_backlinks(graph.backlinks, entries, drafts),
        former={old: entry_id for old, entry_id in graph.former.items() if entry_id not in drafts},
        copies={
            entry_id: shown for entry_id, found in graph.copies.items()
            if entry_id not in drafts and (shown := copies(found))
        },
    )


def _backlinks(
    backlinks: Mapping[str, tuple[str, ...]], entries: Mapping[str, object], drafts: frozenset[str]
) -> dict[str, tuple[str, ...]]:
    return {entry_id: tuple(source for source in backlinks[entry_id] if source not in drafts) for entry_id in entries}


def rendered_graph(graph: TermGraph, drafts: bool) -> TermGraph:
    """The graph a site shows: the whole one with ``drafts``, else the published one."""
    return graph if drafts else graph.derived(published)


def successor(graph: TermGraph, entry_id: str) -> str | None:
    """The entry a deprecated term's ``replaced-by`` leads to in ``graph``: the entry with
    that id, or the one that had it as an old id; None when it names none there (or the
    term itself).  A draft successor is not on the published site, so not in its graph."""
    named = graph.entries[entry_id].concept.replaced_by
    if named is None:
        return None
    definition = graph.definitions.get(named)
    if definition is not None:
        found = definition.target.entry_id if definition.target.kind is TargetKind.ENTRY else None
    else:
        found = graph.former.get(named)
    return None if found == entry_id else found
