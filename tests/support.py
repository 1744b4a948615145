"""Shared test helpers: the real CLI and Pandoc (imported by test modules)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``glossary-build`` as a user would, in ``cwd``."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "glossary_build", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
    )


def pandoc_path() -> str | None:
    """A Pandoc 3 binary (from pypandoc-binary), else the system's pandoc."""
    try:
        import pypandoc  # type: ignore[import-untyped]

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return shutil.which("pandoc")


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every element (a dict with a ``t`` key) of a Pandoc JSON AST, in document order."""
    if isinstance(node, dict):
        if "t" in node:
            yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)
