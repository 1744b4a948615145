"""Where things are written in an entry file's text: link targets, heading ids, the link
being typed, and which entry and section a line belongs to.

The parser records a link's span from ``[`` to ``)`` and a heading's first
character; the exact columns of a target or an id inside them are found
here, in the source line, the way the parser read them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from glossary_build.core.model import Entry, ParsedFile, Reference, Section

ATTRIBUTE_BLOCK = re.compile(r"\{([^{}]*)\}[ \t]*#*[ \t]*$")
"""The attribute block that ends a heading line (closing ``#`` of an ATX heading allowed)."""
ID_IN_BLOCK = re.compile(r"(?:^|\s)#([^\s}]+)")
TARGET = re.compile(r"\(\s*<?#([^\s)>]*)")
"""The ``(#target`` of a link, from its ``(``."""
LINK_DEFINITION = re.compile(r"^ {0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*<?#([^\s>]*)")
"""A link reference definition ``[label]: #target`` (for ``[text][label]`` and ``[label]``)."""
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
TYPED_LINK = re.compile(r"\]\((#?)([^\s()#]*)$")
"""A link destination being typed: ``](`` or ``](#`` and what follows, up to the cursor."""


@dataclass(frozen=True, slots=True)
class Place:
    """Code points ``start`` to ``end`` (0-based, end exclusive) of the 0-based ``line``."""

    line: int
    start: int
    end: int

    def contains(self, line: int, index: int) -> bool:
        """Whether the cursor at ``index`` of ``line`` touches this place (either end counts)."""
        return line == self.line and self.start <= index <= self.end


def heading_id(lines: Sequence[str], line: int) -> Place | None:
    """Where the explicit id of the heading on 1-based ``line`` is written (the last ``#id``)."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    block = ATTRIBUTE_BLOCK.search(text)
    if block is None:
        return None
    # A quoted value may hold a '#' (title="a #b"); blanked, columns stay where they are.
    inside = QUOTED.sub(lambda quoted: " " * len(quoted.group()), block.group(1))
    found = list(ID_IN_BLOCK.finditer(inside))
    if not found:
        return None
    offset = block.start(1)
    return Place(line - 1, offset + found[-1].start(1), offset + found[-1].end(1))


def link_target(lines: Sequence[str], reference: Reference) -> Place | None:
    """Where the target of ``reference`` (after its ``#``) is written, or None when it cannot
    be found (an implicit header reference ``[Kernkonzept]`` has no target in its text)."""
    span = reference.span
    if span.end_line is not None and span.end_column is not None:
        number = span.end_line - 1
        text = lines[number] if 0 <= number < len(lines) else ""
        start = span.column - 1 if span.end_line == span.line else 0
        opening = text.rfind("](", start, span.end_column - 1)
        if opening < 0:
            return None
        found = TARGET.match(text, opening + 1)
        return Place(number, found.start(1), found.end(1)) if found and _reads(found, reference) else None
    number = span.line - 1
    text = lines[number] if 0 <= number < len(lines) else ""
    for found in TARGET.finditer(text, max(span.column - 1, 0)):
        if text[found.start() - 1 : found.start()] == "]" and _reads(found, reference):
            return Place(number, found.start(1), found.end(1))
    return None


def _reads(found: re.Match[str], reference: Reference) -> bool:
    """Whether the target written in ``found`` is the reference's (as the parser decodes it)."""
    return unicodedata.normalize("NFC", unquote(found.group(1))) == reference.target


def link_definitions(lines: Sequence[str], target: str) -> list[Place]:
    """Where link reference definitions ``[label]: #target`` name ``target`` (as the parser reads
    a target: percent-escapes decoded, NFC)."""
    places = []
    for number, text in enumerate(lines):
        found = LINK_DEFINITION.match(text)
        if found and unicodedata.normalize("NFC", unquote(found.group(1))) == target:
            places.append(Place(number, found.start(1), found.end(1)))
    return places


def reference_at(parsed: ParsedFile, line: int, index: int) -> tuple[Entry, int] | None:
    """The entry and the index of its reference written at ``index`` of 0-based ``line``."""
    for entry in parsed.entries:
        if not entry.heading.span.line - 1 <= line <= entry.end_line:
            continue
        for number, reference in enumerate(entry.references):
            if _covers(reference, line, index):
                return entry, number
    return None


def _covers(reference: Reference, line: int, index: int) -> bool:
    span = reference.span
    first, last = span.line - 1, (span.end_line or span.line) - 1
    if not first <= line <= last:
        return False
    if line == first and index < span.column - 1:
        return False
    if span.end_column is None:
        return line == first
    return line < last or index <= span.end_column - 1


def entry_at(parsed: ParsedFile, line: int) -> Entry | None:
    """The entry that 0-based ``line`` belongs to (from its heading to its last line)."""
    for entry in parsed.entries:
        if entry.heading.span.line - 1 <= line <= max(entry.end_line - 1, entry.heading.span.line - 1):
            return entry
    return None


def section_at(entry: Entry, line: int) -> Section | None:
    """The section of ``entry`` that 0-based ``line`` is in (below its heading), if any."""
    current = None
    for section in entry.sections:
        if section.heading.span.line - 1 < line:
            current = section
    return current


@dataclass(frozen=True, slots=True)
class TypedLink:
    """A link destination being typed at the cursor."""

    prefix: str
    """What follows ``#`` up to the cursor."""
    start: int
    """Where the text to replace starts: just after ``(`` (0-based code point)."""
    has_hash: bool
    """False right after ``](``: the completion must bring the ``#``."""


def typed_link(text: str, index: int) -> TypedLink | None:
    """The link destination typed up to code point ``index`` of the line ``text``, if the cursor
    is in one (``[text](#Pre|`` or ``](|``)."""
    found = TYPED_LINK.search(text[:index])
    if found is None:
        return None
    return TypedLink(found.group(2), found.start(1), bool(found.group(1)))
