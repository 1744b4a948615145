"""The saved entry's own page first: a shortcut for the dev server.

Most saves change one entry's text, links or title, and not its ids (the
entry's and its sections').  The entry's own page then shows nothing that
the save changed elsewhere: the targets of its links can be looked up in
the last graph, who links to it from other files is unchanged (links
within the file are counted again), and its neighbours in the A–Z order
follow from sorting the titles again.  So the page can be
rendered at once from the last graph with the new entry put in
(:func:`patched_graph`), in milliseconds, while the rebuild that brings
every other page (backlinks of a new link's target, previews of a new
definition, labels of a new title), the findings and the site-wide files
up to date follows.

"Not its ids" is decided by comparing :func:`entry_shape` before and after:
the ids, and whether they were written or made from the title, decide the
de-duplicated anchors of every file.  Entries whose id is defined more than
once are left to the rebuild.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Mapping, Sequence

from glossary_build.core.model import Entry, Heading, ParsedFile
from glossary_build.graph.terms import Target, TermGraph, a_to_z, resolve_references


def entry_shape(entry: Entry) -> Hashable:
    """The ids ``entry`` defines, as the term graph de-duplicates them, and its old ids."""
    sections = tuple(_heading_shape(section.heading) for section in entry.sections)
    return (_heading_shape(entry.heading), sections, entry.concept.formerly)


def _heading_shape(heading: Heading) -> Hashable:
    return (heading.id, heading.explicit_id)


def patched_graph(graph: TermGraph, old: ParsedFile, new: ParsedFile) -> TermGraph | None:
    """``graph`` with the entries of ``old`` replaced by those of ``new``, or None when the
    graph would change in more than that (another shape, or an id defined twice)."""
    if len(old.entries) != len(new.entries) or not old.entries:
        return None
    if any(graph.entries.get(entry.id) is not entry or entry.id in graph.copies for entry in old.entries):
        return None
    if any(new.path in (later.heading.span.path, first.heading.span.path) for later, first in graph.duplicates):
        return None
    if any(entry_shape(before) != entry_shape(after) for before, after in zip(old.entries, new.entries)):
        return None
    entries = dict(graph.entries)
    definitions = dict(graph.definitions)
    for after in new.entries:
        entries[after.id] = after
        definitions[after.id] = dataclasses.replace(definitions[after.id], heading=after.heading)
        for section, anchor in zip(after.sections, graph.anchors[after.id]):
            definition = definitions.get(anchor)
            if definition is not None and definition.target.entry_id == after.id:
                definitions[anchor] = dataclasses.replace(definition, heading=section.heading)
    resolved = dict(graph.resolved)
    for after in new.entries:
        resolved[after.id] = resolve_references(after, graph.anchors[after.id], definitions, graph.former)
    retitled = any(before.title_text != after.title_text for before, after in zip(old.entries, new.entries))
    order = a_to_z(entries) if retitled else graph.order
    backlinks = _backlinks_within(graph, new, resolved, order)
    return dataclasses.replace(
        graph, entries=entries, definitions=definitions, resolved=resolved, order=order, backlinks=backlinks
    )


def _backlinks_within(
    graph: TermGraph, new: ParsedFile, resolved: Mapping[str, tuple[Target | None, ...]], order: Sequence[str]
) -> dict[str, tuple[str, ...]]:
    """The backlinks of ``graph`` with those of ``new``'s entries made anew: entries of the
    same file may link to each other (other files' links are as they were)."""
    mine = [entry.id for entry in new.entries]
    rank = {entry_id: index for index, entry_id in enumerate(order)}
    backlinks = dict(graph.backlinks)
    for entry_id in mine:
        sources = {source for source in graph.backlinks[entry_id] if source not in mine}
        sources.update(
            source for source in mine
            if source != entry_id and any(t is not None and t.entry_id == entry_id for t in resolved[source])
        )
        backlinks[entry_id] = tuple(sorted(sources, key=rank.__getitem__))
    return backlinks
