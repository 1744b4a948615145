"""Reporting the findings of ``glossary-build check``.

Every format is a pure function from diagnostics to text::

    format_X(diagnostics, summary, *, sources, color=False) -> str

``sources`` maps each path to the lines of that file (for excerpts and
fingerprints); ``color`` matters only to ``text``.  :data:`FORMATS` maps the
names accepted by ``--format`` to these functions.  Baselines live in
:mod:`glossary_build.report.baseline`.
"""

from __future__ import annotations

from glossary_build.report.common import (
    Formatter,
    Summary,
    exit_code,
    should_use_color,
    summary_line,
)
from glossary_build.report.formats import FORMATS
from glossary_build.report.github import format_github
from glossary_build.report.json_report import format_json
from glossary_build.report.outcome import Outcome, report_check
from glossary_build.report.sarif import format_sarif
from glossary_build.report.text import format_text

__all__ = [
    "FORMATS",
    "Formatter",
    "Outcome",
    "Summary",
    "exit_code",
    "format_github",
    "format_json",
    "format_sarif",
    "format_text",
    "report_check",
    "should_use_color",
    "summary_line",
]
