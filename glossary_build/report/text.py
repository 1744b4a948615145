"""The human-readable report, laid out like rustc's::

    entries/b.md:5:12: error[broken-reference]: no entry or heading has id 'Gamma'
      |
    5 | Siehe [Gamma](#Gamma) und mehr.
      |       ^~~~~~~~~~~~~~~
      = hint: did you mean 'Gamma-Funktion'?
      = note: entries/a.md:3:1: first defined here

    1 error, 0 warnings, 0 infos in 12 entries (34 references)

The caret stands under the diagnostic's column; ``~`` continue it to the end
column when the span lies on one line.  Columns count characters, but a
terminal shows some characters wider or narrower, so the excerpt is laid out
in display cells: tabs are expanded to the next multiple of :data:`TAB_WIDTH`,
East Asian wide and fullwidth characters take two cells, combining marks and
other zero-width characters none, and control characters are shown as U+FFFD
so that a source file cannot send escape sequences to the terminal.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from glossary_build.core.diagnostics import Diagnostic, Severity, Span
from glossary_build.report.common import Summary, line_at, ordered, summary_line

TAB_WIDTH = 4
"""Tab stops of the excerpt (rustc uses 4 too)."""

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_GUTTER = "\x1b[1;34m"
_SEVERITY_COLORS = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}
_LABELS = {severity: severity.label for severity in Severity}


def format_text(
    diagnostics: Sequence[Diagnostic],
    summary: Summary,
    *,
    sources: Mapping[str, Sequence[str]],
    color: bool = False,
    counted: Sequence[Diagnostic] | None = None,
) -> str:
    """Render diagnostics for a terminal, each with an excerpt, then a summary line.

    The summary counts ``counted`` when given: a build shows its infos only as a number.
    """
    chunks = [
        format_text_file(list(in_file), sources.get(path), color=color)  # a lazy mapping reads the file now
        for path, in_file in itertools.groupby(ordered(diagnostics), key=_PATH)
    ]
    line = summary_line(diagnostics if counted is None else counted, summary)
    return join_text(chunks, line, color=color)


def format_text_file(in_file: Sequence[Diagnostic], file_lines: Sequence[str] | None, *, color: bool) -> str:
    """The findings of one file (in report order), without the summary: a report is its files'
    parts and the summary joined by :func:`join_text`.  A part reads only its own file's lines
    (a related place is shown as ``path:line:col``, never excerpted), so a second check keeps
    the parts of the files whose findings and bytes did not change."""
    style = _COLORED if color else _PLAIN
    return "\n\n".join([_block(diagnostic, file_lines, style) for diagnostic in in_file])


def join_text(chunks: Sequence[str], summary: str, *, color: bool) -> str:
    """The text report made of each file's part (:func:`format_text_file`) and the summary line."""
    return "\n\n".join([*chunks, _last_line(summary, color)])


def join_text_encoded(chunks: Sequence[bytes], summary: str, *, color: bool) -> bytes:
    """:func:`join_text` of parts kept as UTF-8: joined as they are (at 10,000 entries 230 MB,
    which as text would be decoded, joined wider and encoded again)."""
    return b"\n\n".join([*chunks, _last_line(summary, color).encode("utf-8")])


def _last_line(summary: str, color: bool) -> str:
    style = _COLORED if color else _PLAIN
    return f"{style.bold}{summary}{style.reset}\n"


_PATH = operator.attrgetter("span.path")


class _Margin(NamedTuple):
    """The left margin of a finding's lines, painted, for line numbers of one width."""

    blank: str
    """The gutter without a line number: ``   |``."""
    hint: str
    """Up to the hint's text: ``   = hint: ``."""
    note: str
    """Up to a related place: ``   = note: ``."""


class _Style:
    """The escape sequences that paint the parts of a report; all empty without colour.

    They are put around the parts in f-strings rather than by a function called
    per part: a report of 60,000 findings paints half a million parts.  No part
    is ever empty, so none gets escapes around nothing.
    """

    def __init__(self, *, color: bool) -> None:
        self.bold = _BOLD if color else ""
        self.gutter = _GUTTER if color else ""
        self.reset = _RESET if color else ""
        self.accents = {s: _SEVERITY_COLORS[s] if color else "" for s in Severity}
        self.margins = _Margins(self)
        """The margin for line numbers of each width, made when first needed."""

    def margin(self, width: int) -> _Margin:
        """The margin for line numbers of ``width`` digits."""
        bar = f"{' ' * (width + 1)}{self.gutter}={self.reset}"
        return _Margin(
            blank=f"{self.gutter}{' ' * width} |{self.reset}",
            hint=f"{bar} {self.bold}hint{self.reset}: ",
            note=f"{bar} {self.bold}note{self.reset}: ",
        )


class _Margins(dict[int, _Margin]):
    """:meth:`_Style.margin` by width, each made once (a dict: a hit costs no Python call)."""

    def __init__(self, style: _Style) -> None:
        super().__init__()
        self._style = style

    def __missing__(self, width: int) -> _Margin:
        margin = self[width] = self._style.margin(width)
        return margin


_PLAIN = _Style(color=False)
_COLORED = _Style(color=True)


def _block(diagnostic: Diagnostic, file_lines: Sequence[str] | None, style: _Style) -> str:
    """One finding: head, excerpt with caret, hint and notes, as one string.

    One f-string per finding rather than a list of lines joined for each: fewer
    objects to make, and the report is joined once.
    """
    span = diagnostic.span
    severity = diagnostic.severity
    accent = style.accents[severity]
    reset = style.reset
    number = str(span.line)
    excerpt = None if file_lines is None else _excerpt(file_lines, span)
    margin = style.margins[len(number) if excerpt else 1]
    shown = _shown(excerpt, number, margin, accent, style) if excerpt else ""
    hint = f"\n{margin.hint}{diagnostic.hint}" if diagnostic.hint else ""
    notes = ""
    for related in diagnostic.related:
        notes += f"\n{margin.note}{related.span}: {related.message}"
    return (
        f"{style.bold}{span}:{reset} {accent}{_LABELS[severity]}[{diagnostic.code}]{reset}: "
        f"{diagnostic.message}{shown}{hint}{notes}"
    )


def _shown(
    excerpt: tuple[str, int, int], number: str, margin: _Margin, accent: str, style: _Style
) -> str:
    """The excerpt's three lines, each after a line break: gutter, numbered source line, caret."""
    text, start, width = excerpt
    numbered = f"{style.gutter}{number} |{style.reset}"
    if text:  # no trailing space after the gutter of an empty line
        numbered += " " + text
    caret = f"{margin.blank} {' ' * start}{accent}{_carets(width)}{style.reset}"
    return f"\n{margin.blank}\n{numbered}\n{caret}"


def excerpt_lines(span: Span, sources: Mapping[str, Sequence[str]]) -> tuple[str, str] | None:
    """The source line of ``span`` as displayed, and the caret line under it.

    None when the line is not in ``sources`` (an unreadable file, a line past
    the end).  The caret line has no indentation of the gutter.
    """
    file_lines = sources.get(span.path)
    excerpt = None if file_lines is None else _excerpt(file_lines, span)
    if excerpt is None:
        return None
    text, start, width = excerpt
    return text, " " * start + _carets(width)


def _excerpt(file_lines: Sequence[str], span: Span) -> tuple[str, int, int] | None:
    """The line of ``span`` as displayed, the cell of its caret and the caret's width in cells."""
    line = line_at(file_lines, span.line)
    if line is None:
        return None
    column = span.column
    end = span.end_column if span.end_line in (None, span.line) else None
    if len(line) > MAX_EXCERPT:
        line, column, end = _window(line, column, end)
    # Most lines are shown as they are, one cell per character: cell = column - 1.  Printable
    # ASCII is such a line, and asking str is cheaper than asking the pattern.
    if (line.isascii() and line.isprintable()) or _ONE_CELL_EACH.fullmatch(line):
        display, start = line, max(column, 1) - 1
        stop = start + 1 if end is None else end - 1
    else:
        display, starts = layout(line)
        start = _cell(starts, column)
        stop = start + 1 if end is None else _cell(starts, end)
    return display, start, max(1, stop - start)


def _carets(width: int) -> str:
    """The marks under a span of ``width`` cells: ``^~~~``."""
    return "^" + "~" * (width - 1)


MAX_EXCERPT = 240
"""Longest source line shown whole.  A longer one is cut to this many characters
around the column: laying out a 1 MB line for each of its 30,000 broken links
would take hours."""


def _window(line: str, column: int, end: int | None) -> tuple[str, int, int | None]:
    """``line`` cut to :data:`MAX_EXCERPT` characters around ``column``, with ``…``
    where it was cut, and the columns moved to match."""
    first = max(0, min(column - 1 - MAX_EXCERPT // 3, len(line) - MAX_EXCERPT))
    last = first + MAX_EXCERPT
    prefix = "…" if first > 0 else ""
    suffix = "…" if last < len(line) else ""
    shift = first - len(prefix)
    moved_end = None if end is None else min(end, last + 1) - shift
    return prefix + line[first:last] + suffix, column - shift, moved_end


_ONE_CELL_EACH = re.compile(
    "[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u038a\u038c"
    "\u038e-\u03a1\u03a3-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u205e]*"
)
"""Lines of printable ASCII, Latin, Greek, Cyrillic letters and common punctuation (no tab,
control, combining or soft-hyphen character): each character is shown as itself in one cell."""


def layout(line: str) -> tuple[str, list[int]]:
    """``line`` as shown in a terminal, and the display cell where each character starts.

    The list has one more item than ``line`` has characters: the width of the
    whole line.
    """
    if _ONE_CELL_EACH.fullmatch(line):  # the common case: one cell per character
        return line, list(range(len(line) + 1))
    shown: list[str] = []
    starts: list[int] = []
    cell = 0
    for char in line:
        starts.append(cell)
        if char == "\t":
            width = TAB_WIDTH - cell % TAB_WIDTH
            shown.append(" " * width)
        else:
            char, width = _displayed(char)
            shown.append(char)
        cell += width
    starts.append(cell)
    return "".join(shown), starts


@functools.lru_cache(maxsize=4096)
def _displayed(char: str) -> tuple[str, int]:
    """A non-tab character as shown (control characters replaced) and its width."""
    if unicodedata.category(char) == "Cc":
        char = "\N{REPLACEMENT CHARACTER}"
    return char, char_width(char)


def char_width(char: str) -> int:
    """Display cells one (non-tab) character takes in a terminal."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _cell(starts: list[int], column: int) -> int:
    """Display cell of 1-based character ``column``; columns past the end continue one cell each."""
    index = max(column, 1) - 1
    if index < len(starts):
        return starts[index]
    return starts[-1] + index - (len(starts) - 1)
