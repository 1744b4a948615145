"""A check's findings kept for the next run with the same inputs.

The rules at level ``info`` (most findings: one-sided see-also links) are
kept apart, so a run that does not show infos neither finds nor loads them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.rules import level_of
from glossary_build.store import codec
from glossary_build.store.cache import Cache, Findings

Counts = tuple[int, int, int]
"""Entries, references and files of a check."""


def stored_findings(
    cache: Cache, inputs: bytes, files: int, *, with_infos: bool
) -> tuple[list[Diagnostic], Counts] | None:
    """The findings and counts the last check stored for ``inputs``, if it ran every rule
    this run runs (``with_infos``); None if there are none."""
    stored = cache.load_findings()
    if stored.inputs != inputs or stored.counts[2] != files or (with_infos and not stored.infos):
        return None
    encoded = stored.diagnostics
    if with_infos:
        infos = cache.load_findings(infos=True)
        if infos.inputs != inputs:
            return None
        encoded += infos.diagnostics
    return codec.decode_diagnostics(encoded), stored.counts


def store_findings(
    cache: Cache,
    inputs: bytes,
    found: Sequence[Diagnostic],
    counts: Counts,
    *,
    rules: Mapping[str, str],
    with_infos: bool,
) -> None:
    """Keep ``found``, the findings of a check of ``inputs``, for :func:`stored_findings`."""
    infos = [d for d in found if level_of(d.code, rules) == "info"]
    others = [d for d in found if level_of(d.code, rules) != "info"]
    if with_infos:  # first: a run that stops in between finds the others out of date
        encoded = codec.encode_diagnostics(infos)
        cache.save_findings(Findings(inputs=inputs, diagnostics=encoded, counts=counts), infos=True)
    encoded = codec.encode_diagnostics(others)
    cache.save_findings(Findings(inputs=inputs, diagnostics=encoded, counts=counts, infos=with_infos))
