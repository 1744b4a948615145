"""The items of a heading's attribute block with their columns, to change one of them.

The block is found where the parser found it (the last ``{`` of the heading
line, :mod:`glossary_build.parse.markdown.heading_attrs`) and read with the
grammar of :mod:`glossary_build.parse.markdown.attributes`; a block whose
items read differently from what that module reads is not edited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossary_build.core.model import Attributes
from glossary_build.edit.source import EditError, TextEdit
from glossary_build.parse.markdown.attributes import BlockReading, parse_attribute_block

_ITEM = re.compile(
    r"""(?P<kind>[#.])(?P<name>[^\s{}]+)"""
    r"""|(?P<key>[^\s=#.{}"'][^\s={}]*)=(?P<value>"[^"]*"|'[^']*'|[^\s}"']+)"""
    r"""|(?P<dash>-)(?=\s|$)"""
)
_SPACE = re.compile(r"\s*")


@dataclass(frozen=True, slots=True)
class Item:
    """One item: ``#id``, ``.class``, ``-`` or ``key=value``; columns are 0-based."""

    kind: str
    """``#``, ``.``, ``-`` or ``=``."""
    name: str
    """The id, class or key."""
    value: str
    """A pair's value without quotes."""
    value_start: int
    """Column of the value as written (its opening quote, if quoted)."""
    value_end: int
    """Column after the value as written."""
    name_start: int
    """Column of the name (after ``#`` or ``.``)."""


@dataclass(frozen=True, slots=True)
class AttributeBlock:
    """A heading line's attribute block."""

    line: int
    """1-based line."""
    text: str
    """The heading line."""
    items: tuple[Item, ...]
    """In order."""
    start: int
    """Column of the opening ``{``."""
    end: int
    """Column of the closing ``}`` (the line's length for an unclosed block)."""

    def last(self, kind: str, name: str | None = None) -> Item | None:
        """The last item of ``kind`` (with ``name``): the one Pandoc uses."""
        found = [item for item in self.items if item.kind == kind and (name is None or item.name == name)]
        return found[-1] if found else None

    def replace_value(self, item: Item, written: str) -> TextEdit:
        """An edit writing ``written`` (quotes included, if any) in place of ``item``'s value."""
        old = self.text[item.value_start : item.value_end]
        return TextEdit(self.line, item.value_start + 1, item.value_end + 1, old, written)

    def replace_name(self, item: Item, name: str) -> TextEdit:
        """An edit renaming an id or class item."""
        end = item.name_start + len(item.name)
        return TextEdit(self.line, item.name_start + 1, end + 1, item.name, name)

    def prepend(self, text: str) -> TextEdit:
        """An edit adding ``text`` (an item) as the block's first item."""
        at = self.start + 1
        return TextEdit(self.line, at + 1, at + 1, "", text + (" " if self.items else ""))

    def append(self, text: str) -> TextEdit:
        """An edit adding ``text`` (an item) as the block's last item."""
        at = len(self.text[: self.end].rstrip())
        return TextEdit(self.line, at + 1, at + 1, "", " " + text)


def read_attribute_block(line: int, text: str) -> AttributeBlock:
    """The attribute block at the end of heading line ``text``; :class:`EditError` if it has none
    or its items cannot be read as the parser reads them."""
    start = text.rfind("{")
    if start < 0:
        raise EditError(f"line {line} has no attribute block")
    close = text.find("}", start)
    end = close if close >= 0 else len(text.rstrip())
    inner = text[start + 1 : end]
    items = _items(inner, start + 1)
    parsed = parse_attribute_block(inner)
    if items is None or parsed is None or not _agrees(items, parsed.attributes):
        raise EditError(f"line {line}: the attribute block {text[start:end + 1]!r} cannot be edited safely")
    return AttributeBlock(line, text, tuple(items), start, end)


def quoted(value: str) -> str:
    """``value`` as an attribute value: in double quotes, or single ones if it has a double quote."""
    return f"'{value}'" if '"' in value else f'"{value}"'


def is_valid_id(ident: str) -> bool:
    """Whether ``ident`` is an id every Pandoc version reads (a letter, then letters, digits, ``-_:.``)."""
    parsed = parse_attribute_block("#" + ident)
    return parsed is not None and parsed.reading is BlockReading.PANDOC and parsed.attributes.id == ident


def _items(inner: str, offset: int) -> list[Item] | None:
    items: list[Item] = []
    pos = _SPACE.match(inner, 0).end()  # type: ignore[union-attr]
    while pos < len(inner):
        match = _ITEM.match(inner, pos)
        if match is None:
            return None
        items.append(_item(match, offset))
        pos = _SPACE.match(inner, match.end()).end()  # type: ignore[union-attr]
        if pos == match.end() and pos < len(inner):
            return None
    return items


def _item(match: re.Match[str], offset: int) -> Item:
    if match.group("kind"):
        name_start = match.start("name") + offset
        return Item(match.group("kind"), match.group("name"), "", name_start, name_start, name_start)
    if match.group("dash"):
        return Item("-", "unnumbered", "", match.start() + offset, match.start() + offset, match.start() + offset)
    raw = match.group("value")
    value = raw[1:-1] if raw[:1] in "\"'" else raw
    return Item("=", match.group("key"), value, match.start("value") + offset, match.end("value") + offset,
                match.start() + offset)


def _agrees(items: list[Item], attributes: Attributes) -> bool:
    """Whether the items say what the parser read: the same last id, classes and pairs."""
    ids = [item.name for item in items if item.kind == "#"]
    classes = tuple(item.name for item in items if item.kind in ".-")
    pairs = tuple((item.name, item.value) for item in items if item.kind == "=")
    return (ids[-1] if ids else None) == attributes.id and classes == attributes.classes and pairs == attributes.pairs
