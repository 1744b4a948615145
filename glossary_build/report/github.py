"""GitHub Actions workflow commands, which GitHub shows as annotations on the pull request::

    ::error file=entries/b.md,line=5,col=12,endLine=5,endColumn=26,title=broken-reference::no entry ...

Severities map to ``error``, ``warning`` and ``notice``.  The hint and the
related places follow the message on lines of their own (encoded as ``%0A``).
GitHub's ``endColumn`` is the last column of the range (inclusive), one less
than :attr:`Span.end_column`; GitHub uses the columns only when the range is
on one line, so they are sent only then.  Paths are sent as the diagnostics
have them (relative to the glossary folder); GitHub resolves them from the
root of the repository.  A plain summary line closes the output for the log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from glossary_build.core.diagnostics import Diagnostic, Severity
from glossary_build.report.common import Summary, ordered, summary_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
"""The workflow command for each severity."""


def format_github(
    diagnostics: Sequence[Diagnostic],
    summary: Summary,
    *,
    sources: Mapping[str, Sequence[str]],
    color: bool = False,
) -> str:
    """Render diagnostics as GitHub Actions annotations; ``sources`` and ``color`` are unused."""
    return join_github([format_github_file(ordered(diagnostics))], summary_line(diagnostics, summary))


def format_github_file(in_file: Sequence[Diagnostic], file_lines: Sequence[str] | None = None, *,
                       color: bool = False) -> str:
    """The annotations of some findings (one file's, in report order, for a kept part of a report);
    ``file_lines`` and ``color`` are unused."""
    return "\n".join([annotation(d) for d in in_file])


def join_github(chunks: Sequence[str], summary: str, *, color: bool = False) -> str:
    """The annotations of each file (:func:`format_github_file`) and the summary line."""
    return "\n".join([*(chunk for chunk in chunks if chunk), summary + "\n"])


def join_github_encoded(chunks: Sequence[bytes], summary: str, *, color: bool = False) -> bytes:
    """:func:`join_github` of parts kept as UTF-8."""
    return b"\n".join([*(chunk for chunk in chunks if chunk), (summary + "\n").encode("utf-8")])


def annotation(diagnostic: Diagnostic) -> str:
    """One ``::error file=...::message`` command."""
    span = diagnostic.span
    properties: list[tuple[str, object]] = [("file", span.path), ("line", span.line)]
    if span.end_line not in (None, span.line):
        properties.append(("endLine", span.end_line))
    else:
        properties.append(("col", span.column))
        if span.end_column is not None and span.end_column > span.column:
            properties += [("endLine", span.line), ("endColumn", span.end_column - 1)]
    properties.append(("title", diagnostic.code))
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{COMMANDS[diagnostic.severity]} {rendered}::{escape_data(_message(diagnostic))}"


def _message(diagnostic: Diagnostic) -> str:
    parts = [diagnostic.message]
    if diagnostic.hint:
        parts.append(f"hint: {diagnostic.hint}")
    parts.extend(f"note: {r.span}: {r.message}" for r in diagnostic.related)
    return "\n".join(parts)


def escape_data(text: str) -> str:
    """Escape the message of a workflow command (``%``, CR and LF), as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value of a workflow command: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
