"""Write changed entry files all together, or none of them.

Every new content is known before anything is written.  Each file is read
again and compared with the bytes the edit was planned on (an editor may have
saved it since: then nothing is written), its new content goes to a hidden
temporary file beside it, and only when all are written are they moved over
the originals (``os.replace``, atomic per file).  If a move fails, the files
already replaced get their original bytes back the same way.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from glossary_build.edit.source import EditError, SourceFile


@dataclass(frozen=True, slots=True)
class FileChange:
    """A file's new content, and the file as it was read."""

    source: SourceFile
    """The file as read when the change was planned."""
    data: bytes
    """Its new bytes."""


def write_changes(changes: Sequence[FileChange]) -> None:
    """Replace every file by its new content, or leave all as they were (:class:`EditError`)."""
    files = [change.source.file for change in changes]
    if len(set(files)) != len(files):
        raise EditError("two entry files are links to one file; nothing was written")
    for change in changes:
        _check_unchanged(change.source)
    staged: list[tuple[FileChange, Path]] = []
    try:
        for change in changes:
            staged.append((change, _stage(change.source.file, change.data)))
        for change in changes:
            _check_unchanged(change.source)  # again, just before the first file is replaced
        _replace_all(staged)
    finally:
        for _change, temporary in staged:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()


def _check_unchanged(source: SourceFile) -> None:
    try:
        now = source.file.read_bytes()
    except OSError as error:
        raise EditError(f"cannot read {source.path} again: {error.strerror}; nothing was written") from error
    if now != source.data:
        raise EditError(f"{source.path} changed while it was being edited; nothing was written, run again")


def _stage(file: Path, data: bytes) -> Path:
    """A hidden temporary file beside ``file`` holding ``data``, with ``file``'s permissions."""
    descriptor, name = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".edit", dir=file.parent)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, file.stat().st_mode & 0o7777)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise EditError(f"cannot write beside {file.name}: {error.strerror}; nothing was written") from error
    return temporary


def _replace_all(staged: Sequence[tuple[FileChange, Path]]) -> None:
    replaced: list[FileChange] = []
    for change, temporary in staged:
        try:
            os.replace(temporary, change.source.file)
        except OSError as error:
            failed = _restore(replaced)
            kept = f"; could not restore {', '.join(failed)}" if failed else "; the files changed before were restored"
            raise EditError(f"cannot replace {change.source.path}: {error.strerror}{kept}") from error
        replaced.append(change)


def _restore(replaced: Sequence[FileChange]) -> list[str]:
    """Put the original bytes back into the files already replaced; the paths that failed."""
    failed: list[str] = []
    for change in reversed(replaced):
        try:
            os.replace(_stage(change.source.file, change.source.data), change.source.file)
        except (OSError, EditError):
            failed.append(change.source.path)
    return failed
