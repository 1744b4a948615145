"""Helpers of the hostile-input tests: glossaries on disk and snapshots of folders.

The real CLI is :func:`tests.support.run_cli`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def make_glossary(folder: Path, entries: Mapping[str, str | bytes], config: str | None = None) -> Path:
    """A glossary in ``folder``: ``entries/<name>`` for each item, and ``glossary.yml``."""
    (folder / "entries").mkdir(parents=True, exist_ok=True)
    for name, content in entries.items():
        path = folder / "entries" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
    if config is not None:
        (folder / "glossary.yml").write_text(config, encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file (content) and folder (``"<dir>"``) below ``folder``, symlinks not followed."""
    found: dict[str, bytes | str] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            found[os.path.relpath(os.path.join(root, name), folder)] = "<dir>"
        for name in files:
            path = os.path.join(root, name)
            relative = os.path.relpath(path, folder)
            found[relative] = f"<link {os.readlink(path)}>" if os.path.islink(path) else Path(path).read_bytes()
    return found
