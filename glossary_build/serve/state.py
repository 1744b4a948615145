"""The site being served: the last good build, the state of the latest build, and who changed.

A :class:`Snapshot` is immutable.  :class:`LiveSite` replaces its current snapshot in one
assignment after a build has completed, so a request handler that took a snapshot serves
one consistent version of the site even while the next build is applied.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from glossary_build.core.diagnostics import Diagnostic, Severity, sort_key
from glossary_build.serve.types import BuildOutcome

MAX_LISTED = 100
"""At most this many errors and warnings are sent to the browser; the counts stay exact."""

_EMPTY: Mapping[str, bytes] = MappingProxyType({})


@dataclass(frozen=True)
class Status:
    """How the latest build went, as shown in the browser (overlay and badge)."""

    errors: tuple[Diagnostic, ...] = ()
    """Diagnostics with severity ERROR, sorted by position."""
    warnings: tuple[Diagnostic, ...] = ()
    """Diagnostics with severity WARNING, sorted by position."""
    crash: str | None = None
    """The crash message when the builder crashed."""

    @property
    def failed(self) -> bool:
        """True when the build crashed or reported errors (its files are then not served)."""
        return self.crash is not None or bool(self.errors)

    @classmethod
    def of(cls, outcome: BuildOutcome) -> Status:
        """The status of one build."""
        ordered = sorted(outcome.diagnostics, key=sort_key)
        return cls(
            errors=tuple(d for d in ordered if d.severity >= Severity.ERROR),
            warnings=tuple(d for d in ordered if d.severity == Severity.WARNING),
            crash=outcome.error,
        )

    def to_json(self, generation: int) -> dict[str, Any]:
        """The form sent to the browser (``generation`` tells which build it describes)."""
        return {
            "generation": generation,
            "failed": self.failed,
            "crash": self.crash,
            "errorCount": len(self.errors),
            "warningCount": len(self.warnings),
            "errors": [_diagnostic_json(d) for d in self.errors[:MAX_LISTED]],
            "warnings": [_diagnostic_json(d) for d in self.warnings[:MAX_LISTED]],
        }


def _diagnostic_json(diagnostic: Diagnostic) -> dict[str, Any]:
    span = diagnostic.span
    return {
        "path": span.path,
        "line": span.line,
        "column": span.column,
        "severity": diagnostic.severity.label,
        "code": diagnostic.code,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
    }


@dataclass(frozen=True)
class Snapshot:
    """One consistent state of the served site."""

    generation: int
    """Counts completed builds, good or failed; 0 before the first build."""
    files: Mapping[str, bytes]
    """The files served: those of the last good build (read-only)."""
    status: Status
    """How the latest build went."""
    changed_at: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    """For each site path that was ever added, changed or removed: the generation of that change."""
    good: bool = False
    """True once a good build has been applied (``files`` then come from one)."""

    def changed_since(self, pages: Iterable[str], generation: int) -> list[str]:
        """Those of ``pages`` whose bytes changed after build ``generation``."""
        return [p for p in pages if self.changed_at.get(p, 0) > generation]


@dataclass(frozen=True)
class Update:
    """What applying one build changed."""

    snapshot: Snapshot
    """The new current snapshot."""
    changed: frozenset[str]
    """Site paths added, changed or removed by this build (empty when it failed)."""


class LiveSite:
    """Holds the current snapshot; lets SSE streams wait for the next one."""

    def __init__(self) -> None:
        self._snapshot = Snapshot(0, _EMPTY, Status())
        self._changed_at: dict[str, int] = {}
        self._condition = threading.Condition()
        self._closed = False

    @property
    def snapshot(self) -> Snapshot:
        """The current snapshot (one attribute read: take it once per request)."""
        return self._snapshot

    @property
    def closed(self) -> bool:
        """True after :meth:`close`: streams should end."""
        return self._closed

    def apply(self, outcome: BuildOutcome) -> Update:
        """Make ``outcome`` current.  A failed build keeps the files of the last good one
        (before any good build, the failed build's files, if any, are served instead)."""
        with self._condition:
            old = self._snapshot
            status = Status.of(outcome)
            generation = old.generation + 1
            keep_old = status.failed and (old.good or not outcome.files)
            if keep_old:
                files, changed = old.files, frozenset[str]()
            else:
                files = MappingProxyType(dict(outcome.files))
                changed = frozenset(_changed_paths(old.files, files))
                for path in changed:
                    self._changed_at[path] = generation
            self._snapshot = Snapshot(
                generation,
                files,
                status,
                MappingProxyType(dict(self._changed_at)),
                good=old.good or not status.failed,
            )
            self._condition.notify_all()
            return Update(self._snapshot, changed)

    def wait_newer(self, generation: int, timeout: float) -> Snapshot | None:
        """The current snapshot once it is newer than ``generation``; None on timeout or close."""
        with self._condition:
            self._condition.wait_for(
                lambda: self._closed or self._snapshot.generation > generation, timeout
            )
            if self._closed or self._snapshot.generation <= generation:
                return None
            return self._snapshot

    def close(self) -> None:
        """Wake every waiting stream so it can end."""
        with self._condition:
            self._closed = True
            self._condition.notify_all()


def _changed_paths(old: Mapping[str, bytes], new: Mapping[str, bytes]) -> Sequence[str]:
    changed = [path for path in old.keys() - new.keys()]
    for path, data in new.items():
        before = old.get(path)
        if before is None or (before is not data and before != data):
            changed.append(path)
    return changed
