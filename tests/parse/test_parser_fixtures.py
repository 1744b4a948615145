"""Parser fixtures: ``fixtures/parser/<name>.md`` read against ``<name>.expected.yml``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from glossary_build.core.model import Entry, ParsedFile
from glossary_build.parse.entries import parse_source
from glossary_build.parse.markdown import create_markdown
from glossary_build.sources.files import normalize_text
from tests.support import FIXTURES

PARSER_FIXTURES = sorted((FIXTURES / "parser").glob("*.md"))


def parse_fixture(path: Path) -> ParsedFile:
    return parse_source(f"entries/{path.name}", normalize_text(path.read_text("utf-8")), create_markdown())


def describe(entry: Entry) -> dict[str, Any]:
    """The parts of an entry a fixture states, in the fixture's shape."""
    return {
        "id": entry.id,
        "level": entry.heading.level,
        "title": entry.title_text,
        "classes": list(entry.heading.classes),
        "line": entry.heading.span.line,
        "taglines": len(entry.taglines_html),
        "definition": entry.definition_text,
        "sections": [
            {"id": s.heading.id, "classes": list(s.heading.classes), "line": s.heading.span.line}
            for s in entry.sections
        ],
        "references": [
            {"target": r.target, "kind": r.kind.value, "line": r.span.line, "column": r.span.column}
            for r in entry.references
        ],
        "see_also": len(entry.see_also),
        "stray": bool(entry.stray_html),
    }


@pytest.mark.parametrize("path", PARSER_FIXTURES, ids=[p.stem for p in PARSER_FIXTURES])
def test_fixture(path: Path) -> None:
    expected = yaml.safe_load(path.with_suffix(".expected.yml").read_text("utf-8"))
    parsed = parse_fixture(path)
    assert [describe(entry) for entry in parsed.entries] == expected["entries"]
    found = sorted(f"{d.span.line}:{d.span.column}: {d.severity.label}[{d.code}]" for d in parsed.diagnostics)
    assert found == sorted(expected["diagnostics"])
