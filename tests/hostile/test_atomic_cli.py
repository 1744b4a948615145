"""Atomic output through the real CLI: killed builds and refused output folders.

A big generated glossary is built once; then a changed version is built in a
subprocess that is killed with SIGKILL at several moments (while parsing,
right after the staging folder appears, a little later).  After every kill
the previous site must be byte-identical; the next build completes and
leaves no staging folders behind.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import ROOT, run_cli

from .support import make_glossary, snapshot

TERMS = 1500


def _glossary_text(version: int) -> dict[str, str]:
    files = {}
    for block in range(15):
        parts = []
        for number in range(block * TERMS // 15, (block + 1) * TERMS // 15):
            nxt, far = (number + 1) % TERMS, (number + 7) % TERMS
            parts.append(
                f"## Term {number} v{version} {{#T{number} .term}}\n\n"
                f"Definition {number} in version {version}, see [T{nxt}](#T{nxt}).\n\n"
                + "### Kernkonzept {.explanation}\n\n" + f"Mehr Text {version}. " * 40 + "\n\n"
                + f"### Siehe auch {{.seealso}}\n\n[T{far}](#T{far}) |\n[Index](#Index) |\n\n----\n\n"
            )
        files[f"block{block:02}.md"] = "".join(parts)
    return files


def _leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if "glossary-build-" in name)


def _start_build(folder: Path, *options: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "glossary_build", "build", *options],
        cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _wait_for_staging(folder: Path, child: subprocess.Popen[bytes], limit: float = 120) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and child.poll() is None:
        if any("-new-" in name for name in _leftovers(folder)):
            return True
        time.sleep(0.002)
    return False


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = make_glossary(tmp_path_factory.mktemp("atomic"), _glossary_text(1))
    result = run_cli("build", cwd=folder)
    assert result.returncode == 0, result.stderr
    make_glossary(folder, _glossary_text(2))  # the sources change; the site is v1
    return folder


@pytest.mark.parametrize("moment", ["parsing", "staging+0ms", "staging+20ms", "staging+80ms", "staging+250ms"])
def test_killed_build_leaves_the_previous_site_byte_identical(glossary: Path, moment: str) -> None:
    before = snapshot(glossary / "site")
    assert "Term 1 v1" in (glossary / "site" / "T1" / "index.html").read_text()
    child = _start_build(glossary, "--no-cache")  # a full write: staging folder and swap
    try:
        if moment == "parsing":
            time.sleep(0.4)
        else:
            if not _wait_for_staging(glossary, child):
                pytest.skip("the build ended before its staging folder was seen")
            time.sleep(int(moment.split("+")[1].removesuffix("ms")) / 1000)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    if child.returncode != -signal.SIGKILL:
        pytest.skip(f"the build finished before the kill at {moment}")
    assert snapshot(glossary / "site") == before


def test_next_build_after_kills_completes_and_cleans_up(glossary: Path) -> None:
    child = _start_build(glossary, "--no-cache")
    if _wait_for_staging(glossary, child):
        child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    result = run_cli("build", cwd=glossary)
    assert result.returncode == 0, result.stderr
    assert "Term 1 v2" in (glossary / "site" / "T1" / "index.html").read_text()
    assert _leftovers(glossary) == []
    assert len([p for p in (glossary / "site").iterdir() if p.is_dir() and p.name[1:].isdigit()]) == TERMS


def test_killed_incremental_build_leaves_a_consistent_site(tmp_path: Path) -> None:
    folder = make_glossary(tmp_path, _glossary_text(1))
    assert run_cli("build", cwd=folder).returncode == 0  # fills the cache: the next build is incremental
    before = snapshot(folder / "site")
    make_glossary(folder, _glossary_text(2))
    child = _start_build(folder)
    deadline = time.monotonic() + 60
    changed = False
    while not changed and child.poll() is None and time.monotonic() < deadline:
        page = folder / "site" / f"T{TERMS - 1}" / "index.html"
        first = folder / "site" / "T0" / "index.html"
        changed = page.is_file() and "v2" in page.read_text() or "v2" in first.read_text()
        time.sleep(0.001)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    after = snapshot(folder / "site")
    versions = {match.group(1) for path, content in after.items()
                if path.endswith("/index.html") and path.startswith("T") and isinstance(content, bytes)
                and (match := re.search(rb"<h1[^>]*>Term [0-9]+ (v[12])", content))}
    assert after == before or versions == {b"v2"}, f"mixed site: {sorted(versions)}"


# --- refusals ------------------------------------------------------------------------


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return make_glossary(tmp_path / "glossary", {"a.md": "## A {#A .term}\n\nText.\n"})


def _refused(folder: Path, out: str, message: str, env: dict[str, str] | None = None) -> None:
    parent = folder.parent
    before = {p: v for p, v in snapshot(parent).items() if ".glossary-cache" not in p}
    result = run_cli("build", "--out", out, cwd=folder, env=env)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "error: " in result.stderr.lower(), result.stderr
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    # (the build cache, .glossary-cache/, is the tool's own folder, not output)
    assert {p: v for p, v in snapshot(parent).items() if ".glossary-cache" not in p} == before


@pytest.mark.parametrize(
    ("out", "message"),
    [
        (".", "is or contains the glossary folder"),
        ("..", "is or contains the glossary folder"),
        ("entries", "the entries folder"),
        ("entries/site", "the entries folder"),
        ("/", "it is the root of a file system"),
    ],
)
def test_dangerous_output_folders_are_refused(small: Path, out: str, message: str) -> None:
    _refused(small, out, message)


def test_home_folder_is_refused(small: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("mine")
    _refused(small, str(home), "it is or contains your home folder", env={"HOME": str(home)})
    _refused(small, str(tmp_path), "contains your home folder", env={"HOME": str(home)})


def test_non_empty_folder_without_marker_is_refused(small: Path) -> None:
    (small / "thesis").mkdir()
    (small / "thesis" / "chapter1.tex").write_text("precious")
    _refused(small, "thesis", "is not empty and has no .glossary-build-site file")


def test_output_that_is_a_file_is_refused(small: Path) -> None:
    (small / "site").write_text("a file")
    _refused(small, "site", "'site' is a file")


def test_symlink_to_the_glossary_is_refused(small: Path) -> None:
    (small / "link").symlink_to(small)
    _refused(small, "link", "is or contains the glossary folder")
