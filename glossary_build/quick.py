"""The saved entry's own page first: a shortcut for the dev server.

Most saves change the text or the links of one entry and nothing else
that the rest of the glossary takes from it: not its id, title or section
ids.  The entry's own page then shows nothing that the save changed
elsewhere: its backlinks, its place in the A–Z order and the targets of
its links are what they were or can be looked up in the last graph.  So
the page can be rendered at once from the last graph with the new entry
put in (:func:`patched_graph`), in milliseconds, while the rebuild that
brings every other page (backlinks of a new link's target, previews of a
new definition), the findings and the site-wide files up to date follows.

"Nothing else" is decided by comparing :func:`entry_shape` before and
after: everything other entries can take from an entry (its ids and their
de-duplication, its headings as link labels, the order by title) is in the
shape.  Entries whose id is defined more than once are left to the rebuild.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable

from .graph import TermGraph, resolve_references
from .model import Entry, Heading, ParsedFile


def entry_shape(entry: Entry) -> Hashable:
    """What other entries' pages and the term graph's ids take from ``entry``."""
    return (_heading_shape(entry.heading), tuple(_heading_shape(section.heading) for section in entry.sections))


def _heading_shape(heading: Heading) -> Hashable:
    return (
        heading.level, heading.id, heading.explicit_id, heading.classes, heading.pairs,
        heading.title_html, heading.title_text,
    )


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
        resolved[after.id] = resolve_references(after, graph.anchors[after.id], definitions)
    return dataclasses.replace(graph, entries=entries, definitions=definitions, resolved=resolved)
