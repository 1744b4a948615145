"""Findings as the cache keeps them, decoded only when read.

A second check after one edit reuses the kept findings of every other entry
(:mod:`glossary_build.build.checked`): at 10,000 generated entries half a
million, whose decoding took longer than the rest of the check.  A report
made of kept per-file parts (:mod:`glossary_build.report.chunked`) needs
of them only how many there are of each rule and severity in each file, to
count them and to know which files have findings: the :data:`Tally` kept
beside them.  The findings themselves are read from the cache only when a
file's part is made again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, overload

from glossary_build.core.diagnostics import Diagnostic
from glossary_build.store import codec

Tally = tuple[tuple[str, str, int, int], ...]
"""How many findings there are of each path, rule code and severity (its value), in the
order their paths first come."""


class EncodedFindings(Sequence[Diagnostic]):
    """One entry's kept findings: their :data:`Tally` at once, the findings decoded when first
    read as a sequence, from the encoded ones (:func:`~glossary_build.store.codec.encode_diagnostics`)
    that ``read`` gives."""

    __slots__ = ("_decoded", "_read", "broken", "related", "tally")

    def __init__(
        self, tally: Tally, read: Callable[[], Sequence[Any]], related: tuple[str, ...] = (),
        broken: tuple[str, ...] = (),
    ) -> None:
        self.tally = tally
        self.related = related
        """The files the findings name as related places (:func:`related_paths`)."""
        self.broken = broken
        """The targets of the broken links among the findings (:func:`broken_targets`)."""
        self._read = read
        self._decoded: list[Diagnostic] | None = None

    def decoded(self) -> list[Diagnostic]:
        """The findings, decoded (once)."""
        if self._decoded is None:
            self._decoded = codec.decode_diagnostics(self._read())
        return self._decoded

    def __len__(self) -> int:
        return sum(item[3] for item in self.tally)

    @overload
    def __getitem__(self, index: int) -> Diagnostic: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Diagnostic]: ...

    def __getitem__(self, index: int | slice) -> Diagnostic | Sequence[Diagnostic]:
        return self.decoded()[index]

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.decoded())


def tally(encoded: Sequence[Any]) -> Tally:
    """The :data:`Tally` of encoded findings (one is ``(code, severity, message, (path, ...), ...)``)."""
    return _counted((item[3][0], item[0], item[1]) for item in encoded)


def related_paths(encoded: Sequence[Any]) -> tuple[str, ...]:
    """The files that encoded findings name as related places (a finding's sixth field holds
    its related places, each ``((path, ...), message)``), each once."""
    return tuple(dict.fromkeys([place[0][0] for item in encoded for place in item[5]]))


def broken_targets(encoded: Sequence[Any]) -> tuple[str, ...]:
    """The targets of the broken links among encoded findings (code first, data last: pairs
    such as ``("target", "Gama")``), each once."""
    return tuple(dict.fromkeys([
        value for item in encoded if item[0] == "broken-reference" for key, value in item[-1] if key == "target"
    ]))


def tally_of(findings: Sequence[Diagnostic]) -> Tally:
    """The :data:`Tally` of ``findings``, decoding nothing that is kept."""
    if isinstance(findings, EncodedFindings):
        return findings.tally
    return _counted((d.span.path, d.code, d.severity.value) for d in findings)


def _counted(facts: Iterable[tuple[str, str, int]]) -> Tally:
    counted = Counter(facts)
    return tuple((path, code, severity, number) for (path, code, severity), number in counted.items())


def paths_of(findings: Sequence[Diagnostic]) -> list[str]:
    """The files of ``findings``, each once, in order, decoding nothing that is kept."""
    return list(dict.fromkeys([item[0] for item in tally_of(findings)]))
