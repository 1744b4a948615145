"""Commands that cannot handle a multilingual glossary yet say so (exit 2) and do nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support import SITES, run_cli

REFUSED = {
    "graph": ["graph"],
    "export": ["export", "--format", "csv"],
    "rename": ["rename", "Embedding", "Einbettung"],
    "check --wanted": ["check", "--wanted"],
    "check --fix": ["check", "--fix"],
    "check --changed-since": ["check", "--changed-since", "HEAD"],
    "lsp": ["lsp"],
}


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("languages") / "multilingual"
    shutil.copytree(SITES / "multilingual", root, ignore=shutil.ignore_patterns(".glossary-cache", "site"))
    return root


@pytest.mark.parametrize("command", sorted(REFUSED))
def test_a_command_without_languages_refuses_a_multilingual_glossary(glossary: Path, command: str) -> None:
    before = sorted((path.relative_to(glossary), path.read_bytes()) for path in glossary.rglob("*") if path.is_file())
    result = run_cli(*REFUSED[command], cwd=glossary)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: 'glossary-build {command}' does not support a multilingual glossary yet (languages: de, en)\n"
    )
    after = sorted((path.relative_to(glossary), path.read_bytes()) for path in glossary.rglob("*") if path.is_file())
    assert after == before  # nothing written: no edit, no cache, no site
