"""Pandoc simple tables.

Accepted grammar (Pandoc's ``simple_tables``; a table cannot interrupt a paragraph)::

    table    = header, dashes, row, { row }, [ dashes ], blank line or end
    headless = dashes, row, { row }, dashes, blank line or end
    dashes   = "-"+, { spaces, "-"+ }      (two runs or more: one column is a heading)
    header   = one line of text
    row      = one line of text

- Every run of dashes is a column.  A line is cut into cells where the runs
  start: the text from the start of one run to the start of the next
  belongs to that column, so text may stick out to the right of its dashes.
- Alignment comes from the header text (from the first row without header)
  against its dashes: flush left and shorter is left, indented and flush
  right is right, indented and shorter is center, flush both sides is
  the default.
- Cells are inline Markdown.  A single-column table is not read: Pandoc reads
  ``Text`` over ``----`` as a heading, and ``----`` lines are how glossary
  entries end.

Tokens are those of markdown-it's pipe tables, ``table_open.meta["simple"]``
set; captions and the wrapper come from :mod:`glossary_build.parse.markdown.tables`.
"""

from __future__ import annotations

import re
from itertools import pairwise

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

DASHES = re.compile(r"^( *)-+(?: +-+)+ *$")
RUN = re.compile(r"-+")
OTHER_BLOCK = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)|[>#|]|```|~~~")
"""A header line that starts a list item, quote, heading, pipe row or fence is that instead."""


def plugin(md: MarkdownIt) -> None:
    """Add the ``simple_table`` block rule (before ``hr``, which would take headless tables)."""
    md.block.ruler.before("hr", "simple_table", _simple_table)


def _text(state: StateBlock, line: int) -> str:
    """The line as seen inside its container (list item, block quote), tabs expanded."""
    text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
    return (" " * max(state.sCount[line] - state.blkIndent, 0) + text).rstrip()


def _is_dashes(state: StateBlock, line: int, end: int) -> bool:
    return line < end and DASHES.match(_text(state, line)) is not None


def _rows(state: StateBlock, first: int, end: int, headless: bool) -> tuple[list[int], int] | None:
    """The row lines and the line after the table, or ``None`` if it is no table."""
    rows: list[int] = []
    line = first
    while line < end and not state.isEmpty(line) and not _is_dashes(state, line, end):
        rows.append(line)
        line += 1
    closed = _is_dashes(state, line, end)
    if closed:
        line += 1
        if line < end and not state.isEmpty(line):
            return None
    if not rows or (headless and not closed):
        return None
    return rows, line


def _starts_with_dash(state: StateBlock, line: int, end: int) -> bool:
    """A cheap necessary condition for :func:`_is_dashes` (which builds the line's text)."""
    return line < end and state.src.startswith("-", state.bMarks[line] + state.tShift[line], state.eMarks[line])


def _simple_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4 or state.isEmpty(start):
        return False
    # The rule runs at every block start: a table has dashes on its first or second line.
    if not _starts_with_dash(state, start, end) and not _starts_with_dash(state, start + 1, end):
        return False
    headless = _is_dashes(state, start, end)
    dashes = start if headless else start + 1
    if not headless and (OTHER_BLOCK.match(_text(state, start).lstrip())
                         or not _is_dashes(state, dashes, end)):
        return False
    found = _rows(state, dashes + 1, end, headless)
    if found is None:
        return False
    if not silent:
        rows, after = found
        _emit(state, start, after, None if headless else start, dashes, rows)
    state.line = found[1]
    return True


def _cells(text: str, starts: list[int]) -> list[str]:
    bounds = [0, *starts[1:], max(len(text), starts[-1])]
    return [text[a:b] for a, b in pairwise(bounds)]


def _alignment(text: str, length: int) -> str | None:
    """Pandoc's rule: compare the text (from its run's start) with the run of dashes."""
    indented = text.startswith(" ")
    shorter = len(text.rstrip()) < length
    if indented:
        return "center" if shorter else "right"
    return "left" if shorter else None


def _emit(state: StateBlock, start: int, after: int, header: int | None,
          dashes: int, rows: list[int]) -> None:
    runs = [(m.start(), m.end() - m.start()) for m in RUN.finditer(_text(state, dashes))]
    starts = [s for s, _ in runs]
    model = _text(state, header if header is not None else rows[0])
    ends = [*starts[1:], max(len(model), starts[-1])]
    aligns = [_alignment(model[s:e], length) for (s, length), e in zip(runs, ends, strict=True)]
    table = state.push("table_open", "table", 1)
    table.map = [start, after]
    table.meta = {"simple": True}
    if header is not None:
        _section(state, "thead", "th", [header], starts, aligns)
    _section(state, "tbody", "td", rows, starts, aligns)
    state.push("table_close", "table", -1)


def _section(state: StateBlock, tag: str, cell_tag: str, lines: list[int],
             starts: list[int], aligns: list[str | None]) -> None:
    group = state.push(f"{tag}_open", tag, 1)
    group.map = [lines[0], lines[-1] + 1]
    for line in lines:
        row = state.push("tr_open", "tr", 1)
        row.map = [line, line + 1]
        for text, align in zip(_cells(_text(state, line), starts), aligns, strict=True):
            cell = state.push(f"{cell_tag}_open", cell_tag, 1)
            cell.map = [line, line + 1]
            if align:
                cell.attrSet("style", f"text-align:{align}")
            inline = state.push("inline", "", 0)
            inline.content = text.strip()
            inline.map = [line, line + 1]
            inline.children = []
            state.push(f"{cell_tag}_close", cell_tag, -1)
        state.push("tr_close", "tr", -1)
    state.push(f"{tag}_close", tag, -1)
