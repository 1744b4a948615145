"""Translation status of a multilingual glossary, and marking translations up to date.

``glossary-build translations`` reports :func:`translation_status`;
``translations --mark`` calls :func:`mark`.  Each language's entries come
from :func:`load_language_entries`, the one place that loads them here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from glossary_build.build.loading import GlossaryLoader
from glossary_build.checks.translations import translation_findings
from glossary_build.core.config import Config
from glossary_build.core.diagnostics import Diagnostic, Severity
from glossary_build.core.model import Entry
from glossary_build.edit.translations import lock_text, marked, write_lock
from glossary_build.graph.translations import (
    Coverage,
    Parts,
    Status,
    TranslationState,
    entry_parts,
    language_name,
    translation_coverage,
)
from glossary_build.sources.translation_lock import LOCK_FILE, TranslationLock, read_lock
from glossary_build.store.cache import Cache


class TranslationsError(Exception):
    """The status cannot be given or the marking cannot be done; the message says why."""


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


@dataclass(frozen=True, slots=True)
class Marked:
    """What ``translations --mark`` did."""

    language: str
    """The translation language marked."""
    states: tuple[TranslationState, ...]
    """Each translation marked, as it stood before."""
    dropped: tuple[Diagnostic, ...]
    """Records of translations that are gone, left out of the file now."""
    written: bool
    """False when the file already said all this (nothing was written)."""


def load_language_entries(config: Config) -> tuple[LanguageEntries, ...]:
    """Each configured language's entries, source first (each loaded like a glossary of its own).
    A translation language without a folder yet has no entries; the source language's folder
    must be there (:class:`~glossary_build.sources.inputs.BuildError`)."""
    loaded = []
    for code in config.languages:
        language = config.for_language(code)
        if code != config.source_language and not language.entries_dir.is_dir():
            loaded.append(LanguageEntries(code, {}, {}))
            continue
        result = GlossaryLoader(language, Cache(None)).load()
        assert result.graph is not None  # load() with need_graph builds it
        loaded.append(LanguageEntries(code, result.graph.entries, result.sources))
    return tuple(loaded)


def status_of(config: Config, languages: Sequence[LanguageEntries]) -> TranslationStatus:
    """The translation status of ``languages`` (source first), with the record in ``config``'s
    root."""
    lock = read_lock(config.root, config.languages)
    source, *others = languages
    translations = {language.code: language.entries for language in others}
    coverage = translation_coverage(source.entries, translations, lock.by_language(), source.lines, source.code)
    findings = translation_findings(coverage, source.entries, translations, lock, entries=config.entries)
    return TranslationStatus(coverage, findings, lock, tuple(languages))


def translation_status(config: Config) -> TranslationStatus:
    """Load every language of the glossary and give its translation status."""
    _require_languages(config)
    return status_of(config, load_language_entries(config))


def mark(config: Config, language: str, ids: Sequence[str] | None) -> Marked:
    """Record that the translations ``ids`` (None: every translated entry) of ``language``
    follow the source as it is now.  Any problem (an unknown language or id, an id without
    translation, a record that cannot be read) is a :class:`TranslationsError` naming each,
    and nothing is written then."""
    _require_languages(config)
    _check_language(config, language)
    status = translation_status(config)
    errors = [d for d in status.lock.diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise TranslationsError(
            f"{LOCK_FILE} cannot be read; fix it (or delete the records named) before marking, nothing was written:\n"
            + "\n".join(f"  {d.format()}" for d in errors)
        )
    states = {state.id: state for state in status.coverage.language(language).states}
    chosen = _chosen(status, language, states, ids)
    source = status.languages[0]
    parts: dict[str, Parts] = {
        entry_id: entry_parts(source.entries[entry_id], source.lines[source.entries[entry_id].path])
        for entry_id in chosen
    }
    dropped = tuple(d for d in status.findings if d.code == "invalid-translations")
    kept = _without(status.lock.by_language(), dropped)
    text = lock_text(marked(kept, language, parts))
    written = bool(chosen) and text.encode("utf-8") != status.lock.data
    if written:
        write_lock(config.root, text, status.lock.data)
    return Marked(language, tuple(states[entry_id] for entry_id in chosen), dropped if written else (), written)


def _chosen(
    status: TranslationStatus, language: str, states: Mapping[str, TranslationState], ids: Sequence[str] | None
) -> list[str]:
    """The ids to mark, each once, in the order given (A–Z for every translated one); an id
    without source entry or without translation is an error."""
    if ids is None:
        return [entry_id for entry_id, state in states.items() if state.status is not Status.MISSING]
    problems = []
    source_language = status.coverage.source
    for entry_id in dict.fromkeys(ids):
        if entry_id not in states:
            problems.append(f"'{entry_id}' has no entry in the source language {language_name(source_language)}")
        elif states[entry_id].status is Status.MISSING:
            problems.append(f"'{entry_id}' has no translation in {language_name(language)} yet: translate it first")
    if problems:
        raise TranslationsError("nothing was marked:\n" + "\n".join(f"  {problem}" for problem in problems))
    return list(dict.fromkeys(ids))


def _without(
    lock: Mapping[str, Mapping[str, Parts]], dropped: Iterable[Diagnostic]
) -> dict[str, dict[str, Parts]]:
    gone = {(d.get("language"), d.get("id")) for d in dropped}
    return {
        code: {entry_id: parts for entry_id, parts in records.items() if (code, entry_id) not in gone}
        for code, records in lock.items()
    }


def _require_languages(config: Config) -> None:
    if not config.multilingual:
        raise TranslationsError(
            "this glossary is in one language: translation status needs `languages: [...]` in glossary.yml, "
            "the source language first (e.g. `languages: [de, en]`), and the entries in entries/<language>/"
        )


def _check_language(config: Config, language: str) -> None:
    translations = ", ".join(config.languages[1:])
    if not translations:
        raise TranslationsError(
            "the glossary has no translation languages: list them after the source language "
            "in `languages` (glossary.yml)"
        )
    if language not in config.languages:
        raise TranslationsError(
            f"'{language}' is not one of the glossary's languages ({', '.join(config.languages)}); "
            f"translations are marked in {translations}"
        )
    if language == config.source_language:
        raise TranslationsError(
            f"'{language}' is the source language; translations are marked in {translations}"
        )
