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
  entry's title; its backlinks with their titles; the previous and next
  term with their titles.
- **Index page**: the site key and, in A–Z order, each entry's id, title and
  short definition.
- **Site-wide files** (404, and files made from all entries): the site key
  and the digests of all source files.
- **Static files**: their bytes.

The *site key* covers what every page shows or is made with: the code, the
configuration, the templates and the number of terms.  Changing any of them
renders everything again.

Computing all fingerprints takes tuples of strings already in the graph and
one hash per page: no rendering.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .cache import code_key, config_key, digest
from .config import Config
from .graph import Target, TermGraph
from .model import ParsedFile
from .render.theme import Theme
from .render.urls import INDEX_PAGE

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

    def as_dict(self) -> dict[str, bytes]:
        """Page path (or :data:`SITE_FILES`) -> fingerprint, as stored in the cache."""
        pages = dict(self.terms)
        pages[INDEX_PAGE] = self.index
        pages[SITE_FILES] = self.site
        return pages


def site_key(config: Config, theme: Theme, term_count: int) -> bytes:
    """What every page depends on: code, configuration, templates, number of terms."""
    return digest(code_key(), config_key(config), template_digest(theme), str(term_count))


def template_digest(theme: Theme) -> bytes:
    """A hash of every template the theme can load."""
    parts: list[str | bytes] = []
    for name in sorted(theme.environment.list_templates()):
        source, filename, _ = theme.environment.loader.get_source(theme.environment, name)  # type: ignore[union-attr]
        parts += [name, filename or "", source]
    return digest(*parts)


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
    graph: TermGraph, folders: Mapping[str, str], keys: Mapping[str, bytes], site: bytes, all_sources: bytes
) -> Fingerprints:
    """Fingerprint of every page of ``graph``.

    ``folders`` maps entry ids to their page folders (links show them),
    ``keys`` comes from :func:`entry_keys`, ``site`` from :func:`site_key`,
    ``all_sources`` is a digest of every source file.
    """
    shown_entry = {entry_id: (folders[entry_id], entry.title_text) for entry_id, entry in graph.entries.items()}
    order = graph.order
    terms: dict[str, bytes] = {}
    term_ids: dict[str, str] = {}
    for position, entry_id in enumerate(order):
        shown = (
            shown_entry[entry_id],
            graph.anchors[entry_id],
            [_target(target, shown_entry) for target in graph.resolved[entry_id]],
            [(source, shown_entry[source]) for source in graph.backlinks[entry_id]],
            _neighbour(order, position - 1, shown_entry),
            _neighbour(order, position + 1, shown_entry),
        )
        path = f"{folders[entry_id]}/{INDEX_PAGE}"
        terms[path] = digest(site, keys.get(entry_id, entry_id.encode()), repr(shown))
        term_ids[path] = entry_id
    index = digest(site, repr([(i, shown_entry[i], _index_data(graph, i)) for i in order]))
    return Fingerprints(terms, term_ids, index, digest(site, all_sources))


def _index_data(graph: TermGraph, entry_id: str) -> tuple[str, str]:
    entry = graph.entries[entry_id]
    return entry.heading.title_html, entry.definition_html


def _target(target: Target | None, shown: Mapping[str, tuple[str, str]]) -> tuple[object, ...] | None:
    if target is None:
        return None
    entry = shown.get(target.entry_id) if target.entry_id else None
    return (target.kind.value, target.entry_id, target.anchor, entry)


def _neighbour(
    order: Sequence[str], position: int, shown: Mapping[str, tuple[str, str]]
) -> tuple[str, tuple[str, str]] | None:
    if 0 <= position < len(order):
        return order[position], shown[order[position]]
    return None


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
