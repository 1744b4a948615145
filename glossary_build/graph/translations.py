"""Translation status: which translations follow their source entry, which lag behind.

A multilingual glossary records, in ``translations.yml``, the version of each
source-language entry a translation was last made from: a short digest of
each *part* of the source entry (:data:`PARTS`).  Comparing those digests
with the source entry's parts now gives each translation's status:

- ``current``: every part is as it was when the translation was marked;
- ``outdated``: some parts changed since (they are named), or the translation
  was never marked;
- ``missing``: the language has no entry with the source entry's id.

Entries that a translation has but the source language lacks are *extra*.
Everything here is pure: entries, the files' lines and the record in, a
:class:`Coverage` out.  Reading the record is
:mod:`glossary_build.sources.translation_lock`'s job, writing it
:mod:`glossary_build.edit.translations`'.

The parts are digested from the entry's source text, whitespace folded, so
that reflowing a paragraph or a new version of glossary-build (which may
render the same Markdown to other HTML) does not make a translation outdated;
a changed link target does.
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from glossary_build.core.collation import sort_key
from glossary_build.core.model import Entry

TITLE, DEFINITION, SECTIONS, SEE_ALSO = "title", "definition", "sections", "see-also"
PARTS = (TITLE, DEFINITION, SECTIONS, SEE_ALSO)
"""The parts of a source entry whose changes a translation must follow, in the order they
are named."""

DIGEST_LENGTH = 12
"""Hex digits kept of each part's digest: enough to tell versions of one entry apart."""

LANGUAGE_NAMES = {"de": "German", "en": "English", "fr": "French"}
"""The English name of each language with site words, for findings and reports."""

Parts = Mapping[str, str]
"""A digest per part (:data:`PARTS`) of one version of a source entry."""

Lock = Mapping[str, Mapping[str, Parts]]
"""The record: per translation language, per entry id, the source's parts when it was marked."""

THEMATIC_BREAK = re.compile(r"\s*([-*_])(\s*\1){2,}\s*")


def language_name(code: str) -> str:
    """``en (English)``: a language's code with its English name, when known."""
    name = LANGUAGE_NAMES.get(code)
    return f"{code} ({name})" if name else code


class Status(enum.Enum):
    """Where a translation stands against its source entry."""

    CURRENT = "current"
    """Marked up to date, and the source has not changed since."""
    OUTDATED = "outdated"
    """The source changed since it was marked, or it was never marked."""
    MISSING = "missing"
    """The language has no entry with the source entry's id."""


@dataclass(frozen=True, slots=True)
class TranslationState:
    """The status of one source entry's translation into one language."""

    id: str
    """The entry id (the same in every language)."""
    status: Status
    """Current, outdated or missing."""
    changed: tuple[str, ...] = ()
    """For an outdated translation that was marked: the source's parts changed since, in
    :data:`PARTS` order."""
    marked: bool = False
    """True when the record has a version of the source for this translation."""

    @property
    def never_marked(self) -> bool:
        """An outdated translation that was never marked up to date."""
        return self.status is Status.OUTDATED and not self.marked


@dataclass(frozen=True, slots=True)
class LanguageCoverage:
    """How far one translation language has come."""

    code: str
    """The language, e.g. ``en``."""
    states: tuple[TranslationState, ...]
    """One per source entry, in A–Z order of the ids."""
    extra: tuple[str, ...]
    """Ids of this language's entries that the source language lacks, A–Z."""

    def ids(self, status: Status) -> tuple[str, ...]:
        """The ids with ``status``, A–Z."""
        return tuple(state.id for state in self.states if state.status is status)

    def outdated(self) -> tuple[TranslationState, ...]:
        """The outdated translations, A–Z."""
        return tuple(state for state in self.states if state.status is Status.OUTDATED)

    @property
    def total(self) -> int:
        """The number of source entries."""
        return len(self.states)

    @property
    def percent(self) -> int:
        """Source entries translated and current, in whole percent, rounded down (100 only when
        every one is); 100 for a source without entries."""
        if not self.states:
            return 100
        return len(self.ids(Status.CURRENT)) * 100 // len(self.states)


@dataclass(frozen=True, slots=True)
class Coverage:
    """The translation status of a whole multilingual glossary."""

    source: str
    """The source language."""
    entries: int
    """The number of source-language entries."""
    languages: tuple[LanguageCoverage, ...]
    """Every other language, in configured order."""

    def language(self, code: str) -> LanguageCoverage:
        """The coverage of one translation language (KeyError for another code)."""
        for language in self.languages:
            if language.code == code:
                return language
        raise KeyError(code)


def entry_parts(entry: Entry, lines: Sequence[str]) -> dict[str, str]:
    """The digest of each part of ``entry``, whose file has ``lines``: its title, its lead (the
    definition and whatever else precedes the first section), its sections but the see-also
    section (headings and text), and its see-also targets in order."""
    if len(lines) < entry.end_line:
        # Lines left out (a cached parse result has none) would make every version look alike.
        raise ValueError(f"{entry.path}: the lines given end before the entry '{entry.id}' does")
    regions = _regions(entry, lines)
    sections = [text for section, text in zip(entry.sections, regions[1:]) if not section.is_see_also]
    return {
        TITLE: _digest(entry.title_text),
        DEFINITION: _digest(regions[0]),
        SECTIONS: _digest("\n".join(sections)),
        SEE_ALSO: _digest("\n".join(see_also_targets(entry))),
    }


def see_also_targets(entry: Entry) -> list[str]:
    """The ids the entry's see-also items link to, in order."""
    return [
        entry.references[item.reference_index].target
        for item in entry.see_also
        if item.reference_index is not None
    ]


def _regions(entry: Entry, lines: Sequence[str]) -> list[str]:
    """The entry's lead and each section's source text (heading included), whitespace folded;
    the entry's closing rule (``----``) is not part of its last section."""
    starts = [section.heading.span.line for section in entry.sections]
    bounds = [entry.heading.span.line + 1, *starts, entry.end_line + 1]
    regions = [list(lines[start - 1 : end - 1]) for start, end in zip(bounds, bounds[1:])]
    last = regions[-1]
    while last and (not last[-1].strip() or THEMATIC_BREAK.fullmatch(last[-1])):
        last.pop()
    return [" ".join(" ".join(region).split()) for region in regions]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:DIGEST_LENGTH]


def state_of(entry_id: str, current: Parts, translated: bool, recorded: Parts | None) -> TranslationState:
    """The status of one translation: ``current`` are the source's parts now, ``recorded`` the
    parts the record holds for it (None: never marked)."""
    if not translated:
        return TranslationState(entry_id, Status.MISSING, marked=recorded is not None)
    if recorded is None:
        return TranslationState(entry_id, Status.OUTDATED)
    changed = tuple(part for part in PARTS if recorded.get(part) != current[part])
    return TranslationState(entry_id, Status.OUTDATED if changed else Status.CURRENT, changed, marked=True)


def translation_coverage(
    source: Mapping[str, Entry],
    translations: Mapping[str, Mapping[str, Entry]],
    lock: Lock,
    lines: Mapping[str, Sequence[str]],
    source_language: str,
) -> Coverage:
    """The status of every source entry's translation into each language of ``translations``
    (language -> id -> entry, in configured order), from the record ``lock``; ``lines`` holds
    the source entries' files' lines by path."""
    ids = sorted(source, key=sort_key)
    parts = {entry_id: entry_parts(source[entry_id], lines[source[entry_id].path]) for entry_id in ids}
    languages = []
    for code, entries in translations.items():
        recorded = lock.get(code, {})
        states = tuple(
            state_of(entry_id, parts[entry_id], entry_id in entries, recorded.get(entry_id)) for entry_id in ids
        )
        extra = tuple(sorted((entry_id for entry_id in entries if entry_id not in source), key=sort_key))
        languages.append(LanguageCoverage(code, states, extra))
    return Coverage(source_language, len(ids), tuple(languages))


def outdated_notes(coverage: Coverage, code: str) -> dict[str, TranslationState]:
    """The outdated translations of language ``code`` by id (what its pages' banners say); empty
    for the source language or a language the coverage does not have."""
    try:
        language = coverage.language(code)
    except KeyError:
        return {}
    return {state.id: state for state in language.outdated()}


def changed_phrase(parts: Sequence[str]) -> str:
    """``definition and see-also``, ``title, definition and sections``."""
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"
