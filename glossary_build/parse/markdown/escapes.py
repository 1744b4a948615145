"""Backslash escapes beyond ASCII punctuation (Pandoc's ``all_symbols_escapable``).

Accepted grammar::

    escaped-space = "\\", " "              -> a non-breaking space (z.\\ B.)
    escaped-mark  = "\\", punctuation      -> the mark itself (\\„)

CommonMark escapes only ASCII punctuation and keeps the backslash before
anything else; Pandoc also escapes a space, which German authors use to keep
abbreviations together (``z.\\ B.``, ``d.\\ h.``), and any other punctuation.
"""

from __future__ import annotations

import unicodedata

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

NBSP = "\u00a0"


def plugin(md: MarkdownIt) -> None:
    """Add the ``pandoc_escape`` inline rule (before markdown-it's ``escape``)."""
    md.inline.ruler.before("escape", "pandoc_escape", _escape)


def _escape(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if state.src[pos] != "\\" or pos + 1 >= state.posMax:
        return False
    char = state.src[pos + 1]
    if char == " ":
        text = NBSP
    elif not char.isascii() and unicodedata.category(char).startswith("P"):
        text = char
    else:
        return False
    if not silent:
        state.push("text_special", "", 0).content = text
    state.pos += 2
    return True
