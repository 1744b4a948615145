"""The rules the check knows, each with a code, a default level and a summary.

The level of a rule is policy, not code: ``glossary.yml`` may set any rule to
``error``, ``warning``, ``info`` or ``off`` (see :mod:`glossary_build.config`).
Diagnostics are created with the rule's default severity; the pipeline then
applies the configured levels in one place (:func:`apply_levels`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .diagnostics import Diagnostic, Severity

OFF = "off"
LEVELS = ("error", "warning", "info", OFF)


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of finding."""

    code: str
    """The code printed in brackets, e.g. ``broken-reference``."""
    default: str
    """Default level: ``error``, ``warning``, ``info`` or ``off``."""
    summary: str
    """One line for the README and ``--help``."""


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("broken-reference", "error", "A link [text](#Id) whose Id matches no entry or heading."),
        Rule("duplicate-id", "error", "Two entries or headings define the same id."),
        Rule("case-collision", "warning", "Two ids differ only in case (XAI / xAI)."),
        Rule("invalid-attributes", "warning", "A {...} block on a heading that is not a valid attribute block."),
        Rule("content-outside-entry", "warning", "Text that belongs to no entry heading."),
        Rule("file-without-entry", "warning", "A Markdown file without any entry heading."),
        Rule("invalid-utf8", "error", "A file that is not valid UTF-8."),
        Rule("unsafe-html", "warning", "Raw HTML or heading attributes that were removed for safety."),
        Rule("binary-file", "warning", "A binary file among the entries; it is skipped."),
        Rule("math-error", "warning", "A $...$ formula that cannot be rendered; its TeX is shown."),
        Rule("io-error", "error", "A file that cannot be read."),
        Rule("pandoc-incompatible", "warning", "Text that Pandoc reads differently than glossary-build."),
    )
}


def level_of(code: str, levels: Mapping[str, str]) -> str:
    """The configured level of a rule, falling back to its default."""
    rule = RULES.get(code)
    return levels.get(code, rule.default if rule else "error")


def apply_levels(diagnostics: Iterable[Diagnostic], levels: Mapping[str, str]) -> list[Diagnostic]:
    """Drop diagnostics of rules that are off and set the configured severities."""
    result: list[Diagnostic] = []
    for diagnostic in diagnostics:
        level = level_of(diagnostic.code, levels)
        if level == OFF:
            continue
        severity = Severity[level.upper()]
        if severity != diagnostic.severity:
            diagnostic = diagnostic.with_severity(severity)
        result.append(diagnostic)
    return result


def default_severity(code: str) -> Severity:
    """The severity a new diagnostic of ``code`` gets before config is applied."""
    level = RULES[code].default
    return Severity.WARNING if level == OFF else Severity[level.upper()]
