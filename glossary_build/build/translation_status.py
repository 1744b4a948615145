"""The translation status of a multilingual glossary, made from every language's entries.

:func:`status_of` is the one place it is made: for ``check`` and ``build``
(:mod:`glossary_build.build.languages`), and for ``glossary-build translations``
(:mod:`glossary_build.build.translations`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from glossary_build.checks.translations import translation_findings
from glossary_build.core.config import Config
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.model import Entry
from glossary_build.graph.translations import Coverage, translation_coverage
from glossary_build.sources.translation_lock import TranslationLock, read_lock


@dataclass(frozen=True, slots=True)
class LanguageEntries:
    """One language's entries, as the translation status needs them."""

    code: str
    """The language."""
    entries: Mapping[str, Entry]
    """Its entries by id."""
    lines: Mapping[str, Sequence[str]]
    """Its entry files' lines by path (relative to the glossary root)."""


@dataclass(frozen=True, slots=True)
class TranslationStatus:
    """The translation status of a glossary and its findings."""

    coverage: Coverage
    """Per translation language: current, outdated, missing and extra ids."""
    findings: list[Diagnostic]
    """``outdated-translation``, ``missing-translation``, ``invalid-translations``, sorted,
    at the rules' default severities (the configured levels are not applied yet)."""
    lock: TranslationLock
    """The record as read."""
    languages: tuple[LanguageEntries, ...]
    """Every language's entries, source first."""


def status_of(config: Config, languages: Sequence[LanguageEntries]) -> TranslationStatus:
    """The translation status of ``languages`` (source first), with the record in ``config``'s
    root."""
    lock = read_lock(config.root, config.languages)
    source, *others = languages
    translations = {language.code: language.entries for language in others}
    coverage = translation_coverage(source.entries, translations, lock.by_language(), source.lines, source.code)
    findings = translation_findings(coverage, source.entries, translations, lock, entries=config.entries)
    return TranslationStatus(coverage, findings, lock, tuple(languages))
