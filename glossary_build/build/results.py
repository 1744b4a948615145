"""What :mod:`glossary_build.build.pipeline` returns: a glossary read and checked, and what a build did.

Apart from the pipeline, so that the loading of a multilingual glossary
(:mod:`glossary_build.build.languages`) makes the same results.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from glossary_build.core import diagnostics as diag
from glossary_build.core.config import Config
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.model import ParsedFile
from glossary_build.graph.terms import TermGraph
from glossary_build.store.cache import Cache, digest

if TYPE_CHECKING:  # the translation status is a stage of its own, above this module
    from glossary_build.build.check_findings import FileFindings
    from glossary_build.build.translation_status import TranslationStatus

Kept = TypeVar("Kept")
"""What a report memo keeps: the report layer's outcome (text and exit code)."""

__all__ = ["BuildResult", "Glossary", "LanguageGlossary", "Multilingual", "ReportMemo", "ReportParts"]


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
        diagnostics: Sequence[Diagnostic] | Callable[[], Sequence[Diagnostic]],
        *,
        sources: Mapping[str, tuple[str, ...]],
        counts: tuple[int, int, int] | None = None,
        load: Callable[[], tuple[list[ParsedFile], TermGraph]] | None = None,
        memo: ReportMemo | None = None,
        languages: Multilingual | None = None,
        by_file: Callable[[bool], FileFindings] | None = None,
    ) -> None:
        self.config = config
        """The configuration it was read with."""
        self._diagnostics = diagnostics if callable(diagnostics) else tuple(diagnostics)
        self._files = tuple(files) if files is not None else None
        self._graph = graph
        self._counts = counts
        self.sources = sources
        """Lines of each file, for source excerpts in reports (read when first asked for)."""
        self.memo = memo
        """Where a report of these findings is kept (None without cache)."""
        self.languages = languages
        """A multilingual glossary's languages (None for a glossary in one language); then
        :attr:`files` are every language's and :attr:`graph` is the source language's."""
        self._load = load
        self._by_file = by_file

    @functools.cached_property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Every finding, configured levels applied, sorted by position.  Stored findings are
        decoded when first asked for: a kept report of an unchanged glossary needs none."""
        found = self._diagnostics
        return tuple(found()) if callable(found) else found

    def findings_by_file(self, *, errors_only: bool = False) -> FileFindings | None:
        """:attr:`diagnostics` (only the errors with ``errors_only``) by file, each file's
        decoded when asked for, for reports of kept parts; None when not known."""
        return self._by_file(errors_only) if self._by_file is not None else None

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
    The JSON and SARIF reports are kept whole with their exit code
    (:meth:`outcome`): an unchanged glossary's next one is the kept copy,
    printed without decoding a finding (at 10,000 generated entries there
    are half a million).  The text and GitHub reports are made of parts kept
    per file (:meth:`parts`), after an edit as when nothing changed.
    """

    cache: Cache
    inputs: bytes
    keys: Mapping[str, bytes] | None = None
    """What each file's findings depend on, by path (:mod:`glossary_build.build.report_parts`);
    None when not known: then a report is kept whole, under ``inputs``."""
    levels: str = ""
    """The rule levels the findings were given (part of every part's key)."""
    formatted: list[str] = field(default_factory=list)
    """The paths whose parts of a report were formatted (the others were kept): what an edit cost."""

    def outcome(self, options: Sequence[str], make: Callable[[], Kept]) -> Kept:
        """The outcome of a report made with ``options`` (its text and exit code): the kept
        one, or ``make()``'s, then kept in place of the last."""
        key = digest(self.inputs, self.levels, *options)
        kept = self.cache.load_report(key)
        if kept is None:
            kept = make()
            self.cache.save_report(key, kept)
        return cast(Kept, kept)

    def parts(self, options: Sequence[str]) -> ReportParts | None:
        """The kept parts of reports made with ``options``, one per file (None: see :attr:`keys`)."""
        if self.keys is None:
            return None
        return ReportParts(self.cache, self.keys, digest(*options, self.levels), self.formatted)


@dataclass(frozen=True)
class ReportParts:
    """Each file's part of a report, kept in the cache by what it shows
    (:mod:`glossary_build.report.chunked`): the file's findings and bytes (:attr:`keys`) and
    the options and levels (:attr:`options`)."""

    cache: Cache
    keys: Mapping[str, bytes]
    options: bytes
    formatted: list[str]

    def key(self, path: str) -> bytes | None:
        """The key of ``path``'s part; None for a file whose findings' dependencies are unknown."""
        found = self.keys.get(path)
        return None if found is None else digest(self.options, found)

    def get(self, key: bytes) -> bytes | None:
        """The part kept under ``key``, if any."""
        return self.cache.get_report_part(key)

    def put(self, key: bytes, path: str, part: bytes) -> None:
        """Keep ``path``'s part, formatted now."""
        self.formatted.append(path)
        self.cache.put_report_part(key, part)

    def save(self, in_use: Sequence[bytes]) -> None:
        """Write the parts formatted now (``in_use``: the keys of the report's parts)."""
        self.cache.save_report_parts(in_use)


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
    pieces_rendered: Mapping[str, int] = field(default_factory=dict)
    """Per-entry pieces of site-wide files rendered, by kind (the others were kept from earlier
    builds, see :mod:`glossary_build.render.pieces`)."""

    @property
    def unchanged(self) -> int:
        """Files kept from the previous build."""
        return self.files - len(self.rendered)


@dataclass
class LanguageGlossary:
    """One language of a multilingual glossary, loaded, linked and checked."""

    code: str
    """Its language tag (``en``)."""
    config: Config
    """Its configuration: :meth:`Config.for_language` (entries in ``<entries>/<code>``)."""
    graph: TermGraph
    """Its term graph, with :attr:`~TermGraph.elsewhere` (the ids only other languages have)."""
    files: list[ParsedFile]
    """Its parsed entry files, in path order."""
    diagnostics: list[Diagnostic]
    """Its findings, configured levels applied, sorted."""
    lines: Mapping[str, Sequence[str]]
    """Its entry files' lines by path (relative to the glossary root), read when asked for."""


@dataclass
class Multilingual:
    """Every language of a multilingual glossary."""

    config: Config
    """The glossary's configuration (with ``languages``)."""
    languages: tuple[LanguageGlossary, ...]
    """Each language in configured order; ``languages[0]`` is the source language."""
    layout: list[Diagnostic]
    """The ``language-layout`` findings, configured levels applied."""
    translations: TranslationStatus
    """The translation status: coverage per language, its findings (levels not applied)."""

    def language(self, code: str) -> LanguageGlossary:
        """The language ``code``."""
        for language in self.languages:
            if language.code == code:
                return language
        raise KeyError(code)
