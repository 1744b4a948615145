"""Degenerate input, small: the cases of ``benchmarks/degenerate.py`` at sizes a unit test affords.

No timers here (the benchmark measures time and growth): every case must
load, check and render without an exception, report its diagnostics at
valid positions, say so where the author made a mistake, and keep the text.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from glossary_build.build import pipeline
from glossary_build.core.config import load_config
from tests.support import ROOT, run_cli

from .test_fuzz import assert_positions

_spec = importlib.util.spec_from_file_location("degenerate", ROOT / "benchmarks" / "degenerate.py")
assert _spec is not None and _spec.loader is not None
degenerate = importlib.util.module_from_spec(_spec)
sys.modules["degenerate"] = degenerate
_spec.loader.exec_module(degenerate)

SMALL = {
    "empty-file": 5,
    "20mb-file": 200_000,
    "1mb-line": 100_000,
    "nested-lists": 2_000,
    "deep-quotes": 2_000,
    "100k-links": 5_000,
    "50k-same-id": 500,
    "10k-unclosed-divs": 1_000,
    "only-braces": 20_000,
    "unclosed-delimiters": 3_000,
    "grid-table-rows": 500,
    "grid-table-columns": 300,
    "footnotes": 500,
}
CASES = {case.name: case for case in degenerate.CASES}


def test_every_benchmark_case_has_a_small_version() -> None:
    assert set(SMALL) == set(CASES)


def _load(tmp_path: Path, name: str) -> tuple[pipeline.Glossary, dict[str, bytes]]:
    degenerate.write_glossary(tmp_path, CASES[name].make(SMALL[name]))
    glossary = pipeline.load(load_config(cwd=tmp_path))
    return glossary, pipeline.render(glossary)


@pytest.mark.parametrize("name", sorted(SMALL))
def test_case_loads_renders_and_reports_validly(tmp_path: Path, name: str) -> None:
    glossary, site = _load(tmp_path, name)
    assert_positions(glossary.diagnostics, glossary.sources)
    codes = {d.code for d in glossary.diagnostics}
    assert set(CASES[name].expect) <= codes, codes
    assert "index.html" in site and "404.html" in site


def _page(site: dict[str, bytes], folder: str = "Term") -> str:
    return site[f"{folder}/index.html"].decode()


def test_deep_nesting_keeps_the_text_and_says_so(tmp_path: Path) -> None:
    glossary, site = _load(tmp_path, "nested-lists")
    page = _page(site)
    assert "item" in page and "item 199" in page
    problems = [d for d in glossary.diagnostics if d.code == "pandoc-incompatible"]
    assert problems and "nested deeper than" in problems[0].message


def test_deep_quotes_keep_the_text(tmp_path: Path) -> None:
    glossary, site = _load(tmp_path, "deep-quotes")
    assert "deep" in _page(site).split("<main")[1]
    assert any("nested deeper than" in d.message for d in glossary.diagnostics)


def test_entries_after_deep_nesting_are_not_lost(tmp_path: Path) -> None:
    text = "## A {#A .term}\n\n" + "- " * 500 + "deep\n\n## B {#B .term}\n\nB [A](#A).\n"
    degenerate.write_glossary(tmp_path, {"a.md": text})
    glossary = pipeline.load(load_config(cwd=tmp_path))
    assert sorted(glossary.graph.entries) == ["A", "B"]
    assert glossary.graph.backlinks["A"] == ("B",)


def test_same_id_reports_every_copy_once_and_names_the_first(tmp_path: Path) -> None:
    glossary, _ = _load(tmp_path, "50k-same-id")
    duplicates = [d for d in glossary.diagnostics if d.code == "duplicate-id" and d.get("id") == "Same"]
    assert len(duplicates) == SMALL["50k-same-id"] - 1
    assert all("entries/dup0.md:1:1" in d.message for d in duplicates)
    assert all(len(d.related) <= 20 for d in duplicates)
    assert list(glossary.graph.entries) == ["Same"]
    # sections of copies still get distinct anchors (kernkonzept, kernkonzept-1, ...)
    assert glossary.graph.anchors["Same"] == ("kernkonzept",)


def test_many_links_all_reported(tmp_path: Path) -> None:
    glossary, _ = _load(tmp_path, "100k-links")
    broken = [d for d in glossary.diagnostics if d.code == "broken-reference"]
    assert len(broken) == len([i for i in range(SMALL["100k-links"]) if i % 3 == 0])
    assert len({(d.span.line, d.span.column) for d in broken}) == len(broken)


def test_unclosed_divs_do_not_swallow_the_page(tmp_path: Path) -> None:
    _, site = _load(tmp_path, "10k-unclosed-divs")
    page = _page(site)
    main = page.split('<main id="main" class="wrap">')[1]
    assert main.count("<div") == main.count("</div>")  # closed by the sanitiser
    assert page.rstrip().endswith("</html>") and '<footer class="site-footer">' in page


def test_only_braces_is_a_file_without_entry(tmp_path: Path) -> None:
    glossary, _ = _load(tmp_path, "only-braces")
    messages = {(d.span.path, d.code) for d in glossary.diagnostics}
    assert ("entries/braces.md", "file-without-entry") in messages


def test_empty_file_through_the_cli(tmp_path: Path) -> None:
    degenerate.write_glossary(tmp_path, {"empty.md": "", "blank.md": "\n\n  \n", "a.md": "## A {#A .term}\n\nx\n"})
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "entries/empty.md:1:1: warning[file-without-entry]: file is empty" in result.stderr
    assert "entries/blank.md:1:1: warning[file-without-entry]: file is empty" in result.stderr


def test_grid_tables_keep_every_cell(tmp_path: Path) -> None:
    _, site = _load(tmp_path, "grid-table-rows")
    assert _page(site).count("<td") == 2 * SMALL["grid-table-rows"]
    _, site = _load(tmp_path / "wide", "grid-table-columns")
    page = _page(site)
    assert page.count("<td") == SMALL["grid-table-columns"] + 1
    assert f'colspan="{SMALL["grid-table-columns"]}"' in page


def test_long_lines_are_cut_in_reports(tmp_path: Path) -> None:
    """Each finding on a long line shows a window of it, not the whole line (which made
    the report quadratic: 30,000 findings on one 1 MB line)."""
    degenerate.write_glossary(tmp_path, degenerate.many_links(3_000))
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    excerpts = [line for line in result.stdout.splitlines() if " | " in line and "[l" in line]
    assert len(excerpts) == 1_000
    assert max(len(line) for line in excerpts) < 260
    assert all("…" in line for line in excerpts[1:-1])
