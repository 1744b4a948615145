"""What every report format shares: the summary, counting, ordering, colour and exit codes."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TextIO

from glossary_build.core.diagnostics import Diagnostic, Severity, sort_key


@dataclass(frozen=True, slots=True)
class Summary:
    """What the check looked at, for the closing line of a report."""

    entries: int
    """Number of entries found in the sources."""
    references: int
    """Number of cross-references (inline and see-also) found in the entries."""
    files: int
    """Number of source files read."""


@dataclass(frozen=True, slots=True)
class Counts:
    """How many diagnostics there are of each severity."""

    errors: int
    """Diagnostics of severity error."""
    warnings: int
    """Diagnostics of severity warning."""
    infos: int
    """Diagnostics of severity info."""


class Formatter(Protocol):
    """The signature every entry of :data:`glossary_build.report.FORMATS` has."""

    def __call__(
        self,
        diagnostics: Sequence[Diagnostic],
        summary: Summary,
        *,
        sources: Mapping[str, Sequence[str]],
        color: bool = False,
    ) -> str: ...


def count(diagnostics: Iterable[Diagnostic]) -> Counts:
    """Count ``diagnostics`` by severity."""
    severities = [d.severity for d in diagnostics]
    return Counts(
        errors=severities.count(Severity.ERROR),
        warnings=severities.count(Severity.WARNING),
        infos=severities.count(Severity.INFO),
    )


def ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics in report order (file, line, column, code, message).

    Every format sorts, so a report never depends on the order in which the
    pipeline happened to find things.
    """
    return sorted(diagnostics, key=sort_key)


def plural(number: int, singular: str, plural_form: str | None = None) -> str:
    """``1 error``, ``2 errors``, ``0 entries``."""
    word = singular if number == 1 else (plural_form or singular + "s")
    return f"{number} {word}"


def summary_line(diagnostics: Sequence[Diagnostic], summary: Summary) -> str:
    """``2 errors, 1 warning, 0 infos in 12 entries (34 references)``."""
    return summary_text(count(diagnostics), summary)


def summary_text(counts: Counts, summary: Summary) -> str:
    """:func:`summary_line` from the counts of the findings."""
    return (
        f"{plural(counts.errors, 'error')}, {plural(counts.warnings, 'warning')}, "
        f"{plural(counts.infos, 'info')} in {plural(summary.entries, 'entry', 'entries')} "
        f"({plural(summary.references, 'reference')})"
    )


def source_line(sources: Mapping[str, Sequence[str]], path: str, line: int) -> str | None:
    """Line ``line`` (1-based) of ``path`` without its line break, or None when unknown."""
    lines = sources.get(path)
    return None if lines is None else line_at(lines, line)


def line_at(lines: Sequence[str], line: int) -> str | None:
    """Line ``line`` (1-based) of a file's ``lines``, without its line break; None past the end."""
    if not 1 <= line <= len(lines):
        return None
    return lines[line - 1].rstrip("\r\n")


def exit_code(diagnostics: Iterable[Diagnostic], *, strict: bool) -> int:
    """The process exit code for a check: 0 when clean, 1 when it failed.

    A check fails on any error, and under ``strict`` on any warning too;
    infos never fail it.
    """
    threshold = Severity.WARNING if strict else Severity.ERROR
    return 1 if any(d.severity >= threshold for d in diagnostics) else 0


def exit_code_of(counts: Counts, *, strict: bool) -> int:
    """:func:`exit_code` from the counts of the findings."""
    return 1 if counts.errors or (strict and counts.warnings) else 0


def should_use_color(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour output written to ``stream``.

    Follows the common conventions, in this order: a non-empty ``NO_COLOR``
    turns colour off; a non-empty ``FORCE_COLOR`` turns it on (also when
    piped, as CI logs are); ``TERM=dumb`` turns it off; otherwise colour is
    used exactly when the stream is a terminal.
    """
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):  # a closed or detached stream
        return False
