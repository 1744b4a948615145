"""The incremental build engine behind ``build``, ``check`` and the dev server.

A :class:`Builder` holds one glossary's configuration, its build cache and,
between calls, what it read last: each source's digest and parse result, the
theme, the site in memory and each file's fingerprint.  Every call goes the
whole pipeline (sources -> entries -> graph -> diagnostics -> pages) but skips
the work whose inputs did not change:

1. *read* (:mod:`glossary_build.sources.inputs`): every entry file whose signature
   (modification and change time, size, inode) differs from the last run's
   is read and hashed, as git's index does; between dev-server rebuilds only
   the entry files the watcher named.  A file whose digest is known (in memory, else in the cache)
   is not parsed again; the others are parsed, in a process pool when
   there are many (:mod:`glossary_build.build.parallel`);
2. *check*: the term graph and its checks are recomputed (cheap); when no
   input changed since the last run, the stored diagnostics are used and the
   graph is only built if someone asks for it;
3. *render*: each file's fingerprint (:mod:`glossary_build.build.fingerprints`) is
   compared with the last build's; only changed files are rendered, the
   others are passed to the writer as ``None`` ("keep the current file").
   Many pages are rendered in a forked pool while the writer already writes
   the first ones (:meth:`SiteUpdate.stream`); the site-wide files are
   rendered meanwhile in two forked processes
   (:class:`~glossary_build.build.parallel.Background`).  The writer stages the
   new site in the spare, the site before the last one, kept in the cache
   (:class:`~glossary_build.build.write.Spare`).

For the dev server::

    builder = Builder(config, infos=False)
    rebuilt = builder.rebuild([])                 # first, full build
    rebuilt = builder.quick([Path("entries/x.md")])   # x's page alone, or None
    rebuilt = builder.rebuild([Path("entries/x.md")], site_wide_later=True)
    rebuilt.files          # the whole site: path -> bytes
    rebuilt.diagnostics    # every finding
    rebuilt.changed_pages  # paths whose bytes changed (or were removed)
    rebuilt.follow_up()    # the site-wide files left out

A changed template, static file or ``glossary.yml`` renders every page again
(the fingerprints cover them).  A failed rebuild raises; the builder keeps the
last good state.
"""

from __future__ import annotations

import functools
import gc
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from glossary_build.build import fingerprints
from glossary_build.build.parallel import Background, markdown_options, parse_encoded, render_all
from glossary_build.build.site_update import SiteUpdate, site_wide_files
from glossary_build.build.write import Spare
from glossary_build.checks.terms import run_checks
from glossary_build.core import diagnostics as diag
from glossary_build.core.config import Config, load_config
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.model import ParsedFile
from glossary_build.core.progress import Progress
from glossary_build.core.rules import apply_levels, level_of, without_info
from glossary_build.graph.patch import patched_graph
from glossary_build.graph.suggest import Suggester, carry_over_suggester
from glossary_build.graph.terms import TermGraph, build_graph
from glossary_build.render.urls import INDEX_PAGE
from glossary_build.sources.files import Source, SourceLines, read_source
from glossary_build.sources.inputs import Input, Inputs
from glossary_build.store import codec
from glossary_build.store.cache import Cache, Findings, State, config_key, digest, parse_key

if TYPE_CHECKING:  # markdown-it and jinja2 are imported by the runs that parse or render
    from glossary_build.render.site import SiteRenderer
    from glossary_build.render.theme import Theme

MARKER = ".glossary-build-site"
"""The marker file :func:`glossary_build.build.write.write_site` puts in every site."""


SPARE_SITE = "spare-site"
"""The folder in the cache that keeps the site before the current one (:class:`~glossary_build.build.write.Spare`)."""

SWEEP_EVERY = 25
"""Every this many dev-server rebuilds the frozen objects are collected (:meth:`Builder._sweep_frozen`)."""

@dataclass
class Loaded:
    """What reading and checking produced; the graph may still be unbuilt."""

    files: list[ParsedFile] | None
    """Parse results in path order (None: not needed, nothing changed since the last run)."""
    findings: list[Diagnostic] | Callable[[], list[Diagnostic]]
    """The findings (:attr:`found`), or the checks that find them."""
    counts: tuple[int, int, int]
    """Entries, references, files."""
    sources: SourceLines
    """Each readable file's lines, for reports."""
    inputs: bytes
    """Digest of everything the check depends on."""
    graph: TermGraph | None = None
    """The term graph, when built."""
    stored: bool = False
    """True when :attr:`findings` are the ones the last check stored (nothing to store again)."""

    @property
    def found(self) -> list[Diagnostic]:
        """Every finding, before configured levels.  The checks run when this is first
        asked for: a build asks once the site-wide files render in other processes."""
        if callable(self.findings):
            self.findings = self.findings()
        return self.findings

    def check(self) -> None:
        """Run the checks now (if they have not run yet)."""
        self.found  # noqa: B018 - the property runs them


class Rebuilt(NamedTuple):
    """What :meth:`Builder.rebuild` produced."""

    files: dict[str, bytes]
    """The whole site in memory."""
    diagnostics: list[Diagnostic]
    """Every finding, configured levels applied, sorted."""
    changed_pages: set[str]
    """Site paths rendered anew or removed since the previous call."""
    follow_up: Callable[[], Rebuilt | None] | None = None
    """With ``site_wide_later``: renders the site-wide files left out and returns the whole
    site; None when that was already done or another rebuild came first."""


@contextmanager
def paused_gc(*, freeze: bool = False) -> Iterator[None]:
    """No cycle collection while the build allocates its many long-lived small objects.

    A glossary of 10,000 entries holds half a million; with the collector on,
    loading them from the cache takes ten times longer.  Builds make almost
    no cyclic garbage.  With ``freeze`` (a command that ends after the build)
    the objects made are moved out of the collector's sight at the end, so
    the first collection afterwards does not walk all of them again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


class Builder:
    """Builds one glossary repeatedly, redoing only what changed (see the module docstring)."""

    def __init__(
        self,
        config: Config,
        *,
        use_cache: bool = True,
        infos: bool = True,
        progress: Progress | None = None,
        workers: int | None = None,
        config_path: Path | None = None,
    ) -> None:
        self.config = config
        """The configuration (reloaded from ``config_path`` when that file changes)."""
        self.cache = Cache(config.root if use_cache else None)
        self.progress = progress or Progress()
        self.infos = infos
        """False: rules at level ``info`` are not run (the dev server, which shows only
        errors and warnings, saves their time on every save)."""
        self.workers = workers
        self.config_path = config_path
        self.inputs = Inputs()
        """The entry files as last read."""
        self.theme: Theme | None = None
        self.site: dict[str, bytes] = {}
        """The site of the last :meth:`rebuild`."""
        self.pages: dict[str, bytes] = {}
        self.site_paths: tuple[str, ...] = ()
        self.parse_key = ""
        self.suggester: Suggester | None = None
        """The last graph's suggester, kept for the next graph with the same ids."""
        self.generation = 0
        """Counts changes of :attr:`site` (a follow-up of an older rebuild does nothing)."""
        self.rebuilds = 0
        self.graph: TermGraph | None = None
        """The term graph of the last rebuild (for :meth:`quick`)."""
        self.last_diagnostics: list[Diagnostic] = []
        """The findings of the last rebuild."""
        self.quick_paths: set[Path] = set()
        """Files :meth:`quick` read since the last rebuild."""
        self._markdown: Any = None

    # -- the dev server's entry point ---------------------------------------------------

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
            self._reload_if_needed(changed_paths)
            loaded = self.load(hint=changed_paths, need_graph=True)
            self.graph = loaded.graph
            previous = self.pages if self.site else {}
            update = self.render(loaded, previous=previous, site_wide_later=site_wide_later)
            files = update.complete()
            site = {path: data if data is not None else self.site[path] for path, data in files.items()}
            self.site, self.pages, self.site_paths = site, update.pages, update.site_paths
            self.generation += 1
            diagnostics = self.diagnostics(loaded)  # tens of thousands of objects: no collector
        self.last_diagnostics = diagnostics
        follow_up = None
        if update.site_wide_later is not None:
            follow_up = functools.partial(self._finish_site_wide, update, diagnostics, self.generation)
        return Rebuilt(site, diagnostics, set(update.rendered) | set(update.removed), follow_up)

    def quick(self, changed_paths: Sequence[Path]) -> Rebuilt | None:
        """The page of the one saved entry file alone, ahead of :meth:`rebuild`, when the save
        changed nothing other pages show of it (see :mod:`glossary_build.graph.patch`); None when
        it did, or when more than one file changed: rebuild at once.

        The findings are those of the last rebuild until the rebuild that must
        follow; the file is read again by that rebuild even if it is not named.
        """
        if self.graph is None or self.theme is None or not self.site:
            return None
        found = self.inputs.named_entries(self.config, {path.resolve() for path in changed_paths})
        if found is None or found[1] or len(found[0]) != 1:
            return None
        [(relative, absolute)] = found[0].items()
        known = self.inputs.files[relative]
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
        if graph is None:
            return None
        renderer = SiteRenderer(graph, self.config, self.theme)
        pages = {renderer.term_path(entry.id): renderer.term_page(entry.id) for entry in parsed.entries}
        self.site = {**self.site, **pages}
        self.pages.update(dict.fromkeys(pages, b""))  # not known to be current: rendered again next time
        self.quick_paths.add(absolute)
        self.generation += 1
        return Rebuilt(self.site, self.last_diagnostics, set(pages))

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

    def _reload_if_needed(self, changed_paths: Sequence[Path]) -> None:
        changed = [path.resolve() for path in changed_paths]
        if self.config_path is not None and (not changed or self.config_path.resolve() in changed):
            self.config = load_config(self.config_path)
        folders = self.theme.folders if self.theme is not None else ()
        if not changed or any(folder.resolve() in path.parents for path in changed for folder in folders):
            self.theme = None

    # -- reading and checking ---------------------------------------------------------------

    def load(self, hint: Sequence[Path] = (), need_graph: bool = True) -> Loaded:
        """Read, parse (what changed), link and check; with ``need_graph=False`` a run whose inputs
        match the cached state returns the stored findings without parsing anything."""
        key = parse_key(markdown_options(self.config))
        if key != self.parse_key:  # another language or HTML setting: nothing known is valid
            self.inputs, self.parse_key = Inputs(), key
        named = {path.resolve() for path in hint}
        state = self.cache.load_state()
        # In a new process, the last run's signatures: an unchanged file is not read.
        signatures = state.sources if state.sources_key == key and not self.inputs.files else {}
        inputs = self.inputs.read(self.config, key, named, signatures)
        readable = {item.path: item.text for item in inputs if item.problem is None}
        sources = SourceLines(self.config.root, readable)
        everything = self._inputs_digest(key, inputs)
        if not need_graph and (stored := self._stored_findings(everything, len(readable))) is not None:
            found, counts = stored
            return Loaded(None, found, counts, sources, everything, stored=True)
        files = self._parse(key, inputs)
        everything = self._inputs_digest(key, inputs)  # again: a trusted file may have been read
        graph = build_graph(files)
        self.suggester = carry_over_suggester(graph, self.suggester)
        if not self.suggester.cache:
            self.suggester.remember(self.cache.load_hints(self.suggester.identity))
        problems = [item.problem for item in inputs if item.problem is not None]
        checks = functools.partial(self._findings, problems, files, graph)
        references = sum(len(entry.references) for entry in graph.entries.values())
        return Loaded(files, checks, (len(graph.entries), references, len(files)), sources, everything, graph)

    def _inputs_digest(self, key: str, inputs: Sequence[Input]) -> bytes:
        """Digest of everything the check depends on: code, configuration and every source."""
        return digest(key, config_key(self.config), *[i.path.encode() + i.digest for i in inputs])

    def _stored_findings(self, inputs: bytes, files: int) -> tuple[list[Diagnostic], tuple[int, int, int]] | None:
        """The findings and counts the last check stored for ``inputs``, if it ran every rule
        this builder runs (see :attr:`infos`); None if there are none."""
        stored = self.cache.load_findings()
        if stored.inputs != inputs or stored.counts[2] != files or (self.infos and not stored.infos):
            return None
        encoded = stored.diagnostics
        if self.infos:
            infos = self.cache.load_findings(infos=True)
            if infos.inputs != inputs:
                return None
            encoded += infos.diagnostics
        return codec.decode_diagnostics(encoded), stored.counts

    def _findings(self, problems: list[Diagnostic], files: list[ParsedFile], graph: TermGraph) -> list[Diagnostic]:
        checked = run_checks(graph, levels=self.levels)  # rules that are off are not run
        return problems + [d for parsed in files for d in parsed.diagnostics] + checked

    def diagnostics(self, loaded: Loaded) -> list[Diagnostic]:
        """``loaded``'s findings with the configured levels, sorted for reports."""
        return sorted(apply_levels(loaded.found, self.levels), key=diag.sort_key)

    @property
    def levels(self) -> Mapping[str, str]:
        """The rule levels applied: the configured ones, infos off unless :attr:`infos`."""
        return self.config.rules if self.infos else without_info(self.config.rules)

    def graph_of(self, loaded: Loaded) -> tuple[list[ParsedFile], TermGraph]:
        """The parse results and graph of ``loaded``, parsing or loading them now if needed."""
        if loaded.files is None or loaded.graph is None:
            with paused_gc():
                files = self._parse(parse_key(markdown_options(self.config)), list(self.inputs.files.values()))
                loaded.files, loaded.graph = files, build_graph(files)
        return loaded.files, loaded.graph

    def remember_check(self, loaded: Loaded) -> None:
        """Store ``loaded``'s findings so that an unchanged glossary is not checked again, and
        the entry files' signatures so that unchanged files are not read again."""
        self._remember_findings(loaded)
        state = self.cache.load_state()
        if self._remember_sources(state):
            self.cache.save_state(state)

    def _remember_findings(self, loaded: Loaded) -> None:
        """Store ``loaded``'s findings and hints, unless they are the stored ones."""
        if loaded.stored:
            return
        rules = self.config.rules
        infos = [d for d in loaded.found if level_of(d.code, rules) == "info"]
        others = [d for d in loaded.found if level_of(d.code, rules) != "info"]
        if self.infos:  # first: a run that stops in between finds the others out of date
            encoded = codec.encode_diagnostics(infos)
            stored = Findings(inputs=loaded.inputs, diagnostics=encoded, counts=loaded.counts)
            self.cache.save_findings(stored, infos=True)
        encoded = codec.encode_diagnostics(others)
        stored = Findings(inputs=loaded.inputs, diagnostics=encoded, counts=loaded.counts, infos=self.infos)
        self.cache.save_findings(stored)
        if self.suggester is not None:
            self.cache.save_hints(self.suggester.identity, self.suggester.cache)

    def _remember_sources(self, state: State) -> bool:
        """Put the trusted signatures of the entry files into ``state``; True if they changed."""
        sources = self.inputs.signatures()
        if state.sources_key == self.parse_key and state.sources == sources:
            return False
        state.sources, state.sources_key = sources, self.parse_key
        return True

    def _parse(self, key: str, inputs: list[Input]) -> list[ParsedFile]:
        """Each readable input's parse result: from memory, the cache, or parsed now.  A file
        that was not read (its signature was trusted) and whose result is not in the cache is
        read now, and its input updated."""
        self.cache.load_parsed(key)
        missing: list[Input] = []
        for item in inputs:
            if item.parsed is None and item.problem is None:
                stored = self.cache.get_parsed(item.digest)
                if stored is not None:
                    item.parsed = codec.decode_file(stored)
                    continue
                if item.text is None:
                    self.inputs.read_again(self.config, key, item)
                if item.problem is None:
                    missing.append(item)
        if missing:
            self.progress.start("parsing", len(missing))
            sources = [Source(item.path, item.text or "") for item in missing]
            results = parse_encoded(sources, markdown_options(self.config), workers=self.workers, progress=self.progress.advance)
            for item, encoded in zip(missing, results):
                if self.cache.enabled:
                    self.cache.put_parsed(item.digest, encoded)
                item.parsed = codec.decode_file(encoded)
            self.progress.finish()
            self.cache.save_parsed(item.digest for item in inputs)
        return [item.parsed for item in inputs if item.parsed is not None]

    # -- rendering -------------------------------------------------------------------------------

    def render(
        self, loaded: Loaded, previous: Mapping[str, bytes], *, track: bool = True, site_wide_later: bool = False
    ) -> SiteUpdate:
        """Render what changed since the build whose fingerprints are ``previous``; without
        ``track`` render everything and compute no fingerprints (nobody will keep them);
        with ``site_wide_later`` (see :meth:`rebuild`) leave out-of-date site-wide files for
        :attr:`SiteUpdate.site_wide_later`."""
        from glossary_build.render.site import SiteRenderer

        files, graph = self.graph_of(loaded)
        theme = self.load_theme()
        renderer = SiteRenderer(graph, self.config, theme)
        site = fingerprints.site_key(self.config, theme, len(graph.entries)) if track else b""
        site_print = fingerprints.site_fingerprint(site, loaded.inputs) if track else b""
        site_files = not track or previous.get(fingerprints.SITE_FILES) != site_print
        later = site_wide_later and bool(self.site_paths)
        site_wide = None
        if (site_files and not later) or not self.site_paths:
            # Started first, before even the pages' fingerprints: forked processes render
            # them while this one renders the term pages (in a pool of its own) and writes.
            site_wide = [Background(group, workers=self.workers) for group in renderer.site_file_groups()]
        if track:
            digests = {item.path: item.digest for item in self.inputs.files.values()}
            keys = fingerprints.entry_keys(files, digests, graph)
            prints = fingerprints.fingerprints(graph, renderer.urls.folders, keys, site, loaded.inputs)
        else:
            prints, previous = fingerprints.untracked(graph, renderer.urls.folders), {}
        plan = fingerprints.plan(prints, previous)
        update = SiteUpdate({})
        self._render_terms(renderer, prints, plan, update)
        self._render_site_wide(renderer, prints, plan, update, site_wide, later=later)
        for path, data in renderer.static_files().items():
            fingerprint = digest(data)
            unchanged = previous.get(path) == fingerprint
            update.files[path] = None if unchanged else data
            update.pages[path] = fingerprint
            if not unchanged:
                update.rendered.append(path)
        update.removed = sorted(set(previous) - set(update.pages) - {fingerprints.SITE_FILES})
        return update

    def _render_terms(
        self, renderer: SiteRenderer, prints: fingerprints.Fingerprints, plan: fingerprints.Plan, update: SiteUpdate
    ) -> None:
        paths = {entry_id: path for path, entry_id in prints.term_ids.items()}
        update.files.update(dict.fromkeys(prints.term_ids))
        update.rendered.extend(paths[entry_id] for entry_id in plan.terms)
        update.waiting = {paths[entry_id] for entry_id in plan.terms}
        self.progress.start("rendering", len(plan.terms))
        pages = render_all(renderer.term_page, plan.terms, workers=self.workers, progress=self.progress.advance)
        update.pending = ((paths[entry_id], page) for entry_id, page in pages)
        update.done = self.progress.finish
        update.pages.update(prints.terms)

    def _render_site_wide(
        self,
        renderer: SiteRenderer,
        prints: fingerprints.Fingerprints,
        plan: fingerprints.Plan,
        update: SiteUpdate,
        site_wide: Sequence[Background[dict[str, bytes]]] | None,
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
            update.pending = itertools.chain(update.pending or (), site_wide_files(site_wide, paths))
        else:
            update.files.update(dict.fromkeys(self.site_paths))
            update.site_paths = self.site_paths
        site_print = prints.site
        if plan.site_files and later:  # the kept files keep their old fingerprint until rendered
            update.site_wide_later, update.site_print = renderer.site_files, prints.site
            site_print = self.pages.get(fingerprints.SITE_FILES, b"")
        update.pages[fingerprints.SITE_FILES] = site_print
        for path in update.site_paths:
            update.pages[path] = site_print

    # -- writing (the command line) ------------------------------------------------------------

    def load_theme(self) -> Theme:
        """The theme, loaded when first needed (and again after a template changed)."""
        from glossary_build.render.theme import load_theme

        self.theme = self.theme or load_theme(self.config.root)
        return self.theme

    def theme_digest(self) -> bytes:
        """A hash of the theme's templates and static files."""
        theme = self.load_theme()
        static = [path.encode() + digest(source.read_bytes()) for path, source in sorted(theme.static_files.items())]
        return digest(fingerprints.template_digest(theme), *static)

    def previous_build(self, out_dir: Path) -> State:
        """The cached state if the site it describes is still in ``out_dir``, else an empty one."""
        state = self.cache.load_state()
        if state.output_dir != str(out_dir) or state.marker is None or state.marker != _marker(out_dir):
            return State()
        self.site_paths = state.site_paths
        if state.theme != self.theme_digest():
            state.theme = b""  # a template or static file changed: the site must be rendered again
        return state

    def forget_site(self) -> None:
        """Record that the site on disk and the spare are no longer known (before they change)."""
        state = self.cache.load_state()
        state.marker = state.spare_marker = None
        self.cache.save_state(state)

    def spare(self, pages: Mapping[str, bytes]) -> Spare | None:
        """Where the site replaced by the next write is kept (None without a cache), and what
        the spare kept there last time holds compared with the current site's ``pages``."""
        if self.cache.folder is None:
            return None
        path = self.cache.folder / SPARE_SITE
        state = self.cache.load_state()
        known = state.spare_pages
        if known is None or state.spare_marker != _marker(path) or not pages:
            return Spare(path)
        files = frozenset(known) - {fingerprints.SITE_FILES}
        return Spare(path, files, frozenset(path for path in files if known[path] != pages.get(path)))

    def remember_build(
        self, loaded: Loaded, update: SiteUpdate | None, out_dir: Path, replaced: Mapping[str, bytes] | None = None
    ) -> None:
        """Store the fingerprints of the site just written, and the check's findings;
        ``replaced``: those of the site the write put aside as the spare."""
        state = self.cache.load_state()
        self._remember_findings(loaded)
        self._remember_sources(state)
        if update is not None:
            state.pages, state.site_paths, state.built_from = update.pages, update.site_paths, loaded.inputs
            state.theme = self.theme_digest()
        if replaced is not None and self.cache.folder is not None:
            state.spare_pages = dict(replaced) if replaced else None
            state.spare_marker = _marker(self.cache.folder / SPARE_SITE)
        state.output_dir, state.marker = str(out_dir), _marker(out_dir)
        self.cache.save_state(state)


def _marker(out_dir: Path) -> tuple[int, int] | None:
    try:
        stat = (out_dir / MARKER).stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns)


