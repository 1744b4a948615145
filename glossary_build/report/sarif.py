"""The SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers.

One run; the driver lists every rule of :data:`glossary_build.core.rules.RULES`
with its default level.  Locations are relative URIs against the
``%SRCROOT%`` base (the folder the check ran in), and columns count Unicode
code points (``columnKind``), as :class:`~glossary_build.core.diagnostics.Span`
does.  Each result carries the baseline fingerprint as a partial
fingerprint, so code scanning tracks a finding across commits the way
``--baseline`` does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from glossary_build import __version__
from glossary_build.core.diagnostics import Diagnostic, Severity, Span
from glossary_build.core.rules import OFF, RULES
from glossary_build.report.baseline import fingerprints
from glossary_build.report.common import Summary, ordered

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
"""The ``$schema`` written into the log."""

FINGERPRINT_KEY = "glossaryBuild/v1"
"""The key of the baseline fingerprint in ``partialFingerprints``."""

SRCROOT = "%SRCROOT%"
"""The ``uriBaseId`` of every location."""

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
"""SARIF level of each severity."""

_RULE_LEVELS = {"error": "error", "warning": "warning", "info": "note", OFF: "none"}


def format_sarif(
    diagnostics: Sequence[Diagnostic],
    summary: Summary,
    *,
    sources: Mapping[str, Sequence[str]],
    color: bool = False,
) -> str:
    """Render the report as a SARIF 2.1.0 log; ``sources`` feed the fingerprints."""
    return json.dumps(sarif_log(diagnostics, sources=sources), indent=2, ensure_ascii=False) + "\n"


def sarif_log(
    diagnostics: Sequence[Diagnostic], *, sources: Mapping[str, Sequence[str]]
) -> dict[str, Any]:
    """The SARIF log as plain Python data."""
    diagnostics = ordered(diagnostics)
    prints = fingerprints(diagnostics, sources=sources)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _driver()},
                "columnKind": "unicodeCodePoints",
                "results": [_result(d, fp) for d, fp in zip(diagnostics, prints)],
            }
        ],
    }


def _driver() -> dict[str, Any]:
    return {
        "name": "glossary-build",
        "version": __version__,
        "rules": [
            {
                "id": rule.code,
                "name": "".join(part.capitalize() for part in rule.code.split("-")),
                "shortDescription": {"text": rule.summary},
                "defaultConfiguration": {"level": _RULE_LEVELS[rule.default]},
            }
            for rule in RULES.values()
        ],
    }


def _result(diagnostic: Diagnostic, fp: str) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": diagnostic.code}
    if diagnostic.code in RULES:
        result["ruleIndex"] = list(RULES).index(diagnostic.code)
    text = diagnostic.message + (f"\nhint: {diagnostic.hint}" if diagnostic.hint else "")
    result["level"] = LEVELS[diagnostic.severity]
    result["message"] = {"text": text}
    result["locations"] = [{"physicalLocation": physical_location(diagnostic.span)}]
    if diagnostic.related:
        result["relatedLocations"] = [
            {"id": n, "physicalLocation": physical_location(r.span), "message": {"text": r.message}}
            for n, r in enumerate(diagnostic.related, start=1)
        ]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fp}
    return result


def physical_location(span: Span) -> dict[str, Any]:
    """A SARIF ``physicalLocation`` for ``span``; SARIF's endColumn is exclusive, as ours."""
    region: dict[str, int] = {"startLine": span.line, "startColumn": span.column}
    if span.end_line is not None or span.end_column is not None:
        region["endLine"] = span.end_line if span.end_line is not None else span.line
    if span.end_column is not None:
        region["endColumn"] = span.end_column
    return {
        "artifactLocation": {"uri": quote(span.path, safe="/"), "uriBaseId": SRCROOT},
        "region": region,
    }
