"""Find and read the entry files of a glossary.

Reading is separate from parsing so that a file that cannot be decoded is
reported (with the byte offset of the first bad byte) while every other
file is still read.
"""

from __future__ import annotations

import contextlib
import os
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from glossary_build.core.diagnostics import Diagnostic, Span
from glossary_build.core.rules import default_severity

PATTERN = "*.md"


@dataclass(frozen=True, slots=True)
class Source:
    """One entry file, decoded and normalised."""

    path: str
    """Path relative to the glossary folder, with ``/`` separators."""
    text: str
    """The text: no BOM, ``\\n`` line ends, NFC."""


def discover(entries_dir: Path, root: Path) -> list[tuple[str, Path]]:
    """(relative path, absolute path) of every ``*.md`` file below ``entries_dir``, sorted.

    Hidden files and folders (names starting with ``.``) are skipped, and so
    are linked folders; a linked file counts.  One ``scandir`` per folder
    tells names, kinds and links apart, so 10,000 files cost no more than a
    few hundred system calls beyond reading the folders.
    """
    found: list[tuple[str, Path]] = []
    real_root = root.resolve()
    real_entries = entries_dir.resolve()
    base = None
    if real_entries == entries_dir:
        with contextlib.suppress(ValueError):
            base = real_entries.relative_to(real_root).as_posix()
    for entry, parts in _markdown_files(os.fspath(entries_dir), ()):
        file = Path(entry.path)
        if base is not None and not entry.is_symlink():
            relative = "/".join((base, *parts)) if base != "." else "/".join(parts)
            found.append((unicodedata.normalize("NFC", relative), file))
        else:
            found.append((relative_path(file, root), file))
    return sorted(found)


def _markdown_files(folder: str, parts: tuple[str, ...]) -> Iterator[tuple[os.DirEntry[str], tuple[str, ...]]]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from _markdown_files(entry.path, (*parts, entry.name))
            elif os.path.normcase(entry.name).endswith(PATTERN[1:]) and entry.is_file():
                yield entry, (*parts, entry.name)


def relative_path(file: Path, root: Path) -> str:
    """``file`` relative to ``root`` with ``/`` separators (absolute if outside), in NFC.

    macOS writes file names decomposed (NFD); reports and ids use NFC everywhere.
    """
    try:
        relative = file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = file.resolve().as_posix()
    return unicodedata.normalize("NFC", relative)


def outside_link(absolute: Path, root: Path, entries_dir: Path) -> Diagnostic | None:
    """An error when ``absolute`` is a link to a file outside the glossary and entries folders.

    A pull request can add ``entries/x.md`` as a symbolic link to
    ``/etc/passwd`` or ``/proc/self/environ``; its text would be published, or
    shown in check reports.  Links that stay inside the glossary (or the
    entries folder, wherever it is) are fine.  ``absolute`` comes from
    :func:`discover`, which does not enter linked folders, so a file that is
    not itself a link is inside (and costs one ``lstat``, not a ``realpath``).
    """
    if not os.path.islink(absolute):
        return None
    real = Path(os.path.realpath(absolute))
    if any(real.is_relative_to(os.path.realpath(folder)) for folder in (root, entries_dir)):
        return None
    shown = unicodedata.normalize("NFC", Path(os.path.relpath(absolute, root)).as_posix())
    return Diagnostic(
        "io-error",
        default_severity("io-error"),
        "file is a symbolic link to a file outside the glossary folder; it is not read",
        Span(shown, 1, 1),
        "copy the file into the entries folder instead of linking to it",
    )


BINARY_PROBE = 8192
"""How many leading bytes are looked at for NUL, the mark of a binary file."""


def normalize_text(text: str) -> str:
    """Line ends to ``\\n``, BOM removed, Unicode to NFC (as every stage expects)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_source(path: str, data: bytes) -> Source | Diagnostic:
    """Decode ``data``; a binary or undecodable file gives a diagnostic instead."""
    if b"\x00" in data[:BINARY_PROBE]:
        offset = data.index(b"\x00")
        return Diagnostic(
            "binary-file",
            default_severity("binary-file"),
            f"file looks binary (a NUL byte at offset {offset}); it is skipped",
            Span(path, 1, 1),
            "keep only Markdown text files in the entries folder",
            data=(("offset", str(offset)),),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return Diagnostic(
            "invalid-utf8",
            default_severity("invalid-utf8"),
            f"file is not valid UTF-8: byte 0x{data[error.start]:02x} at offset {error.start} "
            "cannot be decoded; the file is skipped",
            Span(path, line, column),
            "save the file as UTF-8",
            data=(("offset", str(error.start)),),
        )
    return Source(path, normalize_text(text))


class SourceLines(Mapping[str, tuple[str, ...]]):
    """Each readable entry file's lines, for excerpts in reports.

    A build that trusted a file's signature (:mod:`glossary_build.build.loading`)
    did not read it; it is read when a report first asks for its lines,
    which is only for files with findings.
    """

    def __init__(self, root: Path, texts: Mapping[str, str | None]) -> None:
        self._root = root
        self._texts = texts
        """Path -> text, or None when the build did not read the file."""
        self._lines: dict[str, tuple[str, ...]] = {}

    def __getitem__(self, path: str) -> tuple[str, ...]:
        lines = self._lines.get(path)
        if lines is None:
            text = self._texts[path]
            lines = self._lines[path] = tuple((text if text is not None else self._read(path)).split("\n"))
        return lines

    def __contains__(self, path: object) -> bool:
        return path in self._texts  # without reading the file, as Mapping's would

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def _read(self, path: str) -> str:
        try:
            source = read_source(path, (self._root / path).read_bytes())
        except OSError:
            return ""  # gone since the build: the report shows no excerpt
        return source.text if isinstance(source, Source) else ""
