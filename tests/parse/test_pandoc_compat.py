"""``pandoc-incompatible``: each reported case, and each case left alone, checked against Pandoc.

Every case names the block markdown-it makes of the second line and the
Pandoc block type that would show Pandoc agrees; the oracle test asserts
that Pandoc's reading differs exactly where we report it.
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from glossary_build.core.diagnostics import Severity
from glossary_build.parse.entries import parse_source
from glossary_build.parse.markdown import create_markdown
from glossary_build.parse.pandoc_differences import pandoc_differences
from glossary_build.sources.files import normalize_text
from tests.support import walk

# (name, markdown, Pandoc block type of our reading, expected findings as (line, column, severity))
CASES: list[tuple[str, str, str, list[tuple[int, int, Severity]]]] = [
    ("bullet list after paragraph", "Text line\n- one\n- two\n", "BulletList", [(2, 1, Severity.INFO)]),
    ("plus list after paragraph", "Text line\n+ one\n", "BulletList", [(2, 1, Severity.INFO)]),
    ("ordered list after paragraph", "Text line\n1. one\n2. two\n", "OrderedList", [(2, 1, Severity.INFO)]),
    ("list after paragraph in a quote", "> quoted\n> - sub\n", "BulletList", [(2, 3, Severity.INFO)]),
    ("ATX heading after paragraph", "Text line\n## Heading\n\nmore\n", "Header", [(2, 1, Severity.WARNING)]),
    ("block quote after paragraph", "Text line\n> quote\n", "BlockQuote", [(2, 1, Severity.WARNING)]),
    ("asterisk rule after paragraph", "Text line\n* * *\n", "HorizontalRule", [(2, 1, Severity.WARNING)]),
    ("underscore rule after paragraph", "Text line\n___\n", "HorizontalRule", [(2, 1, Severity.WARNING)]),
    ("heading after a list item's text", "- item\n  ## h\n", "Header", [(2, 3, Severity.WARNING)]),
    ("quote after a list item's text", "- item\n  > q\n", "BlockQuote", [(2, 3, Severity.WARNING)]),
    ("table after paragraph", "Text line\n| a | b |\n|---|---|\n| 1 | 2 |\n", "Table", [(2, 1, Severity.WARNING)]),
    ("see-also line over a rule", "[Index](#Index) |\n----\n", "HorizontalRule", [(2, 1, Severity.WARNING)]),
    ("see-also lines over a rule", "[Beta](#Beta) |\n[Index](#Index) |\n----\n", "HorizontalRule",
     [(3, 1, Severity.WARNING)]),
    ("underline under two lines", "Line one\nLine two\n----\n", "HorizontalRule", [(3, 1, Severity.WARNING)]),
    # Cases where Pandoc reads what we read: nothing to report.
    ("nested list after a list item's text", "- item\n  text\n  - sub\n", "BulletList", []),
    ("underline under one line", "Text line\n---\n", "Header", []),
    ("list after a blank line", "Text line\n\n- one\n", "BulletList", []),
    ("heading after a blank line", "Text line\n\n## Heading\n", "Header", []),
    ("table after a blank line", "Text line\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "Table", []),
    ("fenced code after paragraph", "Text line\n```\ncode\n```\n", "CodeBlock", []),
]


def ours(markdown: str) -> list[tuple[int, int, Severity]]:
    tokens = create_markdown().parse(markdown)
    found = pandoc_differences("x.md", tokens, markdown.split("\n"))
    assert all(d.code == "pandoc-incompatible" and d.hint for d in found)
    return [(d.span.line, d.span.column, d.severity) for d in found]


@pytest.mark.parametrize("name, markdown, block, expected", CASES, ids=[c[0] for c in CASES])
def test_reported_where_pandoc_differs(name: str, markdown: str, block: str, expected: list[Any]) -> None:
    assert ours(markdown) == expected


@pytest.mark.parametrize("name, markdown, block, expected", CASES, ids=[c[0] for c in CASES])
def test_pandoc_agrees_exactly_where_nothing_is_reported(
    pandoc: str, name: str, markdown: str, block: str, expected: list[Any]
) -> None:
    ast = json.loads(subprocess.run(
        [pandoc, "-f", "markdown", "-t", "json"], input=markdown.encode(), capture_output=True,
        check=True, timeout=60,
    ).stdout)
    types = {node["t"] for node in walk(ast["blocks"])}
    assert (block in types) == (not expected), types


def test_the_parser_reports_them_with_the_file():
    text = "## Alpha {#Alpha .term}\n\nAlpha hat Teile:\n- eins\n"
    parsed = parse_source("entries/a.md", normalize_text(text), create_markdown())
    assert [d.format() for d in parsed.diagnostics] == [
        (
            "entries/a.md:4:1: info[pandoc-incompatible]: a list directly after a paragraph line: "
            "Pandoc reads it as part of the paragraph, glossary-build as a list"
        )
    ]


def test_a_configured_level_applies_to_the_milder_case_too():
    from tests.checks.support import findings

    text = "## Alpha {#Alpha .term}\n\nAlpha hat Teile:\n- eins\n"
    (finding,) = findings({"a.md": text}, "pandoc-incompatible", levels={"pandoc-incompatible": "error"})
    assert finding.severity is Severity.ERROR
    assert findings({"a.md": text}, "pandoc-incompatible", levels={"pandoc-incompatible": "off"}) == []
