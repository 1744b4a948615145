"""The translation findings: their messages, positions, hints and data."""

from __future__ import annotations

from glossary_build.checks.translations import missing_finding, outdated_finding
from glossary_build.core.diagnostics import Severity
from glossary_build.core.rules import apply_levels
from glossary_build.graph.translations import Status, TranslationState
from glossary_build.parse.entries import parse_source
from glossary_build.parse.markdown import create_markdown

SOURCE = parse_source("entries/de/a.md", "Vorspann.\n\n## Alpha {#Alpha .term}\n\nA.\n", create_markdown()).entries[0]
ENGLISH = parse_source("entries/en/alpha.md", "## Alpha {#Alpha .term}\n\nA.\n", create_markdown("en")).entries[0]


def test_an_outdated_translation_names_every_changed_part_at_its_heading() -> None:
    state = TranslationState("Alpha", Status.OUTDATED, ("title", "definition", "see-also"), marked=True)
    finding = outdated_finding(state, "en", "de", ENGLISH, SOURCE)
    assert finding.format() == (
        "entries/en/alpha.md:1:1: warning[outdated-translation]: 'Alpha' (en) is outdated: the source (de) "
        "changed its title, definition and see-also since it was marked"
    )
    assert finding.hint == (
        "bring entries/en/alpha.md up to date with the source, then run `glossary-build translations --mark en Alpha`"
    )
    assert [(str(r.span), r.message) for r in finding.related] == [("entries/de/a.md:3:1", "the source entry")]
    assert finding.data == (("id", "Alpha"), ("language", "en"), ("changed", "title,definition,see-also"))


def test_a_missing_translation_is_reported_at_the_source_entry() -> None:
    finding = missing_finding("Alpha", "fr", SOURCE, "glossar")
    assert finding.format() == (
        "entries/de/a.md:3:1: info[missing-translation]: 'Alpha' has no translation in fr (French)"
    )
    assert finding.hint == "translate it as an entry {#Alpha .term} in glossar/fr/"


def test_the_levels_are_policy() -> None:
    state = TranslationState("Alpha", Status.OUTDATED)
    found = [outdated_finding(state, "en", "de", ENGLISH, SOURCE), missing_finding("Alpha", "fr", SOURCE, "entries")]
    strict = apply_levels(found, {"outdated-translation": "error", "missing-translation": "off"})
    assert [(d.code, d.severity) for d in strict] == [("outdated-translation", Severity.ERROR)]
