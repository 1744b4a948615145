"""Adding items to an entry's see-also section, written the way the section is written.

Where: in A–Z order (the collation of ``see-also-unsorted``, ``Index`` last)
when the section's links are in that order already; otherwise before a last
``[Index](#Index)`` item, or else at the end.

How: a section with one link per line gets new lines like its first item
(the same list marker or indentation, the same `` |`` after the link; when
the last item has no `` |`` and the new one comes after it, the old last item
gets one and the new one goes without).  A section with several links on a
line gets the new link on the line of its neighbour, joined with the same
separator (`` | ``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from glossary_build.checks.seealso import order_key
from glossary_build.core.diagnostics import Span
from glossary_build.core.model import Entry, Heading, Reference, ReferenceKind
from glossary_build.edit.source import SourceFile, TextEdit
from glossary_build.graph.terms import INDEX_ID

_PREFIX = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?")
_SUFFIX = re.compile(r"[ \t]*\|?[ \t]*")
_MARKUP = re.compile(r"([\\`*_\[\]<>$~^&])")


@dataclass(frozen=True, slots=True)
class NewItem:
    """A link to add: its text and target."""

    text: str
    """The plain text, as the link's text (escaped when written)."""
    target: str
    """The id."""

    @property
    def markdown(self) -> str:
        """``[Text](#Id)``, markup characters in the text escaped."""
        text = _MARKUP.sub(r"\\\1", self.text)
        return f"[{text}](#{self.target})"

    @property
    def key(self) -> tuple[int, tuple[int, str, str]]:
        """Its place in A–Z order, as :func:`~glossary_build.checks.seealso.order_key` gives it."""
        return order_key(Reference(self.target, self.text, ReferenceKind.SEE_ALSO, Span("", 0)))


def see_also_links(entry: Entry) -> tuple[Heading, list[Reference]] | None:
    """The first see-also section's heading and its links in order, or None without one."""
    starts = [section.heading.span.line for section in entry.sections] + [entry.end_line + 2]
    for index, section in enumerate(entry.sections):
        if section.is_see_also:
            first, end = starts[index], starts[index + 1]
            links = [
                reference for reference in entry.references
                if reference.kind is ReferenceKind.SEE_ALSO and first < reference.span.line < end
            ]
            return section.heading, links
    return None


def see_also_edits(source: SourceFile, entry: Entry, items: Sequence[NewItem]) -> list[TextEdit] | None:
    """The edits that add ``items`` to ``entry``'s see-also section; None if it has none."""
    found = see_also_links(entry)
    if found is None:
        return None
    heading, links = found
    if not links:
        line = heading.span.line
        text = "".join("\n" + item.markdown + " |" for item in _sorted(items))
        return [TextEdit(line, len(source.line(line)) + 1, len(source.line(line)) + 1, "", text)]
    places = _places(links, items)
    if len({link.span.line for link in links}) == len(links):
        return _line_edits(source, links, places)
    return _inline_edits(source, links, places)


def _sorted(items: Sequence[NewItem]) -> list[NewItem]:
    return sorted(items, key=lambda item: item.key)


def _places(links: Sequence[Reference], items: Sequence[NewItem]) -> dict[int, list[NewItem]]:
    """For each link index, the new items to put before it (``len(links)``: after the last)."""
    keys = [order_key(link) for link in links]
    is_sorted = keys == sorted(keys)
    places: dict[int, list[NewItem]] = {}
    for item in _sorted(items):
        if is_sorted:
            place = next((index for index, known in enumerate(keys) if known > item.key), len(links))
        elif links[-1].target == INDEX_ID:
            place = len(links) - 1
        else:
            place = len(links)
        places.setdefault(place, []).append(item)
    return places


def _line_edits(source: SourceFile, links: Sequence[Reference], places: dict[int, list[NewItem]]) -> list[TextEdit]:
    template = next((link for link in links if link.target != INDEX_ID), links[0])
    prefix, suffix = _around(source, template)
    edits: list[TextEdit] = []
    for place, items in places.items():
        lines = [prefix + item.markdown + suffix for item in items]
        if place < len(links):
            line = links[place].span.line
            edits.append(TextEdit(line, 1, 1, "", "".join(text + "\n" for text in lines)))
            continue
        last = links[-1]
        text = source.line(last.span.line)
        end = len(text) + 1
        last_suffix = _around(source, last)[1]
        if "|" in suffix and "|" not in last_suffix:  # the last item goes without " |": keep it so
            lines[-1] = prefix + items[-1].markdown + last_suffix
            edits.append(TextEdit(last.span.line, end, end, "", suffix.rstrip() + "".join("\n" + t for t in lines)))
        else:
            edits.append(TextEdit(last.span.line, end, end, "", "".join("\n" + t for t in lines)))
    return edits


def _inline_edits(source: SourceFile, links: Sequence[Reference], places: dict[int, list[NewItem]]) -> list[TextEdit]:
    separator = _separator(source, links)
    edits: list[TextEdit] = []
    for place, items in places.items():
        written = separator.join(item.markdown for item in items)
        if place < len(links):
            span = links[place].span
            edits.append(TextEdit(span.line, span.column, span.column, "", written + separator))
        else:
            span = links[-1].span
            line = span.end_line or span.line
            end = span.end_column or len(source.line(line)) + 1
            edits.append(TextEdit(line, end, end, "", separator + written))
    return edits


def _around(source: SourceFile, link: Reference) -> tuple[str, str]:
    """What stands before (an indent, a list marker) and after (`` |``) a link on its line."""
    span = link.span
    text = source.line(span.line)
    before = text[: span.column - 1]
    after = text[span.end_column - 1 :] if span.end_line == span.line and span.end_column else ""
    prefix = before if _PREFIX.fullmatch(before) else ""
    suffix = after.rstrip() if _SUFFIX.fullmatch(after) else ""
    return prefix, suffix


def _separator(source: SourceFile, links: Sequence[Reference]) -> str:
    """What stands between two links on one line (`` | ``)."""
    for before, after in itertools.pairwise(links):
        span = before.span
        if span.end_line == after.span.line == span.line and span.end_column:
            return source.line(span.line)[span.end_column - 1 : after.span.column - 1]
    return " | "

