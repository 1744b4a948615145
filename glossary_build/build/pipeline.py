"""The pipeline, as a library: sources -> entries -> term graph -> diagnostics -> pages -> output.

:func:`load` gathers and checks everything without rendering; ``check`` is
exactly that.  :func:`build` goes on to render the site in memory and only
then writes it, so a glossary with errors in one file still gets every file
checked, and nothing is written before everything is known.

Both use the build cache in ``.glossary-cache/`` unless ``use_cache=False``
(``--no-cache``), and parse in parallel when there are many files.  The
stages are :class:`~glossary_build.build.loading.GlossaryLoader` (read, parse,
link, check), :func:`~glossary_build.build.rendering.render_changes` and
:func:`~glossary_build.build.write.write_site`; the dev server keeps a loader
alive between rebuilds (:mod:`glossary_build.serve.session`).  The output of
a cached build is byte for byte the output of a build without cache.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from glossary_build.build import fingerprints, site_record
from glossary_build.build.check_findings import FileFindings
from glossary_build.build.languages import build_languages, check_languages, render_languages, single_language
from glossary_build.build.loading import GlossaryLoader, Loaded, paused_gc
from glossary_build.build.rendering import KnownSite, RenderJob, render_changes
from glossary_build.build.results import BuildResult, Glossary, ReportMemo
from glossary_build.build.site_update import SiteUpdate
from glossary_build.checks.scope import ChangeScope, change_scope
from glossary_build.core.config import Config
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.progress import Progress
from glossary_build.graph.published import rendered_graph
from glossary_build.sources.inputs import BuildError
from glossary_build.store.cache import Cache, State, digest

if TYPE_CHECKING:  # jinja2 is imported only by runs that render
    from glossary_build.render.theme import Theme

__all__ = ["BuildError", "BuildResult", "Glossary", "build", "change_scope_since", "check", "load", "render"]


def load(config: Config, *, use_cache: bool = True, progress: Progress | None = None) -> Glossary:
    """Read, parse, link and check the glossary; render nothing."""
    if config.multilingual:
        return check_languages(config, use_cache=use_cache, progress=progress)
    loader = GlossaryLoader(config, Cache(config.root if use_cache else None), progress=progress)
    with paused_gc(freeze=True):
        loaded = loader.load(need_graph=False)
        loader.remember_check(loaded)
    return _glossary(loader, loaded)


def check(config: Config, *, use_cache: bool = True, progress: Progress | None = None) -> Glossary:
    """``glossary-build check``: the build without rendering and writing."""
    return load(config, use_cache=use_cache, progress=progress)


def render(glossary: Glossary, *, drafts: bool = False) -> dict[str, bytes]:
    """The whole site in memory (with the draft entries when ``drafts``)."""
    from glossary_build.render.site import render_site
    from glossary_build.render.theme import load_theme

    if glossary.languages is not None:
        return render_languages(glossary.languages, load_theme(glossary.config.root), drafts=drafts)
    return render_site(rendered_graph(glossary.graph, drafts), glossary.config, load_theme(glossary.config.root))


def build(
    config: Config,
    output_dir: Path | None = None,
    *,
    use_cache: bool = True,
    progress: Progress | None = None,
    workers: int | None = None,
    infos: bool = True,
    drafts: bool = False,
) -> BuildResult:
    """Load, render and write the site to ``output_dir`` (default: the configured output).

    Only files whose inputs changed since the last build into the same folder
    are rendered and written; with nothing changed, nothing is written.
    Without ``infos`` the rules at level ``info`` are not run (nobody will see
    their findings, as in a quiet build).  Entries with ``status=draft`` are
    left out of the site unless ``drafts`` (they are checked either way).
    """
    from glossary_build.render.theme import load_theme

    if config.multilingual:  # every language into <output>/<code>/
        return build_languages(
            config, output_dir, use_cache=use_cache, progress=progress, workers=workers, infos=infos, drafts=drafts
        )
    started = time.perf_counter()
    target = (output_dir or config.output_dir).resolve()
    cache = Cache(config.root if use_cache else None)
    loader = GlossaryLoader(config, cache, infos=infos, progress=progress, workers=workers)
    theme = load_theme(config.root)
    theme_print = fingerprints.theme_digest(theme)  # what this site is made with: read once
    with paused_gc(freeze=True):
        previous = site_record.previous_build(cache, target, theme_print)
        loaded = loader.load(need_graph=not (previous.pages and previous.theme))
        built_from = _built_from(loaded.inputs, drafts)
        if loaded.files is None and built_from == previous.built_from:  # the last site is intact and current
            loader.remember_check(loaded)  # files read again (changed, but not in content)
            pages = len(previous.pages) - 1
            return BuildResult(_glossary(loader, loaded), target, pages, seconds=time.perf_counter() - started)
        job = RenderJob(track=use_cache, workers=workers, progress=progress, drafts=drafts)
        pieces = cache.pieces()  # by fingerprint: current even for another output folder
        update = _render(loader, loaded, theme, KnownSite(previous.pages, previous.site_paths, pieces), job)
        loaded.findings  # noqa: B018 - the checks run here, while forked processes render the site-wide files
        replaced = _write(loader, update, target, previous)
        _remember_build(loader, loaded, update, target, theme_print, replaced, built_from)
    return BuildResult(
        _glossary(loader, loaded), target, len(update.files), tuple(update.rendered), tuple(update.removed),
        time.perf_counter() - started, update.pieces.rendered if update.pieces is not None else {},
    )


def _glossary(loader: GlossaryLoader, loaded: Loaded) -> Glossary:
    diagnostics = functools.partial(_diagnostics, loader, loaded)  # decoded when first asked for
    memo = None
    if loader.cache.enabled:
        levels = repr(sorted(loader.levels.items()))
        memo = ReportMemo(loader.cache, loaded.inputs, loader.report_keys(loaded), levels)
    by_file = functools.partial(_by_file, loader, loaded)
    if loaded.files is None:
        return Glossary(
            loader.config, None, None, diagnostics, counts=loaded.counts, sources=loaded.sources,
            load=lambda: loader.graph_of(loaded), memo=memo, by_file=by_file,
        )
    return Glossary(
        loader.config, loaded.files, loaded.graph, diagnostics, counts=loaded.counts, sources=loaded.sources,
        memo=memo, by_file=by_file,
    )


def _diagnostics(loader: GlossaryLoader, loaded: Loaded) -> list[Diagnostic]:
    with paused_gc():  # stored findings are many small objects (see paused_gc)
        return loader.diagnostics(loaded)


def _by_file(loader: GlossaryLoader, loaded: Loaded, errors_only: bool) -> FileFindings:
    with paused_gc():
        return loaded.findings.by_file(loader.levels, errors_only=errors_only)


def _built_from(inputs: bytes, drafts: bool) -> bytes:
    """What a site is made from: the check's inputs, and whether it shows the drafts."""
    return digest(inputs, "drafts") if drafts else inputs


def _render(loader: GlossaryLoader, loaded: Loaded, theme: Theme, known: KnownSite, job: RenderJob) -> SiteUpdate:
    """Render what changed since the site ``known`` describes (drafts left out unless ``job.drafts``)."""
    from glossary_build.render.site import SiteRenderer

    files, graph = loader.graph_of(loaded)
    renderer = SiteRenderer(rendered_graph(graph, job.drafts), loader.config, theme)
    digests = {item.path: item.digest for item in loader.inputs.files.values()}
    return render_changes(renderer, files, digests, loaded.inputs, known, job)


def _write(loader: GlossaryLoader, update: SiteUpdate, target: Path, previous: State) -> Mapping[str, bytes] | None:
    """Write the site; returns the fingerprints of the site put aside as the spare (None: none).

    A first build writes a new folder.  Later ones write only the changed
    files; unchanged ones are linked from the previous site.  The new site is
    still staged and swapped in whole (:func:`write_site`): a build killed
    half-way must leave the previous site exactly as it was, which updating
    files one by one in place cannot promise.  The staging is the site before
    the previous one, kept in the cache as the spare: bringing it up to date
    touches only what changed since, where a fresh folder needs every page's
    folder made and every file linked.
    """
    from glossary_build.build.write import write_site

    config = loader.config
    if not previous.pages:
        write_site(update.stream(), target, glossary_dir=config.root, entries_dir=config.entries_dir)
        return None
    if not (update.rendered or update.removed):  # known before anything is rendered
        update.complete()
        return None
    spare = site_record.spare(loader.cache, previous.pages)
    site_record.forget_site(loader.cache)
    # Streamed: unchanged files are linked while the pages and site-wide files still render.
    write_site(update.stream(), target, glossary_dir=config.root, entries_dir=config.entries_dir, spare=spare)
    return previous.pages


def _remember_build(
    loader: GlossaryLoader,
    loaded: Loaded,
    update: SiteUpdate,
    target: Path,
    theme_print: bytes,
    replaced: Mapping[str, bytes] | None,
    built_from: bytes,
) -> None:
    """Store the fingerprints of the site just written, and the check's findings."""
    state = loader.cache.load_state()
    loader.remember(loaded, state)
    site_record.record_site(
        state, loader.cache, target, update,
        built_from=built_from, theme_digest=theme_print, replaced=replaced,
    )
    loader.cache.save_state(state)
    if update.pieces is not None:
        pieces = update.pieces
        for kind, new in pieces.new.items():
            loader.cache.save_pieces(kind, new, functools.partial(pieces.current_of, kind))


def change_scope_since(config: Config, ref: str) -> ChangeScope:
    """What the change since ``ref`` (its merge base with ``HEAD``) touched, for
    :func:`~glossary_build.checks.scope.in_scope`; raises :class:`BuildError` when git cannot tell."""
    from glossary_build.build.parallel import markdown_options
    from glossary_build.parse.entries import parse_source
    from glossary_build.parse.markdown import create_markdown
    from glossary_build.sources.files import normalize_text
    from glossary_build.sources.git import changed_files, text_at

    if config.multilingual:
        single_language(config, "check --changed-since")
    changed = changed_files(config.root, ref)
    entries = Path(os.path.relpath(config.entries_dir, config.root)).as_posix()
    paths = sorted(p for p in changed.paths if p.endswith(".md") and p.startswith(entries + "/"))
    md = create_markdown(**markdown_options(config))
    before = []
    for path in paths:
        text = text_at(config.root, changed.base, path)
        if text is not None:
            before.append(parse_source(path, normalize_text(text), md))
    return change_scope(paths, before)
