"""GitHub Actions annotations: command, properties, escaping."""

from __future__ import annotations

from glossary_build.core.diagnostics import Diagnostic, Related, Severity, Span
from glossary_build.report.github import annotation, escape_data, escape_property


def test_escape_data():
    assert escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"


def test_escape_property():
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_percent_is_escaped_first():
    assert escape_data("%0A") == "%250A"


def test_severities_map_to_commands():
    def command(severity: Severity) -> str:
        return annotation(Diagnostic("x", severity, "m", Span("a.md", 1))).split(" ", 1)[0]

    assert command(Severity.ERROR) == "::error"
    assert command(Severity.WARNING) == "::warning"
    assert command(Severity.INFO) == "::notice"


def test_properties_and_message_are_escaped():
    finding = Diagnostic(
        "broken-reference",
        Severity.ERROR,
        "no id '50%: a,b'",
        Span("dir, with: colon/a.md", 3, 5, 3, 9),
        hint="two\nlines",
        related=(Related(Span("b.md", 2, 1), "see"),),
    )
    assert annotation(finding) == (
        "::error file=dir%2C with%3A colon/a.md,line=3,col=5,endLine=3,endColumn=8,"
        "title=broken-reference::no id '50%25: a,b'%0Ahint: two%0Alines%0Anote: b.md:2:1: see"
    )


def test_multi_line_span_sends_no_columns():
    finding = Diagnostic("x", Severity.WARNING, "m", Span("a.md", 3, 5, 6, 2))
    assert annotation(finding) == "::warning file=a.md,line=3,endLine=6,title=x::m"
