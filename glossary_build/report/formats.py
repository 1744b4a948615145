"""The report formats by the name ``--format`` takes."""

from __future__ import annotations

from glossary_build.report.common import Formatter
from glossary_build.report.github import format_github
from glossary_build.report.json_report import format_json
from glossary_build.report.sarif import format_sarif
from glossary_build.report.text import format_text

FORMATS: dict[str, Formatter] = {
    "text": format_text,
    "github": format_github,
    "json": format_json,
    "sarif": format_sarif,
}
"""Report formats by the name ``--format`` takes; ``text`` is the default."""
