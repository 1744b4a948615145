"""Superscript and subscript (Pandoc's ``superscript`` and ``subscript``).

Accepted grammar::

    superscript = "^", inlines without unescaped spaces, "^"     (x^2^)
    subscript   = "~", inlines without unescaped spaces, "~"     (H~2~O)

- The content is inline Markdown (``x^$n$^``, ``a^*b*^``), as in Pandoc.
- ``~~text~~`` stays strikethrough and ``^[note]`` an inline footnote.
- Raw ``<sup>``/``<sub>`` HTML works as well.

Tokens: ``sup_open``/``sup_close`` and ``sub_open``/``sub_close`` around the
content's tokens.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

MARKS = {"^": "sup", "~": "sub"}
UNESCAPED_SPACE = re.compile(r"(?<!\\)\s")


def plugin(md: MarkdownIt) -> None:
    """Add ``^superscript^`` and ``~subscript~`` (after ``emphasis``)."""
    md.inline.ruler.after("emphasis", "scripts", _script)


def _closing(state: StateInline, mark: str) -> int:
    """Position of the closing mark, skipping whole inline tokens; -1 if none."""
    start, maximum = state.pos, state.posMax
    state.pos += 1
    found = -1
    while state.pos < maximum:
        char = state.src[state.pos]
        if char == mark:
            found = state.pos
            break
        state.md.inline.skipToken(state)
    state.pos = start
    return found


def _script(state: StateInline, silent: bool) -> bool:
    mark = state.src[state.pos]
    if mark not in MARKS or silent:
        return False
    if state.src[state.pos + 1 : state.pos + 2] in ("", mark, "[", " "):
        return False
    close = _closing(state, mark)
    if close < 0 or UNESCAPED_SPACE.search(state.src, state.pos + 1, close):
        return False
    tag, maximum = MARKS[mark], state.posMax
    state.push(f"{tag}_open", tag, 1).markup = mark
    state.pos, state.posMax = state.pos + 1, close
    state.md.inline.tokenize(state)
    state.push(f"{tag}_close", tag, -1).markup = mark
    state.pos, state.posMax = close + 1, maximum
    return True
