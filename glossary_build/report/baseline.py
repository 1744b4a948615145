"""Baselines: accept the findings a glossary has today, fail only on new ones.

A real glossary starts with many broken links (terms not written yet).  A
baseline file records them, so that CI can fail on what a change adds while
the old findings are worked off.

Findings are matched by a *fingerprint* that survives edits elsewhere in the
file: it is a hash of the rule's code, the file's path, the text of the
finding's source line(s) with surrounding whitespace stripped, the ``target``
and ``id`` details, and an occurrence counter that tells identical findings
apart.  Line and column numbers are left out on purpose, so inserting a
paragraph above a known broken link does not make it new; messages are left
out so that rewording a message does not either.

The baseline file is JSON, written sorted so that it diffs well::

    {
      "version": 1,
      "tool": "glossary-build",
      "findings": [
        {"path": "entries/b.md", "code": "broken-reference",
         "message": "no entry or heading has id 'Gamma'", "fingerprint": "3f0c..."}
      ]
    }

Only ``fingerprint`` is used for matching; ``path``, ``code`` and
``message`` are there for people reading the file.  Matching is by multiset:
a fingerprint listed twice covers two findings.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from glossary_build.core.diagnostics import Diagnostic, sort_key
from glossary_build.report.common import source_line

BASELINE_VERSION = 1
"""The ``version`` written into, and accepted from, baseline files."""

FINGERPRINT_DATA = ("target", "id")
"""The details of :attr:`Diagnostic.data` that are part of a fingerprint."""


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a baseline; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Baseline:
    """The known findings, as read from a baseline file."""

    fingerprints: tuple[str, ...]
    """One fingerprint per known finding, sorted; repeats count separately."""

    def __len__(self) -> int:
        return len(self.fingerprints)


def fingerprint(
    diagnostic: Diagnostic, *, sources: Mapping[str, Sequence[str]], occurrence: int = 0
) -> str:
    """The fingerprint of one finding (32 hex digits).

    ``occurrence`` numbers findings that are otherwise identical (the same
    broken link twice on equal lines), from 0; :func:`fingerprints` counts it
    for a whole list.
    """
    payload = json.dumps([*_identity(diagnostic, sources), occurrence], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def fingerprints(
    diagnostics: Sequence[Diagnostic], *, sources: Mapping[str, Sequence[str]]
) -> list[str]:
    """Fingerprints of ``diagnostics``, in their order, occurrences counted in report order."""
    seen: Counter[tuple[str, ...]] = Counter()
    result = [""] * len(diagnostics)
    for index in sorted(range(len(diagnostics)), key=lambda i: sort_key(diagnostics[i])):
        diagnostic = diagnostics[index]
        identity = _identity(diagnostic, sources)
        result[index] = fingerprint(diagnostic, sources=sources, occurrence=seen[identity])
        seen[identity] += 1
    return result


def _identity(diagnostic: Diagnostic, sources: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """What makes a finding the same finding, whatever line it moved to."""
    span = diagnostic.span
    last = span.end_line if span.end_line is not None and span.end_line >= span.line else span.line
    text = [source_line(sources, span.path, n) for n in range(span.line, last + 1)]
    content = "\n".join((line or "").strip() for line in text)
    details = tuple(f"{key}={diagnostic.get(key) or ''}" for key in FINGERPRINT_DATA)
    return (diagnostic.code, span.path, content, *details)


def write_baseline(
    path: str | Path, diagnostics: Sequence[Diagnostic], sources: Mapping[str, Sequence[str]]
) -> None:
    """Write a baseline that accepts exactly ``diagnostics``."""
    findings = [
        {"path": d.span.path, "code": d.code, "message": d.message, "fingerprint": fp}
        for d, fp in zip(diagnostics, fingerprints(diagnostics, sources=sources))
    ]
    findings.sort(key=lambda f: (f["path"], f["code"], f["message"], f["fingerprint"]))
    document = {"version": BASELINE_VERSION, "tool": "glossary-build", "findings": findings}
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    Path(path).write_text(text, encoding="utf-8")


def load_baseline(path: str | Path) -> Baseline:
    """Read a baseline file written by :func:`write_baseline`.

    Raises :class:`BaselineError` when the file is missing, unreadable, not
    JSON, of another version, or not shaped like a baseline.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: cannot read baseline: {_reason(error)}") from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(
            f"{path}:{error.lineno}:{error.colno}: baseline is not valid JSON: {error.msg}"
        ) from error
    return Baseline(tuple(sorted(_parse(document, path))))


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def _parse(document: object, path: str | Path) -> Iterable[str]:
    if not isinstance(document, dict):
        raise BaselineError(f"{path}: baseline must be a JSON object")
    version = document.get("version")
    if version != BASELINE_VERSION:
        raise BaselineError(
            f"{path}: unsupported baseline version {version!r} (expected {BASELINE_VERSION}); "
            "write it again with --write-baseline"
        )
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f"{path}: baseline has no 'findings' list")
    for number, finding in enumerate(findings, start=1):
        value = finding.get("fingerprint") if isinstance(finding, dict) else None
        if not isinstance(value, str) or not value:
            raise BaselineError(f"{path}: finding {number} has no 'fingerprint' string")
        yield value


def filter_new(
    diagnostics: Sequence[Diagnostic], baseline: Baseline, sources: Mapping[str, Sequence[str]]
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Split ``diagnostics`` into (new, known), each in the given order.

    Each fingerprint in the baseline covers one finding: a baseline with two
    identical findings accepts two of them, and a third is new.
    """
    available = Counter(baseline.fingerprints)
    new: list[Diagnostic] = []
    known: list[Diagnostic] = []
    for diagnostic, fp in zip(diagnostics, fingerprints(diagnostics, sources=sources)):
        if available[fp] > 0:
            available[fp] -= 1
            known.append(diagnostic)
        else:
            new.append(diagnostic)
    return new, known
