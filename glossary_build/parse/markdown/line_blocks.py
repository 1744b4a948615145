"""Pandoc line blocks: verse, addresses, haiku, where line breaks matter.

Accepted grammar (Pandoc's ``line_blocks``; cannot interrupt a paragraph)::

    line-block   = line, { line | continuation }
    line         = "|", [ " ", inline text ]
    continuation = " ", inline text        (joined to the line before with a space)

- Each ``|`` line is one line of output; spaces after ``| `` are kept as
  non-breaking spaces, so indentation survives.
- A ``|`` line with nothing after it is an empty line.
- A pipe table (``| a | b |`` over a delimiter row) is a table, not a line block.

Tokens: ``line_block_open`` (``<div class="line-block">``), one ``inline``
whose lines are joined by hard breaks, ``line_block_close``.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore

LINE = re.compile(r"^\|(?: (.*))?$")
NBSP = "\u00a0"


def plugin(md: MarkdownIt) -> None:
    """Add the ``line_block`` block rule (after markdown-it's pipe ``table``)."""
    md.block.ruler.after("table", "line_block", _line_block)
    md.core.ruler.after("inline", "line_block_breaks", _hard_breaks)


def _hard_breaks(state: StateCore) -> None:
    """Every line end inside a line block is a hard break."""
    for token in state.tokens:
        if token.type == "inline" and token.meta.get("line_block"):
            for child in token.children or []:
                if child.type == "softbreak":
                    child.type, child.tag = "hardbreak", "br"


def _text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _lines(state: StateBlock, start: int, end: int) -> tuple[list[str], int]:
    """The output lines and the source line after the block."""
    lines: list[str] = []
    line = start
    while line < end and not state.isEmpty(line):
        match = LINE.match(_text(state, line).rstrip())
        if match is not None:
            content = match.group(1) or ""
            stripped = content.lstrip(" ")
            lines.append(NBSP * (len(content) - len(stripped)) + stripped)
        elif lines and state.sCount[line] > state.blkIndent:
            lines[-1] += " " + _text(state, line).strip()
        else:
            break
        line += 1
    return lines, line


def _line_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if not state.src.startswith("|", state.bMarks[start] + state.tShift[start], state.eMarks[start]):
        return False  # the rule runs at every block start; most lines cannot match LINE
    if state.sCount[start] - state.blkIndent >= 4 or LINE.match(_text(state, start)) is None:
        return False
    if silent:
        return True
    lines, after = _lines(state, start, end)
    opening = state.push("line_block_open", "div", 1)
    opening.attrSet("class", "line-block")
    opening.map = [start, after]
    inline = state.push("inline", "", 0)
    inline.content = "\n".join(lines)
    inline.map = [start, after]
    inline.meta = {"line_block": True}
    inline.children = []
    state.push("line_block_close", "div", -1)
    state.line = after
    return True
