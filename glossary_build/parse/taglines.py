"""Taglines: the bold-italic lines some glossaries open an entry's lead with.

Two shapes are recognised at the very start of the lead, up to three blocks:

- a paragraph that is one bold-italic span: ``***Kurz gesagt: ...***``;
- a list whose every item starts with a bold-italic quote, optionally
  followed by its source: ``- ***"..."*** (Quelle, 2023)``.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.token import Token

from glossary_build.parse.markdown.tokens import Block

MAX_TAGLINES = 3
_EMPHASIS = {"em_open", "strong_open"}
_CLOSE = {"em_close", "strong_close"}


def split_taglines(tokens: Sequence[Token], lead: Sequence[Block]) -> tuple[list[Block], list[Block]]:
    """Split the lead's blocks into (taglines, the rest)."""
    count = 0
    while count < min(MAX_TAGLINES, len(lead)) and _is_tagline(tokens, lead[count]):
        count += 1
    return list(lead[:count]), list(lead[count:])


def _is_tagline(tokens: Sequence[Token], block: Block) -> bool:
    inlines = [t for t in tokens[block.start : block.end] if t.type == "inline"]
    if block.first.type == "paragraph_open":
        return len(inlines) == 1 and _whole_bold_italic(inlines[0].children or [])
    if block.first.type == "bullet_list_open":
        return bool(inlines) and all(_starts_bold_italic(t.children or []) for t in inlines)
    return False


def _bold_italic_end(children: Sequence[Token]) -> int:
    """Index after a leading bold-italic span, or -1 when the text does not start with one."""
    # markdown-it leaves empty text tokens around delimiters; they carry nothing.
    children = [child for child in children if child.type != "text" or child.content]
    if len(children) < 5 or {children[0].type, children[1].type} != _EMPHASIS:
        return -1
    depth = 0
    for index, child in enumerate(children):
        if child.type in _EMPHASIS:
            depth += 1
        elif child.type in _CLOSE:
            depth -= 1
        if depth == 0:
            return index + 1 if index >= 3 and children[index - 1].type in _CLOSE else -1
    return -1


def _whole_bold_italic(children: Sequence[Token]) -> bool:
    return _bold_italic_end(children) == len([c for c in children if c.type != "text" or c.content])


def _starts_bold_italic(children: Sequence[Token]) -> bool:
    return _bold_italic_end(children) > 0
