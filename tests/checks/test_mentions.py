"""The rule ``unlinked-mention``: other terms named in an entry's running text without a link."""

from __future__ import annotations

from glossary_build.checks.mentions import LabelMatcher
from tests.checks.support import entry, findings, graph_of

LLM = '## Large Language Model {#LLM .term aliases="LLM; Sprachmodell"}\n\nEin großes Modell.\n'
EMBEDDING = '## Embedding {#Embedding .term aliases="Embedding*"}\n\nEin Vektor.\n'


def mentions(text: str, **others: str) -> list[tuple[str, int, int, str | None]]:
    """(target, line, column, hint) of each unlinked mention in ``text``, the entry ``Alpha``."""
    files = {"a.md": "## Alpha {#Alpha .term}\n\n" + text, "llm.md": LLM, "e.md": EMBEDDING, **others}
    return [(d.get("target") or "", d.span.line, d.span.column, d.hint) for d in findings(files, "unlinked-mention")]


def test_the_first_mention_of_a_title_or_alias_with_the_link_to_write() -> None:
    text = "Alpha nutzt ein Sprachmodell.\nDas Large Language Model und noch ein Sprachmodell.\n"
    assert mentions(text) == [("LLM", 3, 17, "link it: [Sprachmodell](#LLM)")]


def test_the_finding_names_the_mention_and_spans_it() -> None:
    [found] = findings({"a.md": "## Alpha {#Alpha .term}\n\nMit einem Sprachmodell.\n", "llm.md": LLM},
                       "unlinked-mention")
    assert found.format() == "a.md:3:11: info[unlinked-mention]: unlinked mention of 'LLM': 'Sprachmodell'"
    assert (found.span.end_line, found.span.end_column) == (3, 23)
    assert found.related[0].span.path == "llm.md"


def test_code_math_links_raw_code_and_images_are_not_prose() -> None:
    text = (
        "Code `Sprachmodell`, Mathe $Sprachmodell$, [ein Sprachmodell](https://x.org),\n"
        "<code>Sprachmodell</code>, ![Sprachmodell](bild.png) und <https://Sprachmodell.org>.\n\n"
        "```\nSprachmodell\n```\n\n~~~ python\nSprachmodell = 1\n~~~\n\n"
        "    Sprachmodell eingerückt\n\n"
        "$$\nSprachmodell\n$$\n"
    )
    assert mentions(text) == []


def test_headings_and_the_see_also_section_are_skipped() -> None:
    text = ("Text.\n\n### Über Sprachmodelle und das Sprachmodell {.explanation}\n\nMehr.\n\n"
            "### Siehe auch {.seealso}\n[Index](#Index) |\nSprachmodell |\n")
    assert [target for target, *_ in mentions(text)] == []


def test_prose_in_lists_quotes_tables_sections_and_after_the_rule_counts() -> None:
    assert mentions("- Punkt mit Sprachmodell\n") == [("LLM", 3, 13, "link it: [Sprachmodell](#LLM)")]
    assert mentions("> Zitat: Sprachmodell\n")[0][1:3] == (3, 10)
    assert mentions("| a | b |\n|---|---|\n| x | ein Sprachmodell |\n")[0][1:3] == (5, 11)
    assert mentions("Text.\n\n### Teil {.explanation}\n\nDas Sprachmodell.\n")[0][1:3] == (7, 5)
    assert mentions("Text.\n\n----\n\nNachtrag: Sprachmodell.\n")[0][1:3] == (7, 11)


def test_whole_words_only_but_hyphens_separate_words() -> None:
    assert mentions("Die Sprachmodellierung und Vorsprachmodell.\n") == []
    assert mentions("Die Sprachmodell-Architektur.\n") == [("LLM", 3, 5, "link it: [Sprachmodell](#LLM)")]


def test_an_alias_with_a_star_matches_the_words_it_begins() -> None:
    assert mentions("Viele Embeddings.\n") == [("Embedding", 3, 7, "link it: [Embeddings](#Embedding)")]
    assert mentions("Das Embeddingmodell.\n")[0][0] == "Embedding"
    assert mentions("Ein Einbetten.\n") == []
    graph = graph_of({"e.md": EMBEDDING})
    assert graph.entries["Embedding"].concept.aliases == ("Embedding",)  # shown without the star
    assert graph.entries["Embedding"].concept.prefixes == ("Embedding",)


def test_case_is_ignored_but_labels_in_capitals_match_as_written() -> None:
    assert mentions("ein sprachmodell\n")[0][3] == "link it: [sprachmodell](#LLM)"
    it = "## Informationstechnik {#IT .term aliases=IT}\n\nTechnik.\n"
    assert mentions("Wir nennen es so, wie it ist.\n", **{"it.md": it}) == []
    assert mentions("Die IT ist da.\n", **{"it.md": it}) == [("IT", 3, 5, "link it: [IT](#IT)")]
    assert mentions("Ein llm ist kein LLM.\n")[0][1:3] == (3, 18)


def test_a_label_across_a_line_break_emphasis_and_typographic_quotes() -> None:
    assert mentions("Ein Large\nLanguage Model.\n") == [("LLM", 3, 5, "link it: [Large Language Model](#LLM)")]
    assert mentions("Ein **Large** Language *Model*.\n")[0][1:3] == (3, 7)
    assert mentions('„So" und "so" -- ein Sprachmodell.\n')[0][1:3] == (3, 22)
    assert mentions("A \\*B\\* &amp; C... ein Sprachmodell.\n")[0][1:3] == (3, 24)


def test_the_longest_label_wins_and_labels_do_not_overlap() -> None:
    model = "## Language Model {#LM .term}\n\nModell.\n"
    assert mentions("Ein Large Language Model.\n", **{"lm.md": model}) == [
        ("LLM", 3, 5, "link it: [Large Language Model](#LLM)")
    ]
    assert mentions("Ein Language Model.\n", **{"lm.md": model})[0][0] == "LM"


def test_the_entrys_own_labels_are_no_mentions_and_hide_shorter_labels() -> None:
    files = {"llm.md": LLM.replace("Ein großes Modell.", "Ein Large Language Model, kurz LLM, ist ein Modell."),
             "m.md": "## Language Model {#Modell .term aliases=Modell}\n\nText.\n"}
    found = findings(files, "unlinked-mention")
    assert [(d.span.path, d.get("target"), d.span.column) for d in found] == [("llm.md", "Modell", 45)]


def test_a_term_linked_before_its_mention_is_not_reported_one_linked_after_is() -> None:
    assert mentions("Ein [LLM](#LLM) ist ein Sprachmodell.\n") == []
    assert mentions("Ein Sprachmodell, also ein [LLM](#LLM).\n") == [("LLM", 3, 5, "link it: [Sprachmodell](#LLM)")]
    assert mentions("Ein [Teil](#LLM), ein Sprachmodell.\n") == []


def test_one_finding_per_entry_and_term() -> None:
    found = mentions("Ein LLM, ein Sprachmodell, ein Large Language Model und Embeddings.\n")
    assert [target for target, *_ in found] == ["LLM", "Embedding"]


def test_deprecated_and_draft_terms_are_not_matched() -> None:
    old = "## Deep Fake {#Deep-Fake .term status=deprecated replaced-by=Alpha}\n\nAlt.\n"
    draft = "## Entwurf {#Entwurf .term status=draft}\n\nBald.\n"
    assert mentions("Ein Deep Fake und ein Entwurf.\n", **{"d.md": old, "x.md": draft}) == []


def test_labels_with_marks_at_their_ends_or_one_letter_are_not_matched() -> None:
    files = {"c.md": "## C++ {#Cpp .term aliases=R}\n\nSprache.\n",
             "g.md": "## GPT-4.5 {#GPT-4.5 .term}\n\nModell.\n"}
    assert mentions("In C++ und R, mit GPT-4.5 oder GPT 4.5.\n", **files) == [
        ("GPT-4.5", 3, 19, "link it: [GPT-4.5](#GPT-4.5)")
    ]


def test_a_finding_per_mentioning_entry() -> None:
    files = {"a.md": entry("Alpha", "Alpha und Beta."), "b.md": entry("Beta", "Beta und Alpha."),
             "c.md": entry("Gamma", "Gamma, Alpha, Beta.")}
    found = findings(files, "unlinked-mention")
    assert sorted((d.get("id"), d.get("target")) for d in found) == [
        ("Alpha", "Beta"), ("Beta", "Alpha"), ("Gamma", "Alpha"), ("Gamma", "Beta"),
    ]


def test_the_rule_can_be_turned_off() -> None:
    files = {"a.md": entry("Alpha", "Alpha und Beta."), "b.md": entry("Beta")}
    assert findings(files, "unlinked-mention", levels={"unlinked-mention": "off"}) == []


def test_the_matcher_reads_each_word_once_whatever_the_number_of_labels() -> None:
    """A trie of first words: a text without any label's first word is not looked at further."""
    matcher = LabelMatcher((f"Begriff Nummer {n}", f"T{n}", False) for n in range(5000))
    text = "Kein Wort hier beginnt eine Bezeichnung. " * 200
    assert list(matcher.mentions(text)) == []
    assert len(matcher.root.children) == 1  # 5000 labels, one first word
    [found] = matcher.mentions("Siehe Begriff Nummer 4711.")
    assert (found.label.entry_ids, found.start, found.end) == (("T4711",), 6, 25)
