"""Pandoc as the oracle: heading ids and link targets must be what Pandoc reads.

The files are given to Pandoc in path order, as a Makefile building the book
would, so Pandoc's de-duplication of auto identifiers across the book is
compared too.  Deliberate differences are excluded here and tested where
they are made (an unclosed attribute block is read as if closed).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from glossary_build.core.model import ParsedFile
from glossary_build.graph.export import written_entries
from glossary_build.graph.terms import build_graph
from glossary_build.parse.entries import parse_source
from glossary_build.parse.markdown import create_markdown
from glossary_build.sources.files import normalize_text
from tests.support import FIXTURES, ROOT, SITES, walk

Heading = tuple[int, str, tuple[str, ...]]


def pandoc_ast(pandoc: str, files: list[Path]) -> dict[str, Any]:
    output = subprocess.run(
        [pandoc, "-f", "markdown", "-t", "json", *map(str, files)],
        capture_output=True, check=True, timeout=120,
    ).stdout
    return json.loads(output)


def pandoc_headings(ast: dict[str, Any]) -> list[Heading]:
    return [
        (block["c"][0], block["c"][1][0], tuple(block["c"][1][1]))
        for block in ast["blocks"] if block["t"] == "Header"
    ]


def pandoc_targets(ast: dict[str, Any]) -> list[str]:
    targets = [node["c"][2][0] for node in walk(ast["blocks"]) if node["t"] == "Link"]
    return sorted(t[1:] for t in targets if t.startswith("#"))


def our_reading(files: list[Path]) -> tuple[list[Heading], list[str]]:
    md = create_markdown()
    parsed: list[ParsedFile] = [
        parse_source(path.as_posix(), normalize_text(path.read_text("utf-8")), md) for path in files
    ]
    graph = build_graph(parsed)
    closed_as_if = {
        (d.span.path, d.span.line) for p in parsed for d in p.diagnostics if "as if it were closed" in d.message
    }
    headings: list[Heading] = []
    targets: list[str] = []
    for written in written_entries(graph):
        entry, anchors = written.entry, written.anchors
        if (entry.path, entry.heading.span.line) not in closed_as_if:
            headings.append((entry.heading.level, entry.id, entry.heading.classes))
        for section, anchor in zip(entry.sections, anchors):
            if (entry.path, section.heading.span.line) not in closed_as_if:
                headings.append((section.heading.level, anchor, section.heading.classes))
        targets += [reference.target for reference in entry.references]
    return headings, sorted(targets)


def sample_files() -> list[Path]:
    return sorted((ROOT / "entries").rglob("*.md"), key=lambda p: p.relative_to(ROOT).as_posix())


CASES = {
    "sample": sample_files(),
    # Every copy of a duplicate id is read as Pandoc's book reads it: in the graph, with its links.
    "duplicates": sorted((SITES / "invalid" / "duplicate-id" / "entries").glob("*.md")),
    # Each language of the multilingual scenarios, as Pandoc reads that language's book.
    **{
        f"{site}-{folder.name}": sorted(folder.rglob("*.md"))
        for site in ("multilingual", "multilingual-three")
        for folder in sorted((SITES / site / "entries").iterdir())
        if folder.is_dir()
    },
    **{p.stem: [p] for p in sorted((FIXTURES / "parser").glob("*.md")) if p.stem not in ("attributes", "no_entry")},
    # Each language of a multilingual glossary is a book of its own.
    **{f"{site.name}-{language.name}": sorted(language.glob("*.md"))
       for site in sorted(SITES.glob("translations-*")) for language in sorted((site / "entries").iterdir())},
    **{p.stem: [p] for p in sorted((FIXTURES / "pandoc").glob("*.md"))},
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_headings_and_targets_match_pandoc(name: str, pandoc: str) -> None:
    files = CASES[name]
    ast = pandoc_ast(pandoc, files)
    headings, targets = our_reading(files)
    assert headings == pandoc_headings(ast)
    assert targets == pandoc_targets(ast)


def test_unclosed_block_is_a_deliberate_difference(pandoc: str, tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("## Alpha {#Alpha .term\n\nText.\n", "utf-8")
    assert pandoc_headings(pandoc_ast(pandoc, [source])) == [(2, "alpha-alpha-.term", ())]
    headings, _ = our_reading([source])
    assert headings == []  # excluded above; what we read instead:
    parsed = parse_source("a.md", source.read_text("utf-8"), create_markdown())
    assert parsed.entries[0].id == "Alpha"
    assert parsed.entries[0].heading.classes == ("term",)
