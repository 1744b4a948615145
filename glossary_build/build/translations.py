"""Translation status of a multilingual glossary, and marking translations up to date.

``glossary-build translations`` reports :func:`translation_status`;
``translations --mark`` calls :func:`mark`.  The status is made by
:func:`status_of` from every language's entries, which
:mod:`glossary_build.build.languages` loads (for ``check`` and ``build`` too).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from glossary_build.build.languages import load_languages
from glossary_build.build.translation_status import TranslationStatus
from glossary_build.core.config import Config
from glossary_build.core.diagnostics import Diagnostic, Severity
from glossary_build.edit.translations import lock_text, marked, write_lock
from glossary_build.graph.translations import (
    Parts,
    Status,
    TranslationState,
    entry_parts,
    language_name,
)
from glossary_build.sources.translation_lock import LOCK_FILE


class TranslationsError(Exception):
    """The status cannot be given or the marking cannot be done; the message says why."""


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


def translation_status(config: Config) -> TranslationStatus:
    """Load every language of the glossary (as ``check`` does, from the same cache) and give
    its translation status.  A translation language without a folder yet has no entries; the
    source language's folder must be there (:class:`~glossary_build.sources.inputs.BuildError`)."""
    _require_languages(config)
    return load_languages(config).translations


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
