"""Where Pandoc's ``markdown`` reader reads a file differently than we do.

A pass over one file's markdown-it tokens; it returns ``pandoc-incompatible``
diagnostics and changes nothing.  Each case below was checked against
Pandoc 3 (``pandoc -f markdown -t native``):

- a bullet or ordered list that starts on the line right after a paragraph
  line: Pandoc keeps ``- item`` as paragraph text (its lists need a blank
  line before them); we start a list, as CommonMark does and authors mean.  Harmless for our site, so reported at
  ``info``.  Inside a list item Pandoc does start a nested list, so lists
  in list items are not reported;
- an ATX heading (``## Title``) right after a paragraph line: Pandoc reads
  it as paragraph text (``blank_before_header``), also inside list items;
  an entry heading written so is missing from the Pandoc book;
- a block quote (``> ...``) right after a paragraph line: paragraph text for
  Pandoc (``blank_before_blockquote``);
- a thematic break (``***``, ``___``) right after a paragraph line:
  paragraph text for Pandoc, the end of the entry for us;
- a table (``| a | b |`` over ``|---|---|``) right after a paragraph line:
  paragraph text for Pandoc (tables need a blank line before them);
- ``----`` under several lines of text (the usual end of a see-also list
  written without a blank line before the closing rule): Pandoc reads
  paragraph text (its underlined headings have one line); we read the rule
  that ends the entry (:mod:`glossary_build.parse.markdown.setext`);
- ``----`` under one line ending in ``|`` (the last see-also line): Pandoc
  reads a level-2 heading; we read a paragraph and the closing rule.  Any
  other one line over ``---`` is a heading for both and is not reported.

Attribute names starting with a digit (``{#68_95_997_rule}``) are reported
where heading attributes are read (:mod:`glossary_build.parse.markdown.heading_attrs`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from glossary_build.core.diagnostics import Diagnostic, Severity, Span
from glossary_build.core.rules import default_severity

CODE = "pandoc-incompatible"

_PREFIX = re.compile(r"[ \t>]*")

_LIST = ("list", "part of the paragraph", "a list", "add a blank line before the list")
_AFTER_PARAGRAPH: dict[str, tuple[str, str, str, str]] = {
    # block type: (what it is, Pandoc's reading, ours, hint)
    "bullet_list_open": _LIST,
    "ordered_list_open": _LIST,
    "heading_open": ("heading", "paragraph text", "a heading", "add a blank line before the heading"),
    "blockquote_open": ("block quote", "paragraph text", "a block quote", "add a blank line before the '>'"),
    "table_open": ("table", "paragraph text", "a table", "add a blank line before the table"),
    "table_wrap_open": ("table", "paragraph text", "a table", "add a blank line before the table"),
    "hr": ("rule", "paragraph text", "a thematic break that ends the entry", "add a blank line before the rule"),
}
"""Blocks that Pandoc's ``markdown`` reads as paragraph text when no blank line precedes them."""


def pandoc_differences(path: str, tokens: Sequence[Token], lines: Sequence[str]) -> list[Diagnostic]:
    """``pandoc-incompatible`` findings for one parsed file, in source order."""
    found: list[Diagnostic] = []
    containers: list[object] = []  # open blocks: a type, or ("p", start, end line) for paragraphs
    paragraph: tuple[int, int] | None = None  # lines of the paragraph that just closed
    for token in tokens:
        if token.type == "inline":
            continue
        if token.nesting == -1:
            opened = containers.pop() if containers else None
            is_paragraph = token.type == "paragraph_close" and isinstance(opened, tuple)
            paragraph = (opened[1], opened[2]) if is_paragraph else None  # type: ignore[index]
            continue
        if paragraph is not None and token.map is not None and token.map[0] == paragraph[1]:
            diagnostic = _after_paragraph(path, token, lines, containers, paragraph[1] - paragraph[0])
            if diagnostic is not None:
                found.append(diagnostic)
        if token.nesting == 1:
            is_paragraph = token.type == "paragraph_open" and token.map is not None
            containers.append(("p", *token.map) if is_paragraph else token.type)  # type: ignore[misc]
        paragraph = None
    return found


def _after_paragraph(
    path: str, token: Token, lines: Sequence[str], containers: Sequence[object], paragraph_lines: int
) -> Diagnostic | None:
    texts = _AFTER_PARAGRAPH.get(token.type)
    if texts is None:
        return None
    is_list = token.type in ("bullet_list_open", "ordered_list_open")
    if is_list and containers and containers[-1] == "list_item_open":
        return None
    if token.type == "heading_open" and token.markup not in ("#", "##", "###", "####", "#####", "######"):
        return None
    severity = Severity.INFO if is_list else default_severity(CODE)
    what, pandoc, ours, hint = texts
    if token.type == "hr" and paragraph_lines == 1 and token.markup.startswith("-"):
        pandoc = "a level-2 heading of the line above"
    message = f"a {what} directly after a paragraph line: Pandoc reads it as {pandoc}, glossary-build as {ours}"
    return Diagnostic(CODE, severity, message, _span(path, token, lines, token.type == "blockquote_open"), hint)


def _span(path: str, token: Token, lines: Sequence[str], keep_quote: bool) -> Span:
    """The first character of the block's marker, past container prefixes."""
    index = token.map[0] if token.map else 0
    source = lines[index] if index < len(lines) else ""
    prefix = _PREFIX.match(source)
    column = prefix.end() if prefix else 0
    if keep_quote:
        column = source.rfind(">", 0, max(column, 1))
    return Span(path, index + 1, max(column, 0) + 1)
