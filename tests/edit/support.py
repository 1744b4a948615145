"""Glossaries on disk for the editing commands, and what ``check`` and Pandoc say of them
(imported by test modules)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.support import ROOT, pandoc_path, run_cli, walk


def write_glossary(folder: Path, files: Mapping[str, str | bytes], config: str = "") -> Path:
    """A glossary in ``folder``: ``entries/<name>`` for each file (text is written as UTF-8
    exactly as given, no line-end translation), and ``glossary.yml``."""
    entries = folder / "entries"
    entries.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = entries / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (folder / "glossary.yml").write_text(config, encoding="utf-8")
    return folder


def copy_sample(folder: Path) -> Path:
    """A copy of the sample glossary's entries."""
    shutil.copytree(ROOT / "entries", folder / "entries")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every entry file's bytes."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted((folder / "entries").rglob("*.md"))}


def findings(folder: Path) -> list[dict[str, object]]:
    """``check --format json``'s findings."""
    result = run_cli("check", "--format", "json", "--no-cache", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)["diagnostics"]
    return found


def finding_keys(found: list[dict[str, object]], renamed: tuple[str, str] | None = None) -> Counter[tuple[object, ...]]:
    """Findings without columns (a longer id moves what follows it on a line), the old id
    written as the new one in messages."""
    keys: Counter[tuple[object, ...]] = Counter()
    for finding in found:
        message = str(finding["message"])
        if renamed is not None:
            message = message.replace(f"'{renamed[0]}'", f"'{renamed[1]}'")
        keys[(finding["code"], finding["path"], finding["line"], message)] += 1
    return keys


def pandoc_header_ids(file: Path) -> set[str]:
    """The ids Pandoc's ``markdown`` reader gives the headings of ``file``; skips without Pandoc."""
    pandoc = pandoc_path()
    if pandoc is None:
        pytest.skip("Pandoc is not installed (pip install pypandoc-binary, or apt-get install pandoc)")
    result = subprocess.run([pandoc, "-f", "markdown", "-t", "json", str(file)],
                            capture_output=True, text=True, timeout=60, check=True)
    return {node["c"][1][0] for node in walk(json.loads(result.stdout)) if node["t"] == "Header"}


def entry_ids(folder: Path) -> dict[str, set[str]]:
    """For each entry file, the ids of its entries, from ``glossary-build graph``."""
    result = run_cli("graph", cwd=folder)
    assert result.returncode == 0, result.stderr
    ids: dict[str, set[str]] = {}
    for entry in json.loads(result.stdout)["entries"]:
        ids.setdefault(entry["path"], set()).add(entry["id"])
    return ids


def assert_pandoc_reads_every_id(folder: Path) -> None:
    """Pandoc reads every entry id of every file as a heading id."""
    for path, ids in entry_ids(folder).items():
        missing = ids - pandoc_header_ids(folder / path)
        assert not missing, (path, missing)
