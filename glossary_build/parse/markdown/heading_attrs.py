"""A markdown-it core rule that reads Pandoc attribute blocks on headings.

It runs after block parsing and before inline parsing: for every heading it
looks at the end of the heading's inline text for ``{...}``, removes it, and
puts what it says on the ``heading_open`` token (``id``/``class`` attributes
and the parsed :class:`~glossary_build.core.model.Attributes` in ``meta``).

Rules taken from Pandoc:

- the block must be the last thing on the heading line: ``# T ## {#x}``
  works (the closing ``##`` is dropped), ``# T {#x} ##`` does not;
- braces that touch a link, code span or bracketed span belong to that
  element, not to the heading;
- a block that breaks the grammar stays literal heading text.

Problems are appended to ``env["attribute_problems"]`` as
:class:`AttributeProblem` values; the parser turns them into diagnostics.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from glossary_build.parse.markdown.attributes import BlockReading, parse_attribute_block

_CLOSING_SEQUENCE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")


@dataclass(frozen=True, slots=True)
class AttributeProblem:
    """Something wrong with a heading's attribute block."""

    line: int
    """0-based source line of the heading."""
    column: int
    """0-based column of the ``{`` in the source line."""
    code: str
    """``invalid-attributes`` or ``pandoc-incompatible``."""
    message: str
    """What is wrong."""
    hint: str | None = None
    """How to fix it."""


def plugin(md: MarkdownIt) -> None:
    """Register the rule on ``md``."""
    md.core.ruler.before("inline", "heading_attributes", _heading_attributes_rule)


def _heading_attributes_rule(state: StateCore) -> None:
    lines = state.src.split("\n")
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and index + 1 < len(tokens):
            _apply(token, tokens[index + 1], lines, state.env)


def _apply(heading: Token, inline: Token, lines: list[str], env: MutableMapping[str, Any]) -> None:
    content = inline.content
    line_no = heading.map[0] if heading.map else 0
    source_line = lines[line_no] if line_no < len(lines) else content
    found = _trailing_block(content)
    if found is None:
        _check_unclosed(heading, inline, source_line, line_no, env)
        return
    start, inner = found
    column = max(source_line.rfind("{"), 0)
    if heading.markup.startswith("#") and not source_line.rstrip().endswith("}"):
        return  # `# T {#x} ##`: Pandoc keeps the braces as text
    parsed = parse_attribute_block(inner)
    if parsed is None:
        _problem(env, line_no, column, "invalid-attributes",
                 f"'{{{inner}}}' is not a valid attribute block; it stays heading text",
                 "ids and classes start with a letter and contain letters, digits, - _ : .")
        return
    if parsed.reading is BlockReading.PANDOC3:
        _problem(env, line_no, column, "pandoc-incompatible",
                 f"'{{{inner}}}' has a name that does not start with a letter; "
                 "Pandoc 3 accepts it, Pandoc 2 shows it as heading text")
    _set(heading, inline, _strip_closing(content[:start]), parsed.attributes)


def _trailing_block(content: str) -> tuple[int, str] | None:
    """Start offset and inside of a ``{...}`` block ending the text, if it may be one."""
    stripped = content.rstrip()
    if not stripped.endswith("}"):
        return None
    start = stripped.rfind("{")
    if start < 0 or "}" in stripped[start + 1 : -1]:
        return None
    if start > 0 and _touches_element(stripped[:start]):
        return None
    return start, stripped[start + 1 : -1]


def _touches_element(before: str) -> bool:
    """True when the text before ``{`` ends a link, code span or bracketed span."""
    last = before[-1]
    if last == "`":
        return True
    if last == "]":
        return "[" in before
    if last == ")":
        return "](" in before
    return False


def _strip_closing(title: str) -> str:
    """Remove an ATX closing sequence left before the block (``# T ## {#x}``)."""
    return _CLOSING_SEQUENCE.sub("", title.rstrip()).rstrip()


def _check_unclosed(
    heading: Token, inline: Token, source_line: str, line_no: int, env: MutableMapping[str, Any]
) -> None:
    """Report ``{#id .term`` without ``}``; read it as if closed when the rest is valid."""
    content = inline.content
    start = content.rfind("{")
    if start < 0 or "}" in content[start:] or not content[start + 1 :].lstrip()[:1] in ("#", "."):
        return
    column = max(source_line.rfind("{"), 0)
    parsed = parse_attribute_block(content[start + 1 :])
    message = "attribute block is not closed with '}'"
    if parsed is None:
        _problem(env, line_no, column, "invalid-attributes", message + "; it stays heading text",
                 "close the block: {#Id .term}")
        return
    _problem(env, line_no, column, "invalid-attributes",
             message + "; read as if it were closed (Pandoc shows it as heading text)",
             "close the block: {#Id .term}")
    _set(heading, inline, content[:start].rstrip(), parsed.attributes)


def _set(heading: Token, inline: Token, title: str, attributes: Any) -> None:
    inline.content = title
    heading.meta["attributes"] = attributes
    if attributes.id is not None:
        heading.attrSet("id", attributes.id)
    if attributes.classes:
        heading.attrSet("class", " ".join(attributes.classes))


def _problem(
    env: MutableMapping[str, Any], line: int, column: int, code: str, message: str, hint: str | None = None
) -> None:
    env.setdefault("attribute_problems", []).append(
        AttributeProblem(line, column, code, message, hint)
    )
