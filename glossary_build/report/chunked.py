"""A report made of one part per file, each kept across runs while what it shows holds.

The text and GitHub reports are, finding by finding, functions of the finding
and the lines of its own file, sorted by path; so each is the parts of its
files, joined, and the summary line, which is made from counts.  A second
check after one edit formats the parts of the files whose findings or bytes
changed and takes the others as they were (:class:`Parts`, kept in the cache
by :class:`glossary_build.build.results.ReportMemo`): at 10,000 entries the
text report is 230 MB, and formatting it took more than half of a check.

JSON and SARIF stay whole: SARIF numbers identical findings across files for
their fingerprints, and neither is worth the bookkeeping yet.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from glossary_build.core.diagnostics import Diagnostic
from glossary_build.report.common import Counts, Summary, count, ordered, summary_text
from glossary_build.report.github import format_github_file, join_github_encoded
from glossary_build.report.text import format_text_file, join_text_encoded


class Parts(Protocol):
    """Where the parts of a report are kept (the cache's, see :class:`~glossary_build.build.results.ReportMemo`)."""

    def key(self, path: str) -> bytes | None:
        """What the part of ``path`` depends on (its findings, its bytes, the options), or
        None when that is not known: then the part is formatted and not kept."""
        ...

    def get(self, key: bytes) -> bytes | None:
        """The part kept under ``key``, if any (UTF-8)."""
        ...

    def put(self, key: bytes, path: str, part: bytes) -> None:
        """Keep ``part``, the part of ``path`` just formatted, under ``key``."""
        ...

    def save(self, in_use: Sequence[bytes]) -> None:
        """Write the parts put since loading; ``in_use``: the keys of this report's parts."""
        ...


class FindingsByFile(Protocol):
    """The findings a report shows, by file, each file's made only when asked for (a kept
    part needs none: :class:`glossary_build.build.check_findings.FileFindings`)."""

    def paths(self) -> list[str]:
        """The files with findings, in report order."""
        ...

    def of(self, path: str) -> list[Diagnostic]:
        """The findings of ``path``, in report order."""
        ...

    def counts(self) -> tuple[int, int, int]:
        """Errors, warnings and infos."""
        ...


class Listed:
    """:class:`FindingsByFile` over findings already in hand."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self._files = {path: list(found) for path, found in itertools.groupby(ordered(diagnostics), key=_PATH)}
        counts = count(diagnostics)
        self._counts = (counts.errors, counts.warnings, counts.infos)

    def paths(self) -> list[str]:
        """The files with findings, in report order."""
        return list(self._files)

    def of(self, path: str) -> list[Diagnostic]:
        """The findings of ``path``, in report order."""
        return self._files.get(path, [])

    def counts(self) -> tuple[int, int, int]:
        """Errors, warnings and infos."""
        return self._counts


@dataclass(frozen=True, slots=True)
class ChunkedFormat:
    """A report format made of one part per file."""

    part: Callable[..., str]
    """``part(findings_of_one_file, file_lines, color=...)``: one file's part."""
    join: Callable[..., bytes]
    """``join(parts_as_utf8, summary_line, color=...)``: the report, UTF-8."""


CHUNKED: dict[str, ChunkedFormat] = {
    "text": ChunkedFormat(format_text_file, join_text_encoded),
    "github": ChunkedFormat(format_github_file, join_github_encoded),
}
"""The formats made of parts, by the name ``--format`` takes."""

_PATH = operator.attrgetter("span.path")


def format_chunked(
    format_name: str,
    findings: FindingsByFile,
    summary: Summary,
    *,
    sources: Mapping[str, Sequence[str]],
    parts: Parts,
    color: bool = False,
) -> bytes:
    """The report ``FORMATS[format_name]`` makes, byte for byte (UTF-8), with each file's part taken
    from ``parts`` where kept and formatted (then kept) where not: only then are the file's
    findings asked for."""
    shape = CHUNKED[format_name]
    made: list[bytes] = []
    in_use: list[bytes] = []
    for path in findings.paths():
        key = parts.key(path)
        part = parts.get(key) if key is not None else None
        if part is None:
            part = shape.part(findings.of(path), sources.get(path), color=color).encode("utf-8")
            if key is not None:
                parts.put(key, path, part)
        if key is not None:
            in_use.append(key)
        made.append(part)
    parts.save(in_use)
    return shape.join(made, summary_text(Counts(*findings.counts()), summary), color=color)
