"""A check's findings kept for the next run with the same inputs.

The rules at level ``info`` (most findings: one-sided see-also links) are
kept apart, so a run that does not show infos neither finds nor loads them.
The findings of each entry are not copied here: they are kept per entry
(:meth:`~glossary_build.store.cache.Cache.load_checked`), and the record
names the entries' keys, so that a check after one edit writes a few KB
instead of every finding again.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.rules import level_of
from glossary_build.store import codec
from glossary_build.store.cache import Cache, Findings
from glossary_build.store.encoded import EncodedFindings

Counts = tuple[int, int, int]
"""Entries, references and files of a check."""


@dataclass(frozen=True, eq=False)
class StoredFindings:
    """What the last check stored for the same inputs: its counts and report keys at once,
    its findings decoded only when asked for (:meth:`decode`).

    An unchanged glossary's second check prints a kept report
    (:class:`~glossary_build.build.results.ReportMemo`) without decoding the
    entries' findings: at 10,000 generated entries they are half a million.
    """

    cache: Cache
    record: Findings
    infos: Findings | None
    """The record of the rules at level ``info``, when they are asked for."""
    quiet: Mapping[str, str] | None
    """The rule levels, when the entries' findings of rules at level ``info`` are left out."""

    @property
    def counts(self) -> Counts:
        """Entries, references and files of that check."""
        return self.record.counts

    @property
    def report_keys(self) -> dict[str, bytes]:
        """What each file's findings depend on (:attr:`Findings.report_keys`)."""
        return self.record.report_keys

    def decode(self) -> tuple[list[EncodedFindings], list[Diagnostic]] | None:
        """Each entry's findings (decoded when read) and the others; None when an entry's
        kept findings are gone (a cache cut short)."""
        encoded = list(self.record.diagnostics)
        if self.infos is not None:
            encoded += self.infos.diagnostics
        entries = _entry_findings(self.cache, self.record, self.quiet)
        if entries is None:
            return None
        return entries, codec.decode_diagnostics(encoded)


def stored_findings(
    cache: Cache, inputs: bytes, files: int, *, with_infos: bool, rules: Mapping[str, str] | None = None
) -> StoredFindings | None:
    """What the last check stored for ``inputs``, if it ran every rule this run runs
    (``with_infos``); None if there is nothing.  Without infos, the entries' findings of rules
    at level ``info`` in ``rules`` are left out."""
    stored = cache.load_findings()
    if stored.inputs != inputs or stored.counts[2] != files or (with_infos and not stored.infos):
        return None
    infos = None
    if with_infos:
        infos = cache.load_findings(infos=True)
        if infos.inputs != inputs:
            return None
    return StoredFindings(cache, stored, infos, None if with_infos else rules or {})


def _entry_findings(
    cache: Cache, stored: Findings, quiet: Mapping[str, str] | None
) -> list[EncodedFindings] | None:
    """The findings of each entry ``stored`` names, decoded when read (with ``quiet``, the
    rule levels, those of rules at level ``info`` left out); None if one entry's are gone."""
    if not stored.entries:
        return []
    records = cache.load_checked(stored.basis)
    found: list[EncodedFindings] = []
    for key in stored.entries:
        record = records.get(key)
        if record is None:
            return None
        counted = record[2]
        if quiet is not None:
            counted = tuple(item for item in counted if level_of(item[1], quiet) != "info")
        read = functools.partial(_read_findings, cache, stored.basis, key, quiet)
        found.append(EncodedFindings(counted, read, record[3], record[4]))
    return found


def _read_findings(cache: Cache, basis: str, key: bytes, quiet: Mapping[str, str] | None) -> list[Any]:
    encoded = cache.checked_findings(basis, key)
    if quiet is None:
        return list(encoded)
    return [item for item in encoded if level_of(item[0], quiet) != "info"]  # an encoded finding starts with its code


def store_findings(
    cache: Cache,
    inputs: bytes,
    found: Sequence[Diagnostic],
    counts: Counts,
    *,
    rules: Mapping[str, str],
    with_infos: bool,
    entries: tuple[bytes, ...] = (),
    basis: str = "",
    report_keys: Mapping[str, bytes] | None = None,
) -> None:
    """Keep ``found``, the findings of a check of ``inputs``, for :func:`stored_findings`; with
    ``entries``, the keys of the entries whose findings complete them, kept per entry under
    ``basis`` (and not part of ``found``); ``report_keys``: what each file's findings depend on."""
    infos = [d for d in found if level_of(d.code, rules) == "info"]
    others = [d for d in found if level_of(d.code, rules) != "info"]
    if with_infos:  # first: a run that stops in between finds the others out of date
        encoded = codec.encode_diagnostics(infos)
        cache.save_findings(Findings(inputs=inputs, diagnostics=encoded, counts=counts), infos=True)
    encoded = codec.encode_diagnostics(others)
    record = Findings(
        inputs=inputs, diagnostics=encoded, counts=counts, infos=with_infos, entries=entries, basis=basis,
        report_keys=dict(report_keys or {}),
    )
    cache.save_findings(record)
