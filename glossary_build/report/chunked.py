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
from glossary_build.report.common import Summary, ordered, summary_line
from glossary_build.report.github import format_github_file, join_github
from glossary_build.report.text import format_text_file, join_text


class Parts(Protocol):
    """Where the parts of a report are kept (the cache's, see :class:`~glossary_build.build.results.ReportMemo`)."""

    def key(self, path: str) -> bytes | None:
        """What the part of ``path`` depends on (its findings, its bytes, the options), or
        None when that is not known: then the part is formatted and not kept."""
        ...

    def get(self, key: bytes) -> str | None:
        """The part kept under ``key``, if any."""
        ...

    def put(self, key: bytes, path: str, part: str) -> None:
        """Keep ``part``, the part of ``path`` just formatted, under ``key``."""
        ...

    def save(self, in_use: Sequence[bytes]) -> None:
        """Write the parts put since loading; ``in_use``: the keys of this report's parts."""
        ...


@dataclass(frozen=True, slots=True)
class ChunkedFormat:
    """A report format made of one part per file."""

    part: Callable[..., str]
    """``part(findings_of_one_file, file_lines, color=...)``: one file's part."""
    join: Callable[..., str]
    """``join(parts, summary_line, color=...)``: the report."""


CHUNKED: dict[str, ChunkedFormat] = {
    "text": ChunkedFormat(format_text_file, join_text),
    "github": ChunkedFormat(format_github_file, join_github),
}
"""The formats made of parts, by the name ``--format`` takes."""

_PATH = operator.attrgetter("span.path")


def format_chunked(
    format_name: str,
    diagnostics: Sequence[Diagnostic],
    summary: Summary,
    *,
    sources: Mapping[str, Sequence[str]],
    parts: Parts,
    color: bool = False,
) -> str:
    """The report ``FORMATS[format_name]`` makes, byte for byte, with each file's part taken
    from ``parts`` where kept and formatted (then kept) where not."""
    shape = CHUNKED[format_name]
    made: list[str] = []
    in_use: list[bytes] = []
    for path, in_file in itertools.groupby(ordered(diagnostics), key=_PATH):
        key = parts.key(path)
        part = parts.get(key) if key is not None else None
        if part is None:
            part = shape.part(list(in_file), sources.get(path), color=color)
            if key is not None:
                parts.put(key, path, part)
        if key is not None:
            in_use.append(key)
        made.append(part)
    parts.save(in_use)
    return str(shape.join(made, summary_line(diagnostics, summary), color=color))
