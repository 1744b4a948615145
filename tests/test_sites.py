"""Scenario sites driven through the real CLI.

``sites/invalid/<defect>/`` holds a glossary with exactly one kind of defect
and ``expected.txt``: the exit code of ``check`` and every diagnostic line it
must print, verbatim.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import run_cli

SITES = Path(__file__).parent / "sites"
INVALID = sorted(p for p in (SITES / "invalid").iterdir() if p.is_dir())
DIAGNOSTIC_LINE = re.compile(r"^\S+:\d+:\d+: (error|warning|info)\[")


@pytest.mark.parametrize("site", INVALID, ids=[p.name for p in INVALID])
def test_invalid_site(site: Path) -> None:
    lines = (site / "expected.txt").read_text("utf-8").splitlines()
    expected_exit = int(lines[0].removeprefix("exit: "))
    result = run_cli("check", cwd=site)
    printed = [line for line in result.stdout.splitlines() if DIAGNOSTIC_LINE.match(line)]
    assert printed == lines[1:], result.stdout + result.stderr
    assert result.returncode == expected_exit


@pytest.mark.parametrize("site", INVALID, ids=[p.name for p in INVALID])
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
