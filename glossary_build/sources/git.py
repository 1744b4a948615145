"""What git knows of the entry files: which changed since a commit, and their text then.

Paths are relative to the glossary folder, as everywhere else; the changes
are those between the merge base of ``ref`` and ``HEAD`` and the working
tree (committed, staged, unstaged and untracked alike), so that a pull
request's check sees exactly what the pull request changes.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from glossary_build.sources.inputs import BuildError


@dataclass(frozen=True)
class ChangedFiles:
    """The files that differ from a commit, and that commit."""

    base: str
    """The commit compared with: the merge base of the ref and ``HEAD``."""
    paths: frozenset[str]
    """Changed, added, deleted and renamed files (both names), relative to the glossary folder."""


def changed_files(root: Path, ref: str) -> ChangedFiles:
    """The files under ``root`` that differ between ``ref`` (its merge base with HEAD) and now."""
    base = _git(root, "merge-base", ref, "HEAD").strip()
    listed = _git(root, "diff", "--name-status", "-z", "--relative", "-M", base, "--", ".")
    untracked = _git(root, "ls-files", "-z", "--others", "--exclude-standard", "--", ".")
    return ChangedFiles(base, frozenset(_names(listed)) | frozenset(filter(None, untracked.split("\0"))))


def text_at(root: Path, commit: str, path: str) -> str | None:
    """The text of ``path`` (relative to ``root``) at ``commit``; None if it did not exist."""
    done = subprocess.run(
        ["git", "-C", str(root), "show", f"{commit}:./{path}"], capture_output=True, check=False
    )
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else None


def _names(name_status: str) -> list[str]:
    """Every path in ``git diff --name-status -z`` output (a rename or copy names two)."""
    fields = [field for field in name_status.split("\0") if field]
    names: list[str] = []
    index = 0
    while index < len(fields):
        status = fields[index]
        count = 2 if status[:1] in ("R", "C") else 1
        names.extend(fields[index + 1 : index + 1 + count])
        index += 1 + count
    return names


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError as error:
        raise BuildError(f"cannot run git: {error.strerror}") from error
    if done.returncode != 0:
        raise BuildError(f"git {args[0]} failed: {done.stderr.strip() or 'exit ' + str(done.returncode)}")
    return done.stdout
