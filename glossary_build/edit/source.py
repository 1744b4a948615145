"""One entry file as its author wrote it, and text edits at the positions the parser reports.

The parser reads normalised text (:func:`~glossary_build.sources.files.normalize_text`:
no BOM, ``\\n`` line ends, NFC) and counts columns in characters of it.  An
edit is given in those coordinates and applied to the file as written: its
BOM, its line ends (a CRLF file stays CRLF) and the Unicode form of every
character outside the edit are kept byte for byte.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from glossary_build.sources.files import normalize_text

BOM = "\ufeff"
_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")


class EditError(Exception):
    """An edit cannot be made (a file changed, is unreadable, or the text is not as expected)."""


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace text within one line: the columns are the parser's (1-based, end exclusive)."""

    line: int
    """1-based line."""
    column: int
    """1-based column of the first character replaced (the insertion point, if none)."""
    end_column: int
    """Column after the last character replaced; ``column`` for an insertion."""
    old: str
    """The text there now, checked before replacing."""
    new: str
    """The text to put there; ``\\n`` in it is written as the file's line end."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """An entry file's bytes and what the parser reads of them."""

    path: str
    """Relative to the glossary folder, with ``/`` (as in reports)."""
    file: Path
    """Where it is (a linked file's target)."""
    data: bytes
    """The bytes as read."""
    bom: bool
    """Whether the file starts with a byte order mark."""
    lines: tuple[str, ...]
    """The lines as written, without their ends (and without the BOM)."""
    endings: tuple[str, ...]
    """Each line's end: ``\\r\\n``, ``\\n``, ``\\r`` or nothing (the last line)."""

    @property
    def text(self) -> str:
        """The text the parser reads (normalised)."""
        return "\n".join(unicodedata.normalize("NFC", line) for line in self.lines)

    @property
    def newline(self) -> str:
        """The file's line end: that of its first line, ``\\n`` for a file of one line."""
        return next((ending for ending in self.endings if ending), "\n")

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) as the parser reads it."""
        return unicodedata.normalize("NFC", self.lines[number - 1])

    def with_edits(self, edits: Iterable[TextEdit]) -> bytes:
        """The file's bytes with ``edits`` made; nothing else changes."""
        lines = list(self.lines)
        by_line: dict[int, list[TextEdit]] = {}
        for edit in edits:
            if not 1 <= edit.line <= len(lines):
                raise EditError(f"{self.path}:{edit.line}: no such line")
            by_line.setdefault(edit.line, []).append(edit)
        for number, line_edits in by_line.items():
            lines[number - 1] = self._edited_line(number, line_edits)
        body = "".join(line + ending for line, ending in zip(lines, self.endings))
        return ((BOM if self.bom else "") + body).encode("utf-8")

    def _edited_line(self, number: int, edits: list[TextEdit]) -> str:
        raw = self.lines[number - 1]
        normal = unicodedata.normalize("NFC", raw)
        ordered = sorted(edits, key=lambda edit: (edit.column, edit.end_column))
        for before, after in itertools.pairwise(ordered):
            if after.column < before.end_column:
                raise EditError(f"{self.path}:{number}: two changes overlap")
        pieces: list[str] = []
        done = 0
        for edit in ordered:
            if normal[edit.column - 1 : edit.end_column - 1] != edit.old:
                raise EditError(
                    f"{self.path}:{number}:{edit.column}: expected {edit.old!r}, "
                    f"found {normal[edit.column - 1 : edit.end_column - 1]!r}"
                )
            start, end = _raw_offset(raw, normal, edit.column - 1), _raw_offset(raw, normal, edit.end_column - 1)
            pieces.append(raw[done:start])
            pieces.append(edit.new.replace("\n", self.newline))
            done = end
        pieces.append(raw[done:])
        return "".join(pieces)


def read_source_file(root: Path, path: str) -> SourceFile:
    """The entry file at ``path`` (relative to ``root``), read and split; :class:`EditError` if it
    cannot be read or is not UTF-8."""
    file = (root / path).resolve()  # a linked entry file: its target is what changes
    try:
        data = file.read_bytes()
    except OSError as error:
        raise EditError(f"cannot read {path}: {error.strerror}") from error
    return source_file(path, file, data)


def source_file(path: str, file: Path, data: bytes) -> SourceFile:
    """``data``, the bytes of ``file``, as a :class:`SourceFile`."""
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise EditError(f"{path} is not valid UTF-8 (byte {error.start}); it is left as it is") from error
    bom = decoded.startswith(BOM)
    body = decoded.removeprefix(BOM)
    lines: list[str] = []
    endings: list[str] = []
    for match in _LINE.finditer(body):
        lines.append(match.group(1))
        endings.append(match.group(2))
        if not match.group(2):
            break
    source = SourceFile(path, file, data, bom, tuple(lines), tuple(endings))
    if source.text != normalize_text(decoded):  # positions could not be mapped back
        raise EditError(f"{path}: its lines cannot be matched with what the parser reads")
    return source


def _raw_offset(raw: str, normal: str, offset: int) -> int:
    """The offset in ``raw`` of the character at ``offset`` in ``normal`` (its NFC form)."""
    if raw == normal:
        return offset
    for index in range(len(raw) + 1):  # a line that is not NFC: rare, and short
        if len(unicodedata.normalize("NFC", raw[:index])) == offset and unicodedata.normalize(
            "NFC", raw[:index]
        ) == normal[:offset]:
            return index
    raise EditError("a change falls inside a composed character")
