"""Setext headings and pipe-table separators as Pandoc reads them, and one exception.

Pandoc's pipe tables need a ``|`` in the separator line; GFM's do not, so
``[Index](#Index) |`` followed by ``----`` would become a one-column table.
Such tables are refused here.

CommonMark turns a whole multi-line paragraph into a heading when a line of
``=`` or ``-`` follows it; Pandoc never does (its setext headings are one
line of text), so neither do we.  After several lines, ``====`` is then
paragraph text, as in Pandoc, and ``----`` a thematic break.

The exception: a single line ending in ``|`` over ``----`` is the last
see-also line and the entry's closing rule, written without a blank line
between them.  Pandoc reads a level-2 heading ``[Index](#Index) |``; we read
a paragraph and a rule, as the author meant.  :mod:`glossary_build.parse.pandoc_differences`
reports both differences.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from glossary_build.parse.markdown.rulers import BlockRule, wrap_rule

UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*")
"""A setext underline, from its first marker to the end of the line."""


def plugin(md: MarkdownIt) -> None:
    """Wrap markdown-it's ``lheading`` and ``table`` rules with Pandoc's restrictions."""
    wrap_rule(md.block.ruler, "lheading", _one_line_headings)
    wrap_rule(md.block.ruler, "table", _separator_needs_pipe)


def _one_line_headings(lheading: BlockRule) -> BlockRule:
    def guarded(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        # lheading runs before every paragraph and reads it to its end looking for an
        # underline; a heading of one line has it on the next line, or nowhere.
        if not _underline_follows(state, start, end):
            return False
        count = len(state.tokens)
        if not lheading(state, start, end, silent):
            return False
        heading = state.tokens[count] if len(state.tokens) > count else None
        if heading is None or heading.map is None:
            return True
        several_lines = heading.map[1] - heading.map[0] > 2
        see_also_line = heading.markup == "-" and state.tokens[count + 1].content.rstrip().endswith("|")
        if not several_lines and not see_also_line:
            return True
        del state.tokens[count:]
        state.line = start
        return False

    return guarded


def _underline_follows(state: StateBlock, start: int, end: int) -> bool:
    """True if the line after ``start`` is one that ``lheading`` reads as an underline."""
    line = start + 1
    if line >= end:
        return False
    indent = state.sCount[line] - state.blkIndent
    if indent < 0 or indent > 3:
        return False
    first = state.bMarks[line] + state.tShift[line]
    return UNDERLINE.fullmatch(state.src, first, state.eMarks[line]) is not None


def _separator_needs_pipe(table: BlockRule) -> BlockRule:
    def guarded(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        separator = start + 1
        # Runs at every block start and paragraph line: look for the pipe without slicing.
        if separator < end and state.src.find("|", state.bMarks[separator] + state.tShift[separator],
                                              state.eMarks[separator]) < 0:
            return False
        result: bool = table(state, start, end, silent)
        return result

    return guarded
