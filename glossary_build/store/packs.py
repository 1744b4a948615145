"""Sealed cache files, and packs of records with a log appended to between rewrites.

Every file is written whole and atomically, sealed with a MAC
(:mod:`glossary_build.store.sealing`), and read only when the seal holds.  A
*pack* holds records under one key; the records changed since it was written
are appended to its *log*, and the pack is rewritten with the records in use
when the log has grown beyond :data:`COMPACT_RATIO` of it: the parse results,
each entry's findings and their records, the report parts
(:class:`RecordPack`), and the pieces of site-wide files (:class:`PieceStore`).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from glossary_build.store.sealing import frame, mac, read_frames, unseal

COMPACT_RATIO = 0.25
"""Rewrite the pack when the log is larger than this share of it."""


class RecordPack:
    """Records by digest in a pack file rewritten now and then and a log appended to in between
    (``<name>.pack`` and ``<name>.log``), all under one key: the parse results, and each
    entry's findings.  A run that changed a few records writes a few KB; one that only adds
    records (:meth:`put` before any :meth:`load`) does not even read the pack, unless it is
    time to rewrite it."""

    def __init__(self, folder: Path | None, name: str) -> None:
        self.folder = folder
        self.name = name
        self.records: dict[bytes, tuple[Any, ...]] = {}
        self.new: dict[bytes, tuple[Any, ...]] = {}
        self._key: str | None = None
        """The key the records were read under (None: not read)."""
        self._new_key: str | None = None
        """The key :attr:`new` records are put under."""
        self._log_size = 0
        self._pack_size = 0

    def load(self, key: str) -> None:
        """Read the records stored under ``key`` (once)."""
        if self.folder is None or self._key == key:
            return
        self._key = key
        self.records, self._pack_size, self._log_size = {}, 0, 0
        if self._new_key != key:
            self.new = {}
        pack = read_sealed(self.folder / f"{self.name}.pack")
        if isinstance(pack, dict) and pack.get("key") == key:
            self.records = pack["files"]
            self._pack_size = file_size(self.folder / f"{self.name}.pack")
            self._read_log(key)
        self.records.update(self.new)

    def _read_log(self, key: str) -> None:
        assert self.folder is not None
        path = self.folder / f"{self.name}.log"
        with contextlib.suppress(OSError), path.open("rb") as log:
            records = read_frames(log)  # up to the end, or a record cut short by an interruption
            if loads(next(records, b"")) != key:
                return
            for record in records:
                loaded = loads(record)
                if isinstance(loaded, tuple) and len(loaded) == 2:
                    self.records[loaded[0]] = loaded[1]
            self._log_size = log.tell()

    def get(self, source: bytes) -> tuple[Any, ...] | None:
        """The stored record of a digest, if any."""
        return self.records.get(source)

    def put(self, source: bytes, encoded: tuple[Any, ...], key: str | None = None) -> None:
        """Remember a new record (written by :meth:`save`), under ``key`` (default: the key
        the records were read under)."""
        key = key if key is not None else self._key
        if self._new_key != key:
            self.new = {}
        self._new_key = key
        if self._key == key:
            self.records[source] = encoded
        self.new[source] = encoded

    def save(self, in_use: Iterable[bytes], ensure_folder: Callable[[], None]) -> None:
        """Append new records to the log; rewrite the pack with the ``in_use`` ones when the log
        has grown too long (or there is no pack yet)."""
        if self.folder is None or self._new_key is None or not self.new:
            return
        if self._key != self._new_key and not self._appendable():
            self.load(self._new_key)  # another key on disk, or time to rewrite: read it all
        ensure_folder()
        pack, log = self.folder / f"{self.name}.pack", self.folder / f"{self.name}.log"
        if self._pack_size:
            if not self._log_size:  # no log of this key (a rewrite cut short): start one
                write_atomically(log, frame(pickle.dumps(self._new_key, 5)))
            self._append_log(self.new)
        if not self._pack_size or self._log_size > COMPACT_RATIO * self._pack_size:
            if self._key != self._new_key:
                self.load(self._new_key)
            used = {source: self.records[source] for source in in_use if source in self.records}
            write_sealed(pack, {"key": self._new_key, "files": used})
            write_atomically(log, frame(pickle.dumps(self._new_key, 5)))
            self.records = used
            self._pack_size = file_size(pack)
            self._log_size = file_size(log)
        self.new = {}

    def forget(self) -> None:
        """Drop the records read (they are not to be trusted); the next save rewrites the pack."""
        self.records, self._pack_size = {}, 0

    def holds(self, key: str) -> bool:
        """Whether the files hold records of ``key``, told without reading them: the log,
        written after the pack, starts with the key."""
        if self._key == key or self._new_key == key:
            return True
        if self.folder is None:
            return False
        path = self.folder / f"{self.name}.log"
        with contextlib.suppress(OSError), path.open("rb") as log:
            return loads(next(read_frames(log), b"")) == key and file_size(self.folder / f"{self.name}.pack") > 0
        return False

    def _appendable(self) -> bool:
        """Whether the new records, not read with the others, can go to the log as they are:
        the log is of their key (then so is the pack, written before it) and not due for a
        rewrite.  Sets the sizes :meth:`save` compares."""
        assert self.folder is not None
        path = self.folder / f"{self.name}.log"
        with contextlib.suppress(OSError), path.open("rb") as log:
            if loads(next(read_frames(log), b"")) == self._new_key:
                self._pack_size = file_size(self.folder / f"{self.name}.pack")
                self._log_size = file_size(path)
                return bool(self._pack_size) and self._log_size <= COMPACT_RATIO * self._pack_size
        return False

    def _append_log(self, records: Mapping[bytes, tuple[Any, ...]]) -> None:
        assert self.folder is not None
        path = self.folder / f"{self.name}.log"
        with path.open("ab") as log:
            if log.tell() == 0:
                log.write(frame(pickle.dumps(self._new_key, 5)))
            for record in records.items():
                log.write(frame(pickle.dumps(record, 5)))
            self._log_size = log.tell()


class PieceStore(Mapping[str, Mapping[str, tuple[bytes, Any]]]):
    """Kind -> entry id -> ``(fingerprint, value)`` of the kept pieces
    (:mod:`glossary_build.render.pieces`); a kind is read on first use.

    Each kind has a pack (``pieces-<kind>.pack``: the pieces when it was last
    rewritten) and a log (``pieces-<kind>.log``: the pieces rendered since,
    appended by each build), like the parse results: an edit writes a few KB,
    not the tens of MB all of them take at 10,000 entries.  A piece is only
    used when its fingerprint is current, so the pieces of entries edited or
    gone since stay harmless until the next rewrite drops them.
    """

    def __init__(self, folder: Path | None, key: str) -> None:
        """``key``: what the pieces are kept under (the code's)."""
        self.folder = folder
        self.key = key
        self._kinds: dict[str, dict[str, tuple[bytes, Any]]] = {}

    def __getitem__(self, kind: str) -> Mapping[str, tuple[bytes, Any]]:
        if kind not in self._kinds:
            self._kinds[kind] = read_pieces(self.folder, kind, self.key) if self.folder is not None else {}
        return self._kinds[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._kinds))

    def __len__(self) -> int:
        return len(self._kinds)

    def __contains__(self, kind: object) -> bool:
        return isinstance(kind, str)


def piece_files(folder: Path, kind: str) -> tuple[Path, Path]:
    return folder / f"pieces-{kind}.pack", folder / f"pieces-{kind}.log"


def read_pieces(folder: Path, kind: str, key: str) -> dict[str, tuple[bytes, Any]]:
    """The pieces of ``kind`` kept under ``key``: its pack, then its log's records (newer ones win)."""
    pack_path, log_path = piece_files(folder, kind)
    pack = read_sealed(pack_path)
    if not (isinstance(pack, tuple) and len(pack) == 2 and pack[0] == key and isinstance(pack[1], dict)):
        return {}
    pieces: dict[str, tuple[bytes, Any]] = pack[1]
    with contextlib.suppress(OSError), log_path.open("rb") as log:
        records = read_frames(log)
        if loads(next(records, b"")) != key:
            return pieces
        for record in records:
            loaded = loads(record)
            if isinstance(loaded, tuple) and len(loaded) == 2:
                pieces[loaded[0]] = loaded[1]
    return pieces


def log_key(path: Path) -> Any:
    """The key a log was started with (its first record), None when it has none."""
    with contextlib.suppress(OSError), path.open("rb") as log:
        return loads(next(read_frames(log), b""))
    return None


def read_sealed(path: Path) -> Any:
    """The value :func:`write_sealed` stored at ``path``; None when there is none, or when the file
    was not sealed by this user's glossary-build (:mod:`glossary_build.store.sealing`)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    payload = unseal(data)
    return loads(payload) if payload is not None else None


def loads(payload: bytes | memoryview) -> Any:
    try:
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a damaged cache file is simply not used
        return None


def write_sealed(path: Path, value: Any) -> None:
    """Store ``value`` at ``path``, sealed (:mod:`glossary_build.store.sealing`): its MAC,
    then the pickle (written apart rather than joined, which would copy it)."""
    payload = pickle.dumps(value, 5)
    write_atomically(path, mac(payload), payload)


def write_atomically(path: Path, *chunks: bytes) -> None:
    """Write ``chunks`` atomically: a build interrupted meanwhile leaves the old file."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            for chunk in chunks:
                file.write(chunk)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
