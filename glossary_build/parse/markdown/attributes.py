"""Pandoc attribute blocks and Pandoc's ``auto_identifiers`` rule.

Grammar of an attribute block, as Pandoc's ``markdown`` reader accepts it::

    block  := "{" ws* (item (ws+ item)*)? ws* "}"
    item   := "#" name            -- id; the last one wins
            | "." name            -- class; classes accumulate
            | "-"                 -- same as .unnumbered
            | key "=" value       -- key/value pair
    name   := letter (letter | digit | "-" | "_" | ":" | ".")*
    key    := name
    value  := '"' (not '"')* '"' | "'" (not "'")* "'" | (not ws, not "}")+

``letter`` is any Unicode letter.  Pandoc 3 also accepts names that start
with a digit or ``_`` (``{#68_95_997_rule}``); Pandoc 2 leaves such a block as
literal heading text.  We accept them and report the difference (see
:class:`BlockReading`).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass

from glossary_build.core.model import Attributes

_NAME_TAIL = r"[\w\-:.]*"
_STRICT_NAME = re.compile(r"[^\W\d_]" + _NAME_TAIL)
_LENIENT_NAME = re.compile(r"\w" + _NAME_TAIL)
_VALUE = re.compile(r'"[^"]*"|\'[^\']*\'|[^\s}"\']+')
_SPACE = re.compile(r"\s+")


class BlockReading(enum.Enum):
    """How an attribute block was read."""

    PANDOC = "pandoc"
    """Valid for every Pandoc version."""
    PANDOC3 = "pandoc3"
    """A name starts with a digit or ``_``: Pandoc 3 accepts it, Pandoc 2 shows the block as text."""


@dataclass(frozen=True, slots=True)
class ParsedBlock:
    """The result of reading the inside of ``{...}``."""

    attributes: Attributes
    """What the block sets."""
    reading: BlockReading
    """Whether all Pandoc versions agree."""


def parse_attribute_block(inner: str) -> ParsedBlock | None:
    """Read the text between ``{`` and ``}``; None when it is not an attribute block."""
    ident: str | None = None
    classes: list[str] = []
    pairs: list[tuple[str, str]] = []
    reading = BlockReading.PANDOC
    pos = _skip_space(inner, 0)
    while pos < len(inner):
        item = _read_item(inner, pos)
        if item is None:
            return None
        kind, name, value, end, strict = item
        if not strict:
            reading = BlockReading.PANDOC3
        if kind == "#":
            ident = name
        elif kind == ".":
            classes.append(name)
        else:
            pairs.append((name, value))
        if end < len(inner) and not inner[end].isspace():
            return None
        pos = _skip_space(inner, end)
    return ParsedBlock(Attributes(ident, tuple(classes), tuple(pairs)), reading)


def _skip_space(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _read_item(text: str, pos: int) -> tuple[str, str, str, int, bool] | None:
    """One item at ``pos``: (kind, name, value, end, strict) or None if malformed."""
    if text[pos] == "-" and (pos + 1 == len(text) or text[pos + 1].isspace()):
        return (".", "unnumbered", "", pos + 1, True)
    if text[pos] in "#.":
        name, end, strict = _read_name(text, pos + 1)
        return None if name is None else (text[pos], name, "", end, strict)
    key, end, strict = _read_name(text, pos)
    if key is None or not text.startswith("=", end):
        return None
    value = _VALUE.match(text, end + 1)
    if value is None:
        return None
    raw = value.group()
    unquoted = raw[1:-1] if raw[:1] in "\"'" else raw
    return ("=", key, unquoted, value.end(), strict)


def _read_name(text: str, pos: int) -> tuple[str | None, int, bool]:
    strict = _STRICT_NAME.match(text, pos)
    if strict:
        return strict.group(), strict.end(), True
    lenient = _LENIENT_NAME.match(text, pos)
    if lenient:
        return lenient.group(), lenient.end(), False
    return None, pos, True


def auto_identifier(text: str) -> str:
    """Pandoc's ``auto_identifiers`` rule applied to a heading's plain text.

    Lowercase; keep letters, digits, ``_``, ``-``, ``.`` and whitespace; join
    the remaining words with ``-`` (so runs of spaces give one ``-``, and a
    dash standing alone between spaces gives ``---``); drop everything before
    the first letter.  Pandoc then uses ``section`` for an empty result, which
    :func:`unique_identifier` does.
    """
    kept = text.translate(_IDENTIFIER_CHARS)
    ident = "-".join(kept.split())
    for index, char in enumerate(ident):
        if char.isalpha():
            return ident[index:]
    return ""


class _IdentifierChars(dict[int, str]):
    """``str.translate`` table: each character to what an identifier keeps of it ("" if nothing).

    Filled on first sight of a character, so translating runs at C speed
    instead of a Python call per character (headings are read several times).
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        kept = _lower(char) if _is_alnum(char) or char in "_-." or char.isspace() else ""
        self[code] = kept
        return kept


_IDENTIFIER_CHARS = _IdentifierChars()


def _lower(char: str) -> str:
    lower = char.lower()
    return lower if len(lower) == 1 else char


def _is_alnum(char: str) -> bool:
    # Haskell's isAlphaNum: letters (L*) and numbers (N*), not marks.
    return unicodedata.category(char)[0] in "LN"


def unique_identifier(base: str, used: set[str], counters: dict[str, int] | None = None) -> str:
    """Pandoc's de-duplication: ``base``, else ``base-1``, ``base-2``, ...; records the result.

    ``counters`` (one dict per ``used`` set, kept by the caller) remembers the last
    suffix given to each base, so 50,000 headings of one name cost linear time
    instead of quadratic.  ``used`` only grows, so the suffixes skipped are taken.
    """
    base = base or "section"
    ident = base
    counter = counters.get(base, 0) if counters is not None else 0
    if counter:
        ident = f"{base}-{counter}"
    while ident in used:
        counter += 1
        ident = f"{base}-{counter}"
    used.add(ident)
    if counters is not None:
        counters[base] = counter
    return ident
