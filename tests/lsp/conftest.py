"""Fixtures of the language-server tests: glossaries copied to a temporary folder and an
editor (a real LSP client over stdio) on them."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lsp_client import ROOT, Editor

SCENARIO = Path(__file__).resolve().parent / "scenario"


def copy_sample(target: Path) -> Path:
    """The project's sample glossary (``entries/``, ``glossary.yml``) in ``target``."""
    shutil.copytree(ROOT / "entries", target / "entries")
    shutil.copy(ROOT / "glossary.yml", target / "glossary.yml")
    return target


def copy_scenario(target: Path) -> Path:
    """The scenario glossary of this folder in ``target``."""
    shutil.copytree(SCENARIO, target, dirs_exist_ok=True)
    return target


@pytest.fixture
def scenario(tmp_path: Path) -> Iterator[Editor]:
    """An editor on a fresh copy of the scenario glossary (tests may change it)."""
    editor = Editor(copy_scenario(tmp_path / "scenario"))
    yield editor
    editor.close()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    """An editor on a copy of the sample glossary, shared by a module's read-only tests."""
    editor = Editor(copy_sample(tmp_path_factory.mktemp("sample")))
    yield editor
    editor.close()
