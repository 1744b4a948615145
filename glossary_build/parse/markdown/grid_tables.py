"""Pandoc grid tables.

Accepted grammar (columns are character positions, so every line of a table
must use the same indentation; a table may be indented by up to three spaces
and cannot interrupt a paragraph)::

    table      = border, { row-line | separator }, border
    border     = "+", rule, { "+", rule }, "+"          (the top and bottom line)
    separator  = border                                 (between rows)
    rule       = [ ":" ], ( { "-" }- | { "=" }- ), [ ":" ]   ("=": head and foot)
    row-line   = ("|" | "+"), text-or-rules, ("|" | "+")

- Cells are the rectangles enclosed by ``+`` corners, ``-`` edges and ``|``
  edges, so a cell may span several columns and several rows
  (``colspan``/``rowspan``).
- The first separator made of ``=`` ends the table head (``<thead>``).
- If the bottom border is made of ``=`` too, the rows after the last inner
  ``=`` separator are the table foot (``<tfoot>``); with a single inner ``=``
  line that line both ends the head and starts the foot, as in Pandoc.
- Alignment colons (``:---``, ``---:``, ``:--:``) are read from the head
  separator, or from the top border of a table without head; a colon
  aligns the column it stands over.  A line with a colon anywhere else
  is not a border.
- The content of a cell is Markdown, parsed as blocks; a cell holding a
  single paragraph renders without ``<p>`` (Pandoc's ``Plain``).

Tokens are those of markdown-it's pipe tables (``table_open``, ``thead_open``,
``tr_open``, ``th_open`` ...) plus ``tfoot_open``/``tfoot_close``; cells carry
``colspan``, ``rowspan`` and ``style="text-align:..."`` attributes.  Every
token keeps ``.map`` in source lines.  Captions and the scrolling wrapper are
added by :mod:`glossary_build.parse.markdown.tables`.
"""

from __future__ import annotations

import heapq
import re
import textwrap
from dataclasses import dataclass, field
from itertools import pairwise

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

BORDER = re.compile(r"^\+(?::?(?:-+|=+):?\+)+\s*$")
HORIZONTAL = "-=:"


@dataclass
class Cell:
    """One rectangle of the grid, in character coordinates of the table lines."""

    top: int
    left: int
    bottom: int
    right: int


def plugin(md: MarkdownIt) -> None:
    """Add the ``grid_table`` block rule (before markdown-it's pipe ``table``)."""
    md.block.ruler.before("table", "grid_table", _grid_table)


def _table_lines(state: StateBlock, start: int, end: int) -> list[str]:
    """The lines from ``start`` that look like grid table lines, without indentation."""
    indent = state.tShift[start]
    lines: list[str] = []
    for line in range(start, end):
        text = state.src[state.bMarks[line] + min(indent, state.tShift[line]) : state.eMarks[line]]
        if state.tShift[line] != indent or not text or text[0] not in "+|":
            break
        lines.append(text.rstrip())
    while lines and not BORDER.match(lines[-1]):
        lines.pop()
    return lines


def _grid_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    if not state.src.startswith("+", state.bMarks[start] + state.tShift[start], state.eMarks[start]):
        return False  # the rule runs at every block start; a border starts with "+"
    first = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
    if not BORDER.match(first):
        return False
    lines = _table_lines(state, start, end)
    if len(lines) < 3:
        return False
    cells = find_cells(lines)
    if cells is None:
        return False
    if not silent:
        _emit(state, start, lines, cells)
    state.line = start + len(lines)
    return True


def find_cells(lines: list[str]) -> list[Cell] | None:
    """Trace the cells of a grid; ``None`` if the lines are not a complete grid."""
    width = len(lines[0])
    grid = [line.ljust(width) for line in lines]
    if any(len(line) != width for line in grid):
        return None
    cells: list[Cell] = []
    todo = [(0, 0)]  # a heap: corners in reading order, each popped in log time
    seen: set[tuple[int, int]] = set()
    covered: dict[int, int] = {}  # per line: where the top edge of the last cell found ends
    while todo:
        corner = heapq.heappop(todo)
        if corner in seen or corner[1] < covered.get(corner[0], -1):
            continue  # a corner inside a found cell's top edge starts no cell
        seen.add(corner)
        cell = _scan_cell(grid, *corner)
        if cell is None:
            continue
        covered[cell.top] = cell.right
        cells.append(cell)
        heapq.heappush(todo, (cell.top, cell.right))
        heapq.heappush(todo, (cell.bottom, cell.left))
    area = sum((c.bottom - c.top) * (c.right - c.left) for c in cells)
    if area != (len(grid) - 1) * (width - 1):
        return None
    return cells


def _scan_cell(grid: list[str], top: int, left: int) -> Cell | None:
    """Follow the top edge right from a corner until a right edge closes a rectangle."""
    if grid[top][left] != "+" or top == len(grid) - 1:
        return None  # the bottom border starts no cell (scanning it whole is quadratic)
    for x in range(left + 1, len(grid[top])):
        char = grid[top][x]
        if char == "+":
            bottom = _scan_down(grid, top, left, x)
            if bottom is not None:
                return Cell(top, left, bottom, x)
        elif char not in HORIZONTAL:
            return None
    return None


def _scan_down(grid: list[str], top: int, left: int, right: int) -> int | None:
    for y in range(top + 1, len(grid)):
        char = grid[y][right]
        if char == "+":
            if _closes(grid, top, left, y, right):
                return y
        elif char != "|":
            return None
    return None


def _closes(grid: list[str], top: int, left: int, bottom: int, right: int) -> bool:
    """True if the bottom edge and the left edge of the rectangle are drawn."""
    if grid[bottom][left] != "+":
        return False
    if any(grid[bottom][x] not in HORIZONTAL + "+" for x in range(left + 1, right)):
        return False
    return all(grid[y][left] in "|+" for y in range(top + 1, bottom))


def _alignments(line: str, columns: list[int]) -> list[str | None]:
    result: list[str | None] = []
    for left, right in pairwise(columns):
        starts, ends = line[left + 1] == ":", line[right - 1] == ":"
        result.append(
            "center" if starts and ends else "left" if starts else "right" if ends else None
        )
    return result


def _sections(lines: list[str]) -> tuple[int | None, int | None]:
    """Line index ending the head and line index starting the foot (or ``None``)."""
    inner = [y for y in range(1, len(lines) - 1) if BORDER.match(lines[y]) and "=" in lines[y]]
    head = inner[0] if inner else None
    foot = inner[-1] if inner and "=" in lines[-1] else None
    return head, foot


@dataclass
class Grid:
    """A traced table: its lines, cells and the column and row boundaries."""

    start: int
    """Source line of the top border."""
    lines: list[str]
    cells: list[Cell]
    columns: list[int]
    """Character positions of the column boundaries."""
    rows: list[int]
    """Line indexes of the row boundaries."""
    aligns: list[str | None]
    """Alignment of each column."""
    column_of: dict[int, int] = field(default_factory=dict)
    """Index of each column boundary in :attr:`columns`."""
    row_of: dict[int, int] = field(default_factory=dict)
    """Index of each row boundary in :attr:`rows`."""
    by_top: dict[int, list[Cell]] = field(default_factory=dict)
    """The cells starting at each row boundary (lookups stay linear in wide and long tables)."""

    @classmethod
    def of(cls, start: int, lines: list[str], cells: list[Cell], head: int | None) -> Grid:
        """Work out boundaries and alignments of traced cells."""
        columns = sorted({c.left for c in cells} | {c.right for c in cells})
        rows = sorted({c.top for c in cells} | {c.bottom for c in cells})
        aligns = _alignments(lines[head if head is not None else 0], columns)
        by_top: dict[int, list[Cell]] = {}
        for cell in cells:
            by_top.setdefault(cell.top, []).append(cell)
        column_of = {x: index for index, x in enumerate(columns)}
        row_of = {y: index for index, y in enumerate(rows)}
        return cls(start, lines, cells, columns, rows, aligns, column_of, row_of, by_top)


def _emit(state: StateBlock, start: int, lines: list[str], cells: list[Cell]) -> None:
    head, foot = _sections(lines)
    grid = Grid.of(start, lines, cells, head)
    table = state.push("table_open", "table", 1)
    table.map = [start, start + len(lines)]
    table.meta = {"grid": True}
    body_top = head if head is not None else grid.rows[0]
    body_bottom = foot if foot is not None else grid.rows[-1]
    groups = [("thead", grid.rows[0], head), ("tbody", body_top, body_bottom),
              ("tfoot", foot, grid.rows[-1])]
    for tag, upper, lower in groups:
        if upper is not None and lower is not None and upper < lower:
            _emit_group(state, grid, tag, upper, lower)
    state.push("table_close", "table", -1)


def _emit_group(state: StateBlock, grid: Grid, tag: str, upper: int, lower: int) -> None:
    """Emit the rows whose top lies between the lines ``upper`` and ``lower``."""
    group = state.push(f"{tag}_open", tag, 1)
    group.map = [grid.start + upper, grid.start + lower + 1]
    cell_tag = "th" if tag == "thead" else "td"
    for top in [y for y in grid.rows if upper <= y < lower]:
        row_cells = sorted(grid.by_top.get(top, ()), key=lambda c: c.left)
        if not row_cells:
            continue
        tr = state.push("tr_open", "tr", 1)
        tr.map = [grid.start + top, grid.start + max(c.bottom for c in row_cells) + 1]
        for cell in row_cells:
            _emit_cell(state, grid, cell, cell_tag)
        state.push("tr_close", "tr", -1)
    state.push(f"{tag}_close", tag, -1)


def _emit_cell(state: StateBlock, grid: Grid, cell: Cell, tag: str) -> None:
    column = grid.column_of[cell.left]
    colspan = grid.column_of[cell.right] - column
    rowspan = grid.row_of[cell.bottom] - grid.row_of[cell.top]
    token = state.push(f"{tag}_open", tag, 1)
    token.map = [grid.start + cell.top + 1, grid.start + cell.bottom]
    if colspan > 1:
        token.attrSet("colspan", str(colspan))
    if rowspan > 1:
        token.attrSet("rowspan", str(rowspan))
    if grid.aligns[column]:
        token.attrSet("style", f"text-align:{grid.aligns[column]}")
    text = "\n".join(
        line[cell.left + 1 : cell.right].rstrip()
        for line in grid.lines[cell.top + 1 : cell.bottom]
    )
    state.tokens.extend(_cell_tokens(state, textwrap.dedent(text), grid.start + cell.top + 1))
    state.push(f"{tag}_close", tag, -1)


def _cell_tokens(state: StateBlock, text: str, first_line: int) -> list[Token]:
    """Parse the cell text as blocks; shift maps to source lines, unwrap one paragraph."""
    tokens: list[Token] = []
    state.md.block.parse(text, state.md, state.env, tokens)
    for token in tokens:
        token.level += state.level
        if token.map:
            token.map = [token.map[0] + first_line, token.map[1] + first_line]
    kinds = [t.type for t in tokens]
    if kinds == ["paragraph_open", "inline", "paragraph_close"]:
        tokens[0].hidden = tokens[2].hidden = True
    return tokens
