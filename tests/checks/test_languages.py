"""Links across the languages of a multilingual glossary: ``link-to-other-language`` takes the
place of ``broken-reference`` for an id that only other languages have."""

from __future__ import annotations

from glossary_build.checks.languages import OtherLanguages, other_language_check
from glossary_build.checks.run import run_checks
from glossary_build.checks.terms import broken_references
from glossary_build.graph.languages import with_elsewhere
from tests.checks.support import entry, graph_of

FOLDERS = {"de": "entries/de", "en": "entries/en", "fr": "entries/fr"}
PATHS = {
    "en": {"Latent-Space": "entries/en/models/latent-space.md", "Embedding": "entries/en/embedding.md"},
    "fr": {"Latent-Space": "entries/fr/espace-latent.md", "Attention": "entries/fr/attention.md"},
}
GERMAN = {
    "entries/de/embedding.md": entry(
        "Embedding", "Im [latenten Raum](#Latent-Space), mit [Attention](#Attention) und [X](#Nirgends)."
    ),
}


def linked(others: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """The broken-reference and link-to-other-language findings of the German entry, as lines."""
    graph = with_elsewhere(graph_of(GERMAN), others)
    check = other_language_check(OtherLanguages("de", FOLDERS, PATHS))
    found = run_checks(graph, [broken_references, check])
    lines = [f"{d.span}: {d.severity.name.lower()}[{d.code}]: {d.message} / {d.hint}" for d in found]
    return [line for line in lines if "broken-reference" in line], [line for line in lines if "other-language" in line]


def test_a_link_to_a_term_of_one_other_language_names_the_file_to_translate() -> None:
    broken, other = linked({"en": ["Embedding", "Latent-Space"], "fr": []})
    assert other == [
        "entries/de/embedding.md:3:4: warning[link-to-other-language]: 'Latent-Space' exists only in English (en): "
        "the link leads to that page / translate entries/en/models/latent-space.md into "
        "entries/de/models/latent-space.md, or link to a term that exists in German",
    ]
    assert [line.split(": ", 2)[2].split(" / ")[0] for line in broken] == [
        "no entry or heading has id 'Attention'", "no entry or heading has id 'Nirgends'",
    ]


def test_a_term_of_several_other_languages_leads_to_the_first_of_them() -> None:
    broken, other = linked({"en": ["Latent-Space"], "fr": ["Latent-Space", "Attention"]})
    assert [line.split(": ", 2)[2] for line in other] == [
        "'Latent-Space' exists only in English (en) and French (fr): the link leads to the English page / "
        "translate entries/en/models/latent-space.md into entries/de/models/latent-space.md, "
        "or link to a term that exists in German",
        "'Attention' exists only in French (fr): the link leads to that page / "
        "translate entries/fr/attention.md into entries/de/attention.md, or link to a term that exists in German",
    ]
    assert [line.split(": ", 2)[2].split(" / ")[0] for line in broken] == ["no entry or heading has id 'Nirgends'"]


def test_without_other_languages_every_missing_id_stays_broken() -> None:
    broken, other = linked({"en": [], "fr": []})
    assert other == []
    assert len(broken) == 3


def test_the_finding_carries_the_target_and_the_languages() -> None:
    graph = with_elsewhere(graph_of(GERMAN), {"en": ["Latent-Space"], "fr": ["Latent-Space"]})
    [finding] = run_checks(graph, [other_language_check(OtherLanguages("de", FOLDERS, PATHS))])
    assert finding.data == (("target", "Latent-Space"), ("kind", "inline"), ("languages", "en fr"))
    # From the link's [ to just after its ), as broken-reference's.
    assert (finding.span.line, finding.span.column, finding.span.end_column) == (3, 4, 34)
