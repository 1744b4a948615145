"""Fixtures of the language-server tests: glossaries copied to a temporary folder and an
editor (a real LSP client over stdio) on them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .support import Editor, copy_sample, copy_scenario


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
