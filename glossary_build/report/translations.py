"""The translation coverage of a multilingual glossary as text, Markdown or JSON.

``glossary-build translations`` prints one of these: a table with a row per
translation language (translated and current, outdated, missing, extra, the
share of source entries translated and current), then per language the ids
of each kind, what to do first first: outdated, missing, extra, translated.
The Markdown is fit for a CI job summary (``$GITHUB_STEP_SUMMARY``); the JSON
follows ``docs/translations-json-schema.json``.  Pure functions of a
:class:`~glossary_build.graph.translations.Coverage`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from glossary_build.graph.translations import (
    Coverage,
    LanguageCoverage,
    Status,
    TranslationState,
    language_name,
)

VERSION = 1
"""Version of the JSON shape; raised only when a field changes meaning or is removed."""
MARK_COMMAND = "glossary-build translations --mark LANG ID..."
NO_TRANSLATIONS = "No translation languages yet: list them after the source language in `languages` (glossary.yml)."


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the coverage table."""

    language: str
    """``en (English)``."""
    translated: int
    """Translated and current."""
    outdated: int
    """Translated, but the source changed since (or never marked)."""
    missing: int
    """Not translated."""
    extra: int
    """Entries the source language lacks."""
    percent: int
    """Translated and current, in whole percent of the source entries."""


def rows(coverage: Coverage) -> list[Row]:
    """The table's rows, one per translation language in configured order."""
    return [
        Row(language_name(language.code), len(language.ids(Status.CURRENT)), len(language.ids(Status.OUTDATED)),
            len(language.ids(Status.MISSING)), len(language.extra), language.percent)
        for language in coverage.languages
    ]


def outdated_label(state: TranslationState) -> str:
    """What changed in an outdated translation's source: ``changed: definition, see-also`` or ``never marked``."""
    return f"changed: {', '.join(state.changed)}" if state.marked else "never marked"


def _groups(language: LanguageCoverage, show: Callable[[str], str]) -> list[tuple[str, list[str]]]:
    """(label, items) per kind of id, to-do first, kinds without ids left out."""
    groups = [
        ("outdated", [f"{show(s.id)} ({outdated_label(s)})" for s in language.outdated()]),
        ("missing", [show(i) for i in language.ids(Status.MISSING)]),
        ("extra", [show(i) for i in language.extra]),
        ("translated", [show(i) for i in language.ids(Status.CURRENT)]),
    ]
    return [(label, items) for label, items in groups if items]


def _sources_line(coverage: Coverage) -> str:
    count = coverage.entries
    return f"{count} source entr{'ies' if count != 1 else 'y'} in {language_name(coverage.source)}"


HEADERS = ("language", "translated", "outdated", "missing", "extra", "coverage")


def format_text(coverage: Coverage) -> str:
    """The coverage as text for a terminal."""
    table = [HEADERS] + [
        (r.language, str(r.translated), str(r.outdated), str(r.missing), str(r.extra), f"{r.percent}%")
        for r in rows(coverage)
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADERS))]
    lines = [f"Translations of {_sources_line(coverage)}", ""]
    if not coverage.languages:
        return "\n".join([*lines, NO_TRANSLATIONS]) + "\n"
    for line in table:
        cells = [line[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in zip(line[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
    for language in coverage.languages:
        lines += ["", language_name(language.code)]
        groups = _groups(language, str)
        width = max((len(label) for label, _ in groups), default=0)
        for label, items in groups:
            note = " (not in the source language)" if label == "extra" else ""
            lines.append(f"  {label.ljust(width)} {len(items)}{note}: {', '.join(items)}")
    if any(language.outdated() for language in coverage.languages):
        lines += ["", f"Once a translation is up to date: {MARK_COMMAND}"]
    return "\n".join(lines) + "\n"


def format_markdown(coverage: Coverage) -> str:
    """The coverage as GitHub Markdown, e.g. for ``$GITHUB_STEP_SUMMARY``."""
    sources = _sources_line(coverage)
    lines = ["## Translations", "", f"{sources[0].upper()}{sources[1:]}.", ""]
    if not coverage.languages:
        return "\n".join([*lines, NO_TRANSLATIONS]) + "\n"
    lines += ["| Language | Translated | Outdated | Missing | Extra | Coverage |", "|:--|--:|--:|--:|--:|--:|"]
    for r in rows(coverage):
        lines.append(f"| {r.language} | {r.translated} | {r.outdated} | {r.missing} | {r.extra} | {r.percent}% |")
    for language in coverage.languages:
        lines += ["", f"### {language_name(language.code)}", ""]
        for label, items in _groups(language, lambda entry_id: f"`{entry_id}`"):
            note = ", not in the source language" if label == "extra" else ""
            lines.append(f"- {label.capitalize()} ({len(items)}{note}): {', '.join(items)}")
    if any(language.outdated() for language in coverage.languages):
        lines += ["", f"Once a translation is up to date: `{MARK_COMMAND}`"]
    return "\n".join(lines) + "\n"


def format_json(coverage: Coverage) -> str:
    """The coverage as JSON (``docs/translations-json-schema.json``)."""
    document = {
        "version": VERSION,
        "source": {"language": coverage.source, "entries": coverage.entries},
        "languages": [_language_json(language) for language in coverage.languages],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _language_json(language: LanguageCoverage) -> dict[str, object]:
    return {
        "language": language.code,
        "translated": len(language.ids(Status.CURRENT)),
        "outdated": len(language.ids(Status.OUTDATED)),
        "missing": len(language.ids(Status.MISSING)),
        "extra": len(language.extra),
        "percent": language.percent,
        "ids": {
            "translated": list(language.ids(Status.CURRENT)),
            "outdated": [
                {"id": state.id, "marked": state.marked, "changed": list(state.changed)}
                for state in language.outdated()
            ],
            "missing": list(language.ids(Status.MISSING)),
            "extra": list(language.extra),
        },
    }


FORMATS: dict[str, Callable[[Coverage], str]] = {
    "text": format_text, "markdown": format_markdown, "json": format_json,
}
"""The formats of ``translations --format``."""
