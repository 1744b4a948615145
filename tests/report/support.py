"""A small hand-made glossary and the findings a check would report on it.

Columns are computed from the source text, so the fixture stays consistent
when a line is edited.  It covers each shape a report must handle: a broken
reference, a duplicate id with two related places, a case collision, a
warning, an info, a line with wide characters, a line with tabs, and a
finding in a file whose text is unknown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from glossary_build.core.diagnostics import Diagnostic, Related, Severity, Span
from glossary_build.report import Summary

SOURCES: dict[str, list[str]] = {
    "entries/alpha.md": [
        "## Alpha {#Alpha .term}",
        "",
        "**Alpha** ist der Anfang, siehe [Gamma](#Gamma).",
        "",
        "### Verwandte Themen {.seealso}",
        "[Beta](#Beta) |",
        "[Gamma](#Gamma) |",
        "----",
    ],
    "entries/beta.md": ["## Beta {#Beta .term}", "", "Beta folgt auf [Alpha](#Alpha)."],
    "entries/beta-copy.md": ["## Beta {#Beta .term}", "", "Eine Kopie."],
    "entries/more/beta.md": ["", "## Beta, noch einmal {#Beta .term}"],
    "entries/XAI.md": ["## XAI {#XAI .term}"],
    "entries/xai.md": ["## xAI {#xAI .term}"],
    "entries/kanji.md": ["## 漢字 {#Kanji .term}", "", "日本語の[用語](#Yougo)です。"],
    "entries/tabs.md": ["## Tabs {#Tabs .term}", "", "\t-\t[Delta](#Delta)\tsiehe oben"],
    "entries/rule.md": ["## 68–95–99.7 rule {#68_95_997_rule .term}"],
    "entries/notes.md": ["Nur Notizen, kein Eintrag."],
}
"""Path -> lines of the sample glossary."""


def span(path: str, line: int, needle: str, sources: Mapping[str, Sequence[str]] = SOURCES) -> Span:
    """The span of the first ``needle`` on ``line`` of ``path``."""
    column = sources[path][line - 1].index(needle) + 1
    return Span(path, line, column, line, column + len(needle))


def broken(path: str, line: int, target: str, kind: str = "inline", sources=SOURCES) -> Diagnostic:  # type: ignore[no-untyped-def]
    """A broken-reference finding for the link ``[...](#target)`` on ``line``."""
    text = sources[path][line - 1]
    end = text.index(f"(#{target})") + len(target) + 3
    start = text.rindex("[", 0, end) + 1
    return Diagnostic(
        "broken-reference",
        Severity.ERROR,
        f"no entry or heading has id '{target}'",
        Span(path, line, start, line, end + 1),
        data=(("target", target), ("kind", kind)),
    )


def sample_diagnostics() -> list[Diagnostic]:
    """The findings of the sample glossary, deliberately not in report order."""
    return [
        broken("entries/tabs.md", 3, "Delta"),
        broken("entries/alpha.md", 3, "Gamma"),
        Diagnostic(
            "broken-reference",
            Severity.ERROR,
            "no entry or heading has id 'Gamma'",
            span("entries/alpha.md", 7, "[Gamma](#Gamma)"),
            hint="did you mean 'Alpha'? Or write the entry 'Gamma'.",
            data=(("target", "Gamma"), ("kind", "see-also")),
        ),
        broken("entries/kanji.md", 3, "Yougo"),
        Diagnostic(
            "duplicate-id",
            Severity.ERROR,
            "id 'Beta' is already defined",
            span("entries/more/beta.md", 2, "{#Beta .term}"),
            hint="give one of the entries another id",
            related=(
                Related(span("entries/beta.md", 1, "{#Beta .term}"), "first defined here"),
                Related(span("entries/beta-copy.md", 1, "{#Beta .term}"), "also defined here"),
            ),
            data=(("id", "Beta"),),
        ),
        Diagnostic(
            "case-collision",
            Severity.WARNING,
            "id 'xAI' differs only in case from 'XAI'",
            span("entries/xai.md", 1, "{#xAI .term}"),
            hint="the two pages clash on case-insensitive file systems",
            related=(Related(span("entries/XAI.md", 1, "{#XAI .term}"), "'XAI' is defined here"),),
            data=(("id", "xAI"),),
        ),
        Diagnostic(
            "pandoc-incompatible",
            Severity.WARNING,
            "Pandoc does not read '{#68_95_997_rule .term}' as attributes: an id must start with a letter",
            span("entries/rule.md", 1, "{#68_95_997_rule .term}"),
        ),
        Diagnostic(
            "file-without-entry",
            Severity.INFO,
            "file has no entry heading (## Title {#Id .term})",
            Span("entries/notes.md", 1),
        ),
        Diagnostic(
            "invalid-utf8",
            Severity.ERROR,
            "file is not valid UTF-8 (byte 0xff at offset 12)",
            Span("entries/broken.md", 1, 13),
        ),
    ]


SUMMARY = Summary(entries=9, references=8, files=11)
"""What the sample check looked at."""
