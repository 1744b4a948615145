"""Symbolic links in a pull request must not publish files from outside the glossary.

Git stores symbolic links: ``entries/x.md -> /etc/passwd`` (or a CI
credentials file, or ``/proc/self/environ``) would otherwise be read as an
entry and published, or quoted in check reports; ``static/x.css`` likewise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import run_cli

from .support import make_glossary

SECRET = "SECRET-c4d1-outside-the-glossary"


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(f"## Leak {{#Leak .term}}\n\n{SECRET}\n")
    (outside / "secret.css").write_text(f"/* {SECRET} */")
    folder = make_glossary(tmp_path / "glossary", {
        "a.md": "## A {#A .term}\n\nText [B](#B).\n",
        "shared/b.md": "## B {#B .term}\n\nShared.\n",
    })
    entries = folder / "entries"
    (entries / "leak.md").symlink_to(outside / "secret.md")
    (entries / "dirlink").symlink_to(outside, target_is_directory=True)
    (entries / "inside.md").symlink_to(entries / "shared" / "b.md")  # stays inside: fine
    (folder / "notes.md").write_text("## Notes {#Notes .term}\n\nIn the glossary folder.\n")
    (entries / "notes-link.md").symlink_to(folder / "notes.md")
    (folder / "static").mkdir()
    (folder / "static" / "leak.css").symlink_to(outside / "secret.css")
    (folder / "static" / "own.css").write_text("p {}")
    return folder


def test_links_outside_are_not_read_and_are_reported(glossary: Path) -> None:
    result = run_cli("build", cwd=glossary)
    assert "Traceback" not in result.stderr
    assert (
        "entries/leak.md:1:1: error[io-error]: file is a symbolic link to a file outside "
        "the glossary folder; it is not read" in result.stderr
    )
    assert "outside/secret.md" not in result.stderr  # the link is named, not its target
    site = glossary / "site"
    for file in site.rglob("*"):
        if file.is_file():
            assert SECRET.encode() not in file.read_bytes(), file
    assert (site / "static" / "own.css").is_file() and not (site / "static" / "leak.css").exists()
    assert (site / "A" / "index.html").is_file() and (site / "Notes" / "index.html").is_file()


def test_check_reports_do_not_quote_files_outside(glossary: Path) -> None:
    for format_name in ("text", "json", "sarif", "github"):
        result = run_cli("check", "--format", format_name, cwd=glossary)
        assert result.returncode == 1, result.stderr
        assert SECRET not in result.stdout + result.stderr, format_name
    report = json.loads(run_cli("check", "--format", "json", cwd=glossary).stdout)
    assert "entries/leak.md" in json.dumps(report)
