"""Dependency tracking: which files of the site must be rendered again.

Every file of the site gets a *fingerprint*: a hash of exactly the data it
shows.  A file is rendered (and written) again iff its fingerprint changed;
the fingerprints of the last build are kept in the cache.

- **Term page** of entry ``X``: the site key (below); ``X`` itself (its
  source file's digest and its position there: an entry is a pure function
  of its file); the final anchors of its sections (de-duplicated across the
  glossary, so they can change when another file changes); the resolved
  target of each of its references (entry, anchor, index or missing: a
  removed entry turns links to it into "not written yet") with the target
  entry's title, short definition and aliases (previews), its status and,
  for a deprecated target, its successor's title (a link to it is marked and
  names the successor) and page folder; its backlinks, and the previous and next
  term, each with title and page folder; a deprecated term's own successor
  (the banner links it).  Page folders are assigned over
  the whole glossary (two ids may clash), so they are part of what a link
  shows.
- **Index page**: the site key and, in A–Z order, each entry's id, title,
  short definition, aliases (listed under their own letters), status,
  successor and old ids (anchors).  Each term's line on it is a piece
  (:data:`~glossary_build.render.pieces.INDEX_ENTRY`) with a fingerprint of
  its own part of that data, so an edit renders one line and the frame.
- **Site-wide files** (404, and files made from all entries): the site key
  and the digests of all source files.  They are assembled from per-entry
  *pieces* (:mod:`glossary_build.render.pieces`), each with a fingerprint of
  its own (see :func:`fingerprints`): only the changed pieces are rendered.
- **Static files**: their bytes.

The *site key* covers what every page shows or is made with: the code, the
configuration, the templates, whether drafts are shown (``--drafts``) and,
with a theme's own term page templates, the number of terms (the default
term page does not show it: a new entry renders its neighbours and the
pages that link to it, not 10,000 pages).  Changing any of them renders
everything again.  The
redirect pages of old ids are site-wide files.

Computing all fingerprints joins strings already in the graph into one
string per page and hashes it: no rendering, about a tenth of a second for
10,000 pages.  Site-wide files other engineers add to
:meth:`~glossary_build.render.site.SiteRenderer.site_files` are tracked
with no further work: they are rendered again whenever any source changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from glossary_build.core.config import Config
from glossary_build.core.model import ParsedFile, Status
from glossary_build.graph.published import successor
from glossary_build.graph.terms import Target, TermGraph
from glossary_build.render.pieces import ALL_ENTRY, GRAPH_ENTRY, INDEX_ENTRY, MAP_LAYOUT, SEARCH_WORDS
from glossary_build.render.termmap import layout_input
from glossary_build.render.urls import INDEX_PAGE
from glossary_build.store.cache import code_key, config_key, digest

if TYPE_CHECKING:  # jinja2 is imported only by runs that render
    from glossary_build.render.theme import Theme

SITE_FILES = "<site-wide files>"
"""Key of the fingerprint shared by all site-wide files."""


@dataclass(frozen=True)
class Fingerprints:
    """Fingerprint of every file of a site (see the module docstring)."""

    terms: dict[str, bytes]
    """Term page path -> fingerprint."""
    term_ids: dict[str, str]
    """Term page path -> entry id."""
    index: bytes
    """Fingerprint of the index page."""
    site: bytes
    """Fingerprint of every site-wide file."""
    pieces: dict[str, dict[str, bytes]] = field(default_factory=dict)
    """Kind -> entry id -> fingerprint of the entry's piece of a site-wide file (see
    :func:`fingerprints`); empty when untracked."""

    def as_dict(self) -> dict[str, bytes]:
        """Page path (or :data:`SITE_FILES`) -> fingerprint, as stored in the cache."""
        pages = dict(self.terms)
        pages[INDEX_PAGE] = self.index
        pages[SITE_FILES] = self.site
        return pages


COUNTLESS_TERM_PAGE = ("base.html", "term.html", "macros.html")
"""The templates of a term page: the default ones do not show the number of terms (the index
and the site-wide pages do), so adding or removing an entry renders no unrelated term page."""


def site_key(config: Config, theme: Theme, term_count: int, drafts: bool = False) -> bytes:
    """What every page depends on: code, configuration, templates, drafts shown, and the
    number of terms unless the term pages are the default theme's (see :data:`COUNTLESS_TERM_PAGE`)."""
    shown = _count_if_shown(theme, COUNTLESS_TERM_PAGE, term_count)
    return digest(code_key(), config_key(config), template_digest(theme), shown, "drafts" if drafts else "")


def piece_key(config: Config, theme: Theme, term_count: int, drafts: bool = False) -> bytes:
    """What every piece of a site-wide file depends on: :func:`site_key` but the number of
    terms, which the default ``all-entry.html`` and ``index-entry.html`` do not show (so
    adding an entry renders no other piece).  A theme's own may show it: then it is in."""
    shown = _count_if_shown(theme, ("all-entry.html", "index-entry.html"), term_count)
    return digest(code_key(), config_key(config), template_digest(theme), shown, "drafts" if drafts else "", "pieces")


def _count_if_shown(theme: Theme, templates: Sequence[str], term_count: int) -> str:
    """The number of terms as part of a key, or nothing when ``templates`` are the default
    theme's, which do not show it (a theme's own may)."""
    from glossary_build.render.theme import is_default

    return "" if all(is_default(theme, name) for name in templates) else str(term_count)


def template_digest(theme: Theme) -> bytes:
    """A hash of every template the theme can load."""
    parts: list[str | bytes] = []
    for name in sorted(theme.environment.list_templates()):
        source, filename, _ = theme.environment.loader.get_source(theme.environment, name)  # type: ignore[union-attr]
        parts += [name, filename or "", source]
    return digest(*parts)


def theme_digest(theme: Theme) -> bytes:
    """A hash of the theme's templates and static files."""
    static = [path.encode() + digest(source.read_bytes()) for path, source in sorted(theme.static_files.items())]
    return digest(template_digest(theme), *static)


def entry_keys(files: Sequence[ParsedFile], file_digests: Mapping[str, bytes], graph: TermGraph) -> dict[str, bytes]:
    """For each entry of the graph: its file's digest and its position in the file."""
    keys: dict[str, bytes] = {}
    for parsed in files:
        file_digest = file_digests.get(parsed.path, b"")
        for position, entry in enumerate(parsed.entries):
            if graph.entries.get(entry.id) is entry:
                keys[entry.id] = file_digest + position.to_bytes(4, "little")
    return keys


def fingerprints(
    graph: TermGraph,
    folders: Mapping[str, str],
    keys: Mapping[str, bytes],
    site: bytes,
    all_sources: bytes,
    former: Mapping[str, Sequence[str]] | None = None,
    pieces_key: bytes | None = None,
) -> Fingerprints:
    """Fingerprint of every page of ``graph``, and of every entry's pieces of site-wide files.

    ``folders`` maps entry ids to their page folders (links show them),
    ``keys`` comes from :func:`entry_keys`, ``site`` from :func:`site_key`,
    ``all_sources`` is a digest of every source file, ``former`` gives each
    entry's old ids that get an anchor (they depend on other entries: an old
    id that is a live id again gets none), ``pieces_key`` comes from
    :func:`piece_key` (default: ``site``).  The data a page shows
    is joined into one string with separators that cannot occur in ids,
    folders or titles (ASCII record separators), then hashed.

    A term's block on ``all.html`` (:data:`~glossary_build.render.pieces.ALL_ENTRY`)
    shows the entry, its anchors, copies and successor, and of each link's
    target only what an in-page link shows: kind, anchor, id, and the status
    note (deprecated, naming the successor, or draft).  Not its backlinks,
    neighbours or previews: a new link or entry elsewhere leaves it as it is.
    An entry's part of ``graph.json`` (:data:`~glossary_build.render.pieces.GRAPH_ENTRY`)
    shows the entry, its page's folder and the entry each of its references
    (and its copies') leads to.
    """
    label = {entry_id: f"{entry_id}\x1f{folders[entry_id]}\x1f{entry.title_text}" for entry_id, entry in graph.entries.items()}
    successors = _successors(graph, label)
    # A link also shows its target's short definition and aliases (the page's term previews),
    # and whether it is deprecated (naming the successor) or a draft.
    previews = {
        entry_id: "\x1f".join((
            label[entry_id], entry.definition_text, "\x1d".join(entry.concept.aliases),
            entry.concept.status.value, successors.get(entry_id, ""),
        ))
        for entry_id, entry in graph.entries.items()
    }
    notes = {
        entry_id: f"{entry_id}\x1f{entry.concept.status.value}\x1f{successors.get(entry_id, '')}"
        for entry_id, entry in graph.entries.items()
    }
    targets, in_page = _TargetLabels(graph, previews), _TargetLabels(graph, notes)
    order = graph.order
    terms: dict[str, bytes] = {}
    term_ids: dict[str, str] = {}
    blocks: dict[str, bytes] = {}
    graph_parts: dict[str, bytes] = {}
    former = former or {}
    pieces_site = site if pieces_key is None else pieces_key
    last = len(order) - 1
    for position, entry_id in enumerate(order):
        anchors = "\x1d".join(graph.anchors[entry_id])
        # Later entries with the same id are shown on this page too (rare: repr is fine).
        copies = "\x1d".join([repr(copy) for copy in graph.copies.get(entry_id, ())])
        resolved = graph.resolved[entry_id]
        shown = "\x1e".join((
            label[entry_id],
            anchors,
            targets.joined(resolved),
            "\x1d".join([label[source] for source in graph.backlinks[entry_id]]),
            label[order[position - 1]] if position > 0 else "",
            label[order[position + 1]] if position < last else "",
            copies,
            successors.get(entry_id, ""),
        ))
        key = keys.get(entry_id)
        path = f"{folders[entry_id]}/{INDEX_PAGE}"
        terms[path] = digest(site, key or entry_id.encode(), shown)
        term_ids[path] = entry_id
        block = "\x1e".join((
            label[entry_id], anchors, in_page.joined(resolved), copies,
            successors.get(entry_id, ""), "\x1d".join(former.get(entry_id, ())),
        ))
        if key is not None:  # else its source is not known: its pieces are rendered every time
            blocks[entry_id] = digest(pieces_site, key, ALL_ENTRY, block)
            links = "\x1d".join(["-" if target is None else target.entry_id or "" for target in resolved])
            graph_parts[entry_id] = digest(pieces_site, key, GRAPH_ENTRY, label[entry_id], links, copies)
    index_data = {entry_id: _index_data(graph, label, successors, entry_id) for entry_id in order}
    index = digest(site, "\x1e".join(index_data.values()))
    # A line shows exactly its index data: not the source's digest, or an edit elsewhere in
    # the entry (which leaves the index page as it is) would leave its line unkept.
    lines = {
        entry_id: digest(pieces_site, INDEX_ENTRY, data, "\x1d".join(former.get(entry_id, ())))
        for entry_id, data in index_data.items()
    }
    pieces = {ALL_ENTRY: blocks, GRAPH_ENTRY: graph_parts, INDEX_ENTRY: lines}
    layout = layout_input(graph)
    if layout is not None:  # a function of its nodes and links alone
        nodes, edges = layout
        pieces[MAP_LAYOUT] = {"": digest(pieces_site, MAP_LAYOUT, "\x1f".join(nodes), repr(edges))}
    return Fingerprints(terms, term_ids, index, site_fingerprint(site, all_sources), pieces)


def word_prints(keys: Mapping[str, bytes], pieces_key: bytes) -> dict[str, bytes]:
    """The fingerprint of each entry's counted words for the search index
    (:data:`~glossary_build.render.pieces.SEARCH_WORDS`): a function of the entry alone, its
    source's digest and position (``keys``, from :func:`entry_keys`), so it is known before
    the pages' fingerprints."""
    return {entry_id: digest(pieces_key, key, SEARCH_WORDS) for entry_id, key in keys.items()}


def site_fingerprint(site: bytes, all_sources: bytes) -> bytes:
    """The fingerprint of the site-wide files (:attr:`Fingerprints.site`): they show every
    source, so it is known before the pages' fingerprints."""
    return digest(site, all_sources)


def untracked(graph: TermGraph, folders: Mapping[str, str]) -> Fingerprints:
    """Empty fingerprints for a build that keeps none (``--no-cache``): everything is rendered."""
    term_ids = {f"{folders[entry_id]}/{INDEX_PAGE}": entry_id for entry_id in graph.order}
    return Fingerprints(dict.fromkeys(term_ids, b""), term_ids, b"", b"")


def _index_data(graph: TermGraph, label: Mapping[str, str], successors: Mapping[str, str], entry_id: str) -> str:
    entry = graph.entries[entry_id]
    concept = entry.concept
    if concept.status is Status.PREFERRED and not concept.aliases and not concept.formerly:
        return f"{label[entry_id]}\x1f{entry.heading.title_html}\x1f{entry.definition_html}"
    olds = "\x1d".join(old for old in concept.formerly if graph.former.get(old) == entry_id)
    return "\x1f".join((
        label[entry_id], entry.heading.title_html, entry.definition_html, "\x1d".join(concept.aliases),
        concept.status.value, successors.get(entry_id, ""), olds,
    ))


def _successors(graph: TermGraph, label: Mapping[str, str]) -> dict[str, str]:
    """For each deprecated term that names a successor, what a page shows of it: its label,
    or ``-`` when it is not on the site (a replaced-by that names nothing shown)."""
    found: dict[str, str] = {}
    for entry_id, entry in graph.entries.items():
        if entry.concept.status is Status.DEPRECATED:
            named = successor(graph, entry_id)
            found[entry_id] = label[named] if named is not None else f"-\x1f{entry.concept.replaced_by or ''}"
    return found


class _TargetLabels:
    """What a link shows of its target, for every target of the graph's references, made
    once per target: references share them (a glossary of 10,000 entries has 150,000
    references and a tenth as many targets), and joining a page's from a table keyed by
    the targets' identity runs at C speed."""

    def __init__(self, graph: TermGraph, label: Mapping[str, str]) -> None:
        targets = {id(target): target for resolved in graph.resolved.values() for target in resolved}
        self.shown = {key: self._shown(target, label) for key, target in targets.items()}
        self._targets = targets  # their ids are the keys: kept alive with the table

    def joined(self, resolved: Sequence[Target | None]) -> str:
        """What ``resolved`` (one of the graph's) shows, in order, joined."""
        return "\x1d".join(map(self.shown.__getitem__, map(id, resolved)))

    @staticmethod
    def _shown(target: Target | None, label: Mapping[str, str]) -> str:
        if target is None:
            return "-"
        entry = label.get(target.entry_id, "") if target.entry_id else ""
        return f"{target.kind.value}\x1f{target.anchor or ''}\x1f{entry}"


@dataclass(frozen=True)
class Plan:
    """What an incremental build renders, given the last build's fingerprints."""

    terms: tuple[str, ...]
    """Entry ids whose pages are rendered."""
    index: bool
    """Whether the index page is rendered."""
    site_files: bool
    """Whether the site-wide files are rendered."""
    removed: tuple[str, ...]
    """Pages of the last build that no longer exist."""


def plan(current: Fingerprints, previous: Mapping[str, bytes]) -> Plan:
    """Compare fingerprints; with no ``previous`` everything is rendered."""
    terms = tuple(
        current.term_ids[path] for path, fingerprint in current.terms.items() if previous.get(path) != fingerprint
    )
    removed = tuple(
        path for path in previous if path not in current.terms and path not in (INDEX_PAGE, SITE_FILES)
    )
    return Plan(
        terms=terms,
        index=previous.get(INDEX_PAGE) != current.index,
        site_files=previous.get(SITE_FILES) != current.site,
        removed=removed,
    )
