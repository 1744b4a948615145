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
from glossary_build.report.chunked import CHUNKED, Parts, format_chunked
from glossary_build.report.common import Summary, exit_code, plural
from glossary_build.report.formats import FORMATS


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the check command prints and how it exits."""

    output: str
    """The report, in the chosen format; empty after writing a baseline."""
    exit_code: int
    """0 when the check passed, 1 when it failed."""
    note: str | None = None
    """A line for standard error (findings hidden by the baseline, a baseline written)."""


class Memo(Protocol):
    """Keeps reports across runs (:class:`glossary_build.build.pipeline.ReportMemo`)."""

    def report(self, options: Sequence[str], make: Callable[[], str]) -> str:
        """The report made with ``options``: a kept one, or ``make()``'s."""
        ...

    def parts(self, options: Sequence[str]) -> Parts | None:
        """Where the per-file parts of a report made with ``options`` are kept; None when the
        findings' dependencies per file are not known (then the report is kept whole)."""
        ...


def report_check(
    diagnostics: Sequence[Diagnostic],
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
) -> Outcome:
    """Apply a baseline, render the report and compute the exit code.

    With ``write_baseline_to``, all findings are recorded there and the check
    passes.  With ``baseline``, findings listed in it are left out of the
    report and the exit code.  With ``memo``, a report without baseline is
    kept, and an unchanged glossary's next report with the same options
    (``visible`` names which findings ``diagnostics`` holds) is the kept one;
    the text and GitHub reports are kept per file (:mod:`.chunked`), so after
    an edit only the parts of the files whose findings changed are formatted.
    Raises :class:`~.baseline.BaselineError` for an unreadable baseline and
    :class:`KeyError` for an unknown format.
    """
    formatter = FORMATS[format_name]
    if write_baseline_to is not None:
        write_baseline(write_baseline_to, diagnostics, sources)
        written = f"wrote {plural(len(diagnostics), 'finding')} to {write_baseline_to}"
        return Outcome("", 0, written)
    note: str | None = None
    if baseline is not None:
        diagnostics, known = filter_new(diagnostics, load_baseline(baseline), sources)
        if known:
            note = f"{plural(len(known), 'known finding')} in {baseline} not shown"
    def make() -> str:
        return formatter(diagnostics, summary, sources=sources, color=color)

    options = (format_name, str(color), visible)
    kept = None if memo is None or baseline is not None or format_name not in CHUNKED else memo.parts(options)
    if kept is not None:
        output = format_chunked(format_name, diagnostics, summary, sources=sources, parts=kept, color=color)
    elif memo is None or baseline is not None:
        output = make()
    else:
        output = memo.report(options, make)
    return Outcome(output, exit_code(diagnostics, strict=strict), note)
