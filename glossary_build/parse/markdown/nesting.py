"""Keep the text of blocks nested deeper than the parser's limit.

markdown-it stops block parsing at ``maxNesting`` levels (20 in the
CommonMark preset, which keeps its recursion bounded) and silently skips the
rest of the range it was parsing: a list nested 30 deep swallowed every
entry after it in the file.  :func:`plugin` replaces that one
step: at the limit, the remaining lines of the nested block become plain
paragraphs (the list markers and ``>`` beyond the limit show as text), the
block around them goes on as usual, and the place is recorded as an
:class:`~glossary_build.parse.markdown.heading_attrs.AttributeProblem` with code
``pandoc-incompatible`` (Pandoc nests without limit) in
``env["attribute_problems"]``, which the parser turns into a diagnostic.  Nothing the author wrote is dropped.
"""

from __future__ import annotations

import types

from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import StateBlock

from glossary_build.parse.markdown.heading_attrs import AttributeProblem


def plugin(md: MarkdownIt) -> None:
    """Make ``md``'s block parser keep text nested beyond ``maxNesting`` (see module docstring)."""
    md.block.tokenize = types.MethodType(_tokenize, md.block)  # type: ignore[method-assign]


def _tokenize(self: ParserBlock, state: StateBlock, startLine: int, endLine: int) -> None:
    """markdown-it's ``ParserBlock.tokenize``, except at the nesting limit."""
    rules = self.ruler.getRules("")
    line = startLine
    max_nesting = state.md.options.maxNesting
    has_empty_lines = False
    while line < endLine:
        state.line = line = state.skipEmptyLines(line)
        if line >= endLine or state.sCount[line] < state.blkIndent:
            break
        if state.level >= max_nesting:
            state.line = _plain_paragraphs(state, line, endLine)
            break
        ok = False
        for rule in rules:
            ok = rule(state, line, endLine, False)
            if ok:
                if state.line <= line:
                    raise RuntimeError("block rule didn't increment state.line")
                break
        if not ok:
            raise RuntimeError("none of the block rules matched")
        state.tight = not has_empty_lines
        line = state.line
        if (line - 1) < endLine and state.isEmpty(line - 1):
            has_empty_lines = True
        if line < endLine and state.isEmpty(line):
            has_empty_lines = True
            line += 1
            state.line = line


def _plain_paragraphs(state: StateBlock, line: int, end_line: int) -> int:
    """Emit the block's remaining lines as paragraphs; return the line after them."""
    _record(state, line)
    while line < end_line:
        if state.isEmpty(line):
            line += 1
            continue
        if state.sCount[line] < state.blkIndent:
            break
        start = line
        while line < end_line and not state.isEmpty(line) and state.sCount[line] >= state.blkIndent:
            line += 1
        opening = state.push("paragraph_open", "p", 1)
        opening.map = [start, line]
        inline = state.push("inline", "", 0)
        inline.content = state.getLines(start, line, state.blkIndent, False).strip()
        inline.map = [start, line]
        inline.children = []
        state.push("paragraph_close", "p", -1)
    return line


def _record(state: StateBlock, line: int) -> None:
    position = state.bMarks[line] + state.tShift[line]
    column = position - (state.src.rfind("\n", 0, position) + 1)
    problems: list[AttributeProblem] = state.env.setdefault("attribute_problems", [])
    limit = state.md.options.maxNesting
    problems.append(
        AttributeProblem(
            line, column, "pandoc-incompatible",
            f"lists and block quotes are nested deeper than {limit} levels here; "
            "what is deeper is shown as plain text (Pandoc would nest it)",
            "nest less deeply",
        )
    )
