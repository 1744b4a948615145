"""Term maps drawn at build time as inline SVG: readable and clickable without JavaScript.

:func:`neighbourhood` is the small map on each term page: the term in the
middle, the terms that link to it on the left, the terms it links to on the
right; see-also relations are dashed, links solid, arrows show the direction.
:func:`glossary_map` lays the whole glossary out with a force-directed
layout, for small glossaries only (:data:`MAX_MAP_TERMS`).

Colours come from CSS classes (``map-edge``, ``map-node``...), so the maps
follow the light and dark theme.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from glossary_build.core.model import ReferenceKind
from glossary_build.graph.terms import TermGraph

MAX_NEIGHBOURS = 12
"""Most neighbours drawn on a term's map."""
MAX_PER_SIDE = 8
"""Most neighbours drawn on one side of a term's map."""
MAX_MAP_TERMS = 200
"""Largest glossary that gets a whole-glossary map."""
LABEL_CHARS = 24
"""Longest label; longer titles are cut with an ellipsis (the full title is the tooltip)."""

WIDTH = 640
ROW = 38
NODE_HEIGHT = 28
SIDE_X = (18, WIDTH - 18)


class Relation:
    """How a neighbour relates to the term in the middle: bits, combined with ``|``.

    Plain ints rather than an ``enum.Flag``, whose arithmetic cost a tenth of
    a term page's rendering time.
    """

    NONE = 0
    LINKS_TO = 1
    """The term links to the neighbour in its text."""
    SEE_ALSO = 2
    """The term lists the neighbour under see-also."""
    LINKED_FROM = 4
    """The neighbour links to the term."""


@dataclass(frozen=True, slots=True)
class Neighbour:
    """One term next to the term in the middle."""

    entry_id: str
    """The neighbour's id."""
    relation: int
    """How it relates: :class:`Relation` bits."""
    weight: int = 0
    """Number of references between the two, for choosing whom to show."""


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """The terms around one term, split into the two sides of the map."""

    outgoing: tuple[Neighbour, ...]
    """Terms the term links to or lists under see-also (right side)."""
    incoming: tuple[Neighbour, ...]
    """Terms that only link to the term (left side)."""
    hidden: int = 0
    """Neighbours left out to keep the map readable."""


def neighbours(graph: TermGraph, entry_id: str, rank: Mapping[str, int] | None = None) -> Neighbourhood:
    """The neighbourhood of ``entry_id``, capped at :data:`MAX_NEIGHBOURS` (:data:`MAX_PER_SIDE` a side)."""
    relation: dict[str, int] = {}
    weight: dict[str, int] = {}
    entry = graph.entries[entry_id]
    for reference, target in zip(entry.references, graph.resolved[entry_id]):
        if target is None or target.entry_id is None or target.entry_id == entry_id:
            continue
        kind = Relation.SEE_ALSO if reference.kind is ReferenceKind.SEE_ALSO else Relation.LINKS_TO
        relation[target.entry_id] = relation.get(target.entry_id, Relation.NONE) | kind
        weight[target.entry_id] = weight.get(target.entry_id, 0) + 1
    for source in graph.backlinks[entry_id]:
        relation[source] = relation.get(source, Relation.NONE) | Relation.LINKED_FROM
        weight[source] = weight.get(source, 0) + 1
    if rank is None:  # callers with many pages pass it in: building it is O(terms) per page
        rank = {term: index for index, term in enumerate(graph.order)}

    def priority(term: str) -> tuple[int, int, int, int]:
        kinds = relation[term]
        return (-bool(kinds & Relation.SEE_ALSO), -bool(kinds & Relation.LINKED_FROM), -weight[term], rank[term])

    out = sorted((t for t in relation if relation[t] & (Relation.LINKS_TO | Relation.SEE_ALSO)), key=priority)
    inc = sorted((t for t in relation if relation[t] == Relation.LINKED_FROM), key=priority)
    half = MAX_NEIGHBOURS // 2
    shown_out = out[: min(MAX_PER_SIDE, MAX_NEIGHBOURS - min(len(inc), half))]
    shown_in = inc[: min(MAX_PER_SIDE, MAX_NEIGHBOURS - len(shown_out))]
    return Neighbourhood(
        outgoing=tuple(Neighbour(t, relation[t], weight[t]) for t in sorted(shown_out, key=rank.__getitem__)),
        incoming=tuple(Neighbour(t, relation[t], weight[t]) for t in sorted(shown_in, key=rank.__getitem__)),
        hidden=len(out) + len(inc) - len(shown_out) - len(shown_in),
    )


def _label(title: str, limit: int = LABEL_CHARS) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


@functools.lru_cache(maxsize=1 << 16)  # the same titles are measured on many pages
def _text_width(text: str, size: float = 13) -> float:
    """A generous estimate of the rendered width of ``text`` in a sans-serif font."""
    return sum(0.33 if ch in "ilIjtf.,:;|!' " else 0.85 if ch.isupper() or ch in "mwMW" else 0.58 for ch in text) * size


def _node(href: str, title: str, x: float, y: float, anchor: str, css: str, limit: int = LABEL_CHARS) -> str:
    label = _label(title, limit)
    width = _text_width(label) + 20
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    tooltip = f"<title>{escape(title)}</title>" if label != title else ""
    return (
        f'<a href="{escape(href)}" class="{css}">{tooltip}'
        f'<rect x="{left:.1f}" y="{y - NODE_HEIGHT / 2:.1f}" width="{width:.1f}" height="{NODE_HEIGHT}" rx="14"/>'
        f'<text x="{left + width / 2:.1f}" y="{y + 4.5:.1f}" text-anchor="middle">{escape(label)}</text></a>'
    )


def _edge(x1: float, y1: float, x2: float, y2: float, css: str, start: bool, end: bool, suffix: str) -> str:
    mid = (x1 + x2) / 2
    markers = (f' marker-start="url(#map-arrow-back-{suffix})"' if start else "") + (
        f' marker-end="url(#map-arrow-{suffix})"' if end else "")
    curve = f"M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
    return f'<path class="{css}" d="{curve}"{markers}/>'


ARROWS = (
    '<defs><marker id="map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
    'orient="auto"><path class="map-arrowhead" d="M0,0 L10,5 L0,10 z"/></marker>'
    '<marker id="map-arrow-back" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="7" markerHeight="7" '
    'orient="auto"><path class="map-arrowhead" d="M10,0 L0,5 L10,10 z"/></marker></defs>'
)


def neighbourhood_svg(
    graph: TermGraph, entry_id: str, href: Callable[[str], str], label: str, more: str = "+{n}",
    rank: Mapping[str, int] | None = None,
) -> str:
    """A term's neighbourhood as two inline SVGs, one wide and one for narrow screens.

    The stylesheet shows one of them; empty when the term has no neighbours.
    """
    hood = neighbours(graph, entry_id, rank)
    if not hood.outgoing and not hood.incoming:
        return ""
    return _wide(graph, entry_id, hood, href, label, more) + _narrow(graph, entry_id, hood, href, label, more)


def _arrows(suffix: str) -> str:
    return ARROWS.replace('id="map-arrow"', f'id="map-arrow-{suffix}"').replace(
        'id="map-arrow-back"', f'id="map-arrow-back-{suffix}"'
    )


def _svg_open(css: str, width: float, height: float, label: str, suffix: str) -> str:
    return (
        f'<svg class="term-map {css}" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}" role="group" aria-label="{escape(label)}">{_arrows(suffix)}'
    )


def _centre(title: str, cx: float, cy: float, size: float = 15) -> tuple[str, float]:
    width = _text_width(_label(title), size) + 28
    return (
        (
            f'<g class="map-centre"><rect x="{cx - width / 2:.1f}" y="{cy - 18:.1f}" width="{width:.1f}" '
            f'height="36" rx="18"/><text x="{cx:.1f}" y="{cy + 5:.1f}" text-anchor="middle">'
            f"{escape(_label(title))}</text></g>"
        ),
        width,
    )


def _directions(neighbour: Neighbour) -> tuple[str, bool, bool]:
    """CSS class of the edge, arrow into the centre, arrow to the neighbour."""
    css = "map-edge see-also" if neighbour.relation & Relation.SEE_ALSO else "map-edge"
    into_centre = bool(neighbour.relation & Relation.LINKED_FROM)
    to_node = bool(neighbour.relation & (Relation.LINKS_TO | Relation.SEE_ALSO))
    return css, into_centre, to_node


def _wide(
    graph: TermGraph, entry_id: str, hood: Neighbourhood, href: Callable[[str], str], label: str, more: str
) -> str:
    rows = max(len(hood.outgoing), len(hood.incoming), 1)
    height = rows * ROW + 24 + (18 if hood.hidden else 0)
    cy = 12 + rows * ROW / 2
    cx = WIDTH / 2
    centre, centre_width = _centre(graph.title(entry_id), cx, cy)
    parts = [_svg_open("wide", WIDTH, height, label, "w")]
    nodes: list[str] = []
    for side, items in ((1, hood.outgoing), (-1, hood.incoming)):
        top = cy - len(items) * ROW / 2 + ROW / 2
        for row, neighbour in enumerate(items):
            y = top + row * ROW
            x = SIDE_X[0] if side < 0 else SIDE_X[1]
            node_title = graph.title(neighbour.entry_id)
            width = _text_width(_label(node_title)) + 20
            inner = x + width if side < 0 else x - width
            css, into_centre, to_node = _directions(neighbour)
            parts.append(_edge(cx + side * centre_width / 2, cy, inner, y, css, into_centre, to_node, "w"))
            nodes.append(_node(href(neighbour.entry_id), node_title, x, y, "start" if side < 0 else "end", "map-node"))
    parts += nodes
    parts.append(centre)
    if hood.hidden:
        parts.append(f'<text class="map-more" x="{cx:.1f}" y="{height - 8}" text-anchor="middle">'
                     f'{escape(more.format(n=hood.hidden))}</text>')
    parts.append("</svg>")
    return "".join(parts)


NARROW_WIDTH = 340
NARROW_LABEL = 19


def _narrow(
    graph: TermGraph, entry_id: str, hood: Neighbourhood, href: Callable[[str], str], label: str, more: str
) -> str:
    """Terms linking here above the term, terms it links to below, two columns each."""
    columns = (NARROW_WIDTH * 0.25, NARROW_WIDTH * 0.75)
    in_rows = (len(hood.incoming) + 1) // 2
    out_rows = (len(hood.outgoing) + 1) // 2
    gap = 56
    cy = 8 + in_rows * ROW + (gap if in_rows else 26)
    height = cy + (gap if out_rows else 26) + out_rows * ROW + (22 if hood.hidden else 4)
    cx = NARROW_WIDTH / 2
    centre, _ = _centre(graph.title(entry_id), cx, cy, 14)
    parts = [_svg_open("narrow", NARROW_WIDTH, height, label, "n")]
    nodes: list[str] = []
    placed = [(neighbour, 8 + ROW / 2 + (i // 2) * ROW, -1) for i, neighbour in enumerate(hood.incoming)]
    placed += [(neighbour, cy + gap + ROW / 2 - 10 + (i // 2) * ROW, 1) for i, neighbour in enumerate(hood.outgoing)]
    counters = {-1: 0, 1: 0}
    for neighbour, y, side in placed:
        x = columns[counters[side] % 2]
        counters[side] += 1
        css, into_centre, to_node = _directions(neighbour)
        y_centre = cy + side * 18
        y_node = y - side * NODE_HEIGHT / 2
        mid = (y_centre + y_node) / 2
        markers = (' marker-start="url(#map-arrow-back-n)"' if into_centre else "") + (
            ' marker-end="url(#map-arrow-n)"' if to_node else "")
        parts.append(f'<path class="{css}" d="M{cx:.1f},{y_centre:.1f} C{cx:.1f},{mid:.1f} {x:.1f},{mid:.1f} '
                     f'{x:.1f},{y_node:.1f}"{markers}/>')
        nodes.append(_node(href(neighbour.entry_id), graph.title(neighbour.entry_id), x, y, "middle", "map-node",
                           NARROW_LABEL))
    parts += nodes
    parts.append(centre)
    if hood.hidden:
        parts.append(f'<text class="map-more" x="{cx:.1f}" y="{height - 6:.1f}" text-anchor="middle">'
                     f'{escape(more.format(n=hood.hidden))}</text>')
    parts.append("</svg>")
    return "".join(parts)


# -- the whole glossary ---------------------------------------------------------------


def edges(graph: TermGraph) -> dict[tuple[str, str], bool]:
    """Undirected edges between entries; True when the edge is only see-also."""
    found: dict[tuple[str, str], bool] = {}
    for entry, reference, target in graph.references():
        if target is None or target.entry_id is None or target.entry_id == entry.id:
            continue
        key = (min(entry.id, target.entry_id), max(entry.id, target.entry_id))
        see_also = reference.kind is ReferenceKind.SEE_ALSO
        found[key] = found.get(key, True) and see_also
    return found


def force_layout(
    nodes: Sequence[str], links: Sequence[tuple[str, str]], iterations: int = 160
) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold positions in the unit square; deterministic (starts on a circle).

    The pairwise loop is the cost (``n²/2`` pairs, 160 times): it runs on plain
    lists and locals, adding each force in the same order as a naive loop over
    ``(a, b)`` pairs, so the positions are the same to the last bit.
    """
    count = len(nodes)
    if count == 0:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    xs = [0.5 + 0.4 * math.cos(2 * math.pi * i / count) for i in range(count)]
    ys = [0.5 + 0.4 * math.sin(2 * math.pi * i / count) for i in range(count)]
    pairs = [(index[a], index[b]) for a, b in links]
    k = 0.8 / math.sqrt(count)
    temperature = 0.1
    for _ in range(iterations):
        sx, sy = _repulsion(xs, ys, k * k)
        _attract(xs, ys, sx, sy, pairs, k)
        for i in range(count):
            length = math.sqrt(sx[i] * sx[i] + sy[i] * sy[i]) or 1e-6
            step = min(length, temperature)
            xs[i] = min(0.98, max(0.02, xs[i] + sx[i] / length * step))
            ys[i] = min(0.98, max(0.02, ys[i] + sy[i] / length * step))
        temperature = max(temperature * 0.97, 0.002)
    return _fill_square({n: [xs[i], ys[i]] for i, n in enumerate(nodes)})


def _repulsion(xs: list[float], ys: list[float], kk: float) -> tuple[list[float], list[float]]:
    """Every pair's repulsive shift; node ``i``'s sum is kept in locals while ``i`` is the first
    of the pair (no other pair touches it then), so the additions keep their order."""
    count = len(xs)
    sx, sy = [0.0] * count, [0.0] * count
    for i in range(count):
        ax, ay, sxi, syi = xs[i], ys[i], sx[i], sy[i]
        for j in range(i + 1, count):
            dx, dy = ax - xs[j], ay - ys[j]
            d2 = dx * dx + dy * dy or 1e-6
            force = kk / d2
            sxi += dx * force
            syi += dy * force
            sx[j] -= dx * force
            sy[j] -= dy * force
        sx[i], sy[i] = sxi, syi
    return sx, sy


def _attract(
    xs: list[float], ys: list[float], sx: list[float], sy: list[float], pairs: Sequence[tuple[int, int]], k: float
) -> None:
    """Add the attraction along each link to the shifts."""
    for a, b in pairs:
        dx, dy = xs[a] - xs[b], ys[a] - ys[b]
        d = math.sqrt(dx * dx + dy * dy) or 1e-6
        force = d / k
        sx[a] -= dx * force
        sy[a] -= dy * force
        sx[b] += dx * force
        sy[b] += dy * force


def _fill_square(pos: Mapping[str, list[float]]) -> dict[str, tuple[float, float]]:
    """Positions stretched to use the whole unit square."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    width = max(xs) - min(xs) or 1.0
    height = max(ys) - min(ys) or 1.0
    return {n: ((p[0] - min(xs)) / width, (p[1] - min(ys)) / height) for n, p in pos.items()}


Layout = Callable[[Sequence[str], Sequence[tuple[str, str]]], Mapping[str, tuple[float, float]]]
"""Positions of ``nodes`` joined by ``links``, as :func:`force_layout` gives them."""


def has_map(graph: TermGraph) -> bool:
    """Whether the glossary is small enough for a whole-glossary map (and not empty)."""
    return 0 < len(graph.entries) <= MAX_MAP_TERMS


def layout_input(graph: TermGraph) -> tuple[list[str], list[tuple[str, str]]] | None:
    """The nodes and links :func:`glossary_map` lays out, in the order it passes them (the
    order of the forces' additions, so of the positions' last bits); None without a map."""
    return (list(graph.order), list(edges(graph))) if has_map(graph) else None


def glossary_map(graph: TermGraph, href: Callable[[str], str], label: str, layout: Layout = force_layout) -> str:
    """The whole glossary as SVG, or empty when it has more than :data:`MAX_MAP_TERMS` terms.
    ``layout`` places the nodes: :func:`force_layout`, or the positions it gave before."""
    if not has_map(graph):
        return ""
    nodes = list(graph.order)
    links = edges(graph)
    positions = layout(nodes, list(links))
    width, height = 1000, 760
    degree: Mapping[str, int] = {n: sum(n in key for key in links) for n in nodes}

    def at(node: str) -> tuple[float, float]:
        x, y = positions[node]
        return 110 + x * (width - 220), 40 + y * (height - 70)

    opening = (
        f'<svg class="glossary-map" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="group" aria-label="{escape(label)}">'
    )
    parts = [opening]
    for (a, b), see_also in sorted(links.items()):
        (x1, y1), (x2, y2) = at(a), at(b)
        css = "map-edge see-also" if see_also else "map-edge"
        parts.append(f'<line class="{css}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"/>')
    for node in nodes:
        x, y = at(node)
        radius = 4 + min(degree[node], 16) * 0.5
        title = graph.title(node)
        parts.append(
            f'<a href="{escape(href(node))}" class="map-node"><circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"/>'
            f'<text x="{x:.1f}" y="{y - radius - 4:.1f}" text-anchor="middle">{escape(_label(title))}</text></a>'
        )
    parts.append("</svg>")
    return "".join(parts)
