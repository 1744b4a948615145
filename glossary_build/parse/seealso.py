"""The items of a see-also section: its links, and any text that is not a link.

A see-also paragraph is links separated by ``|`` and line breaks.  Each link
becomes an item (rendered with its reference placeholder); leftover text,
split at the pipes, becomes text items, with their positions for the
``see-also-text`` rule.  Nothing is dropped but the pipes.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from glossary_build.core.diagnostics import Span
from glossary_build.core.model import SeeAlsoItem
from glossary_build.parse.markdown.tokens import matching_close, plain_text, render_inline


def items_of_inline(
    inline: Token,
    md: MarkdownIt,
    env: dict[str, Any],
    locate: Callable[[int, str], Span] | None = None,
    link_span: Callable[[Token], Span] | None = None,
) -> list[SeeAlsoItem]:
    """Split a see-also paragraph into links and leftover text (pipes dropped).

    ``locate(line_offset, text)`` gives the span of a text item found on the
    ``line_offset``-th line of the paragraph, ``link_span(link_open)`` that
    of a link.
    """
    items: list[SeeAlsoItem] = []
    children = inline.children or []
    text: list[str] = []
    line = text_line = 0
    index = 0
    while index < len(children):
        child = children[index]
        if child.type == "link_open":
            items.extend(_text_items(text, text_line, locate))
            end = matching_close(children, index)
            html = render_inline(md, children[index : end + 1], env)
            span = link_span(child) if link_span else None
            items.append(SeeAlsoItem(child.meta.get("ref"), html, span))
            line += sum(1 for c in children[index : end + 1] if c.type in ("softbreak", "hardbreak"))
            text, text_line = [], line
            index = end + 1
            continue
        if child.type in ("text", "code_inline"):
            text.append(child.content)
        elif child.type == "image":
            text.append(plain_text(child.children))  # alt text
        elif child.type.startswith("math"):
            text.append(child.content)  # TeX source
        elif child.type in ("softbreak", "hardbreak"):
            text.append("\n")
            line += 1
        index += 1
    items.extend(_text_items(text, text_line, locate))
    return items


def _text_items(
    parts: list[str], first_line: int, locate: Callable[[int, str], Span] | None
) -> list[SeeAlsoItem]:
    items = []
    for offset, line_text in enumerate("".join(parts).split("\n")):
        for piece in line_text.split("|"):
            piece = piece.strip()
            if piece:
                span = locate(first_line + offset, piece) if locate else None
                items.append(SeeAlsoItem(None, escape(piece), span))
    return items
