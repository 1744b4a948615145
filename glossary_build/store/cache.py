"""The persistent build cache in the glossary folder: ``.glossary-cache/``.

Layout (everything is rebuilt from the sources when missing or unreadable)::

    .glossary-cache/
      CACHEDIR.TAG         marks the folder as a cache for backup tools
      v1/
        parsed.pack        pickle: {"key": ..., "files": {digest: codec tuple}}
        parsed.log         records appended after the pack: (digest, codec tuple)
        checked.pack       what each entry's findings depend on, how many of each rule,
                           the files they name as related places, their broken links' targets:
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
import pickle
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from glossary_build import __version__
from glossary_build.store.packs import (
    COMPACT_RATIO,
    PieceStore,
    RecordPack,
    file_size,
    log_key,
    piece_files,
    read_sealed,
    write_atomically,
    write_sealed,
)
from glossary_build.store.sealing import frame

CACHE_DIR = ".glossary-cache"
"""The cache folder's name, inside the glossary folder."""
LAYOUT = "v1"
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
        self._parsed = RecordPack(self.folder, "parsed")
        self._checked = RecordPack(self.folder, "checked")
        self._checked_findings = RecordPack(self.folder, "checked-findings")
        self._reports = RecordPack(self.folder, "report-parts")
        self._state: State | None = None
        self._hints: tuple[bytes, dict[str, str | None], Any] | None = None

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
            state = read_sealed(self.folder / "state.pickle") if self.folder is not None else None
            self._state = state if isinstance(state, State) and state.code == code_key() else State()
        return self._state

    def save_state(self, state: State) -> None:
        """Store ``state`` for the next run."""
        if self.folder is None:
            return
        self._ensure_folder()
        state.code = code_key()
        write_sealed(self.folder / "state.pickle", state)
        self._state = state

    def load_findings(self, *, infos: bool = False) -> Findings:
        """The last check's findings, or with ``infos`` those of its rules at level ``info``
        (empty ones when there are none)."""
        path = self.folder / _findings_file(infos) if self.folder is not None else None
        findings = read_sealed(path) if path is not None else None
        return findings if isinstance(findings, Findings) and findings.code == code_key() else Findings()

    def save_findings(self, findings: Findings, *, infos: bool = False) -> None:
        """Store ``findings`` (with ``infos``: those of the rules at level ``info``)."""
        if self.folder is None:
            return
        self._ensure_folder()
        findings.code = code_key()
        write_sealed(self.folder / _findings_file(infos), findings)

    # -- reports ---------------------------------------------------------------------

    def load_report(self, key: bytes) -> Any:
        """The report stored under ``key`` (see :class:`glossary_build.build.results.ReportMemo`);
        None when there is none."""
        stored = read_sealed(self.folder / "report.pickle") if self.folder is not None else None
        if isinstance(stored, tuple) and len(stored) == 3 and stored[:2] == (code_key(), key):
            return stored[2]
        return None

    def save_report(self, key: bytes, report: Any) -> None:
        """Store ``report`` under ``key``, in place of the last one."""
        if self.folder is None:
            return
        self._ensure_folder()
        write_sealed(self.folder / "report.pickle", (code_key(), key, report))

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
        return PieceStore(self.folder, code_key())

    def save_pieces(
        self, kind: str, new: Mapping[str, tuple[bytes, Any]], current: Callable[[], Mapping[str, tuple[bytes, Any]]]
    ) -> None:
        """Keep the pieces of ``kind`` a build rendered (``new``): appended to the kind's log,
        or, when the log would grow beyond a quarter of the pack (or there is no usable one),
        a new pack of the ``current`` pieces and an empty log."""
        if self.folder is None or not new:
            return
        self._ensure_folder()
        pack, log = piece_files(self.folder, kind)
        records = b"".join(frame(pickle.dumps(record, 5)) for record in new.items())
        if log_key(log) == code_key() and file_size(log) + len(records) <= COMPACT_RATIO * file_size(pack):
            with log.open("ab") as file:
                file.write(records)
            return
        write_sealed(pack, (code_key(), dict(current())))
        write_atomically(log, frame(pickle.dumps(code_key(), 5)))

    # -- hints -----------------------------------------------------------------------

    def load_hints(self, ids: bytes) -> dict[str, str | None]:
        """The hints stored for broken references among the ids whose digest is ``ids``
        (:meth:`~glossary_build.graph.suggest.Suggester.identity`): target -> hint."""
        stored = self._stored_hints()
        return dict(stored[1]) if stored[0] == ids else {}

    def earlier_hints(self) -> tuple[Any, dict[str, str | None]] | None:
        """The last hints stored, with the ids they were found among (the ``basis`` given to
        :meth:`save_hints`), whatever those ids were; None if there are none."""
        _ids, hints, basis = self._stored_hints()
        return None if basis is None else (basis, dict(hints))

    def save_hints(self, ids: bytes, hints: Mapping[str, str | None], basis: Any = None) -> None:
        """Store the hints found among the ids whose digest is ``ids``, unless known;
        ``basis`` describes those ids, for :meth:`earlier_hints`."""
        if self.folder is None or self._hints is not None and self._hints[:2] == (ids, hints):
            return
        self._ensure_folder()
        write_sealed(self.folder / "hints.pickle", (code_key(), ids, dict(hints), basis))
        self._hints = (ids, dict(hints), basis)

    def _stored_hints(self) -> tuple[bytes, dict[str, str | None], Any]:
        if self._hints is None:
            stored = read_sealed(self.folder / "hints.pickle") if self.folder is not None else None
            if isinstance(stored, tuple) and len(stored) == 4 and stored[0] == code_key():
                self._hints = (stored[1], stored[2], stored[3])
            else:
                self._hints = (b"", {}, None)
        return self._hints

    def _ensure_folder(self) -> None:
        assert self.folder is not None
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            assert self._tag is not None
            with contextlib.suppress(OSError):
                self._tag.write_bytes(_TAG)


def _findings_file(infos: bool) -> str:
    return "infos.pickle" if infos else "findings.pickle"
