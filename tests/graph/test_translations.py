"""The translation status model: which part of a source entry changed, and each translation's status."""

from __future__ import annotations

import pytest

from glossary_build.core.model import Entry
from glossary_build.graph.translations import (
    Status,
    TranslationState,
    changed_phrase,
    entry_parts,
    outdated_notes,
    translation_coverage,
)
from glossary_build.parse.entries import parse_source
from glossary_build.parse.markdown import create_markdown

EMBEDDING = """\
## Embedding {#Embedding .term}

Ein **Embedding** ist ein Vektor aus reellen Zahlen.

### Kernkonzept {.explanation}

Ähnliche Objekte liegen nahe beieinander.

### Verwandte Themen {.seealso}

[Token](#Token) |
[Index](#Index) |

----
"""


def parsed(text: str, path: str = "entries/de/Embedding.md") -> tuple[Entry, tuple[str, ...]]:
    file = parse_source(path, text, create_markdown())
    return file.entries[0], tuple(text.split("\n"))


def parts(text: str) -> dict[str, str]:
    entry, lines = parsed(text)
    return entry_parts(entry, lines)


def changed(old: str, new: str) -> list[str]:
    before, after = parts(old), parts(new)
    return [part for part in before if before[part] != after[part]]


def test_each_part_is_a_short_digest() -> None:
    digests = parts(EMBEDDING)
    assert list(digests) == ["title", "definition", "sections", "see-also"]
    assert all(len(value) == 12 and int(value, 16) >= 0 for value in digests.values())
    assert len(set(digests.values())) == 4


def test_a_new_definition_changes_only_the_definition() -> None:
    edited = EMBEDDING.replace("aus reellen Zahlen", "aus Gleitkommazahlen")
    assert changed(EMBEDDING, edited) == ["definition"]


def test_a_changed_link_target_counts_though_the_text_stays() -> None:
    edited = EMBEDDING.replace("nahe beieinander.", "[nahe](#Distanz) beieinander.")
    assert changed(EMBEDDING, edited) == ["sections"]


def test_title_sections_and_see_also_are_told_apart() -> None:
    assert changed(EMBEDDING, EMBEDDING.replace("## Embedding {", "## Embeddings {")) == ["title"]
    assert changed(EMBEDDING, EMBEDDING.replace("### Kernkonzept", "### Grundidee")) == ["sections"]
    assert changed(EMBEDDING, EMBEDDING.replace("[Token](#Token) |\n", "[Token](#Token) |\n[Bias](#Bias) |\n")) == [
        "see-also"
    ]
    # The see-also list is its targets: another link text or heading is no change to follow.
    assert changed(EMBEDDING, EMBEDDING.replace("[Token](#Token)", "[Tokens](#Token)")) == []


def test_reflowed_text_and_the_closing_rule_are_no_change() -> None:
    reflowed = EMBEDDING.replace("ist ein Vektor aus", "ist ein Vektor\naus").replace("\n----\n", "\n")
    assert changed(EMBEDDING, reflowed) == []
    no_see_also = EMBEDDING.split("### Verwandte")[0]
    assert changed(no_see_also, no_see_also + "----\n") == []


def test_an_entry_in_a_file_with_others_is_cut_at_its_end() -> None:
    text = EMBEDDING + "## Token {#Token .term}\n\nEin Token.\n"
    file = parse_source("entries/de/x.md", text, create_markdown())
    lines = tuple(text.split("\n"))
    alone = entry_parts(file.entries[0], lines)
    assert alone == parts(EMBEDDING)
    longer = text.replace("Ein Token.", "Ein Token ist ein Wortteil.")
    first = parse_source("entries/de/x.md", longer, create_markdown()).entries[0]
    assert entry_parts(first, tuple(longer.split("\n"))) == alone


def coverage_of(record: dict[str, dict[str, dict[str, str]]], translated: dict[str, list[str]]):
    source, lines = parsed(EMBEDDING)
    token_text = "## Token {#Token .term}\n\nEin Token.\n"
    token, token_lines = parsed(token_text, "entries/de/Token.md")
    sources = {"Embedding": source, "Token": token}
    translations = {
        code: {entry_id: source if entry_id in sources else token for entry_id in ids}
        for code, ids in translated.items()
    }
    all_lines = {"entries/de/Embedding.md": lines, "entries/de/Token.md": token_lines}
    return translation_coverage(sources, translations, record, all_lines, "de")


def test_status_current_outdated_missing_and_extra() -> None:
    now = parts(EMBEDDING)
    old = dict(now, definition="000000000000", **{"see-also": "111111111111"})
    coverage = coverage_of({"en": {"Embedding": old}, "fr": {"Embedding": now}},
                           {"en": ["Embedding", "Token", "Prompt"], "fr": ["Embedding"]})
    en, fr = coverage.languages
    assert en.states == (
        TranslationState("Embedding", Status.OUTDATED, ("definition", "see-also"), marked=True),
        TranslationState("Token", Status.OUTDATED),
    )
    assert en.extra == ("Prompt",) and en.percent == 0
    assert fr.states == (
        TranslationState("Embedding", Status.CURRENT, marked=True),
        TranslationState("Token", Status.MISSING),
    )
    assert fr.extra == () and fr.percent == 50
    assert coverage.entries == 2 and coverage.source == "de"
    assert en.states[1].never_marked and not en.states[0].never_marked


def test_outdated_notes_are_a_languages_outdated_translations() -> None:
    coverage = coverage_of({}, {"en": ["Embedding"]})
    assert outdated_notes(coverage, "en") == {"Embedding": TranslationState("Embedding", Status.OUTDATED)}
    assert outdated_notes(coverage, "de") == {}


def test_a_part_the_record_lacks_counts_as_changed() -> None:
    now = parts(EMBEDDING)
    partial = {part: value for part, value in now.items() if part != "sections"}
    (en,) = coverage_of({"en": {"Embedding": partial}}, {"en": ["Embedding", "Token"]}).languages
    assert en.states[0].changed == ("sections",)


def test_percent_rounds_down_and_an_empty_source_is_complete() -> None:
    coverage = translation_coverage({}, {"en": {}}, {}, {}, "de")
    assert coverage.languages[0].percent == 100
    now = parts(EMBEDDING)
    (en,) = coverage_of({"en": {"Embedding": now}}, {"en": ["Embedding"]}).languages
    assert en.percent == 50


def test_changed_phrase() -> None:
    assert changed_phrase(["definition"]) == "definition"
    assert changed_phrase(["definition", "see-also"]) == "definition and see-also"
    assert changed_phrase(["title", "definition", "sections"]) == "title, definition and sections"


def test_lines_that_do_not_cover_the_entry_are_refused() -> None:
    entry, _lines = parsed(EMBEDDING)
    with pytest.raises(ValueError, match="the lines given end before the entry 'Embedding' does"):
        entry_parts(entry, ())
