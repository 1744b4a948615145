"""Diagnostics: findings about the sources, as values.

A diagnostic is created where a problem is found and carries everything
needed to report it: the rule's code, a severity, a message, the source span,
related spans (the other copy of a duplicate id, ...) and a hint.  Positions
are kept as 1-based line and column; nothing here reads files.

The printed form is the one compilers use, so editors and CI systems can
jump to it::

    entries/b.md:5:12: error[broken-reference]: no entry or heading has id 'Gamma'
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``max()`` gives the worst."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """The lower-case word used in printed diagnostics."""
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Span:
    """A range in a source file; lines and columns are 1-based, columns count characters."""

    path: str
    """Path of the file, relative to the glossary folder, with ``/`` separators."""
    line: int
    """Line of the first character."""
    column: int = 1
    """Column of the first character (for a link: its ``[``)."""
    end_line: int | None = None
    """Line of the last character, when known."""
    end_column: int | None = None
    """Column just after the last character, when known."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that belongs to a finding, such as the first copy of a duplicate id."""

    span: Span
    """Where the other place is."""
    message: str
    """What the other place is, e.g. ``first defined here``."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about the sources."""

    code: str
    """The rule's code, e.g. ``broken-reference``."""
    severity: Severity
    """How serious it is (after the configured rule levels are applied)."""
    message: str
    """One sentence saying what is wrong."""
    span: Span
    """Where it is."""
    hint: str | None = None
    """How to fix it, when there is something useful to say."""
    related: tuple[Related, ...] = ()
    """Other places that belong to the finding."""
    data: tuple[tuple[str, str], ...] = field(default=())
    """Machine-readable details (``target``, ``id``, ``kind``) for the JSON formats."""

    def format(self) -> str:
        """The one-line, compiler-style form ``path:line:col: severity[code]: message``."""
        return f"{self.span}: {self.severity.label}[{self.code}]: {self.message}"

    def get(self, key: str) -> str | None:
        """The value of one machine-readable detail, if present."""
        return dict(self.data).get(key)

    def with_severity(self, severity: Severity) -> Diagnostic:
        """A copy with another severity (used when config changes a rule's level)."""
        return Diagnostic(
            self.code, severity, self.message, self.span, self.hint, self.related, self.data
        )


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str, str]:
    """Order for reports: by file, then position, then code."""
    span = diagnostic.span
    return (span.path, span.line, span.column, diagnostic.code, diagnostic.message)


def worst(diagnostics: list[Diagnostic]) -> Severity | None:
    """The highest severity among ``diagnostics``, or None when there are none."""
    return max((d.severity for d in diagnostics), default=None)
