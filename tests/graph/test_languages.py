"""The ids a language of a multilingual glossary lacks that other languages have (``elsewhere``)."""

from __future__ import annotations

from glossary_build.graph.languages import elsewhere_ids, language_label, with_elsewhere
from glossary_build.graph.suggest import suggester_for
from tests.checks.support import graph_of

ENGLISH = {
    "entries/en/embedding.md": (
        "## Embedding {#Embedding .term formerly=Vector-Embedding}\n\nSee [latent space](#Latent-Space).\n\n"
        "### Training {#Training}\n\nText.\n"
    ),
}


def test_only_ids_this_language_knows_under_no_name_are_elsewhere() -> None:
    graph = graph_of(ENGLISH)
    others = {
        "de": ["Embedding", "Latent-Space", "Training", "Vector-Embedding", "Tokenization"],
        "fr": ["Attention", "Latent-Space"],
    }
    # Its entry, its section's anchor and its old id are this language's; the others are elsewhere,
    # each with the languages that have it in configured order.
    assert elsewhere_ids(graph, others) == {
        "Attention": ("fr",), "Latent-Space": ("de", "fr"), "Tokenization": ("de",),
    }


def test_a_graph_lacking_nothing_is_returned_as_it_is() -> None:
    graph = graph_of(ENGLISH)
    assert with_elsewhere(graph, {"de": ["Embedding"]}) is graph


def test_the_linked_graph_keeps_its_suggester_and_leaves_references_unresolved() -> None:
    graph = graph_of(ENGLISH)
    suggester = graph.derived(suggester_for)
    linked = with_elsewhere(graph, {"de": ["Latent-Space"]})
    assert linked.elsewhere == {"Latent-Space": ("de",)}
    assert linked.derived(suggester_for) is suggester
    assert linked.resolved == graph.resolved and linked.resolved["Embedding"] == (None,)
    assert graph.elsewhere == {}


def test_languages_are_named_in_english_with_their_code() -> None:
    assert [language_label(code) for code in ("de", "en", "fr", "pt-BR")] == [
        "German (de)", "English (en)", "French (fr)", "pt-BR",
    ]
