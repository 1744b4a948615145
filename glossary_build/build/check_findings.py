"""A check's findings as the loader has them: each entry's (the kept ones still encoded) and
the others, flattened for whoever needs every finding, grouped by file for reports.

A report made of kept per-file parts (:mod:`glossary_build.report.chunked`)
formats only the files whose part is not kept, so it asks :class:`FileFindings`
for those files' findings alone; the counts of its summary line and the
exit code come from the findings' codes and severities, read without
decoding them (:data:`~glossary_build.store.encoded.Tally`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from glossary_build.core import diagnostics as diag
from glossary_build.core.diagnostics import Diagnostic, Severity
from glossary_build.core.rules import apply_levels, shown_severity
from glossary_build.store.encoded import tally_of


@dataclass(frozen=True, eq=False)
class CheckFindings:
    """Every finding of one check, before configured levels."""

    entries: Sequence[Sequence[Diagnostic]]
    """Each entry's findings, in graph order."""
    outside: Sequence[Diagnostic]
    """The findings that are no entry's: unreadable files, parse problems, glossary-wide rules."""

    @functools.cached_property
    def flat(self) -> list[Diagnostic]:
        """Every finding in one list (decoding the kept ones): the entries', then the others."""
        return [d for found in self.entries for d in found] + list(self.outside)

    def by_file(self, levels: Mapping[str, str], *, errors_only: bool = False) -> FileFindings:
        """The findings shown with ``levels`` (only errors with ``errors_only``), by file."""
        return FileFindings([*self.entries, self.outside], levels, errors_only)


class FileFindings:
    """The shown findings of each file, each file's decoded only when asked for; in report
    order and with levels applied, as :meth:`GlossaryLoader.diagnostics` would give them."""

    def __init__(self, groups: Sequence[Sequence[Diagnostic]], levels: Mapping[str, str], errors_only: bool) -> None:
        self._groups = groups
        self._levels = levels
        self._errors_only = errors_only
        self._where: dict[str, list[int]] = {}
        """Path -> the indexes of the groups with a shown finding there, ascending."""
        counts = dict.fromkeys(Severity, 0)
        shown_as: dict[tuple[str, int], Severity | None] = {}  # half a million findings, a few rules
        for index, group in enumerate(groups):
            for path, code, severity, number in tally_of(group):
                try:
                    shown = shown_as[code, severity]
                except KeyError:
                    shown = shown_as[code, severity] = self._shown(code, Severity(severity))
                if shown is None:
                    continue
                counts[shown] += number
                where = self._where.setdefault(path, [])
                if not where or where[-1] != index:
                    where.append(index)
        self._counts = (counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO])

    def _shown(self, code: str, severity: Severity) -> Severity | None:
        shown = shown_severity(code, severity, self._levels)
        return None if shown is None or (self._errors_only and shown is not Severity.ERROR) else shown

    def paths(self) -> list[str]:
        """The files with a shown finding, in report order."""
        return sorted(self._where)

    def of(self, path: str) -> list[Diagnostic]:
        """The shown findings of ``path``, in report order (the order of the whole report's
        sort: the groups' findings are taken in the order a flat list has them)."""
        found = [d for index in self._where.get(path, ()) for d in self._groups[index] if d.span.path == path]
        shown = apply_levels(found, self._levels)
        if self._errors_only:
            shown = [d for d in shown if d.severity is Severity.ERROR]
        return sorted(shown, key=diag.sort_key)

    def among(self, may_hold: Callable[[Sequence[Diagnostic]], bool]) -> list[Diagnostic]:
        """The shown findings of the groups (an entry's findings, or the others) that
        ``may_hold`` the ones wanted, in report order: the other groups are not decoded
        (``may_hold`` sees their tallies: :func:`~glossary_build.store.encoded.tally_of`)."""
        found = [d for group in self._groups if may_hold(group) for d in group]
        shown = apply_levels(found, self._levels)
        if self._errors_only:
            shown = [d for d in shown if d.severity is Severity.ERROR]
        return sorted(shown, key=diag.sort_key)

    def counts(self) -> tuple[int, int, int]:
        """Errors, warnings and infos shown."""
        return self._counts
