"""From findings to what ``glossary-build check`` prints and returns, in one call.

The command line parses its options and hands them to :func:`report_check`;
everything that decides what is reported (baseline, format, strictness) is
here, where it can be tested without a process.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from glossary_build.core.diagnostics import Diagnostic
from glossary_build.report.baseline import filter_new, load_baseline, write_baseline
from glossary_build.report.chunked import CHUNKED, FindingsByFile, Listed, Parts, format_chunked
from glossary_build.report.common import Counts, Summary, exit_code, exit_code_of, plural
from glossary_build.report.formats import FORMATS


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the check command prints and how it exits."""

    encoded: bytes
    """The report in the chosen format, UTF-8 (as kept and printed: a kept report of half
    a million findings is neither decoded nor encoded again); empty after writing a baseline."""
    exit_code: int
    """0 when the check passed, 1 when it failed."""
    note: str | None = None
    """A line for standard error (findings hidden by the baseline, a baseline written)."""

    @classmethod
    def of(cls, output: str, exit_code: int, note: str | None = None) -> Outcome:
        """The outcome printing ``output``."""
        return cls(output.encode("utf-8"), exit_code, note)

    @property
    def output(self) -> str:
        """The report as text."""
        return self.encoded.decode("utf-8")


class Memo(Protocol):
    """Keeps reports across runs (:class:`glossary_build.build.results.ReportMemo`)."""

    def outcome(self, options: Sequence[str], make: Callable[[], Outcome]) -> Outcome:
        """The outcome of a report made with ``options``: a kept one, or ``make()``'s."""
        ...

    def parts(self, options: Sequence[str]) -> Parts | None:
        """Where the per-file parts of a report made with ``options`` are kept; None when the
        findings' dependencies per file are not known (then the report is kept whole)."""
        ...


Found = Sequence[Diagnostic] | Callable[[], Sequence[Diagnostic]]
"""Findings, or what finds them when they are needed (a kept report needs none)."""


def report_check(
    diagnostics: Found,
    summary: Summary,
    *,
    sources: Mapping[str, Sequence[str]],
    format_name: str = "text",
    color: bool = False,
    strict: bool = False,
    baseline: str | Path | None = None,
    write_baseline_to: str | Path | None = None,
    memo: Memo | None = None,
    visible: str = "all",
    by_file: Callable[[], FindingsByFile | None] | None = None,
) -> Outcome:
    """Apply a baseline, render the report and compute the exit code.

    With ``write_baseline_to``, all findings are recorded there and the check
    passes.  With ``baseline``, findings listed in it are left out of the
    report and the exit code.  With ``memo``, reports without baseline are
    kept: the text and GitHub reports per file (:mod:`.chunked`), so that
    after an edit only the parts of the files whose findings changed are
    formatted (``by_file`` gives the same findings by file, so that only
    those files' are made, and the counts); the JSON and SARIF reports whole,
    with their exit code, so that an unchanged glossary's next report with
    the same options (``visible`` names which findings ``diagnostics``
    holds) is the kept one, made without asking for the findings.  Raises
    :class:`~.baseline.BaselineError` for an unreadable baseline and
    :class:`KeyError` for an unknown format.
    """
    formatter = FORMATS[format_name]

    def found() -> Sequence[Diagnostic]:
        return diagnostics() if callable(diagnostics) else diagnostics

    if write_baseline_to is not None:
        write_baseline(write_baseline_to, found(), sources)
        written = f"wrote {plural(len(found()), 'finding')} to {write_baseline_to}"
        return Outcome(b"", 0, written)
    if baseline is not None:
        shown, known = filter_new(found(), load_baseline(baseline), sources)
        note = f"{plural(len(known), 'known finding')} in {baseline} not shown" if known else None
        output = formatter(shown, summary, sources=sources, color=color)
        return Outcome.of(output, exit_code(shown, strict=strict), note)
    options = (format_name, str(color), visible)
    kept = memo.parts(options) if memo is not None and format_name in CHUNKED else None

    def make() -> Outcome:
        if kept is not None:
            grouped = by_file() if by_file is not None else None
            grouped = grouped if grouped is not None else Listed(found())
            encoded = format_chunked(format_name, grouped, summary, sources=sources, parts=kept, color=color)
            return Outcome(encoded, exit_code_of(Counts(*grouped.counts()), strict=strict))
        shown = found()
        output = formatter(shown, summary, sources=sources, color=color)
        return Outcome.of(output, exit_code(shown, strict=strict))

    if memo is None or kept is not None:  # a report of kept parts is not kept whole as well
        return make()
    return memo.outcome((*options, f"strict={strict}"), make)
