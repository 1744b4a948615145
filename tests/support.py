"""Helpers shared by every test folder: where things are, the real CLI, Pandoc, Chromium.

Each test folder has at most one helper module of its own, ``support.py``
(``tests/checks/support.py``, ``tests/serve/support.py``, ...); what more than
one folder needs lives here.  Import it as ``from tests.support import ...``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
"""The checkout these tests belong to: the commands they run use its code."""
FIXTURES = TESTS / "fixtures"
"""Input files of the parser and Pandoc tests (``parser/``, ``pandoc/``)."""
SITES = TESTS / "sites"
"""Scenario glossaries; ``sites/invalid/<defect>/`` each hold one kind of defect."""
INVALID_SITES = sorted(path for path in (SITES / "invalid").iterdir() if path.is_dir())

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium, which the browser tests drive through Playwright."""
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]


def run_cli(
    *args: str, cwd: Path, env: Mapping[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``glossary-build ARGS`` in ``cwd`` as a user would, with this checkout's code."""
    environment = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "glossary_build", *args],
        cwd=cwd, env=environment, capture_output=True, text=True, timeout=timeout, check=False,
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
