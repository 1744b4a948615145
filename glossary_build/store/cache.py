"""The persistent build cache in the glossary folder: ``.glossary-cache/``.

Layout (everything is rebuilt from the sources when missing or unreadable)::

    .glossary-cache/
      CACHEDIR.TAG         marks the folder as a cache for backup tools
      v1/
        parsed.pack        pickle: {"key": ..., "files": {digest: codec tuple}}
        parsed.log         records appended after the pack: (digest, codec tuple)
        checked.pack       what each entry's findings depend on and how many of each rule:
                           {"key": ..., "files": {entry key: record}}
        checked.log        records appended after that pack, as for the parse results
        checked-findings.pack  the findings themselves, by entry key (read only when a
        checked-findings.log   report formats them again), the same way
        state.pickle       what the last build or check saw, see :class:`State`
        findings.pickle    the last check's findings, see :class:`Findings`
        infos.pickle       its findings of rules at level ``info``, the same way
        hints.pickle       the last broken references' hints, see :meth:`Cache.load_hints`
        report.pickle      the last check's whole report and exit code, see :meth:`Cache.load_report`
        report-parts.pack  the text and GitHub reports' parts, one per file, by what each shows
        report-parts.log   (:mod:`glossary_build.report.chunked`); a pack and a log as above
        pieces-<kind>.pack the per-entry pieces of site-wide files, by kind (``all-entry``,
        pieces-<kind>.log  ``graph-entry``, ``index-entry``, ``search-words``), see :class:`PieceStore`
        <namespace>/       the same files for one part of a glossary: each language of a
                           multilingual glossary (``de/``, ``en/``) and its whole site
                           (``languages/``), see :class:`Cache`

*Parsed files.*  A source's digest is a hash of the parse key (tool version
and code, Python and markdown-it versions, the settings that change parsing:
language and raw HTML), its path and its bytes; the entry is its :class:`~glossary_build.core.model.ParsedFile` as
:mod:`~glossary_build.store.codec` tuples, which load at C speed.  New results are
appended to the log, so a build that re-parsed one file writes a few KB; when
the log grows beyond a quarter of the pack, the pack is rewritten with only
the entries in use.

*State.*  Each entry file's identity on disk and digest, and for the last
build: the output folder, the marker file's identity after writing, and a
fingerprint per site file (:mod:`glossary_build.build.fingerprints`).  *Findings.*
The digest of all inputs, and the diagnostics and counts of the last check
that are no entry's (unreadable files, parse problems, glossary-wide rules),
kept apart from the state, which a build writes twice; the findings of rules
at level ``info`` are kept apart again: a quiet build neither finds nor loads
them.  *Each entry's findings* (tens of MB at 10,000 entries) are records of
their own, by the entry's key (:mod:`glossary_build.checks.dependencies`),
in a pack and a log like the parse results, under the key of the rules that
ran and the code; the findings record names the keys of its entries.

Every file is sealed with a MAC keyed by a secret outside the glossary
(:mod:`glossary_build.store.sealing`): the files are pickles, and a cache that came
with a pull request must not run code.  A damaged or foreign cache file is
ignored, never an error: the cache can be deleted at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from glossary_build import __version__
from glossary_build.store.sealing import frame, mac, read_frames, unseal

CACHE_DIR = ".glossary-cache"
"""The cache folder's name, inside the glossary folder."""
LAYOUT = "v1"
COMPACT_RATIO = 0.25
"""Rewrite the pack when the log is larger than this share of it."""
_TAG = b"Signature: 8a477f597d28d172789f06886806bc55\n# This folder is glossary-build's cache.\n"


def digest(*parts: bytes | str) -> bytes:
    """A short, stable hash of ``parts`` (16 bytes)."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.digest()


@lru_cache(maxsize=1)
def code_key() -> str:
    """Changes whenever glossary-build's code, Python or markdown-it change.

    The version alone is not enough while developing: a changed parser with the
    same version number must not reuse old results.  Sizes and modification
    times of the package's modules are cheap to read.
    """
    import markdown_it

    package = Path(__file__).resolve().parent.parent  # all of glossary_build, not just store/
    parts = [__version__, sys.version, markdown_it.__version__]
    for module in sorted(package.rglob("*.py")):
        stat = module.stat()
        parts.append(f"{module.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest(*parts).hex()


def parse_key(options: Mapping[str, Any]) -> str:
    """Key of every parse result: the code and the settings that change parsing."""
    return digest(code_key(), repr(sorted(options.items()))).hex()


def config_key(config: Any) -> str:
    """Every setting of a :class:`~glossary_build.core.config.Config` but its folder, as text."""
    import dataclasses

    return repr([(item.name, getattr(config, item.name)) for item in dataclasses.fields(config) if item.name != "root"])


def source_digest(key: str, path: str, data: bytes) -> bytes:
    """The cache key of one source file's parse result."""
    return digest(key, path, data)


Signature = tuple[int, int, int, int]
"""A file's identity on disk: modification and change time (ns), size and inode."""


@dataclass
class State:
    """What the last run saw; compared with this run to skip work."""

    code: str = ""
    """:func:`code_key` of the run that saved it: another code version ignores it."""
    sources: dict[str, tuple[Signature, bytes]] = field(default_factory=dict)
    """Each entry file's signature and source digest, for the files whose signature can be
    trusted to change with their bytes (see :data:`glossary_build.sources.inputs.RACY_NS`)."""
    sources_key: str = ""
    """The parse key (:func:`parse_key`) those digests were made with."""
    output_dir: str = ""
    """Where the last build wrote its site."""
    marker: tuple[int, int] | None = None
    """``(inode, mtime_ns)`` of the site's marker file right after that write."""
    pages: dict[str, bytes] = field(default_factory=dict)
    """Fingerprint of each file of that site."""
    built_from: bytes = b""
    """The digest of the inputs that site was built from (:attr:`Findings.inputs`): a check
    since may have stored findings of newer inputs."""
    site_paths: tuple[str, ...] = ()
    """Paths of that site's site-wide files (404 page, ...)."""
    theme: bytes = b""
    """Digest of the templates and static files that site was made with."""
    spare_pages: dict[str, bytes] | None = None
    """Fingerprint of each file of the spare site (the one before), if it is complete."""
    spare_marker: tuple[int, int] | None = None
    """``(inode, mtime_ns)`` of the spare site's marker file when it was put aside."""


@dataclass
class Findings:
    """What the last check found; a run whose inputs have the same digest finds the same."""

    code: str = ""
    """:func:`code_key` of the run that saved it."""
    inputs: bytes = b""
    """Digest of everything a check depends on (code, config, every source)."""
    diagnostics: tuple[Any, ...] = ()
    """The findings, as codec tuples, before configured levels."""
    counts: tuple[int, int, int] = (0, 0, 0)
    """Entries, references and files of that check."""
    infos: bool = False
    """Whether the rules at level ``info`` ran; their findings are stored apart."""
    entries: tuple[bytes, ...] = ()
    """The keys of the entries whose findings (kept per entry, under :attr:`basis`, see
    :meth:`Cache.load_checked`) belong to these too."""
    basis: str = ""
    """The key the entries' findings are kept under."""
    report_keys: dict[str, bytes] = field(default_factory=dict)
    """What each file's findings depend on, by path (see
    :func:`glossary_build.build.report_parts.report_keys`): the key of its part of a report."""


class Cache:
    """The cache of one glossary; a ``Cache(None)`` keeps nothing (``--no-cache``).

    With a ``namespace`` it is the cache of one part of the glossary, in a folder of its
    own below the glossary's: each language of a multilingual glossary is loaded and
    checked like a glossary of its own, with its own parse results, state and findings.
    """

    def __init__(self, root: Path | None, namespace: str | None = None) -> None:
        top = root / CACHE_DIR if root is not None else None
        self._tag = top / "CACHEDIR.TAG" if top is not None else None
        folder = top / LAYOUT if top is not None else None
        self.folder = folder / namespace if folder is not None and namespace is not None else folder
        self._parsed = _Pack(self.folder, "parsed")
        self._checked = _Pack(self.folder, "checked")
        self._checked_findings = _Pack(self.folder, "checked-findings")
        self._reports = _Pack(self.folder, "report-parts")
        self._state: State | None = None
        self._hints: tuple[bytes, dict[str, str | None]] | None = None

    @property
    def enabled(self) -> bool:
        """False for ``--no-cache``."""
        return self.folder is not None

    # -- parsed files --------------------------------------------------------------

    def load_parsed(self, key: str) -> None:
        """Read the parse results stored under ``key`` (once)."""
        self._parsed.load(key)

    def get_parsed(self, source: bytes) -> tuple[Any, ...] | None:
        """The stored parse result of a source digest, if any."""
        return self._parsed.get(source)

    def put_parsed(self, source: bytes, encoded: tuple[Any, ...]) -> None:
        """Remember a new parse result (written by :meth:`save_parsed`)."""
        self._parsed.put(source, encoded)

    def save_parsed(self, in_use: Iterable[bytes]) -> None:
        """Append new results to the log; rewrite the pack with the ``in_use`` entries when the
        log has grown too long (or there is no pack yet)."""
        self._parsed.save(in_use, self._ensure_folder)

    # -- each entry's findings -------------------------------------------------------

    def load_checked(self, key: str) -> dict[bytes, tuple[Any, ...]]:
        """What is known of each entry's findings stored under ``key`` (the rules that ran and
        the code), by the entry's key (:mod:`glossary_build.checks.dependencies`): the record
        kept with them, without the findings (:meth:`checked_findings`).  Empty when the
        findings are not there under ``key`` (deleted, say): then every entry is checked again."""
        self._checked.load(key)
        if self._checked.records and not self._checked_findings.holds(key):
            self._checked.forget()
        return self._checked.records

    def checked_findings(self, key: str, entry_key: bytes) -> tuple[Any, ...]:
        """The encoded findings of an entry stored under ``key``, whose record
        :meth:`load_checked` gave; read (all of them) when first asked for: a report of kept
        parts asks for none.  Raises :class:`LookupError` when they are gone (they are
        written before the records, so only a damaged cache lacks them)."""
        self._checked_findings.load(key)
        found = self._checked_findings.get(entry_key)
        if found is None:
            raise LookupError(f"the kept findings of entry key {entry_key.hex()} are gone; run with --no-cache")
        return found

    def put_checked(self, key: str, entry_key: bytes, record: tuple[Any, ...], encoded: tuple[Any, ...]) -> None:
        """Remember an entry's new findings and their record under ``key`` (written by
        :meth:`save_checked`; the findings are appended without reading the others)."""
        self._checked_findings.put(entry_key, encoded, key)
        self._checked.put(entry_key, record, key)

    def save_checked(self, in_use: Iterable[bytes]) -> None:
        """Store the new findings, keeping those of the ``in_use`` entry keys, as :meth:`save_parsed`:
        the findings first, so that a record always has its findings."""
        keys = list(in_use)
        self._checked_findings.save(keys, self._ensure_folder)
        self._checked.save(keys, self._ensure_folder)

    # -- state -----------------------------------------------------------------------

    def load_state(self) -> State:
        """The last run's state (an empty one when there is none); read once, then shared."""
        if self._state is None:
            state = _read(self.folder / "state.pickle") if self.folder is not None else None
            self._state = state if isinstance(state, State) and state.code == code_key() else State()
        return self._state

    def save_state(self, state: State) -> None:
        """Store ``state`` for the next run."""
        if self.folder is None:
            return
        self._ensure_folder()
        state.code = code_key()
        _write(self.folder / "state.pickle", state)
        self._state = state

    def load_findings(self, *, infos: bool = False) -> Findings:
        """The last check's findings, or with ``infos`` those of its rules at level ``info``
        (empty ones when there are none)."""
        path = self.folder / _findings_file(infos) if self.folder is not None else None
        findings = _read(path) if path is not None else None
        return findings if isinstance(findings, Findings) and findings.code == code_key() else Findings()

    def save_findings(self, findings: Findings, *, infos: bool = False) -> None:
        """Store ``findings`` (with ``infos``: those of the rules at level ``info``)."""
        if self.folder is None:
            return
        self._ensure_folder()
        findings.code = code_key()
        _write(self.folder / _findings_file(infos), findings)

    # -- reports ---------------------------------------------------------------------

    def load_report(self, key: bytes) -> Any:
        """The report stored under ``key`` (see :class:`glossary_build.build.results.ReportMemo`);
        None when there is none."""
        stored = _read(self.folder / "report.pickle") if self.folder is not None else None
        if isinstance(stored, tuple) and len(stored) == 3 and stored[:2] == (code_key(), key):
            return stored[2]
        return None

    def save_report(self, key: bytes, report: Any) -> None:
        """Store ``report`` under ``key``, in place of the last one."""
        if self.folder is None:
            return
        self._ensure_folder()
        _write(self.folder / "report.pickle", (code_key(), key, report))

    def get_report_part(self, key: bytes) -> bytes | None:
        """The part of a report (one file's findings, formatted) kept under ``key``, if any
        (see :mod:`glossary_build.report.chunked`)."""
        self._reports.load(code_key())
        record = self._reports.get(key)
        return record[0] if record is not None and isinstance(record[0], bytes) else None

    def put_report_part(self, key: bytes, part: bytes) -> None:
        """Remember a part just formatted (written by :meth:`save_report_parts`)."""
        self._reports.load(code_key())
        self._reports.put(key, (part,))

    def save_report_parts(self, in_use: Iterable[bytes]) -> None:
        """Append the new parts to the log; rewrite the pack with the ``in_use`` ones when the log
        has grown too long, as :meth:`save_parsed`."""
        self._reports.save(in_use, self._ensure_folder)

    # -- pieces ----------------------------------------------------------------------

    def pieces(self) -> PieceStore:
        """The per-entry pieces of the last builds' site-wide files, each kind read when first
        asked for (in the forked process that needs it): see :class:`PieceStore`."""
        return PieceStore(self.folder)

    def save_pieces(
        self, kind: str, new: Mapping[str, tuple[bytes, Any]], current: Callable[[], Mapping[str, tuple[bytes, Any]]]
    ) -> None:
        """Keep the pieces of ``kind`` a build rendered (``new``): appended to the kind's log,
        or, when the log would grow beyond a quarter of the pack (or there is no usable one),
        a new pack of the ``current`` pieces and an empty log."""
        if self.folder is None or not new:
            return
        self._ensure_folder()
        pack, log = _piece_files(self.folder, kind)
        records = b"".join(frame(pickle.dumps(record, 5)) for record in new.items())
        if _log_key(log) == code_key() and _size(log) + len(records) <= COMPACT_RATIO * _size(pack):
            with log.open("ab") as file:
                file.write(records)
            return
        _write(pack, (code_key(), dict(current())))
        _write_bytes(log, frame(pickle.dumps(code_key(), 5)))

    # -- hints -----------------------------------------------------------------------

    def load_hints(self, ids: bytes) -> dict[str, str | None]:
        """The hints stored for broken references among the ids whose digest is ``ids``
        (:meth:`~glossary_build.graph.suggest.Suggester.identity`): target -> hint."""
        if self._hints is None:
            stored = _read(self.folder / "hints.pickle") if self.folder is not None else None
            if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == code_key():
                self._hints = (stored[1], stored[2])
            else:
                self._hints = (b"", {})
        return dict(self._hints[1]) if self._hints[0] == ids else {}

    def save_hints(self, ids: bytes, hints: Mapping[str, str | None]) -> None:
        """Store the hints found among the ids whose digest is ``ids``, unless known."""
        if self.folder is None or self._hints == (ids, hints):
            return
        self._ensure_folder()
        _write(self.folder / "hints.pickle", (code_key(), ids, dict(hints)))
        self._hints = (ids, dict(hints))

    def _ensure_folder(self) -> None:
        assert self.folder is not None
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            assert self._tag is not None
            with contextlib.suppress(OSError):
                self._tag.write_bytes(_TAG)


class _Pack:
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
        pack = _read(self.folder / f"{self.name}.pack")
        if isinstance(pack, dict) and pack.get("key") == key:
            self.records = pack["files"]
            self._pack_size = _size(self.folder / f"{self.name}.pack")
            self._read_log(key)
        self.records.update(self.new)

    def _read_log(self, key: str) -> None:
        assert self.folder is not None
        path = self.folder / f"{self.name}.log"
        with contextlib.suppress(OSError), path.open("rb") as log:
            records = read_frames(log)  # up to the end, or a record cut short by an interruption
            if _loads(next(records, b"")) != key:
                return
            for record in records:
                loaded = _loads(record)
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
                _write_bytes(log, frame(pickle.dumps(self._new_key, 5)))
            self._append_log(self.new)
        if not self._pack_size or self._log_size > COMPACT_RATIO * self._pack_size:
            if self._key != self._new_key:
                self.load(self._new_key)
            used = {source: self.records[source] for source in in_use if source in self.records}
            _write(pack, {"key": self._new_key, "files": used})
            _write_bytes(log, frame(pickle.dumps(self._new_key, 5)))
            self.records = used
            self._pack_size = _size(pack)
            self._log_size = _size(log)
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
            return _loads(next(read_frames(log), b"")) == key and _size(self.folder / f"{self.name}.pack") > 0
        return False

    def _appendable(self) -> bool:
        """Whether the new records, not read with the others, can go to the log as they are:
        the log is of their key (then so is the pack, written before it) and not due for a
        rewrite.  Sets the sizes :meth:`save` compares."""
        assert self.folder is not None
        path = self.folder / f"{self.name}.log"
        with contextlib.suppress(OSError), path.open("rb") as log:
            if _loads(next(read_frames(log), b"")) == self._new_key:
                self._pack_size = _size(self.folder / f"{self.name}.pack")
                self._log_size = _size(path)
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

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._kinds: dict[str, dict[str, tuple[bytes, Any]]] = {}

    def __getitem__(self, kind: str) -> Mapping[str, tuple[bytes, Any]]:
        if kind not in self._kinds:
            self._kinds[kind] = _read_pieces(self.folder, kind) if self.folder is not None else {}
        return self._kinds[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._kinds))

    def __len__(self) -> int:
        return len(self._kinds)

    def __contains__(self, kind: object) -> bool:
        return isinstance(kind, str)


def _piece_files(folder: Path, kind: str) -> tuple[Path, Path]:
    return folder / f"pieces-{kind}.pack", folder / f"pieces-{kind}.log"


def _read_pieces(folder: Path, kind: str) -> dict[str, tuple[bytes, Any]]:
    """The pieces of ``kind``: its pack, then its log's records (newer ones win)."""
    pack_path, log_path = _piece_files(folder, kind)
    pack = _read(pack_path)
    key = code_key()
    if not (isinstance(pack, tuple) and len(pack) == 2 and pack[0] == key and isinstance(pack[1], dict)):
        return {}
    pieces: dict[str, tuple[bytes, Any]] = pack[1]
    with contextlib.suppress(OSError), log_path.open("rb") as log:
        records = read_frames(log)
        if _loads(next(records, b"")) != key:
            return pieces
        for record in records:
            loaded = _loads(record)
            if isinstance(loaded, tuple) and len(loaded) == 2:
                pieces[loaded[0]] = loaded[1]
    return pieces


def _log_key(path: Path) -> Any:
    """The key a log was started with (its first record), None when it has none."""
    with contextlib.suppress(OSError), path.open("rb") as log:
        return _loads(next(read_frames(log), b""))
    return None


def _findings_file(infos: bool) -> str:
    return "infos.pickle" if infos else "findings.pickle"


def _read(path: Path) -> Any:
    """The value :func:`_write` stored at ``path``; None when there is none, or when the file
    was not sealed by this user's glossary-build (:mod:`glossary_build.store.sealing`)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    payload = unseal(data)
    return _loads(payload) if payload is not None else None


def _loads(payload: bytes | memoryview) -> Any:
    try:
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a damaged cache file is simply not used
        return None


def _write(path: Path, value: Any) -> None:
    """Store ``value`` at ``path``, sealed (:mod:`glossary_build.store.sealing`): its MAC,
    then the pickle (written apart rather than joined, which would copy it)."""
    payload = pickle.dumps(value, 5)
    _write_bytes(path, mac(payload), payload)


def _write_bytes(path: Path, *chunks: bytes) -> None:
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


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
