"""Update a site written by the previous build in place: only the files that changed.

:func:`glossary_build.output.write_site` builds the whole new site in a
staging folder and swaps it in, which costs a few file-system operations
per file of the site, changed or not: seconds for 10,000 pages.  When the
build cache knows that the output folder holds exactly the site of the
previous build (its marker file is the one that build left), an
incremental build instead

- replaces each changed file atomically (written next to it, then renamed
  over it), so a reader never sees half a page;
- removes the files that are gone, and folders left empty.

Before touching anything the caller forgets the recorded site (so a build
interrupted half-way is followed by a full write), and every folder written
into is checked not to be a symbolic link.  Anything unexpected raises
:class:`InPlaceError`, and the caller falls back to a full write.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

_BAD_PATH = re.compile(r"(^|/)\.{0,2}(/|$)|^/|[\\:\x00]")


class InPlaceError(Exception):
    """The site cannot be updated in place; write it completely instead."""


def update_site(files: Mapping[str, bytes | None], removed: Iterable[str], out_dir: Path) -> int:
    """Write the non-None ``files`` into ``out_dir`` and delete ``removed``; returns files written."""
    checked: set[str] = set()
    written = 0
    for path, content in files.items():
        if content is None:
            continue
        folder = _checked_folder(out_dir, path, checked)
        _replace(out_dir / path, content, folder)
        written += 1
    for path in removed:
        if path in files:
            continue
        _checked_folder(out_dir, path, checked)
        try:
            os.unlink(out_dir / path)
        except FileNotFoundError:
            pass
        _remove_empty_parents(out_dir, path)
    return written


def _checked_folder(out_dir: Path, path: str, checked: set[str]) -> Path:
    if _BAD_PATH.search(path):
        raise InPlaceError(f"invalid site path {path!r}")
    parts = path.split("/")[:-1]
    for end in range(1, len(parts) + 1):
        prefix = "/".join(parts[:end])
        if prefix in checked:
            continue
        try:
            mode = os.lstat(out_dir / prefix).st_mode
        except FileNotFoundError:
            os.mkdir(out_dir / prefix)
            mode = stat.S_IFDIR
        if not stat.S_ISDIR(mode):
            raise InPlaceError(f"{prefix} in the site is not a folder")
        checked.add(prefix)
    return out_dir.joinpath(*parts) if parts else out_dir


def _replace(target: Path, content: bytes, folder: Path) -> None:
    temporary = folder / f".{target.name}.{os.getpid()}.tmp"
    with open(temporary, "wb") as stream:
        stream.write(content)
    os.replace(temporary, target)


def _remove_empty_parents(out_dir: Path, path: str) -> None:
    parts = path.split("/")[:-1]
    while parts:
        try:
            os.rmdir(out_dir.joinpath(*parts))
        except OSError:
            return
        parts.pop()
