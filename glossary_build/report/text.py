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
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence

from ..diagnostics import Diagnostic, Severity, Span
from .common import Summary, ordered, source_line, summary_line

Paint = Callable[[str, str], str]
"""Wraps text in a terminal style, or leaves it alone when colour is off."""

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


def format_text(
    diagnostics: Sequence[Diagnostic],
    summary: Summary,
    *,
    sources: Mapping[str, Sequence[str]],
    color: bool = False,
) -> str:
    """Render diagnostics for a terminal, each with an excerpt, then a summary line."""
    paint = _painter(color)
    blocks = ["\n".join(_diagnostic_lines(d, sources, paint)) for d in ordered(diagnostics)]
    blocks.append(paint(_BOLD, summary_line(diagnostics, summary)))
    return "\n\n".join(blocks) + "\n"


def _painter(color: bool) -> Paint:
    def paint(style: str, text: str) -> str:
        return f"{style}{text}{_RESET}" if color and text else text

    return paint


def _diagnostic_lines(
    diagnostic: Diagnostic, sources: Mapping[str, Sequence[str]], paint: Paint
) -> list[str]:
    span = diagnostic.span
    accent = _SEVERITY_COLORS[diagnostic.severity]
    head = (
        f"{paint(_BOLD, str(span) + ':')} "
        f"{paint(accent, diagnostic.severity.label + '[' + diagnostic.code + ']')}: "
        f"{diagnostic.message}"
    )
    lines = [head]
    excerpt = excerpt_lines(span, sources)
    pad = len(str(span.line)) if excerpt else 1
    if excerpt:
        text, underline = excerpt
        empty_gutter = paint(_GUTTER, " " * pad + " |")
        lines.append(empty_gutter)
        lines.append(paint(_GUTTER, f"{span.line} |") + (" " + text if text else ""))
        marks = underline.lstrip(" ")
        lines.append(f"{empty_gutter} {' ' * (len(underline) - len(marks))}{paint(accent, marks)}")
    notes = " " * (pad + 1) + paint(_GUTTER, "=")
    if diagnostic.hint:
        lines.append(f"{notes} {paint(_BOLD, 'hint')}: {diagnostic.hint}")
    for related in diagnostic.related:
        lines.append(f"{notes} {paint(_BOLD, 'note')}: {related.span}: {related.message}")
    return lines


def excerpt_lines(span: Span, sources: Mapping[str, Sequence[str]]) -> tuple[str, str] | None:
    """The source line of ``span`` as displayed, and the caret line under it.

    None when the line is not in ``sources`` (an unreadable file, a line past
    the end).  The caret line has no indentation of the gutter.
    """
    line = source_line(sources, span.path, span.line)
    if line is None:
        return None
    column = span.column
    end = span.end_column if span.end_line in (None, span.line) else None
    if len(line) > MAX_EXCERPT:
        line, column, end = _window(line, column, end)
    display, starts = layout(line)
    start = _cell(starts, column)
    width = 1
    if end is not None:
        width = max(1, _cell(starts, end) - start)
    return display, " " * start + "^" + "~" * (width - 1)


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
