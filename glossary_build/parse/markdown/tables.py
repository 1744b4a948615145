"""Table captions and the scrolling wrapper, for pipe and grid tables.

Accepted grammar (Pandoc's ``table_captions``)::

    caption = ("Table:" | "table:" | ":"), inline text   (a whole paragraph)

- A caption paragraph directly before a table (only blank lines between)
  belongs to it; otherwise one directly after it does.  Pandoc reads the
  same way: the caption before wins, the one after then stays a paragraph.
- ``:`` followed by punctuation (``:::``) does not start a caption.
- The caption becomes ``caption_open``/``inline``/``caption_close`` tokens
  right after ``table_open``; its ``.map`` is the caption paragraph's.
- Every table is wrapped in ``<div class="table-wrap">`` (tokens
  ``table_wrap_open``/``table_wrap_close``) so wide tables scroll sideways
  on narrow screens instead of widening the page.
"""

from __future__ import annotations

import re
import unicodedata

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from glossary_build.parse.markdown.tokens import matching_close

CAPTION = re.compile(r"^(?:[Tt]able:|:)[ \t]*")


def plugin(md: MarkdownIt) -> None:
    """Add the core rules ``table_caption`` (before inline parsing) and ``table_wrap``."""
    md.core.ruler.after("block", "table_caption", _captions)
    md.core.ruler.push("table_wrap", _wrap)


def caption_text(content: str) -> str | None:
    """The caption without its marker, or ``None`` if ``content`` is no caption."""
    match = CAPTION.match(content)
    if match is None:
        return None
    rest = content[match.end():]
    colon_only = content.startswith(":")
    if colon_only and content[1:2] and unicodedata.category(content[1])[0] == "P":
        return None
    return rest.strip() or None


def _caption_at(tokens: list[Token], open_index: int) -> bool:
    """True if a paragraph starting at ``open_index`` is a caption paragraph."""
    if not 0 <= open_index < len(tokens) - 2:
        return False
    first, inline = tokens[open_index], tokens[open_index + 1]
    return (first.type == "paragraph_open" and inline.type == "inline"
            and caption_text(inline.content) is not None)


def _captions(state: StateCore) -> None:
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "table_open":
            close = matching_close(tokens, index)
            before = index - 3
            if _caption_at(tokens, before) and tokens[before].level == token.level:
                caption = _take_caption(tokens, before)
                index -= 3
                close -= 3
            elif _caption_at(tokens, close + 1) and tokens[close + 1].level == token.level:
                caption = _take_caption(tokens, close + 1)
            else:
                caption = []
            tokens[index + 1 : index + 1] = caption
        index += 1


def _take_caption(tokens: list[Token], start: int) -> list[Token]:
    """Remove the caption paragraph at ``start``; return it as caption tokens."""
    paragraph_open, inline, _ = tokens[start : start + 3]
    del tokens[start : start + 3]
    inline.content = caption_text(inline.content) or ""
    opening = Token("caption_open", "caption", 1, map=paragraph_open.map, block=True)
    closing = Token("caption_close", "caption", -1, block=True)
    return [opening, inline, closing]


def _wrap(state: StateCore) -> None:
    wrapped: list[Token] = []
    for token in state.tokens:
        if token.type == "table_open":
            opening = Token("table_wrap_open", "div", 1, map=token.map, block=True)
            opening.attrSet("class", "table-wrap")
            wrapped.append(opening)
        wrapped.append(token)
        if token.type == "table_close":
            wrapped.append(Token("table_wrap_close", "div", -1, block=True))
    state.tokens = wrapped
