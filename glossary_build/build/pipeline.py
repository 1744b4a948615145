"""The pipeline, as a library: sources -> entries -> term graph -> diagnostics -> pages -> output.

:func:`load` gathers and checks everything without rendering; ``check`` is
exactly that.  :func:`build` goes on to render the site in memory and only
then writes it, so a glossary with errors in one file still gets every file
checked, and nothing is written before everything is known.

Both use the build cache in ``.glossary-cache/`` unless ``use_cache=False``
(``--no-cache``), and parse in parallel when there are many files; the
engine is :class:`~glossary_build.build.engine.Builder`, which the dev server
keeps alive between rebuilds.  The output of a cached build is byte for
byte the output of a build without cache.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from glossary_build.build.engine import Builder, Loaded, Rebuilt, paused_gc
from glossary_build.build.site_update import SiteUpdate
from glossary_build.core import diagnostics as diag
from glossary_build.core.config import Config
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.model import ParsedFile
from glossary_build.core.progress import Progress
from glossary_build.graph.terms import TermGraph
from glossary_build.sources.files import Source, discover, outside_link, read_source
from glossary_build.sources.inputs import BuildError
from glossary_build.store.cache import Cache, digest

__all__ = [
    "BuildError", "BuildResult", "Builder", "Glossary", "Rebuilt", "build", "check", "load",
    "parse_sources", "read_sources", "render",
]


class Glossary:
    """A glossary read and checked: the result of :func:`load`.

    When nothing changed since the last run, the findings come from the cache
    and :attr:`files` and :attr:`graph` are only loaded when first used.
    """

    def __init__(
        self,
        config: Config,
        files: Sequence[ParsedFile] | None,
        graph: TermGraph | None,
        diagnostics: Sequence[Diagnostic],
        *,
        sources: Mapping[str, tuple[str, ...]],
        counts: tuple[int, int, int] | None = None,
        load: Callable[[], tuple[list[ParsedFile], TermGraph]] | None = None,
        memo: ReportMemo | None = None,
    ) -> None:
        self.config = config
        """The configuration it was read with."""
        self.diagnostics = tuple(diagnostics)
        """Every finding, configured levels applied, sorted by position."""
        self._files = tuple(files) if files is not None else None
        self._graph = graph
        self._counts = counts
        self.sources = sources
        """Lines of each file, for source excerpts in reports (read when first asked for)."""
        self.memo = memo
        """Where a report of these findings is kept (None without cache)."""
        self._load = load

    @property
    def files(self) -> tuple[ParsedFile, ...]:
        """Every parsed file, in path order."""
        if self._files is None:
            self._fill()
        assert self._files is not None
        return self._files

    @property
    def graph(self) -> TermGraph:
        """The term graph."""
        if self._graph is None:
            self._fill()
        assert self._graph is not None
        return self._graph

    def _fill(self) -> None:
        assert self._load is not None
        files, self._graph = self._load()
        self._files = tuple(files)

    @property
    def entry_count(self) -> int:
        """Number of entries (first definitions of each id)."""
        return self._counts[0] if self._counts else len(self.graph.entries)

    @property
    def reference_count(self) -> int:
        """Number of cross-references in all entries."""
        if self._counts:
            return self._counts[1]
        return sum(len(entry.references) for entry in self.graph.entries.values())

    @property
    def file_count(self) -> int:
        """Number of entry files read."""
        return self._counts[2] if self._counts else len(self.files)

    @property
    def has_errors(self) -> bool:
        """True when any finding is an error."""
        return diag.worst(list(self.diagnostics)) == diag.Severity.ERROR


@dataclass(frozen=True)
class ReportMemo:
    """The cache's copy of a report of one glossary's findings.

    The report is a function of the findings, the source lines its excerpts
    show and the options that shape it; all but the options are covered by
    ``inputs``, the digest of every source, the configuration and the code.
    At 10,000 entries formatting 60,000 findings costs more than loading
    them, so an unchanged glossary's second check prints the kept copy.
    """

    cache: Cache
    inputs: bytes

    def report(self, options: Sequence[str], make: Callable[[], str]) -> str:
        """The report made with ``options``: the kept one, or ``make()``'s, then kept."""
        key = digest(self.inputs, *options)
        kept = self.cache.load_report(key)
        if kept is None:
            kept = make()
            self.cache.save_report(key, kept)
        return kept


@dataclass(frozen=True)
class BuildResult:
    """What :func:`build` did."""

    glossary: Glossary
    """The glossary that was built."""
    output_dir: Path
    """Where the site was written."""
    files: int
    """Number of files in the site."""
    rendered: tuple[str, ...] = ()
    """Site paths rendered and written by this build (the others were unchanged)."""
    removed: tuple[str, ...] = ()
    """Site paths of the previous build that no longer exist."""
    seconds: float = 0.0
    """How long the build took."""

    @property
    def unchanged(self) -> int:
        """Files kept from the previous build."""
        return self.files - len(self.rendered)


def read_sources(config: Config) -> tuple[list[Source], list[Diagnostic]]:
    """Read every entry file; undecodable files become diagnostics."""
    if not config.entries_dir.is_dir():
        raise BuildError(f"entries folder '{config.entries}' not found in {config.root}")
    sources: list[Source] = []
    problems: list[Diagnostic] = []
    for relative, absolute in discover(config.entries_dir, config.root):
        if (outside := outside_link(absolute, config.root, config.entries_dir)) is not None:
            problems.append(outside)
            continue
        try:
            data = absolute.read_bytes()
        except OSError as error:
            problems.append(
                Diagnostic("io-error", diag.Severity.ERROR, f"cannot read file: {error.strerror}",
                           diag.Span(relative, 1, 1))
            )
            continue
        result = read_source(relative, data)
        (problems if isinstance(result, Diagnostic) else sources).append(result)  # type: ignore[arg-type]
    return sources, problems


def parse_sources(sources: Sequence[Source], config: Config) -> list[ParsedFile]:
    """Parse every source with one parser instance, in this process and without cache."""
    from glossary_build.parse.entries import parse_source
    from glossary_build.parse.markdown import create_markdown

    md = create_markdown(config.language, trusted_html=config.trusted_html)
    return [parse_source(source.path, source.text, md) for source in sources]


def _glossary(builder: Builder, loaded: Loaded) -> Glossary:
    diagnostics = builder.diagnostics(loaded)
    memo = ReportMemo(builder.cache, loaded.inputs) if builder.cache.enabled else None
    if loaded.files is None:
        return Glossary(
            builder.config, None, None, diagnostics, counts=loaded.counts, sources=loaded.sources,
            load=lambda: builder.graph_of(loaded), memo=memo,
        )
    return Glossary(
        builder.config, loaded.files, loaded.graph, diagnostics, counts=loaded.counts, sources=loaded.sources,
        memo=memo,
    )


def load(config: Config, *, use_cache: bool = True, progress: Progress | None = None) -> Glossary:
    """Read, parse, link and check the glossary; render nothing."""
    builder = Builder(config, use_cache=use_cache, progress=progress)
    with paused_gc(freeze=True):
        loaded = builder.load(need_graph=False)
        builder.remember_check(loaded)
    return _glossary(builder, loaded)


def check(config: Config, *, use_cache: bool = True, progress: Progress | None = None) -> Glossary:
    """``glossary-build check``: the build without rendering and writing."""
    return load(config, use_cache=use_cache, progress=progress)


def render(glossary: Glossary) -> dict[str, bytes]:
    """The whole site in memory."""
    from glossary_build.render.site import render_site
    from glossary_build.render.theme import load_theme

    return render_site(glossary.graph, glossary.config, load_theme(glossary.config.root))


def _update_in_place(builder: Builder, update: SiteUpdate, target: Path, pages: Mapping[str, bytes]) -> None:
    """Write the changed files; unchanged ones are linked from the previous site.

    The new site is still staged and swapped in whole (:func:`write_site`):
    a build killed half-way must leave the previous site exactly as it was,
    which updating files one by one in place cannot promise.  The staging
    is the site before the previous one, kept in the cache as the spare:
    bringing it up to date touches only what changed since, where a fresh
    folder needs every page's folder made and every file linked.
    """
    from glossary_build.build.write import write_site

    spare = builder.spare(pages)
    builder.forget_site()
    config = builder.config
    # Streamed: unchanged files are linked while the pages and site-wide files still render.
    write_site(update.stream(), target, glossary_dir=config.root, entries_dir=config.entries_dir, spare=spare)


def build(
    config: Config,
    output_dir: Path | None = None,
    *,
    use_cache: bool = True,
    progress: Progress | None = None,
    workers: int | None = None,
    infos: bool = True,
) -> BuildResult:
    """Load, render and write the site to ``output_dir`` (default: the configured output).

    Only files whose inputs changed since the last build into the same folder
    are rendered and written; with nothing changed, nothing is written.
    Without ``infos`` the rules at level ``info`` are not run (nobody will see
    their findings, as in a quiet build).
    """
    from glossary_build.build.write import write_site

    started = time.perf_counter()
    target = (output_dir or config.output_dir).resolve()
    builder = Builder(config, use_cache=use_cache, progress=progress, workers=workers, infos=infos)
    with paused_gc(freeze=True):
        previous = builder.previous_build(target)
        loaded = builder.load(need_graph=not (previous.pages and previous.theme))
        if loaded.files is None and loaded.inputs == previous.built_from:  # the last site is intact and current
            builder.remember_check(loaded)  # files read again (changed, but not in content)
            glossary = _glossary(builder, loaded)
            return BuildResult(glossary, target, len(previous.pages) - 1, seconds=time.perf_counter() - started)
        update = builder.render(loaded, previous.pages, track=use_cache)
        loaded.check()  # here, while forked processes render the site-wide files
        if not previous.pages:
            write_site(update.stream(), target, glossary_dir=config.root, entries_dir=config.entries_dir)
            builder.remember_build(loaded, update, target)
        elif update.rendered or update.removed:  # known before anything is rendered
            _update_in_place(builder, update, target, previous.pages)
            builder.remember_build(loaded, update, target, replaced=previous.pages)
        else:
            update.complete()
            builder.remember_build(loaded, update, target)
    return BuildResult(
        _glossary(builder, loaded), target, len(update.files), tuple(update.rendered), tuple(update.removed),
        time.perf_counter() - started,
    )
