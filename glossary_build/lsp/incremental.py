"""The term graph after one file changed, made from the last graph where that is exact.

:func:`~glossary_build.graph.patch.patched_graph` swaps a file's entries into
the last graph when the edit left every id alone; it keeps other files'
backlinks as they were, which is right for the dev server's first page but
not for the checks: a link added in the edited file gives its target a
backlink (no longer an orphan).  :func:`patched` makes those backlinks anew.
Anything else (an id added, removed or renamed, a new file) needs the whole
graph built again, since Pandoc's de-duplication of anchors runs over every
file in path order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from glossary_build.core.model import ParsedFile
from glossary_build.graph.patch import patched_graph
from glossary_build.graph.suggest import suggester_for
from glossary_build.graph.terms import TermGraph


def linked_entries(graph: TermGraph, parsed: ParsedFile) -> set[str]:
    """The entries that the entries of ``parsed`` link to in ``graph`` (their own included)."""
    found: set[str] = set()
    for entry in parsed.entries:
        if graph.entries.get(entry.id) is not entry:
            continue  # a later copy: resolved with its owner
        found.update(t.entry_id for t in graph.resolved.get(entry.id, ()) if t is not None and t.entry_id)
    return found


def patched(graph: TermGraph, old: ParsedFile, new: ParsedFile) -> TermGraph | None:
    """``graph`` with ``old`` replaced by ``new``, every backlink right; None when the ids changed."""
    result = patched_graph(graph, old, new)
    if result is None:
        return None
    mine = {entry.id for entry in new.entries}
    targets = (linked_entries(graph, old) | linked_entries(result, new)) - mine
    rank = {entry_id: index for index, entry_id in enumerate(result.order)}
    backlinks = dict(result.backlinks)
    for target in targets:
        sources = {source for source in graph.backlinks.get(target, ()) if source not in mine}
        sources.update(_linking(result, mine, target))
        backlinks[target] = tuple(sorted(sources, key=rank.__getitem__))
    fixed = dataclasses.replace(result, backlinks=backlinks)
    # The same ids: the suggester (and the hints it found) stays valid.
    fixed.remember(suggester_for, graph.derived(suggester_for))
    return fixed


def _linking(graph: TermGraph, sources: Iterable[str], target: str) -> Iterable[str]:
    for source in sources:
        if any(t is not None and t.entry_id == target for t in graph.resolved.get(source, ())):
            yield source
