"""Pandoc fenced divs.

Accepted grammar (Pandoc's ``fenced_divs``)::

    div     = open, { block }, close
    open    = ":::", { ":" }, spaces, (attributes | word), [ spaces, { ":" } ]
    close   = ":::", { ":" }, spaces, end of line
    attributes = "{", { "#" id | "." class | key "=" value }, "}"

- ``::: note`` is short for ``::: {.note}``.
- A closing fence closes the innermost open div, whatever its length, so
  divs nest; fences inside fenced code blocks do not count.
- An opening fence cannot interrupt a paragraph (Pandoc needs a blank line
  before it); a closing fence ends the paragraph or list before it.
- A div left open is closed at the end of its container (Pandoc does the
  same and warns).

Tokens: ``fenced_div_open`` (tag ``div``, attributes as written, ``info``
the attribute text) and ``fenced_div_close``; ``.map`` covers the fences.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from mdit_py_plugins.attrs.parse import ParseError, parse

OPEN = re.compile(r"^:{3,}[ \t]*(\{.*\}|[^\s{}:]+)[ \t]*:*[ \t]*$")
CLOSE = re.compile(r"^:{3,}[ \t]*$")
CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def plugin(md: MarkdownIt) -> None:
    """Add the ``fenced_div`` block rule (before ``fence``)."""
    md.block.ruler.before("fence", "fenced_div", _fenced_div)


def opening_attributes(line: str) -> dict[str, str] | None:
    """The attributes of an opening fence line, or ``None`` if it is not one."""
    if ":::" not in line:
        return None  # most lines: no need to strip and match
    match = OPEN.match(line.strip())
    if match is None:
        return None
    text = match.group(1)
    if not text.startswith("{"):
        return {"class": text}
    try:
        end, attrs = parse(text)
    except ParseError:
        return None
    return attrs if end == len(text) - 1 else None


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _find_close(state: StateBlock, start: int, end: int) -> int:
    """The line of the matching closing fence, or ``end`` if the div stays open."""
    depth, fence = 1, ""
    for line in range(start + 1, end):
        if state.sCount[line] < state.blkIndent:
            return line
        text = _line(state, line)
        code = CODE_FENCE.match(text)
        if fence:
            if code and code.group(1)[0] == fence[0] and len(code.group(1)) >= len(fence):
                fence = ""
            continue
        if code:
            fence = code.group(1)
        elif CLOSE.match(text):
            depth -= 1
            if depth == 0:
                return line
        elif opening_attributes(text) is not None:
            depth += 1
    return end


def _fenced_div(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    text = _line(state, start)
    attrs = opening_attributes(text)
    if attrs is None:
        return False
    if silent:
        return True
    close = _find_close(state, start, end)
    token = state.push("fenced_div_open", "div", 1)
    token.map = [start, close + 1 if close < end else close]
    token.info = text.strip(": \t")
    token.markup = ":::"
    for key, value in attrs.items():
        token.attrSet(key, value)
    old_parent, old_max = state.parentType, state.lineMax
    state.parentType = "fenced_div"
    state.lineMax = close
    state.md.block.tokenize(state, start + 1, close)
    state.parentType, state.lineMax = old_parent, old_max
    token = state.push("fenced_div_close", "div", -1)
    token.markup = ":::"
    state.line = close + 1 if close < end and CLOSE.match(_line(state, close)) else close
    return True
