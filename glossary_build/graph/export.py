"""The term graph as data: ``glossary-build graph --format json|dot``.

``json`` (:func:`graph_json`) lists every entry as written, later copies of a
duplicate id included (each says which copy the site shows), with its
sections and its references, resolved; the shape is described by ``docs/graph-json-schema.json``
and stays stable within a :data:`VERSION`.  ``dot`` (:func:`graph_dot`) is
for Graphviz: one node per entry (a later copy of an id dashed red, with a
dotted edge to the entry that shows it), one edge per linked pair and kind
(inline solid, see-also dashed), and a dotted grey node for each missing id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from glossary_build.core.model import Entry, ReferenceKind
from glossary_build.graph.terms import Target, TermGraph

VERSION = 2
"""Version of the JSON shape; raised only when a field changes meaning or is removed."""


@dataclass(frozen=True, slots=True)
class WrittenEntry:
    """One entry as written, with what the graph made of it."""

    entry: Entry
    """The entry."""
    anchors: tuple[str, ...]
    """Its sections' final anchors."""
    resolved: tuple[Target | None, ...]
    """The target of each of its references."""
    shown_by: Entry | None
    """For a later copy of an id, the entry whose page shows it; None for a shown entry."""


def written_entries(graph: TermGraph) -> list[WrittenEntry]:
    """Every entry as written, copies of a duplicate id included, in source order."""
    written = [
        WrittenEntry(entry, graph.anchors.get(entry_id, ()), graph.resolved.get(entry_id, ()), None)
        for entry_id, entry in graph.entries.items()
    ]
    for owner, copies in graph.copies.items():
        written.extend(WrittenEntry(c.entry, c.anchors, c.resolved, graph.entries[owner]) for c in copies)
    return sorted(written, key=lambda item: (item.entry.path, item.entry.heading.span.line))


def graph_data(graph: TermGraph) -> dict[str, Any]:
    """The graph as plain data, in the shape of ``docs/graph-json-schema.json``."""
    written = written_entries(graph)
    shadowed: dict[str, list[Entry]] = {}
    for item in written:
        if item.shown_by is not None:
            shadowed.setdefault(item.shown_by.id, []).append(item.entry)
    return {
        "version": VERSION,
        "entries": [_entry(graph, item, shadowed) for item in written],
    }


def graph_json(graph: TermGraph) -> str:
    """:func:`graph_data` as indented JSON."""
    return json.dumps(graph_data(graph), ensure_ascii=False, indent=2) + "\n"


def _place(entry: Entry) -> dict[str, Any]:
    return {"path": entry.path, "line": entry.heading.span.line, "entry": entry.id}


def _entry(graph: TermGraph, item: WrittenEntry, shadowed: dict[str, list[Entry]]) -> dict[str, Any]:
    entry, shown = item.entry, item.shown_by is None
    return {
        "id": entry.id,
        "title": entry.title_text,
        "path": entry.path,
        "line": entry.heading.span.line,
        "classes": list(entry.heading.classes),
        "aliases": list(entry.concept.aliases),
        "hidden": list(entry.concept.hidden),
        "status": entry.concept.status.value,
        "replaced_by": entry.concept.replaced_by,
        "formerly": list(entry.concept.formerly),
        "shown": shown,
        "shown_with": None if item.shown_by is None else _shown_with(graph, entry, item.shown_by),
        "shadows": [_place(copy) for copy in shadowed.get(entry.id, ())] if shown else [],
        "sections": [
            {
                "id": anchor,
                "title": section.heading.title_text,
                "line": section.heading.span.line,
                "classes": list(section.heading.classes),
            }
            for section, anchor in zip(entry.sections, item.anchors)
        ],
        "references": [
            {
                "target": reference.target,
                "text": reference.text,
                "kind": reference.kind.value,
                "line": reference.span.line,
                "column": reference.span.column,
                "resolved": target is not None,
                "target_kind": target.kind.value if target is not None else None,
                "target_entry": target.entry_id if target is not None else None,
            }
            for reference, target in zip(entry.references, item.resolved)
        ],
    }


def _shown_with(graph: TermGraph, copy: Entry, shown_by: Entry) -> dict[str, Any]:
    """Where the site shows a later copy: the first definition of its id (an entry, or a
    section of one), on whose page the copy's text appears."""
    first = graph.definitions[copy.id].heading.span
    return {"path": first.path, "line": first.line, "entry": shown_by.id}


def graph_dot(graph: TermGraph) -> str:
    """The graph in Graphviz's DOT language."""
    lines = [
        "digraph glossary {",
        "  node [shape=box, fontname=\"sans-serif\"];",
        "  edge [color=\"#555555\"];",
    ]
    written = written_entries(graph)
    for item in written:
        lines.append(_dot_node(item))
    missing: dict[str, None] = {}
    edges: dict[tuple[str, str, ReferenceKind | None], None] = {}
    for item in written:
        source = _dot_id(item)
        if item.shown_by is not None:
            edges[(source, item.shown_by.id, None)] = None
        for reference, target in zip(item.entry.references, item.resolved):
            node = _node(item.entry.id, reference.target, target)
            if node is None:
                continue
            if target is None:
                missing[reference.target] = None
            edges[(source, node, reference.kind)] = None
    for target_id in missing:
        lines.append(
            f"  {_quote('?' + target_id)} [label={_quote(target_id)}, style=dotted, "
            "color=grey, fontcolor=grey];"
        )
    for source, node, kind in edges:
        lines.append(f"  {_quote(source)} -> {_quote(node)}{_edge_style(node, kind)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_id(item: WrittenEntry) -> str:
    """A shown entry's node is its id; a later copy's is ``id@path:line``."""
    if item.shown_by is None:
        return item.entry.id
    return f"{item.entry.id}@{item.entry.path}:{item.entry.heading.span.line}"


def _dot_node(item: WrittenEntry) -> str:
    if item.shown_by is None:
        return f"  {_quote(item.entry.id)} [label={_quote(item.entry.title_text)}];"
    label = f"{item.entry.title_text} (copy, {item.entry.path}:{item.entry.heading.span.line})"
    return f"  {_quote(_dot_id(item))} [label={_quote(label)}, style=dashed, color=red];"


def _edge_style(node: str, kind: ReferenceKind | None) -> str:
    """Inline solid, see-also dashed, to a missing id grey, from a copy to its shown entry dotted."""
    style = []
    if kind is None:
        style = ["style=dotted", "color=red", 'label="copy of"']
    elif kind is ReferenceKind.SEE_ALSO:
        style = ["style=dashed"]
    if node.startswith("?"):
        style.append("color=grey")
    return f" [{', '.join(style)}]" if style else ""


def _node(source: str, written: str, target: Target | None) -> str | None:
    """The node an edge leads to: an entry, ``?id`` for a missing id, or None (index, self)."""
    if target is None:
        return "?" + written
    if target.entry_id is None or target.entry_id == source:
        return None
    return target.entry_id


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'
