"""The term graph as data: ``glossary-build graph --format json|dot``.

``json`` (:func:`graph_json`) lists every entry with its sections and its
references, resolved; the shape is described by ``docs/graph-json-schema.json``
and stays stable within a :data:`VERSION`.  ``dot`` (:func:`graph_dot`) is
for Graphviz: one node per entry, one edge per linked pair and kind (inline
solid, see-also dashed), and a dotted grey node for each missing id.
"""

from __future__ import annotations

import json
from typing import Any

from .graph import Target, TermGraph
from .model import Entry, ReferenceKind

VERSION = 1
"""Version of the JSON shape; raised only when a field changes meaning or is removed."""


def graph_data(graph: TermGraph) -> dict[str, Any]:
    """The graph as plain data, in the shape of ``docs/graph-json-schema.json``."""
    return {
        "version": VERSION,
        "entries": [_entry(graph, entry) for entry in graph.entries.values()],
    }


def graph_json(graph: TermGraph) -> str:
    """:func:`graph_data` as indented JSON."""
    return json.dumps(graph_data(graph), ensure_ascii=False, indent=2) + "\n"


def _entry(graph: TermGraph, entry: Entry) -> dict[str, Any]:
    anchors = graph.anchors.get(entry.id, ())
    return {
        "id": entry.id,
        "title": entry.title_text,
        "path": entry.path,
        "line": entry.heading.span.line,
        "classes": list(entry.heading.classes),
        "sections": [
            {
                "id": anchor,
                "title": section.heading.title_text,
                "line": section.heading.span.line,
                "classes": list(section.heading.classes),
            }
            for section, anchor in zip(entry.sections, anchors)
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
            for reference, target in zip(entry.references, graph.resolved.get(entry.id, ()))
        ],
    }


def graph_dot(graph: TermGraph) -> str:
    """The graph in Graphviz's DOT language."""
    lines = [
        "digraph glossary {",
        "  node [shape=box, fontname=\"sans-serif\"];",
        "  edge [color=\"#555555\"];",
    ]
    for entry in graph.entries.values():
        lines.append(f"  {_quote(entry.id)} [label={_quote(entry.title_text)}];")
    missing: dict[str, None] = {}
    edges: dict[tuple[str, str, ReferenceKind], None] = {}
    for entry, reference, target in graph.references():
        node = _node(entry.id, reference.target, target)
        if node is None:
            continue
        if target is None:
            missing[reference.target] = None
        edges[(entry.id, node, reference.kind)] = None
    for target_id in missing:
        lines.append(
            f"  {_quote('?' + target_id)} [label={_quote(target_id)}, style=dotted, "
            "color=grey, fontcolor=grey];"
        )
    for source, node, kind in edges:
        style = ["style=dashed"] if kind is ReferenceKind.SEE_ALSO else []
        if node.startswith("?"):
            style.append("color=grey")
        attributes = f" [{', '.join(style)}]" if style else ""
        lines.append(f"  {_quote(source)} -> {_quote(node)}{attributes};")
    lines.append("}")
    return "\n".join(lines) + "\n"


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
