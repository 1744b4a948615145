"""An entry's running text with source positions: where unlinked mentions are looked for.

markdown-it gives text tokens no source offsets, only their inline token's
source lines.  Each text token is found in its inline token's source text
(``inline.content``), searching forward from the end of the token before it,
and :class:`~glossary_build.parse.markdown.tokens.Locator` turns that offset
into line and column.  Where the text was changed while reading (curled
quotes, dashes, escapes, entities), its words are found one by one instead
(reading leaves words alone), and the text is cut where the distance to the
source changes, so every word keeps its exact column.

What is not running text ends a passage: code spans, math, links (their
text is linked already), images, footnote markers, raw HTML (and what stands
inside ``<code>``, ``<a>`` and similar raw elements).  Headings, code blocks,
math blocks and raw HTML blocks have no inline tokens here, or are skipped.
Emphasis does not end a passage: ``**Large** Language Model`` is one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from glossary_build.core.model import Passage, Piece
from glossary_build.parse.markdown.tokens import Locator

BARRIERS = frozenset({
    "code_inline", "math_inline", "math_inline_double", "image", "footnote_ref", "html_inline",
})
"""Inline tokens that are not running text and end a passage."""

RAW_CODE_TAGS = re.compile(r"<(/?)(code|kbd|samp|var|tt|pre|a|script|style|math|svg)\b", re.IGNORECASE)
"""Raw HTML elements whose content is not running text."""

_WORD = re.compile(r"[^\W_]+")
_WORD_CHAR = re.compile(r"[^\W_]")


def prose_passages(tokens: Sequence[Token], locator: Locator) -> list[Passage]:
    """The passages of running text in ``tokens`` (blocks of one entry), headings left out."""
    passages: list[Passage] = []
    in_heading = 0
    for token in tokens:
        if token.type == "heading_open":
            in_heading += 1
        elif token.type == "heading_close":
            in_heading -= 1
        elif token.type == "inline" and not in_heading and token.children:
            passages.extend(_passages_of_inline(token, locator))
    return passages


def _passages_of_inline(inline: Token, locator: Locator) -> list[Passage]:
    reader = _InlineReader(inline, locator)
    for child in inline.children or ():
        reader.read(child)
    reader.flush()
    return reader.passages


class _InlineReader:
    """Walks one inline token's children, collecting positioned text between barriers."""

    def __init__(self, inline: Token, locator: Locator) -> None:
        self.inline = inline
        self.content = inline.content
        self.locator = locator
        self.cursor = 0
        """Offset in :attr:`content` up to which children have been found."""
        self.links: list[bool] = []
        """The links the current child is in: for each, whether the cursor is past its end."""
        self.raw = 0
        """Depth of raw code elements (``<code>``) the current child is in."""
        self.pieces: list[Piece] = []
        self.passages: list[Passage] = []

    def read(self, child: Token) -> None:
        kind = child.type
        if kind == "link_open":
            self.flush()
            self.links.append(self._skip_link(child))
        elif kind == "link_close":
            if self.links:
                self.links.pop()
        elif kind == "html_inline":
            self.flush()
            self._skip(child.content)
            self._raw_tag(child.content)
        elif self.links or self.raw:
            if kind == "text" and not (self.links and self.links[-1]):
                self._skip(child.content)
        elif kind == "text":
            self._text(child.content)
        elif kind in ("softbreak", "hardbreak"):
            if self.pieces:
                line, column, text = self.pieces[-1]
                self.pieces.append((line, column + len(text), " "))
        elif kind in BARRIERS:
            self.flush()
            self._skip(child.content)

    def flush(self) -> None:
        """End the current passage."""
        while self.pieces and self.pieces[-1][2] == " ":
            self.pieces.pop()
        if self.pieces:
            self.passages.append(tuple(self.pieces))
        self.pieces = []

    def _text(self, text: str) -> None:
        if not text:
            return
        found = self.content.find(text, self.cursor)
        segments = [(0, found)] if found >= 0 else self._align(text)
        for index, (start, source) in enumerate(segments):
            end = segments[index + 1][0] if index + 1 < len(segments) else len(text)
            self._add(text[start:end], source)
        last_start, last_source = segments[-1]
        self.cursor = min(last_source + len(text) - last_start, len(self.content))

    def _align(self, text: str) -> list[tuple[int, int]]:
        """Where the parts of a text that reading changed (``--`` to ``–``, ``\\*`` to ``*``)
        stand in the source: (offset in ``text``, offset in the source) where the shift
        between them changes, found by the text's words, which reading leaves as they are."""
        segments: list[tuple[int, int]] = []
        cursor = self.cursor
        for word in _WORD.finditer(text):
            found = _find_word(self.content, word.group(), cursor)
            if found < 0:
                continue  # a word made by reading (an entity): the shift stays
            shift = found - word.start()
            if not segments:
                segments.append((0, max(shift, self.cursor)))
            elif shift != segments[-1][1] - segments[-1][0]:
                segments.append((word.start(), found))
            cursor = found + len(word.group())
        return segments or [(0, self.cursor)]

    def _add(self, text: str, source: int) -> None:
        """The pieces of ``text``, which starts at ``source`` in the source: one per line."""
        offset = 0
        for index, part in enumerate(text.split("\n")):
            if index:
                self.pieces.append((*self._position(source + offset - 1), " "))
            if part:
                self.pieces.append((*self._position(source + offset), part))
            offset += len(part) + 1

    def _position(self, offset: int) -> tuple[int, int]:
        return self.locator.position(self.inline, offset)

    def _skip(self, text: str) -> None:
        """Move the cursor past ``text`` (a barrier's source), when it is found."""
        if text:
            found = self.content.find(text, self.cursor)
            if found >= 0:
                self.cursor = found + len(text)

    def _skip_link(self, link: Token) -> bool:
        """Move the cursor past the link, when its end is known; True if it was."""
        end = link.meta.get("end")
        if end is not None and link.meta.get("src") is self.content:
            self.cursor = max(self.cursor, int(end))
            return True
        return False

    def _raw_tag(self, html: str) -> None:
        """Raw ``<code>``, ``<a>``, ...: what stands inside is not running text either."""
        tag = RAW_CODE_TAGS.match(html)
        if tag is None or html.rstrip().endswith("/>"):
            return
        if tag.group(1):
            self.raw = max(self.raw - 1, 0)
        else:
            self.raw += 1


def _find_word(text: str, word: str, start: int) -> int:
    """Where ``word`` stands in ``text`` from ``start`` on as a whole word, or -1."""
    found = text.find(word, start)
    while found >= 0:
        before = text[found - 1] if found else " "
        after = text[found + len(word)] if found + len(word) < len(text) else " "
        if not _WORD_CHAR.match(before) and not _WORD_CHAR.match(after):
            return found
        found = text.find(word, found + 1)
    return -1
