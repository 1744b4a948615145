"""Exit codes and the choice of colour."""

from __future__ import annotations

import io

import pytest

from glossary_build.core.diagnostics import Diagnostic, Severity, Span
from glossary_build.report import exit_code, should_use_color


def findings(*severities: Severity) -> list[Diagnostic]:
    return [Diagnostic("x", s, "m", Span("a.md", 1)) for s in severities]


@pytest.mark.parametrize(
    ("severities", "strict", "expected"),
    [
        ((), False, 0),
        ((), True, 0),
        ((Severity.INFO,), True, 0),
        ((Severity.WARNING,), False, 0),
        ((Severity.WARNING,), True, 1),
        ((Severity.ERROR,), False, 1),
        ((Severity.INFO, Severity.ERROR), True, 1),
    ],
)
def test_exit_code(severities, strict, expected):
    assert exit_code(findings(*severities), strict=strict) == expected


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "environ", "expected"),
    [
        (Terminal(), {}, True),
        (io.StringIO(), {}, False),
        (Terminal(), {"NO_COLOR": "1"}, False),
        (Terminal(), {"NO_COLOR": ""}, True),
        (io.StringIO(), {"FORCE_COLOR": "1"}, True),
        (Terminal(), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        (Terminal(), {"TERM": "dumb"}, False),
        (io.StringIO(), {"FORCE_COLOR": "1", "TERM": "dumb"}, True),
    ],
)
def test_should_use_color(stream, environ, expected):
    assert should_use_color(stream, environ) is expected


def test_should_use_color_reads_the_environment(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert should_use_color(io.StringIO()) is True


def test_closed_stream_is_not_a_terminal():
    stream = Terminal()
    stream.close()
    stream.isatty = lambda: (_ for _ in ()).throw(ValueError("closed"))  # type: ignore[method-assign]
    assert should_use_color(stream, {}) is False
