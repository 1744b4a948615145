"""A dev-server session: one glossary rebuilt in memory after every save.

Between rebuilds a :class:`PreviewSession` keeps the loader (parse results,
file signatures), the theme, the site in memory and each file's fingerprint,
so a save re-renders only what shows something of the changed file::

    session = PreviewSession(config)
    rebuilt = session.rebuild([])                       # first, full build
    rebuilt = session.quick([Path("entries/x.md")])     # x's page alone, or None
    rebuilt = session.rebuild([Path("entries/x.md")], site_wide_later=True)
    rebuilt.files          # the whole site: path -> bytes
    rebuilt.diagnostics    # every finding
    rebuilt.changed_pages  # paths whose bytes changed (or were removed)
    rebuilt.follow_up()    # the site-wide files left out

A changed template or static file renders every page again (the
fingerprints cover them).  A failed rebuild raises; the session keeps the
last good state.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from glossary_build.build import fingerprints
from glossary_build.build.loading import GlossaryLoader, paused_gc
from glossary_build.build.parallel import markdown_options
from glossary_build.build.rendering import KnownSite, RenderJob, render_changes
from glossary_build.build.site_update import SiteUpdate
from glossary_build.core.config import Config
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.model import ParsedFile, Status
from glossary_build.graph.patch import patched_graph
from glossary_build.graph.published import rendered_graph
from glossary_build.graph.terms import TermGraph
from glossary_build.sources.files import Source, read_source
from glossary_build.store.cache import Cache

if TYPE_CHECKING:  # markdown-it and jinja2 are imported by the runs that parse or render
    from glossary_build.render.theme import Theme

SWEEP_EVERY = 25
"""Every this many rebuilds the frozen objects are collected (:meth:`PreviewSession._sweep_frozen`)."""


class Rebuilt(NamedTuple):
    """What :meth:`PreviewSession.rebuild` produced."""

    files: dict[str, bytes]
    """The whole site in memory."""
    diagnostics: list[Diagnostic]
    """Every finding, configured levels applied, sorted."""
    changed_pages: set[str]
    """Site paths rendered anew or removed since the previous call."""
    follow_up: Callable[[], Rebuilt | None] | None = None
    """With ``site_wide_later``: renders the site-wide files left out and returns the whole
    site; None when that was already done or another rebuild came first."""


class PreviewSession:
    """Rebuilds one glossary in memory, redoing only what changed (see the module docstring)."""

    def __init__(self, config: Config, *, infos: bool = False, use_cache: bool = True, drafts: bool = False) -> None:
        self.loader = GlossaryLoader(config, Cache(config.root if use_cache else None), infos=infos)
        """Reads and parses; ``infos`` is off by default: the browser shows errors and warnings."""
        self.drafts = drafts
        """Show the entries with ``status=draft`` (``serve --drafts``); they are checked either way."""
        self.theme: Theme | None = None
        self.site: dict[str, bytes] = {}
        """The site of the last rebuild."""
        self.pages: dict[str, bytes] = {}
        """Fingerprint of each file of :attr:`site`."""
        self.site_paths: tuple[str, ...] = ()
        """Paths of its site-wide files."""
        self.pieces: Mapping[str, Mapping[str, tuple[bytes, Any]]] = {}
        """The per-entry pieces of its site-wide files (:mod:`glossary_build.render.pieces`);
        at first those the last build left in the cache."""
        self.generation = 0
        """Counts changes of :attr:`site` (a follow-up of an older rebuild does nothing)."""
        self.rebuilds = 0
        self.graph: TermGraph | None = None
        """The term graph of the last rebuild, drafts included (for :meth:`quick`)."""
        self.last_diagnostics: list[Diagnostic] = []
        """The findings of the last rebuild."""
        self.quick_paths: set[Path] = set()
        """Files :meth:`quick` read since the last rebuild."""
        self._markdown: Any = None

    @property
    def config(self) -> Config:
        """The glossary's configuration."""
        return self.loader.config

    def rebuild(self, changed_paths: Sequence[Path] = (), *, site_wide_later: bool = False) -> Rebuilt:
        """Build in memory; ``changed_paths`` are a hint (empty: check everything).

        With ``site_wide_later`` the site-wide files (all terms on one page, the
        map, the search index, ...), which change with almost every edit and
        cost more than the term pages at thousands of entries, keep their last
        version; :attr:`Rebuilt.follow_up` renders them.  The dev server shows
        the edited page first and calls it when no other save is waiting.
        """
        self._sweep_frozen()
        if changed_paths:  # files that quick() read are read again here
            changed_paths = [*changed_paths, *self.quick_paths]
        self.quick_paths = set()
        with paused_gc(freeze=True):
            update, loaded_diagnostics = self._rebuild(changed_paths, site_wide_later)
        follow_up = None
        if update.site_wide_later is not None:
            follow_up = functools.partial(self._finish_site_wide, update, loaded_diagnostics, self.generation)
        changed = set(update.rendered) | set(update.removed)
        return Rebuilt(self.site, loaded_diagnostics, changed, follow_up)

    def _rebuild(self, changed_paths: Sequence[Path], site_wide_later: bool) -> tuple[SiteUpdate, list[Diagnostic]]:
        self._forget_theme_if_changed(changed_paths)
        loaded = self.loader.load(hint=changed_paths, need_graph=True)
        self.graph = loaded.graph
        from glossary_build.render.site import SiteRenderer

        files, graph = self.loader.graph_of(loaded)
        renderer = SiteRenderer(rendered_graph(graph, self.drafts), self.config, self._theme())
        digests = {item.path: item.digest for item in self.loader.inputs.files.values()}
        if not self.site:
            self.pieces = self.loader.cache.pieces()
        known = KnownSite(self.pages if self.site else {}, self.site_paths, self.pieces)
        job = RenderJob(site_wide_later=site_wide_later, drafts=self.drafts)
        update = render_changes(renderer, files, digests, loaded.inputs, known, job)
        completed = update.complete()
        self.site = {path: data if data is not None else self.site[path] for path, data in completed.items()}
        self.pages, self.site_paths = update.pages, update.site_paths
        self._keep_pieces(update)
        self.generation += 1
        diagnostics = self.loader.diagnostics(loaded)  # tens of thousands of objects: no collector
        self.last_diagnostics = diagnostics
        return update, diagnostics

    def _keep_pieces(self, update: SiteUpdate) -> None:
        """Keep the current pieces for the next rebuild (those rendered so far)."""
        if update.pieces is not None:
            self.pieces = update.pieces.current()

    def quick(self, changed_paths: Sequence[Path]) -> Rebuilt | None:
        """The page of the one saved entry file alone, ahead of :meth:`rebuild`, when the save
        changed nothing other pages show of it (see :mod:`glossary_build.graph.patch`); None when
        it did, or when more than one file changed: rebuild at once.

        The findings are those of the last rebuild until the rebuild that must
        follow; the file is read again by that rebuild even if it is not named.
        """
        if self.graph is None or self.theme is None or not self.site:
            return None
        inputs = self.loader.inputs
        found = inputs.named_entries(self.config, {path.resolve() for path in changed_paths})
        if found is None or found[1] or len(found[0]) != 1:
            return None
        [(relative, absolute)] = found[0].items()
        known = inputs.files[relative]
        try:
            source = read_source(relative, absolute.read_bytes())
        except OSError:
            return None
        if not isinstance(source, Source) or known.parsed is None:
            return None
        from glossary_build.parse.entries import parse_source
        from glossary_build.parse.markdown import create_markdown
        from glossary_build.render.site import SiteRenderer

        self._markdown = self._markdown or create_markdown(**markdown_options(self.config))
        parsed = parse_source(relative, source.text, self._markdown)
        graph = patched_graph(self.graph, known.parsed, parsed)
        if graph is None or self._draft_changed(known.parsed, parsed):
            return None
        shown = rendered_graph(graph, self.drafts)
        ids = [entry.id for entry in parsed.entries if entry.id in shown.entries]
        if not ids:  # only drafts, which the site does not show: nothing to render first
            return None
        renderer = SiteRenderer(shown, self.config, self.theme)
        pages = {renderer.term_path(entry_id): renderer.term_page(entry_id) for entry_id in ids}
        self.site = {**self.site, **pages}
        self.pages.update(dict.fromkeys(pages, b""))  # not known to be current: rendered again next time
        self.quick_paths.add(absolute)
        self.generation += 1
        return Rebuilt(self.site, self.last_diagnostics, set(pages))

    def _draft_changed(self, old: ParsedFile, new: ParsedFile) -> bool:
        """Whether a save made a shown entry a draft or a draft a shown entry: pages come or go,
        which only a rebuild does."""
        if self.drafts:
            return False
        drafts = [tuple(entry.concept.status is Status.DRAFT for entry in parsed.entries) for parsed in (old, new)]
        return drafts[0] != drafts[1]

    def _theme(self) -> Theme:
        """The theme, loaded when first needed (and again after a template changed)."""
        from glossary_build.render.theme import load_theme

        self.theme = self.theme or load_theme(self.config.root)
        return self.theme

    def _forget_theme_if_changed(self, changed_paths: Sequence[Path]) -> None:
        """Load the theme again when a full rebuild is asked for or a theme file changed."""
        changed = [path.resolve() for path in changed_paths]
        folders = self.theme.folders if self.theme is not None else ()
        if not changed or any(folder.resolve() in path.parents for path in changed for folder in folders):
            self.theme = None

    def _sweep_frozen(self) -> None:
        """Now and then, let the collector see what earlier rebuilds froze.

        :meth:`rebuild` freezes what it made: between saves the dev server
        then allocates without the collector walking the whole glossary (at
        10,000 entries that walk cost a second per save).  What becomes
        garbage is still freed, except cycles (an old template environment);
        those are collected here every :data:`SWEEP_EVERY` rebuilds.
        """
        self.rebuilds += 1
        if self.rebuilds % SWEEP_EVERY == 0:
            gc.unfreeze()
            gc.collect()

    def _finish_site_wide(self, update: SiteUpdate, diagnostics: list[Diagnostic], generation: int) -> Rebuilt | None:
        """Render the site-wide files :meth:`rebuild` left out, unless another rebuild came since."""
        if generation != self.generation or update.site_wide_later is None:
            return None
        with paused_gc(freeze=True):
            rendered = update.site_wide_later()
        update.site_wide_later = None
        self._keep_pieces(update)
        site = dict(self.site)
        gone = set(self.site_paths) - set(rendered)
        for path in gone:
            del site[path]
            self.pages.pop(path, None)
        changed = {path for path, data in rendered.items() if site.get(path) != data} | gone
        site.update(rendered)
        self.pages.update(dict.fromkeys(rendered, update.site_print))
        self.pages[fingerprints.SITE_FILES] = update.site_print
        self.site, self.site_paths = site, tuple(rendered)
        self.generation += 1
        return Rebuilt(site, diagnostics, changed)


class MultilingualSession:
    """Rebuilds a multilingual glossary in memory (:mod:`glossary_build.build.languages`), with
    :class:`PreviewSession`'s methods.

    Every save renders every language's site again; what is kept between rebuilds
    is each language's loader: unchanged files are neither read nor parsed again.
    """

    def __init__(self, config: Config, *, infos: bool = False, use_cache: bool = True, drafts: bool = False) -> None:
        from glossary_build.build.languages import MultilingualLoader

        self.loader = MultilingualLoader(config, use_cache=use_cache, infos=infos)
        """Reads, parses and checks every language; infos off: the browser shows errors and warnings."""
        self.drafts = drafts
        """Show the entries with ``status=draft`` (``serve --drafts``)."""
        self.site: dict[str, bytes] = {}
        """The site of the last rebuild."""

    @property
    def config(self) -> Config:
        """The glossary's configuration."""
        return self.loader.config

    def quick(self, changed_paths: Sequence[Path]) -> Rebuilt | None:
        """None: a multilingual glossary has no quicker path than :meth:`rebuild`."""
        return None

    def rebuild(self, changed_paths: Sequence[Path] = (), *, site_wide_later: bool = False) -> Rebuilt:
        """The whole site in memory; ``changed_paths`` are a hint (empty: read everything).
        ``site_wide_later`` is accepted and ignored: everything is rendered at once."""
        from glossary_build.build.languages import render_languages
        from glossary_build.render.theme import load_theme

        with paused_gc():
            loaded = self.loader.load(hint=changed_paths)
            multi = loaded.multilingual()
            site = render_languages(multi, load_theme(self.config.root), drafts=self.drafts)
            diagnostics = list(loaded.glossary(multi).diagnostics)
        changed = {path for path in site.keys() | self.site.keys() if site.get(path) != self.site.get(path)}
        self.site = site
        return Rebuilt(site, diagnostics, changed)
