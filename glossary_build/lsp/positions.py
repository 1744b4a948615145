"""Positions: the library's 1-based code-point columns and LSP's 0-based code units.

The library counts columns in characters (code points), 1-based.  LSP counts
0-based code units of the position encoding agreed at ``initialize``: UTF-16
unless client and server settle on UTF-8 or UTF-32.  An umlaut is one unit in
UTF-16 and UTF-32 but two in UTF-8; an emoji is two UTF-16 units (a surrogate
pair) and four UTF-8 units, so every conversion looks at the line's text.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

UTF8 = types.PositionEncodingKind.Utf8
UTF16 = types.PositionEncodingKind.Utf16
UTF32 = types.PositionEncodingKind.Utf32


def units(text: str, encoding: str) -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def to_units(line: str, index: int, encoding: str) -> int:
    """The code-unit offset of code-point ``index`` (0-based) in ``line``."""
    return units(line[:index], encoding)


def from_units(line: str, offset: int, encoding: str) -> int:
    """The code-point index (0-based) at code-unit ``offset`` in ``line``; an offset inside a
    character (half a surrogate pair) counts as that character's start, one past the end as the end."""
    if encoding == UTF32:
        return min(max(offset, 0), len(line))
    used = 0
    for index, char in enumerate(line):
        width = units(char, encoding)
        if used + width > offset:
            return index
        used += width
    return len(line)


class Lines:
    """One file's lines, converting between library spans and LSP positions."""

    def __init__(self, lines: Sequence[str], encoding: str) -> None:
        self.lines = lines
        self.encoding = encoding

    def line(self, number: int) -> str:
        """The text of 0-based line ``number`` (empty beyond the end)."""
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of 1-based ``line`` and ``column`` (a code-point column)."""
        text = self.line(line - 1)
        return types.Position(line=max(line - 1, 0), character=to_units(text, max(column - 1, 0), self.encoding))

    def line_end(self, line: int) -> types.Position:
        """The position after the last non-blank character of 1-based ``line``."""
        text = self.line(line - 1).rstrip()
        return types.Position(line=max(line - 1, 0), character=units(text, self.encoding))

    def index(self, position: types.Position) -> int:
        """The 0-based code-point index of ``position`` on its line."""
        return from_units(self.line(position.line), position.character, self.encoding)

    def range(self, line: int, start: int, end: int) -> types.Range:
        """The range of code points ``start`` to ``end`` (0-based, end exclusive) of 0-based ``line``."""
        text = self.line(line)
        return types.Range(
            start=types.Position(line=line, character=to_units(text, start, self.encoding)),
            end=types.Position(line=line, character=to_units(text, end, self.encoding)),
        )
