"""The translation findings of a multilingual glossary.

``outdated-translation`` (at the translation's heading: what changed in the
source since it was marked, and the command that marks it again),
``missing-translation`` (at the source entry's heading) and
``invalid-translations`` (the record ``translations.yml`` cannot be read, or
records a translation that is gone).  Made from a
:class:`~glossary_build.graph.translations.Coverage`; severities are the
rules' defaults, the configured levels are applied by the caller as for
every other finding.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from glossary_build.core import diagnostics as diag
from glossary_build.core.diagnostics import Diagnostic, Related, Severity
from glossary_build.core.model import Entry
from glossary_build.core.rules import default_severity
from glossary_build.graph.translations import (
    Coverage,
    LanguageCoverage,
    Status,
    TranslationState,
    changed_phrase,
    language_name,
)
from glossary_build.sources.translation_lock import CODE, TranslationLock


def translation_findings(
    coverage: Coverage,
    source: Mapping[str, Entry],
    translations: Mapping[str, Mapping[str, Entry]],
    lock: TranslationLock,
    *,
    entries: str = "entries",
) -> list[Diagnostic]:
    """Every translation finding, sorted; ``source`` and ``translations`` (language -> id ->
    entry) are what ``coverage`` was made from, ``entries`` the configured entries folder."""
    found = list(lock.diagnostics)
    found.extend(_stale_records(coverage.source, source, translations, lock))
    for language in coverage.languages:
        found.extend(_language_findings(coverage.source, language, source, translations[language.code], entries))
    return sorted(found, key=diag.sort_key)


def _language_findings(
    source_language: str, language: LanguageCoverage, source: Mapping[str, Entry],
    translated: Mapping[str, Entry], entries: str,
) -> Iterator[Diagnostic]:
    for state in language.states:
        if state.status is Status.OUTDATED:
            yield outdated_finding(state, language.code, source_language, translated[state.id], source[state.id])
        elif state.status is Status.MISSING:
            yield missing_finding(state.id, language.code, source[state.id], entries)


def outdated_finding(
    state: TranslationState, code: str, source_language: str, translation: Entry, original: Entry
) -> Diagnostic:
    """``outdated-translation`` at the translation's heading."""
    command = f"glossary-build translations --mark {code} {state.id}"
    if state.marked:
        message = (f"'{state.id}' ({code}) is outdated: the source ({source_language}) changed its "
                   f"{changed_phrase(state.changed)} since it was marked")
        hint = f"bring {translation.path} up to date with the source, then run `{command}`"
    else:
        message = (f"'{state.id}' ({code}) is outdated: it was never marked up to date "
                   f"with the source ({source_language})")
        hint = f"once {translation.path} says what the source says, run `{command}`"
    return Diagnostic(
        "outdated-translation", default_severity("outdated-translation"), message, translation.heading.span,
        hint, (Related(original.heading.span, "the source entry"),),
        (("id", state.id), ("language", code), ("changed", ",".join(state.changed))),
    )


def missing_finding(entry_id: str, code: str, original: Entry, entries: str) -> Diagnostic:
    """``missing-translation`` at the source entry's heading."""
    return Diagnostic(
        "missing-translation", default_severity("missing-translation"),
        f"'{entry_id}' has no translation in {language_name(code)}", original.heading.span,
        f"translate it as an entry {{#{entry_id} .term}} in {entries}/{code}/",
        data=(("id", entry_id), ("language", code)),
    )


def _stale_records(
    source_language: str, source: Mapping[str, Entry], translations: Mapping[str, Mapping[str, Entry]],
    lock: TranslationLock,
) -> Iterator[Diagnostic]:
    """A record of a translation that is gone (its entry, or the source entry): reported, and
    left out the next time the record is written."""
    for record in lock.records:
        if record.id not in source:
            gone = f"the source ({source_language}) has no entry '{record.id}'"
        elif record.id not in translations.get(record.language, {}):
            gone = f"{record.language} has no entry '{record.id}'"
        else:
            continue
        yield Diagnostic(
            CODE, Severity.WARNING, f"'{record.id}' ({record.language}) is recorded, but {gone}", record.span,
            "the next `glossary-build translations --mark` leaves it out",
            data=(("id", record.id), ("language", record.language), ("gone", gone)),
        )
