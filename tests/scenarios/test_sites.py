"""Scenario sites driven through the real CLI.

``sites/invalid/<defect>/`` holds a glossary with exactly one kind of defect
and ``expected.txt``: the exit code of ``check`` and every diagnostic line it
must print, verbatim.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support import INVALID_SITES, SITES, run_cli

DIAGNOSTIC_LINE = re.compile(r"^\S+:\d+:\d+: (error|warning|info)\[")


@pytest.mark.parametrize("site", INVALID_SITES, ids=[p.name for p in INVALID_SITES])
def test_invalid_site(site: Path) -> None:
    lines = (site / "expected.txt").read_text("utf-8").splitlines()
    expected_exit = int(lines[0].removeprefix("exit: "))
    result = run_cli("check", cwd=site)
    printed = [line for line in result.stdout.splitlines() if DIAGNOSTIC_LINE.match(line)]
    assert printed == lines[1:], result.stdout + result.stderr
    assert result.returncode == expected_exit


@pytest.mark.parametrize("site", INVALID_SITES, ids=[p.name for p in INVALID_SITES])
def test_invalid_site_still_builds(site: Path, tmp_path: Path) -> None:
    """Defects are reported, never fatal: every other entry still gets its page."""
    result = run_cli("build", "--out", str(tmp_path / "out"), cwd=site)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "index.html").is_file()
    pages = list((tmp_path / "out").glob("*/index.html"))
    assert [p for p in pages if p.parent.name != "static"], "no term page was written"


def test_a_duplicate_entry_is_shown_on_the_first_ones_page(tmp_path: Path) -> None:
    """Nothing is lost: the later entry with the same id appears on the page of the first."""
    site = SITES / "invalid" / "duplicate-id"
    result = run_cli("build", "--out", str(tmp_path / "out"), cwd=site)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "Alpha" / "index.html").read_text("utf-8")
    assert "Erste Fassung." in page
    assert "Zweite Fassung." in page
    assert "entries/copy.md:1" in page


def test_an_entry_without_term_class_is_on_the_site(tmp_path: Path) -> None:
    """A file with no ``.term`` heading: its top-level heading with an id is an entry, as in
    the authors' Pandoc book; its page, its section and its see-also list are on the site."""
    site = SITES / "invalid" / "missing-term-class"
    result = run_cli("build", "--out", str(tmp_path / "out"), cwd=site)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "Large-Action-Model" / "index.html").read_text("utf-8")
    assert "führt Handlungen aus" in page
    assert "Es plant Schritte" in page
    alpha = (tmp_path / "out" / "Alpha" / "index.html").read_text("utf-8")
    assert 'href="../Large-Action-Model/' in alpha


def test_the_links_of_an_entry_without_term_class_are_checked(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "lam.md").write_text(
        "## Large Action Model (LAM) {#Large-Action-Model}\n\n"
        "Ein LAM handelt, ein [LLM](#LLM) redet.\n\n"
        "### Kernkonzept {.explanation}\n\nMehr zu [Tool Use](#Tool-Use).\n",
        "utf-8",
    )
    result = run_cli("check", cwd=tmp_path)
    printed = [line for line in result.stdout.splitlines() if DIAGNOSTIC_LINE.match(line)]
    assert "entries/lam.md:3:22: error[broken-reference]: no entry or heading has id 'LLM'" in printed
    assert "entries/lam.md:7:9: error[broken-reference]: no entry or heading has id 'Tool-Use'" in printed
    assert not [line for line in printed if "file-without-entry" in line]
    assert result.returncode == 1


def test_only_the_top_level_headings_with_an_id_are_entries(tmp_path: Path) -> None:
    """Sections keep being sections even when they carry an id of their own."""
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "two.md").write_text(
        "# Notizen\n\n## Eins {#Eins}\n\nErstens.\n\n### Mehr {#eins-mehr}\n\nDazu.\n\n"
        "## Zwei {#Zwei}\n\nZweitens, siehe [Eins](#eins-mehr).\n",
        "utf-8",
    )
    result = run_cli("graph", cwd=tmp_path)
    entries = json.loads(result.stdout)["entries"]
    assert [(e["id"], e["line"]) for e in entries] == [("Eins", 3), ("Zwei", 11)]
    assert [s["id"] for s in entries[0]["sections"]] == ["eins-mehr"]
