"""A multilingual glossary (``languages: [de, en]``): load, check and build every language.

Each language is a glossary of its own (:meth:`Config.for_language`: the
entries in ``entries/<code>/``), loaded by its own
:class:`~glossary_build.build.loading.GlossaryLoader` with its own cache
(``.glossary-cache/v1/<code>/``: parse results, file signatures, findings).
Across the languages come

- the layout findings (:mod:`glossary_build.sources.languages`): entry files
  outside every language's folder;
- the ids each language lacks that others have
  (:func:`~glossary_build.graph.languages.with_elsewhere`) and the
  ``link-to-other-language`` check (:mod:`glossary_build.checks.languages`);
- the translation status (:func:`~glossary_build.build.translation_status.status_of`): its
  findings, and the banners of outdated translations.

A language's findings depend on the other languages' ids, so each language's
stored findings are keyed by the digest of every language's inputs: an edit
in one language checks all of them again (their files are not parsed again).

The site is every language's complete site in ``<output>/<code>/`` and a few
root files (the language choice page), written at once by
:func:`~glossary_build.build.write.write_site`; a build with the same inputs,
theme and drafts as the site on disk writes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from glossary_build.build import fingerprints, site_record
from glossary_build.build.loading import GlossaryLoader, Loaded, Reading, paused_gc
from glossary_build.build.results import BuildResult, Glossary, LanguageGlossary, Multilingual, ReportMemo
from glossary_build.build.site_update import SiteUpdate
from glossary_build.build.translation_status import LanguageEntries, status_of
from glossary_build.checks.languages import OtherLanguages, other_language_check
from glossary_build.core import diagnostics as diag
from glossary_build.core.config import Config
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.progress import Progress
from glossary_build.core.rules import apply_levels, is_off, without_info
from glossary_build.graph.languages import with_elsewhere
from glossary_build.graph.published import rendered_graph
from glossary_build.graph.terms import TermGraph
from glossary_build.graph.translations import outdated_notes
from glossary_build.sources.files import SourceLines, relative_path
from glossary_build.sources.inputs import BuildError
from glossary_build.sources.languages import layout_findings
from glossary_build.store.cache import Cache, digest

if TYPE_CHECKING:  # jinja2 is imported only by runs that render
    from glossary_build.render.languages import OutdatedNote
    from glossary_build.render.theme import Theme

__all__ = [
    "LanguageGlossary", "Multilingual", "MultilingualLoader", "build_languages", "check_languages",
    "load_languages", "single_language",
]

SITE_NAMESPACE = "languages"
"""The cache folder (``.glossary-cache/v1/languages/``) of what concerns every language at
once: the site on disk and the last report.  No language tag is this long."""


def single_language(config: Config, what: str) -> None:
    """Raise :class:`BuildError` when ``config`` is a multilingual glossary, which ``what``
    (a command or option) cannot handle yet: better no result than a wrong one."""
    if config.multilingual:
        languages = ", ".join(config.languages)
        raise BuildError(
            f"'glossary-build {what}' does not support a multilingual glossary yet (languages: {languages})"
        )


class MultilingualLoader:
    """Loads every language of one multilingual glossary, redoing only what changed; kept
    alive by the dev server between rebuilds, like :class:`GlossaryLoader`."""

    def __init__(
        self,
        config: Config,
        *,
        use_cache: bool = True,
        infos: bool = True,
        progress: Progress | None = None,
        workers: int | None = None,
    ) -> None:
        self.config = config
        root = config.root if use_cache else None
        self.loaders = {
            code: GlossaryLoader(
                config.for_language(code), Cache(root, code), infos=infos, progress=progress, workers=workers,
                missing_ok=code != config.source_language,
            )
            for code in config.languages
        }
        """Each language's loader, with its own cache, in configured order; a translation
        language without a folder yet has no entries (each source entry is a missing
        translation), the source language's folder must be there."""
        self.cache = Cache(root, SITE_NAMESPACE)
        """The cache of what concerns every language: the site, the last report."""
        self.infos = infos

    @property
    def levels(self) -> Mapping[str, str]:
        """The rule levels applied (infos off unless :attr:`infos`)."""
        return self.config.rules if self.infos else without_info(self.config.rules)

    def load(self, hint: Sequence[Path] = ()) -> LoadedLanguages:
        """Read every language (with a ``hint``: the named files), parse what changed, link
        each language to the others' ids and check what is not known from the last run."""
        readings = {code: loader.read(hint) for code, loader in self.loaders.items()}
        context = digest(*(code.encode() + reading.digest for code, reading in readings.items()))
        loaded = {
            code: self.loaders[code].load_read(reading, need_graph=False, context=context)
            for code, reading in readings.items()
        }
        graphs = self._linked(loaded, readings)
        return LoadedLanguages(self, loaded, graphs, layout_findings(self.config))

    def _linked(self, loaded: Mapping[str, Loaded], readings: Mapping[str, Reading]) -> dict[str, TermGraph]:
        """Each language's graph with the ids only the others have, and its checks with
        ``link-to-other-language``."""
        own = {code: self.loaders[code].graph_of(item)[1] for code, item in loaded.items()}
        root = self.config.root
        folders = {code: relative_path(loader.config.entries_dir, root) for code, loader in self.loaders.items()}
        paths = {code: {ident: entry.path for ident, entry in graph.entries.items()} for code, graph in own.items()}
        check = not is_off(("link-to-other-language",), self.levels)
        graphs: dict[str, TermGraph] = {}
        for code, graph in own.items():
            others = {other: paths[other].keys() for other in own if other != code}
            graphs[code] = linked = with_elsewhere(graph, others)
            extra = [other_language_check(OtherLanguages(code, folders, paths))] if check else []
            self.loaders[code].relink(loaded[code], linked, extra)
        return graphs


@dataclass(eq=False)
class LoadedLanguages:
    """What :meth:`MultilingualLoader.load` produced: every language loaded and linked."""

    loader: MultilingualLoader
    """The loader that loaded it."""
    loaded: Mapping[str, Loaded]
    """Each language's :class:`Loaded`, in configured order."""
    graphs: Mapping[str, TermGraph]
    """Each language's graph, linked to the others' ids."""
    layout: list[Diagnostic]
    """The layout findings, before configured levels."""

    @property
    def inputs(self) -> bytes:
        """Digest of everything the site and the findings of every language depend on."""
        return digest(*(code.encode() + loaded.inputs for code, loaded in self.loaded.items()))

    def multilingual(self) -> Multilingual:
        """Every language with its graph, files and findings."""
        languages = []
        for code, loaded in self.loaded.items():
            loader = self.loader.loaders[code]
            files, _ = loader.graph_of(loaded)
            found = loader.diagnostics(loaded)
            languages.append(
                LanguageGlossary(code, loader.config, self.graphs[code], files, found, loaded.sources)
            )
        layout = sorted(apply_levels(self.layout, self.loader.levels), key=diag.sort_key)
        config = self.loader.config
        status = status_of(config, [LanguageEntries(lg.code, lg.graph.entries, lg.lines) for lg in languages])
        return Multilingual(config, tuple(languages), layout, status)

    def remember(self) -> None:
        """Store each language's findings and file signatures for the next run."""
        for code, loaded in self.loaded.items():
            self.loader.loaders[code].remember_check(loaded)

    def glossary(self, multi: Multilingual) -> Glossary:
        """The :class:`Glossary` of every language: the findings of all (and the layout and
        translation findings), the source language's graph, the counts summed."""
        found = [*multi.layout, *apply_levels(multi.translations.findings, self.loader.levels)]
        found += [d for language in multi.languages for d in language.diagnostics]
        counts = [loaded.counts for loaded in self.loaded.values()]
        summed = (sum(c[0] for c in counts), sum(c[1] for c in counts), sum(c[2] for c in counts))
        sources = _AllSources([loaded.sources for loaded in self.loaded.values()])
        memo = None
        if self.loader.cache.enabled:  # the layout and translation findings come from files no language reads
            memo = ReportMemo(self.loader.cache, digest(self.inputs, repr(multi.layout), *_translation_inputs(multi)))
        source = multi.languages[0]
        return Glossary(
            multi.config, [f for language in multi.languages for f in language.files], source.graph,
            sorted(found, key=diag.sort_key), sources=sources, counts=summed, memo=memo, languages=multi,
        )


class _AllSources(Mapping[str, tuple[str, ...]]):
    """Every language's source lines (:class:`~glossary_build.sources.files.SourceLines`),
    each read only when a report asks for it."""

    def __init__(self, languages: Sequence[SourceLines]) -> None:
        self._languages = languages

    def __getitem__(self, path: str) -> tuple[str, ...]:
        for lines in self._languages:
            if path in lines:
                return lines[path]
        raise KeyError(path)

    def __contains__(self, path: object) -> bool:
        return any(path in lines for lines in self._languages)

    def __iter__(self) -> Iterator[str]:
        for lines in self._languages:
            yield from lines

    def __len__(self) -> int:
        return sum(len(lines) for lines in self._languages)


def load_languages(
    config: Config, *, use_cache: bool = True, progress: Progress | None = None, infos: bool = True
) -> Multilingual:
    """Read, parse, link and check every language of a multilingual glossary; render nothing."""
    loaded = MultilingualLoader(config, use_cache=use_cache, infos=infos, progress=progress).load()
    multi = loaded.multilingual()
    loaded.remember()
    return multi


def check_languages(config: Config, *, use_cache: bool = True, progress: Progress | None = None) -> Glossary:
    """``glossary-build check`` of a multilingual glossary."""
    with paused_gc(freeze=True):
        loaded = MultilingualLoader(config, use_cache=use_cache, progress=progress).load()
        multi = loaded.multilingual()
        loaded.remember()
        return loaded.glossary(multi)


def _translation_inputs(multi: Multilingual) -> tuple[bytes, str]:
    """What the translation findings and banners depend on beyond the entries: the record
    (``translations.yml``) and the findings made of it."""
    status = multi.translations
    return status.lock.data or b"", repr(status.findings)


def build_languages(
    config: Config,
    output_dir: Path | None = None,
    *,
    use_cache: bool = True,
    progress: Progress | None = None,
    workers: int | None = None,
    infos: bool = True,
    drafts: bool = False,
) -> BuildResult:
    """Load every language, render each language's site into ``<code>/`` and the root files,
    and write them at once to ``output_dir`` (default: the configured output); with the same
    inputs, theme and drafts as the site there, write nothing."""
    from glossary_build.render.theme import load_theme

    started = time.perf_counter()
    target = (output_dir or config.output_dir).resolve()
    languages = MultilingualLoader(config, use_cache=use_cache, infos=infos, progress=progress, workers=workers)
    theme = load_theme(config.root)
    theme_print = fingerprints.theme_digest(theme)
    with paused_gc(freeze=True):
        previous = site_record.previous_build(languages.cache, target, theme_print)
        loaded = languages.load()
        multi = loaded.multilingual()
        built_from = digest(loaded.inputs, *_translation_inputs(multi), "drafts" if drafts else "")
        if previous.pages and previous.theme and previous.built_from == built_from:  # the site on disk is current
            loaded.remember()
            glossary, seconds = loaded.glossary(multi), time.perf_counter() - started
            return BuildResult(glossary, target, len(previous.pages), seconds=seconds)
        site = render_languages(multi, theme, drafts=drafts)
        prints = {path: digest(data) for path, data in site.items()}
        rendered = [path for path, print_ in prints.items() if previous.pages.get(path) != print_]
        removed = sorted(set(previous.pages) - set(prints))
        if rendered or removed or not previous.pages:
            # Unchanged files are linked from the current site (None), not written again.
            files = {path: data if path in rendered else None for path, data in site.items()}
            _write(files, target, config)
        state = languages.cache.load_state()
        update = SiteUpdate(files={}, pages=prints)
        site_record.record_site(state, languages.cache, target, update, built_from=built_from, theme_digest=theme_print)
        languages.cache.save_state(state)
        loaded.remember()
    return BuildResult(
        loaded.glossary(multi), target, len(site), tuple(rendered), tuple(removed), time.perf_counter() - started
    )


def _write(files: Mapping[str, bytes | None], target: Path, config: Config) -> None:
    from glossary_build.build.write import write_site

    write_site(files, target, glossary_dir=config.root, entries_dir=config.entries_dir)


def render_languages(multi: Multilingual, theme: Theme, *, drafts: bool = False) -> dict[str, bytes]:
    """The whole site in memory: each language's complete site in ``<code>/`` (drafts left out
    unless ``drafts``), each page knowing the other languages (switcher, alternates, links to
    terms only others have, banners of outdated translations), then the root files (the
    language choice page, the sitemap)."""
    from glossary_build.render.languages import Languages, LanguageSite, root_files
    from glossary_build.render.site import SiteRenderer, render_pages

    graphs = {language.code: rendered_graph(language.graph, drafts) for language in multi.languages}
    sites = tuple(LanguageSite.of_graph(code, graph) for code, graph in graphs.items())
    site: dict[str, bytes] = {}
    for language in multi.languages:
        graph = graphs[language.code]
        context = Languages(language.code, sites, _outdated_notes(multi, language.code))
        renderer = SiteRenderer(graph, language.config, theme, context)
        for path, data in render_pages(graph, language.config, theme, renderer):
            site[f"{language.code}/{path}"] = data
        for path, data in renderer.static_files().items():
            site[f"{language.code}/{path}"] = data
    site.update(root_files(theme, multi.config, sites))
    return site


def _outdated_notes(multi: Multilingual, code: str) -> dict[str, OutdatedNote]:
    """The banners' notes of language ``code``: its outdated translations by id."""
    from glossary_build.render.languages import OutdatedNote

    states = outdated_notes(multi.translations.coverage, code)
    return {entry_id: OutdatedNote(state.changed) for entry_id, state in states.items()}
