"""Small helpers over markdown-it token lists: blocks, plain text, positions."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token


@dataclass(frozen=True, slots=True)
class Block:
    """One top-level block: ``tokens[start:end]`` of the file's token list."""

    start: int
    """Index of the block's first token."""
    end: int
    """Index after the block's last token."""
    first: Token
    """The block's first token (``heading_open``, ``paragraph_open``, ``hr``, ...)."""

    @property
    def first_line(self) -> int:
        """0-based first source line."""
        return self.first.map[0] if self.first.map else 0

    @property
    def last_line(self) -> int:
        """0-based line after the block."""
        return self.first.map[1] if self.first.map else self.first_line + 1


def top_level_blocks(tokens: Sequence[Token]) -> list[Block]:
    """Split a token list into its top-level blocks."""
    blocks: list[Block] = []
    index = 0
    while index < len(tokens):
        start = index
        depth: int = tokens[index].nesting
        index += 1
        while depth > 0 and index < len(tokens):
            depth += tokens[index].nesting
            index += 1
        blocks.append(Block(start, index, tokens[start]))
    return blocks


def heading_level(token: Token) -> int:
    """The level of a ``heading_open`` token (``h2`` gives 2)."""
    return int(token.tag[1])


def plain_text(children: Sequence[Token] | None) -> str:
    """The text of inline tokens without markup, as Pandoc's ``stringify`` gives it."""
    parts: list[str] = []
    for token in children or ():
        if token.type in ("text", "code_inline", "math_inline", "math_inline_double"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "image":
            parts.append(plain_text(token.children))
    return "".join(parts)


def walk_inline(tokens: Sequence[Token]) -> Iterator[tuple[Token, Token]]:
    """Every inline child token with its parent ``inline`` token, in source order."""
    for token in tokens:
        if token.type == "inline" and token.children:
            for child in token.children:
                yield token, child


class Locator:
    """Turns offsets inside an inline token's content into source line and column.

    markdown-it gives block tokens their source lines (``map``); inline
    content is the block's text with container prefixes (list markers,
    ``>``, indentation) removed.  Each content line is found at the end of its
    source line, which gives the column offset of that line.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines
        self._line_starts: tuple[str, list[int]] | None = None
        self._shifts: dict[tuple[int, int], int] = {}

    def position(self, inline: Token, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset`` in ``inline.content``."""
        content = inline.content
        offset = max(0, min(offset, len(content)))
        cached = self._line_starts  # called twice per link: skip the method call when cached
        starts = cached[1] if cached is not None and cached[0] is content else self._starts(content)
        if len(starts) == 1:  # one-line content (most see-also and heading lines)
            line_index, line_start, line_end = 0, 0, len(content)
        else:
            line_index = bisect_right(starts, offset) - 1
            line_start = starts[line_index]
            line_end = starts[line_index + 1] - 1 if line_index + 1 < len(starts) else len(content)
        first = inline.map[0] if inline.map else 0
        source_line_no = min(first + line_index, max(len(self.lines) - 1, 0))
        shift = self._shifts.get((source_line_no, line_start))
        if shift is None:
            # Comparing a long line costs its length: once per line, not per link.
            source = self.lines[source_line_no] if self.lines else ""
            shift = _column_of(source, content[line_start:line_end])
            self._shifts[(source_line_no, line_start)] = shift
        return source_line_no + 1, shift + (offset - line_start) + 1

    def _starts(self, content: str) -> list[int]:
        """Offsets where the lines of ``content`` start (cached for the last content seen)."""
        if self._line_starts is None or self._line_starts[0] is not content:
            starts = [0]
            found = content.find("\n")
            while found >= 0:
                starts.append(found + 1)
                found = content.find("\n", found + 1)
            self._line_starts = (content, starts)
            self._shifts = {}
        return self._line_starts[1]


def _column_of(source: str, content_line: str) -> int:
    """Where ``content_line`` starts within ``source`` (0-based)."""
    if content_line and source.endswith(content_line):
        return len(source) - len(content_line)
    stripped = content_line.strip()
    if stripped:
        found = source.find(stripped)
        if found >= 0:
            return found + (len(content_line) - len(content_line.lstrip()))
    return len(source) - len(source.lstrip())


def render_inline(md: MarkdownIt, children: Sequence[Token], env: Any) -> str:
    """HTML of inline tokens (markdown-it's renderer, typed)."""
    html: str = md.renderer.renderInline(children, md.options, env)  # type: ignore[attr-defined]
    return html


def matching_close(tokens: Sequence[Token], start: int) -> int:
    """Index of the token closing ``tokens[start]`` (``link_open`` -> its ``link_close``).

    Nested pairs of the same type are skipped; without a match, the last index.
    """
    opening = tokens[start].type
    closing = opening.removesuffix("_open") + "_close"
    depth = 0
    for index in range(start, len(tokens)):
        if tokens[index].type == opening:
            depth += 1
        elif tokens[index].type == closing:
            depth -= 1
            if depth == 0:
                return index
    return len(tokens) - 1
