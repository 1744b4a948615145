"""The JSON report, for scripts; its schema is ``docs/check-json-schema.json``.

The schema is versioned by the top-level ``version``: fields may be added
within a version, never renamed, removed or given another meaning.  Keys
come in a fixed order (the order of the schema), diagnostics in report
order, so the same findings always give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from glossary_build import __version__
from glossary_build.core.diagnostics import Diagnostic, Related
from glossary_build.report.common import Summary, count, ordered

SCHEMA_VERSION = 1
"""The ``version`` written at the top of the report."""

EXTRA_FIELDS: dict[str, tuple[str, ...]] = {
    "broken-reference": ("target", "kind"),
    "duplicate-id": ("id",),
    "case-collision": ("id",),
}
"""Machine-readable details (from :attr:`Diagnostic.data`) that some codes add to their object."""


def format_json(
    diagnostics: Sequence[Diagnostic],
    summary: Summary,
    *,
    sources: Mapping[str, Sequence[str]],
    color: bool = False,
) -> str:
    """Render the report as JSON; ``sources`` and ``color`` are unused."""
    return json.dumps(report_object(diagnostics, summary), indent=2, ensure_ascii=False) + "\n"


def report_object(diagnostics: Sequence[Diagnostic], summary: Summary) -> dict[str, Any]:
    """The report as plain Python data, before serialisation."""
    counts = count(diagnostics)
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "glossary-build", "version": __version__},
        "summary": {
            "files": summary.files,
            "entries": summary.entries,
            "references": summary.references,
            "errors": counts.errors,
            "warnings": counts.warnings,
            "infos": counts.infos,
        },
        "diagnostics": [diagnostic_object(d) for d in ordered(diagnostics)],
    }


def diagnostic_object(diagnostic: Diagnostic) -> dict[str, Any]:
    """One diagnostic as plain data."""
    span = diagnostic.span
    result: dict[str, Any] = {
        "code": diagnostic.code,
        "severity": diagnostic.severity.label,
        "message": diagnostic.message,
        "path": span.path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "hint": diagnostic.hint,
        "related": [_related_object(r) for r in diagnostic.related],
    }
    for key in EXTRA_FIELDS.get(diagnostic.code, ()):
        result[key] = diagnostic.get(key)
    return result


def _related_object(related: Related) -> dict[str, Any]:
    span = related.span
    return {"path": span.path, "line": span.line, "column": span.column, "message": related.message}
