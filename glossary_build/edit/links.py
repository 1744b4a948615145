"""Where the ``#target`` of a cross-reference is written, to point it elsewhere.

The parser gives each reference the span of its link, ``[`` to ``)``.  The
destination is read at the end of that span: ``](#Id)``, ``](<#Id>)``,
``](#Id "title")``.  A reference link (``[text][label]``, ``[label][]``,
``[label]``) has its destination in the reference definition ``[label]: #Id``,
whose lines markdown-it's own rule reports while the file is read again
(:func:`reference_definitions`).  Either way the destination is changed only
when it decodes (escapes, entities, percent-encoding) to the target the
parser recorded; an implicit header reference (``[Kernkonzept]``) has no
written destination and is left as it is.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.rules_block import StateBlock

from glossary_build.core.model import Reference
from glossary_build.edit.source import SourceFile, TextEdit

_TITLE = r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))"""
_TAIL = re.compile(
    r"\]\([ \t]*(?:<(?P<angle>[^<>\n]*)>|(?P<bare>[^\s<>()]*(?:\([^\s()]*\)[^\s()]*)*))"
    rf"(?:\s+{_TITLE})?[ \t]*\)"
)
_FULL_REFERENCE = re.compile(r"\]\[(?P<label>(?:[^\[\]\\]|\\.)*)\]$")
_DEFINITION = re.compile(
    r"\[(?:[^\[\]\\]|\\.)+\]:[ \t]*(?:\n[ \t>]*)?(?:<(?P<angle>[^<>\n]*)>|(?P<bare>\S+))"
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass(frozen=True, slots=True)
class Destination:
    """Where a destination is written: one line, the columns of its text (without ``<>``)."""

    line: int
    """1-based line."""
    column: int
    """1-based column of its first character."""
    written: str
    """The destination as written (``#Id``)."""

    def retarget(self, target: str) -> TextEdit:
        """The edit that makes it ``#target``."""
        end = self.column + len(self.written)
        return TextEdit(self.line, self.column, end, self.written, f"#{target}")


Definitions = dict[str, Destination]
"""Reference definitions of one file: normalised label -> where its destination is written."""


def decoded_target(written: str) -> str | None:
    """The id a written destination names, as the parser records it; None if it is not ``#...``."""
    href = html.unescape(_ESCAPE.sub(r"\1", written))
    if not href.startswith("#"):
        return None
    return unicodedata.normalize("NFC", unquote(href[1:]))


def link_destination(
    source: SourceFile, reference: Reference, definitions: Callable[[], Definitions]
) -> Destination | None:
    """Where ``reference``'s destination is written, or None (an implicit header reference, a
    span the parser could not end, a destination that does not name the recorded target)."""
    span = reference.span
    if reference.local or span.end_line is None or span.end_column is None:
        return None
    end_text = source.line(span.end_line)[: span.end_column - 1]
    start = span.column - 1 if span.end_line == span.line else 0
    found = _inline_destination(end_text, start, span.end_line)
    if found is None:
        label = _reference_label(source, reference)
        found = definitions().get(label) if label is not None else None
    if found is None or decoded_target(found.written) != reference.target:
        return None
    return found


def _inline_destination(text: str, start: int, line: int) -> Destination | None:
    """The destination of the inline link ending ``text`` (the rightmost ``](`` that reads)."""
    at = text.rfind("](", start)
    while at >= start:
        match = _TAIL.fullmatch(text, at)
        if match is not None:
            group = "angle" if match.group("angle") is not None else "bare"
            return Destination(line, match.start(group) + 1, match.group(group))
        at = text.rfind("](", start, at)
    return None


def _reference_label(source: SourceFile, reference: Reference) -> str | None:
    """The normalised label of a reference link whose span is ``[text][label]``, ``[label][]``
    or ``[label]`` (one line or several)."""
    span = reference.span
    assert span.end_line is not None and span.end_column is not None
    lines = [source.line(number) for number in range(span.line, span.end_line + 1)]
    lines[-1] = lines[-1][: span.end_column - 1]
    lines[0] = lines[0][span.column - 1 :]
    written = "\n".join(lines)
    if not written.startswith("[") or not written.endswith("]"):
        return None
    full = _FULL_REFERENCE.search(written)
    if full is not None and full.group("label").strip():
        label = full.group("label")
    else:
        label = written[1 : full.start()] if full is not None else written[1:-1]
    return normalizeReference(label)


def reference_definitions(source: SourceFile, md: MarkdownIt) -> Definitions:
    """Every reference definition of ``source`` (the first of a label wins, as in markdown-it).

    The file is read again by a copy of markdown-it's ``reference`` rule that
    notes the lines of each definition; the destination is then read from
    those lines only.
    """
    found: Definitions = {}
    lines = source.text.split("\n")
    rule = next(rule for rule in md.block.ruler.__rules__ if rule.name == "reference")
    original = rule.fn

    def noting(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        known = set(state.env.get("references", {}))
        matched: bool = original(state, start, end, silent)
        if matched and not silent:
            for label in set(state.env.get("references", {})) - known:
                found[label] = _definition_destination(lines, start, state.line) or found.get(label)  # type: ignore[assignment]
        return matched

    rule.fn = noting
    md.block.ruler.__cache__ = None
    try:
        env: dict[str, Any] = {}
        md.block.parse(source.text, md, env, [])
    finally:
        rule.fn = original
        md.block.ruler.__cache__ = None
    return {label: place for label, place in found.items() if place is not None}


def _definition_destination(lines: list[str], start: int, end: int) -> Destination | None:
    """Where the destination of the definition on lines ``start``..``end`` (0-based) is written."""
    text = "\n".join(lines[start:end])
    match = _DEFINITION.search(text)
    if match is None:
        return None
    group = "angle" if match.group("angle") is not None else "bare"
    offset = match.start(group)
    line = start + text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Destination(line + 1, column, match.group(group))
