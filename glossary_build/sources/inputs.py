"""The entry files as a build last saw them: read and hashed, or trusted by their signature.

A file's *signature* is its modification and change time, size and inode.
Like git's index, a run does not read a file whose signature is the one
the last run stored with the file's digest (:attr:`glossary_build.store.cache.State.sources`);
the change time moves with every write, even one that puts the
modification time back.  A file written within :data:`RACY_NS` before it
was read could be written again in the same clock tick without a new
signature, so its signature is not kept.

Between dev-server rebuilds :meth:`Inputs.read` reads only the entry files
the watcher named, when they are all known files (an edit: no file added or
removed).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from glossary_build.core import diagnostics as diag
from glossary_build.core.config import Config
from glossary_build.core.diagnostics import Diagnostic, Span
from glossary_build.core.model import ParsedFile
from glossary_build.sources.files import PATTERN, discover, outside_link, read_source, relative_path
from glossary_build.store.cache import Signature, source_digest

RACY_NS = 2_000_000_000
"""A file written this shortly (ns) before it was read may be written again in the same
timestamp tick, keeping its signature; its signature is not trusted by the next run."""


class BuildError(Exception):
    """The build cannot go on (no entries folder, output not writable, ...)."""


@dataclass
class Input:
    """One entry file as last read (or as the last run read it, if its signature is the same)."""

    path: str
    stat: Signature | None
    """None: not to be trusted (see :data:`RACY_NS`)."""
    digest: bytes
    text: str | None
    """None: not read (trusted, or unreadable: then :attr:`problem` says why)."""
    problem: Diagnostic | None = None
    parsed: ParsedFile | None = None
    file: Path | None = None
    """Where it was found (:attr:`path` is normalised to NFC, the file's name may not be)."""


def signature(path: Path, read_ns: int) -> Signature | None:
    """``path``'s :data:`~glossary_build.store.cache.Signature`, or None if it changed too recently
    before ``read_ns`` to be trusted later (see :data:`RACY_NS`)."""
    stat = path.stat()
    if max(stat.st_mtime_ns, stat.st_ctime_ns) >= read_ns - RACY_NS:
        return None
    return (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)


class Inputs:
    """Every entry file of one glossary (relative path -> :class:`Input`), kept between the
    runs of one builder; ``key`` is the parse key the digests are made with."""

    def __init__(self, *, missing_ok: bool = False) -> None:
        self.files: dict[str, Input] = {}
        self.missing_ok = missing_ok
        """True: an entries folder that does not exist holds no files (a translation
        language nobody has started yet), rather than being an error."""

    def read(
        self, config: Config, key: str, named: set[Path], stored: Mapping[str, tuple[Signature, bytes]]
    ) -> list[Input]:
        """Bring every file up to date: the ``named`` ones only, when the watcher named known
        entry files, else all, trusting the signatures known here or ``stored`` by the last run."""
        inputs = self._reread(config, key, named) if named else None
        return inputs if inputs is not None else self._read(config, key, named, stored)

    def signatures(self) -> dict[str, tuple[Signature, bytes]]:
        """Each readable file's signature and digest, where the signature can be trusted."""
        return {
            item.path: (item.stat, item.digest)
            for item in self.files.values()
            if item.stat is not None and item.problem is None
        }

    def named_entries(self, config: Config, named: set[Path]) -> tuple[dict[str, Path], bool] | None:
        """The named entry files (relative -> absolute path) and whether anything outside the
        entries folder was named too; None when a named entry file is new, gone or a folder.

        Named paths that can be no entry file (hidden, like an editor's temporary
        file, or not ``*.md``) are left out.
        """
        entries_dir = config.entries_dir
        files: dict[str, Path] = {}
        outside = False
        for path in named:
            if not path.is_relative_to(entries_dir):
                outside = True  # a template, static file or the configuration
                continue
            parts = path.relative_to(entries_dir).parts
            if any(part.startswith(".") for part in parts) or not path.name.endswith(PATTERN[1:]):
                continue
            relative = relative_path(path, config.root)
            known = self.files.get(relative)
            if known is None or known.parsed is None or not path.is_file():
                return None
            files[relative] = path
        return files, outside

    def read_again(self, config: Config, key: str, item: Input) -> None:
        """Read a trusted but unread input after all (its parse result is not cached)."""
        fresh = _Reader.of(config, key, set()).read(item.path, item.file or config.root / item.path, None)
        item.stat, item.digest, item.text, item.problem = fresh.stat, fresh.digest, fresh.text, fresh.problem

    def _reread(self, config: Config, key: str, named: set[Path]) -> list[Input] | None:
        """The inputs with only the named entry files read again, trusting the watcher that
        nothing else changed; None (read all) when one is new, gone or a folder."""
        found = self.named_entries(config, named)
        if found is None:
            return None
        reader = _Reader.of(config, key, named)
        for relative, absolute in found[0].items():
            self.files[relative] = reader.read(relative, absolute, self.files[relative])
        return list(self.files.values())

    def _read(
        self, config: Config, key: str, hint: set[Path], stored: Mapping[str, tuple[Signature, bytes]]
    ) -> list[Input]:
        if not config.entries_dir.is_dir():
            if self.missing_ok and not config.entries_dir.exists():
                self.files = {}
                return []
            raise BuildError(f"entries folder '{config.entries}' not found in {config.root}")
        current: dict[str, Input] = {}
        reader = _Reader.of(config, key, hint)
        for relative, absolute in discover(reader.entries_dir, config.root):
            known = self.files.get(relative)
            if known is None and relative in stored:
                known = Input(relative, *stored[relative], None, file=absolute)
            current[relative] = reader.read(relative, absolute, known)
        self.files = current
        return list(current.values())


@dataclass(frozen=True)
class _Reader:
    """Reads the entry files of one run (what stays the same from file to file)."""

    root: Path
    entries_dir: Path
    """Resolved once: :attr:`Config.entries_dir` resolves the path on every call."""
    key: str
    hint: set[Path]
    """Files read even when their signature is known: the watcher said they changed."""
    read_ns: int

    @classmethod
    def of(cls, config: Config, key: str, hint: set[Path]) -> _Reader:
        return cls(config.root, config.entries_dir, key, hint, time.time_ns())

    def read(self, relative: str, absolute: Path, known: Input | None) -> Input:
        """``known`` if the file's signature is still that, else the file read now."""
        outside = outside_link(absolute, self.root, self.entries_dir)
        if outside is not None:  # a link to /etc/passwd is neither read nor published
            return Input(outside.span.path, None, b"", None, outside)
        try:
            stat = signature(absolute, self.read_ns)
            if stat is not None and known is not None and known.stat == stat and absolute not in self.hint:
                return known
            data = absolute.read_bytes()
        except OSError as error:
            problem = Diagnostic(
                "io-error", diag.Severity.ERROR, f"cannot read file: {error.strerror}", Span(relative, 1, 1)
            )
            return Input(relative, None, b"", None, problem)
        source_key = source_digest(self.key, relative, data)
        if known is not None and known.digest == source_key and known.parsed:
            known.stat = stat
            return known
        result = read_source(relative, data)
        if isinstance(result, Diagnostic):
            return Input(relative, stat, source_key, None, result, file=absolute)
        return Input(relative, stat, source_key, result.text, file=absolute)
