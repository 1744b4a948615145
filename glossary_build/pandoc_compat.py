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
- a line ending in ``|`` right above ``----`` (the usual end of a see-also
  list written without a blank line before the closing rule): markdown-it
  reads a one-column table, Pandoc a level-2 heading (one line) or paragraph
  text; the rule ends the entry for neither;
- a setext heading whose text has more than one line (``Line 1`` /
  ``Line 2`` / ``----``): Pandoc's setext headings are one line, so it reads
  paragraph text followed by a dash (``—-``); we read a level-2 heading.  A
  one-line paragraph followed by ``---`` is a setext heading for both and is
  not reported here.

Attribute names starting with a digit (``{#68_95_997_rule}``) are reported
where heading attributes are read (:mod:`glossary_build.markdown.heading_attrs`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from .diagnostics import Diagnostic, Severity, Span
from .rules import default_severity

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
    "hr": ("rule", "paragraph text", "a thematic break that ends the entry", "add a blank line before the rule"),
}
"""Blocks that Pandoc's ``markdown`` reads as paragraph text when no blank line precedes them."""


def pandoc_differences(path: str, tokens: Sequence[Token], lines: Sequence[str]) -> list[Diagnostic]:
    """``pandoc-incompatible`` findings for one parsed file, in source order."""
    found: list[Diagnostic] = []
    containers: list[object] = []  # open blocks: a type, or ("p", end line) for paragraphs
    paragraph_end: int | None = None  # line after the paragraph that just closed
    for token in tokens:
        if token.type == "inline":
            continue
        if token.nesting == -1:
            opened = containers.pop() if containers else None
            is_paragraph = token.type == "paragraph_close" and isinstance(opened, tuple)
            paragraph_end = opened[1] if is_paragraph else None  # type: ignore[index]
            continue
        if paragraph_end is not None and token.map is not None and token.map[0] == paragraph_end:
            diagnostic = _after_paragraph(path, token, lines, containers)
            if diagnostic is not None:
                found.append(diagnostic)
        if token.type == "heading_open" and _is_multiline_setext(token):
            found.append(_multiline_setext(path, token, lines))
        if token.type == "table_open" and _is_dash_table(token, lines):
            found.append(_dash_table(path, token, lines))
        if token.nesting == 1:
            is_paragraph = token.type == "paragraph_open" and token.map is not None
            containers.append(("p", token.map[1]) if is_paragraph else token.type)  # type: ignore[index]
        paragraph_end = None
    return found


def _after_paragraph(
    path: str, token: Token, lines: Sequence[str], containers: Sequence[object]
) -> Diagnostic | None:
    texts = _AFTER_PARAGRAPH.get(token.type)
    if texts is None:
        return None
    is_list = token.type in ("bullet_list_open", "ordered_list_open")
    if is_list and containers and containers[-1] == "list_item_open":
        return None
    if token.type == "table_open" and _is_dash_table(token, lines):
        return None  # reported once, as the rule it swallows
    if token.type == "heading_open" and token.markup not in ("#", "##", "###", "####", "#####", "######"):
        return None
    severity = Severity.INFO if is_list else default_severity(CODE)
    what, pandoc, ours, hint = texts
    message = f"a {what} directly after a paragraph line: Pandoc reads it as {pandoc}, glossary-build as {ours}"
    return Diagnostic(CODE, severity, message, _span(path, token, lines, token.type == "blockquote_open"), hint)


def _is_multiline_setext(token: Token) -> bool:
    return token.markup in ("-", "=") and token.map is not None and token.map[1] - token.map[0] > 2


def _multiline_setext(path: str, token: Token, lines: Sequence[str]) -> Diagnostic:
    assert token.map is not None
    underline = Token("hr", "hr", 0)
    underline.map = [token.map[1] - 1, token.map[1]]
    return Diagnostic(
        CODE,
        default_severity(CODE),
        f"an underline under {token.map[1] - token.map[0] - 1} lines of text: glossary-build reads a "
        "level-" + ("1" if token.markup == "=" else "2") + " heading, Pandoc paragraph text "
        "(its underlined headings have one line)",
        _span(path, underline, lines, False),
        "add a blank line before the underline if it is meant as a rule ending the entry",
    )


def _is_dash_table(token: Token, lines: Sequence[str]) -> bool:
    """A one-column table whose delimiter row is only dashes: ``[Index](#Index) |`` over ``----``."""
    if token.map is None or token.map[0] + 1 >= len(lines):
        return False
    return set(lines[token.map[0] + 1].strip()) <= {"-", ":"} and "|" not in lines[token.map[0] + 1]


def _dash_table(path: str, token: Token, lines: Sequence[str]) -> Diagnostic:
    assert token.map is not None
    delimiter = Token("hr", "hr", 0)
    delimiter.map = [token.map[0] + 1, token.map[0] + 2]
    return Diagnostic(
        CODE,
        default_severity(CODE),
        "the line above this rule ends with '|', so glossary-build reads a one-column table and "
        "Pandoc an underlined heading or paragraph text; for neither does the rule end the entry",
        _span(path, delimiter, lines, False),
        "add a blank line before the rule",
    )


def _span(path: str, token: Token, lines: Sequence[str], keep_quote: bool) -> Span:
    """The first character of the block's marker, past container prefixes."""
    index = token.map[0] if token.map else 0
    source = lines[index] if index < len(lines) else ""
    prefix = _PREFIX.match(source)
    column = prefix.end() if prefix else 0
    if keep_quote:
        column = source.rfind(">", 0, max(column, 1))
    return Span(path, index + 1, max(column, 0) + 1)
