"""The rules the check knows, each with a code, a default level and a summary.

The level of a rule is policy, not code: ``glossary.yml`` may set any rule to
``error``, ``warning``, ``info`` or ``off`` (see :mod:`glossary_build.core.config`).
Diagnostics are created with the rule's default severity (a check may create
a milder one for a harmless case of its rule, such as a list directly after a
paragraph line for ``pandoc-incompatible``); the pipeline then applies the
configured levels in one place (:func:`apply_levels`): a level set in
``glossary.yml`` applies to every finding of the rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from glossary_build.core.diagnostics import Diagnostic, Severity

F = TypeVar("F", bound=Callable[..., object])

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
        Rule("missing-term-class", "warning", "An entry heading without class .term, read as an entry."),
        Rule("file-without-entry", "warning", "A Markdown file without any entry heading."),
        Rule("invalid-concept", "warning", "A status, replaced-by or label value that cannot be used."),
        Rule("invalid-utf8", "error", "A file that is not valid UTF-8."),
        Rule("unsafe-html", "warning", "Raw HTML or heading attributes that were removed for safety."),
        Rule("binary-file", "warning", "A binary file among the entries; it is skipped."),
        Rule("math-error", "warning", "A $...$ formula that cannot be rendered; its TeX is shown."),
        Rule("io-error", "error", "A file that cannot be read."),
        Rule("pandoc-incompatible", "warning", "Text that Pandoc reads differently than glossary-build."),
        Rule("missing-see-also", "warning", "An entry without a see-also section."),
        Rule("empty-see-also", "warning", "A see-also section without any item."),
        Rule("see-also-text", "warning", "An item of a see-also section that is text, not a link."),
        Rule("see-also-self", "warning", "A see-also link to the entry it is written in."),
        Rule("see-also-duplicate", "warning", "The same target twice in one see-also section."),
        Rule("see-also-unsorted", OFF, "See-also links not in alphabetical order (German collation, Index last)."),
        Rule("asymmetric-see-also", "info", "A lists B under see-also, but B does not list A."),
        Rule("orphan-term", "info", "An entry that no other entry links to."),
        Rule("empty-entry", "warning", "An entry without lead text between its heading and its first section."),
        Rule("missing-definition", "info", "An entry whose lead has no ordinary paragraph to serve as definition."),
        Rule("alias-clash", "warning", "An alias that is another term's id or alias."),
        Rule("formerly-clash", "warning", "An old id (formerly) that is a live id or another term's old id."),
        Rule("broken-successor", "warning", "A replaced-by that names no entry."),
        Rule("link-to-deprecated", "warning", "A link to a deprecated term; the hint names its successor."),
        Rule("link-to-draft", "warning", "A link from a published entry to a draft."),
        Rule("link-to-former-id", "warning", "A link to an old id of a term (formerly); the hint names the new id."),
        Rule("unlinked-mention", "info", "Another term's title or alias in an entry's text, not linked."),
        Rule("language-layout", "error", "An entry file outside every configured language's folder."),
        Rule("link-to-other-language", "warning", "A link to a term that exists only in another language."),
        Rule("outdated-translation", "warning", "A translation whose source entry changed since it was marked."),
        Rule("missing-translation", "info", "A source entry with no translation in one of the languages."),
        Rule("invalid-translations", "error", "A translations.yml that cannot be read, or a record of a gone entry."),
    )
}


def level_of(code: str, levels: Mapping[str, str]) -> str:
    """The configured level of a rule, falling back to its default."""
    rule = RULES.get(code)
    return levels.get(code, rule.default if rule else "error")


def without_info(levels: Mapping[str, str]) -> dict[str, str]:
    """``levels`` with every rule at level ``info`` turned ``off`` (the dev server shows
    errors and warnings; infos are for ``check``)."""
    quieter = dict(levels)
    for code in RULES:
        if level_of(code, levels) == "info":
            quieter[code] = OFF
    return quieter


def is_off(codes: Iterable[str], levels: Mapping[str, str]) -> bool:
    """Whether every rule of ``codes`` is configured (or by default) ``off``."""
    return all(level_of(code, levels) == OFF for code in codes)


EMITS: dict[Callable[..., object], tuple[str, ...]] = {}
"""For each check function (see :mod:`glossary_build.checks.run`), the rule codes it can emit."""


def emits(*codes: str) -> Callable[[F], F]:
    """Declare the rule codes a check can emit (:data:`EMITS`), so that a check whose rules
    are all off need not run."""
    unknown = [code for code in codes if code not in RULES]
    if unknown or not codes:
        raise ValueError(f"unknown rule codes: {unknown}" if unknown else "a check emits at least one rule")

    def register(check: F) -> F:
        EMITS[check] = codes
        return check

    return register


def apply_levels(diagnostics: Iterable[Diagnostic], levels: Mapping[str, str]) -> list[Diagnostic]:
    """Drop diagnostics of rules that are off and set the configured severities.

    Without a configured level a diagnostic keeps the severity it was created
    with (its rule's default, or a milder one chosen by the check).
    """
    result: list[Diagnostic] = []
    for diagnostic in diagnostics:
        severity = shown_severity(diagnostic.code, diagnostic.severity, levels)
        if severity is None:
            continue
        if severity != diagnostic.severity:
            diagnostic = diagnostic.with_severity(severity)
        result.append(diagnostic)
    return result


def shown_severity(code: str, severity: Severity, levels: Mapping[str, str]) -> Severity | None:
    """The severity a finding of ``code`` found with ``severity`` has with ``levels``; None
    when its rule is off (:func:`apply_levels`, for one finding: reports count kept
    findings this way without decoding them)."""
    level = level_of(code, levels)
    if level == OFF:
        return None
    if code not in levels and code in RULES:
        return severity
    return Severity[level.upper()]


def default_severity(code: str) -> Severity:
    """The severity a new diagnostic of ``code`` gets before config is applied."""
    level = RULES[code].default
    return Severity.WARNING if level == OFF else Severity[level.upper()]
