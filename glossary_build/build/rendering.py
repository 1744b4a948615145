"""Render what changed since the last site: term pages, the index, site-wide and static files.

Each file's fingerprint (:mod:`glossary_build.build.fingerprints`) is
compared with the last build's; only changed files are rendered, the others
are passed to the writer as ``None`` ("keep the current file").  Many pages
are rendered in a forked pool while the writer already writes the first ones
(:meth:`SiteUpdate.stream`); the site-wide files are rendered meanwhile in
forked processes (:class:`~glossary_build.build.parallel.Background`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from glossary_build.build import fingerprints
from glossary_build.build.parallel import Background, render_all
from glossary_build.build.site_update import SiteFiles, SiteUpdate, site_wide_files
from glossary_build.core.model import ParsedFile
from glossary_build.core.progress import Progress
from glossary_build.render.pieces import SEARCH_WORDS, Pieces
from glossary_build.render.urls import INDEX_PAGE
from glossary_build.store.cache import digest

if TYPE_CHECKING:  # jinja2 is imported only by runs that render
    from glossary_build.render.site import SiteRenderer


@dataclass(frozen=True)
class KnownSite:
    """What is known of the site a render brings up to date."""

    pages: Mapping[str, bytes]
    """Fingerprint of each of its files (empty: nothing is known, render everything)."""
    site_paths: tuple[str, ...] = ()
    """Paths of its site-wide files (all terms on one page, the map, the search index, ...)."""
    pieces: Mapping[str, Mapping[str, tuple[bytes, Any]]] = field(default_factory=dict)
    """The per-entry pieces of the site-wide files kept from earlier builds
    (:mod:`glossary_build.render.pieces`): any whose fingerprint is current is reused."""


@dataclass(frozen=True)
class RenderJob:
    """How to render: with fingerprints or not, site-wide files now or later, on how many cores."""

    track: bool = True
    """False: render everything and compute no fingerprints (nobody will keep them)."""
    site_wide_later: bool = False
    """Leave out-of-date site-wide files for :attr:`SiteUpdate.site_wide_later` (the dev server)."""
    workers: int | None = None
    """Processes for the term pages (None: one per core)."""
    progress: Progress | None = None
    """Where to report rendering progress."""
    drafts: bool = False
    """The renderer's graph has the drafts in it (``--drafts``): part of every page's fingerprint."""


def render_changes(
    renderer: SiteRenderer,
    files: Sequence[ParsedFile],
    file_digests: Mapping[str, bytes],
    inputs: bytes,
    known: KnownSite,
    job: RenderJob,
) -> SiteUpdate:
    """Render what changed since the site ``known`` describes; ``inputs`` is the digest of
    everything the check depends on, ``file_digests`` each entry file's digest."""
    graph, previous = renderer.graph, known.pages
    site = fingerprints.site_key(renderer.config, renderer.theme, len(graph.entries), job.drafts) if job.track else b""
    site_print = fingerprints.site_fingerprint(site, inputs) if job.track else b""
    site_files = not job.track or previous.get(fingerprints.SITE_FILES) != site_print
    later = job.site_wide_later and bool(known.site_paths)
    # Started before the term pages: forked processes render the site-wide files (and send
    # back the pieces they rendered) while this one renders the term pages (in a pool) and writes.
    groups = renderer.site_file_groups() if (site_files and not later) or not known.site_paths else []
    if job.track:
        keys = fingerprints.entry_keys(files, file_digests, graph)
        pieces_key = fingerprints.piece_key(renderer.config, renderer.theme, len(graph.entries), job.drafts)
        renderer.pieces = Pieces(known.pieces, {SEARCH_WORDS: fingerprints.word_prints(keys, pieces_key)})
    # The search index's pieces need only each entry's source: it starts before the pages'
    # fingerprints are computed (a few tenths of a second at 10,000 entries).
    search = [_start(renderer, group, job) for group in groups[1:]]
    if job.track:
        prints = fingerprints.fingerprints(
            graph, renderer.urls.folders, keys, site, inputs, renderer.views.former, pieces_key
        )
        assert renderer.pieces.prints is not None
        renderer.pieces.prints.update(prints.pieces)
    else:
        prints, previous = fingerprints.untracked(graph, renderer.urls.folders), {}
    site_wide = [_start(renderer, group, job) for group in groups[:1]] + search if groups else None
    plan = fingerprints.plan(prints, previous)
    update = SiteUpdate({}, pieces=renderer.pieces if job.track else None)
    _render_terms(renderer, prints, plan, update, job)
    _render_site_wide(renderer, prints, plan, update, site_wide, known, later=later)
    _static_files(renderer, previous, update)
    update.removed = sorted(set(previous) - set(update.pages) - {fingerprints.SITE_FILES})
    return update


def _render_terms(
    renderer: SiteRenderer,
    prints: fingerprints.Fingerprints,
    plan: fingerprints.Plan,
    update: SiteUpdate,
    job: RenderJob,
) -> None:
    progress = job.progress or Progress()
    paths = {entry_id: path for path, entry_id in prints.term_ids.items()}
    update.files.update(dict.fromkeys(prints.term_ids))
    update.rendered.extend(paths[entry_id] for entry_id in plan.terms)
    update.waiting = {paths[entry_id] for entry_id in plan.terms}
    progress.start("rendering", len(plan.terms))
    pages = render_all(renderer.term_page, plan.terms, workers=job.workers, progress=progress.advance)
    update.pending = ((paths[entry_id], page) for entry_id, page in pages)
    update.done = progress.finish
    update.pages.update(prints.terms)


def _render_site_wide(
    renderer: SiteRenderer,
    prints: fingerprints.Fingerprints,
    plan: fingerprints.Plan,
    update: SiteUpdate,
    site_wide: Sequence[Background[SiteFiles]] | None,
    known: KnownSite,
    *,
    later: bool,
) -> None:
    update.files[INDEX_PAGE] = renderer.index_page() if plan.index else None
    if plan.index:
        update.rendered.append(INDEX_PAGE)
    update.pages[INDEX_PAGE] = prints.index
    if site_wide is not None:  # pending like the term pages, after them
        paths = renderer.site_file_paths()
        update.files.update(dict.fromkeys(paths))
        update.rendered.extend(paths)
        update.site_paths = tuple(paths)
        update.waiting.update(paths)
        rendered = site_wide_files(site_wide, paths, renderer.pieces.new)
        update.pending = itertools.chain(update.pending or (), rendered)
    else:
        # Kept as they are, but for a path that is a term page now: the old id whose redirect
        # page was there became a live id again.  Its page is the term page.
        kept = tuple(path for path in known.site_paths if path not in prints.term_ids)
        update.files.update(dict.fromkeys(kept))
        update.site_paths = kept
    site_print = prints.site
    if plan.site_files and later:  # the kept files keep their old fingerprint until rendered
        update.site_wide_later, update.site_print = renderer.site_files, prints.site
        site_print = known.pages.get(fingerprints.SITE_FILES, b"")
    update.pages[fingerprints.SITE_FILES] = site_print
    for path in update.site_paths:
        update.pages[path] = site_print


def _start(renderer: SiteRenderer, group: Callable[[], dict[str, bytes]], job: RenderJob) -> Background[SiteFiles]:
    """Render ``group`` of site-wide files in a forked process; it sends back the files and the
    pieces it rendered (which would be lost with the process otherwise)."""

    def work() -> SiteFiles:
        files = group()
        return files, renderer.pieces.new

    return Background(work, workers=job.workers)


def _static_files(renderer: SiteRenderer, previous: Mapping[str, bytes], update: SiteUpdate) -> None:
    for path, data in renderer.static_files().items():
        fingerprint = digest(data)
        unchanged = previous.get(path) == fingerprint
        update.files[path] = None if unchanged else data
        update.pages[path] = fingerprint
        if not unchanged:
            update.rendered.append(path)
