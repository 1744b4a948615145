"""Per-entry pieces of the site-wide files, kept between builds.

A site-wide file such as ``all.html`` is mostly one part per term: its
block on the page.  Rendering those parts is what costs; putting them in
order is cheap.  So each term's part is a *piece*, kept with a fingerprint
of exactly the data it shows (:mod:`glossary_build.build.fingerprints`); a
build renders only the pieces whose fingerprint changed and assembles the
file from all pieces in the site's order.  What depends on the whole
glossary (the letter bar, counts, the order itself) is the frame's and is
made anew every time.

Pieces are plain data (kind -> entry id -> ``(fingerprint, value)``) so the
cache can keep them (:class:`glossary_build.store.packs.PieceStore`)
and forked processes can send the ones they rendered back.  A value is
mostly rendered text; it may be any plain data worth keeping per entry (the
counted words the search index weighs, :data:`SEARCH_WORDS`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

T = TypeVar("T")

PieceMap = dict[str, dict[str, tuple[bytes, Any]]]
"""Kind of piece -> entry id -> (fingerprint, rendered text or other plain data)."""

ALL_ENTRY = "all-entry"
"""The kind of a term's block on ``all.html`` (``templates/all-entry.html``)."""
INDEX_ENTRY = "index-entry"
"""The kind of a term's line on the A–Z index page ``index.html`` (``templates/index-entry.html``);
the lines of its aliases listed under their own letters are rendered with each build."""
GRAPH_ENTRY = "graph-entry"
"""The kind of an entry's part of ``graph.json``
(:func:`~glossary_build.render.structured.graph_piece`)."""
MAP_LAYOUT = "map-layout"
"""The kind of the whole-glossary map's layout (:func:`~glossary_build.render.termmap.force_layout`):
one piece, under the id ``""``, for glossaries small enough to get a map.  It depends on
the terms and links alone, but laying it out costs a second at 200 terms, and the map is
rendered again by any edit of an entry."""
SEARCH_WORDS = "search-words"
"""The kind of an entry's counted words for the search index
(:func:`~glossary_build.render.search.entry_word_counts`): a pure function of the entry."""


@dataclass
class Pieces:
    """The pieces known from the last build and those rendered by this one.

    Without ``prints`` nothing is known to be current: every piece is rendered
    (a build without cache, or a file rendered outside an incremental build).
    """

    known: Mapping[str, Mapping[str, tuple[bytes, Any]]] = field(default_factory=dict)
    """The last build's pieces (see :data:`PieceMap`)."""
    prints: dict[str, Mapping[str, bytes]] | None = None
    """Kind -> entry id -> the fingerprint its piece has now; None: untracked."""
    new: PieceMap = field(default_factory=dict)
    """Pieces rendered here, by this build."""

    def get(self, kind: str, entry_id: str, render: Callable[[], T]) -> T:
        """The piece of ``entry_id``: the known one when its fingerprint is current, else rendered."""
        fingerprint = self.prints.get(kind, {}).get(entry_id) if self.prints is not None else None
        if fingerprint is not None:
            known = self.known.get(kind, {}).get(entry_id)
            if known is not None and known[0] == fingerprint:
                return cast(T, known[1])
            made = self.new.get(kind, {}).get(entry_id)
            if made is not None and made[0] == fingerprint:
                return cast(T, made[1])
        text = render()
        if fingerprint is not None:
            self.new.setdefault(kind, {})[entry_id] = (fingerprint, text)
        return text

    @property
    def rendered(self) -> dict[str, int]:
        """How many pieces of each kind were rendered (an observable for tests and progress)."""
        return {kind: len(pieces) for kind, pieces in self.new.items() if pieces}

    def current(self) -> PieceMap:
        """Every current piece, known or rendered (here or, merged into :attr:`new`, in
        forked processes), for the next build; pieces of entries gone or changed are dropped."""
        return {kind: self.current_of(kind) for kind in self.prints or {}}

    def current_of(self, kind: str) -> dict[str, tuple[bytes, Any]]:
        """:meth:`current` of one kind of piece."""
        known, new = self.known.get(kind, {}), self.new.get(kind, {})
        pieces: dict[str, tuple[bytes, Any]] = {}
        for entry_id, fingerprint in (self.prints or {}).get(kind, {}).items():
            piece = new.get(entry_id) or known.get(entry_id)
            if piece is not None and piece[0] == fingerprint:
                pieces[entry_id] = piece
        return pieces


def merge(into: PieceMap, pieces: Mapping[str, Mapping[str, tuple[bytes, Any]]]) -> None:
    """Add ``pieces`` (rendered in another process) to ``into``."""
    for kind, by_entry in pieces.items():
        into.setdefault(kind, {}).update(by_entry)
