"""Unit tests of the checks over the term graph, one group per rule."""

from __future__ import annotations

import random
import string

from glossary_build.checks.run import CHECKS, run_checks
from glossary_build.checks.seealso import see_also_sections
from glossary_build.core.diagnostics import Severity
from glossary_build.core.rules import EMITS, RULES, apply_levels
from glossary_build.graph.suggest import Suggester, _deletions, _one_typo_apart

from .support import CONCEPT_DEFECTS, SEE_ALSO, entry, findings, graph_of, lines

PAIR = {
    "entries/a.md": entry("Alpha", see_also=("Beta",)),
    "entries/b.md": entry("Beta", see_also=("Alpha",)),
}


def test_a_clean_pair_has_no_findings():
    assert findings(PAIR) == []


# -- broken-reference ---------------------------------------------------------


def test_every_unresolved_reference_is_one_finding_with_its_kind():
    files = {
        "a.md": entry("Alpha", "Siehe [Gamma](#Gamma) und [Gamma](#Gamma).", ("Beta", "Gamma")),
        "b.md": entry("Beta", see_also=("Alpha",)),
    }
    broken = findings(files, "broken-reference")
    assert [(d.span.line, d.span.column, d.get("kind")) for d in broken] == [
        (3, 7, "inline"), (3, 27, "inline"), (7, 1, "see-also"),
    ]
    assert all(d.get("target") == "Gamma" for d in broken)


def test_case_only_mismatch_says_so():
    files = {**PAIR, "c.md": entry("Gamma", "Siehe [alpha](#alpha).", ("Alpha",))}
    (broken,) = findings(files, "broken-reference")
    assert broken.hint == "did you mean 'Alpha'? ids are case-sensitive and this differs only in case"


def test_hyphen_and_case_insensitive_match_comes_before_edit_distance():
    suggest = Suggester(["Fine-Tuning", "Fine-Tunings"])
    assert suggest("finetuning") == "did you mean 'Fine-Tuning'?"


def test_suggestions_cover_section_anchors():
    files = {
        "a.md": entry("Alpha", see_also=("Beta",)).replace(
            SEE_ALSO, "\n### Kernkonzept {.explanation}\n\nText.\n" + SEE_ALSO
        ),
        "b.md": entry("Beta", "Siehe [Kern](#kernkonzpt).", ("Alpha",)),
    }
    (broken,) = findings(files, "broken-reference")
    assert broken.hint == "did you mean 'kernkonzept' (a section of 'Alpha')?"


def test_entry_ids_are_preferred_over_section_anchors():
    assert Suggester(["transformer", "Transformator"])("Transformr") == "did you mean 'transformer'?"
    preferring = Suggester(["transformer", "Transformator"], preferred=["Transformator"])
    assert preferring("Transformr") == "did you mean 'Transformator'?"
    # Case-insensitive matches too: the entry id wins over an anchor spelt the same.
    assert Suggester(["kernkonzept", "Kernkonzept"], preferred=["Kernkonzept"])("KernKonzept") == (
        "did you mean 'Kernkonzept'? ids are case-sensitive and this differs only in case"
    )


def test_nothing_is_suggested_for_an_unrelated_id():
    assert Suggester(["Alpha", "Beta"])("Quantencomputer") is None


def edited(text: str, alphabet: str, rng: random.Random) -> str:
    """``text`` with one or two characters deleted, inserted or replaced."""
    chars = list(text)
    for _ in range(rng.randint(1, 2)):
        at = rng.randint(0, len(chars))
        chars[at : at + rng.randint(0, 1)] = rng.choice(["", rng.choice(alphabet)])
    return "".join(chars)


def test_one_typo_apart_is_whether_the_deletions_meet():
    rng = random.Random(5)
    for _ in range(20_000):
        alphabet = rng.choice(["ab", "abc", "abcd"])
        size = rng.choice([rng.randint(0, 6), rng.randint(21, 27)])
        a = "".join(rng.choice(alphabet) for _ in range(size))
        if rng.random() < 0.7:
            b = edited(a, alphabet, rng)
        else:
            b = "".join(rng.choice(alphabet) for _ in range(max(0, size + rng.randint(-1, 1))))
        assert _one_typo_apart(a, b) == bool(_deletions(a) & _deletions(b)), (a, b)


def test_every_id_one_typo_away_is_a_candidate():
    """Without an index of every id's deletions: the trigram count must still find them all."""
    rng = random.Random(9)
    for alphabet, lengths in (("ab-", (1, 8)), ("abcde", (3, 26)), ("abcdefghij-", (5, 30))):
        ids = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randint(*lengths))) for _ in range(600)})
        suggest = Suggester(ids, preferred=ids[::4])
        for _ in range(300):
            folded = edited(rng.choice(ids), alphabet, rng)
            typos = {i for i, ident in enumerate(suggest.folded) if _deletions(ident) & _deletions(folded)}
            assert typos <= suggest._candidates(folded), folded


def test_the_suggester_finds_every_deletion_among_10000_ids():
    """The prefilter keeps it fast (timed by ``benchmarks/suggester.py``, not here) without
    losing an id one character away: every deletion of an id is found again."""
    rng = random.Random(3)
    words = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 9))) for _ in range(3000)]
    compounds = {"-".join(rng.choice(words).capitalize() for _ in range(rng.randint(1, 3))) for _ in range(10_500)}
    ids = sorted(compounds)[:10_000]
    targets = []
    for n in range(2000):
        base = rng.choice(ids)
        cut = rng.randrange(len(base))
        targets.append(base[:cut] + base[cut + 1 :] if n % 2 else rng.choice(words) + "-" + rng.choice(words))
    suggest = Suggester(ids)
    hints = [suggest(target) for target in targets]
    assert all(hint is not None for hint in hints[1::2])


# -- duplicate-id -----------------------------------------------------------------


def test_three_copies_name_every_other_place():
    files = {
        "a.md": entry("Alpha", see_also=("Beta",)),
        "b.md": entry("Beta", see_also=("Alpha",)),
        "c.md": entry("Alpha", see_also=("Beta",)),
        "d/e.md": entry("Alpha", see_also=("Beta",)),
    }
    duplicates = findings(files, "duplicate-id")
    assert lines(duplicates) == [
        "c.md:1:1: error[duplicate-id]: id 'Alpha' is already defined at a.md:1:1",
        "d/e.md:1:1: error[duplicate-id]: id 'Alpha' is already defined at a.md:1:1",
    ]
    assert [str(r.span) for r in duplicates[0].related] == ["a.md:1:1", "d/e.md:1:1"]
    assert [str(r.span) for r in duplicates[1].related] == ["a.md:1:1", "c.md:1:1"]


# -- entries --------------------------------------------------------------------------


def test_orphan_term_ignores_self_links_and_the_index():
    files = {
        **PAIR,
        "c.md": entry("Gamma", "Gamma, siehe [Gamma](#Gamma) und [Index](#Index).", ("Alpha",)),
    }
    assert lines(findings(files, "orphan-term")) == ["c.md:1:1: info[orphan-term]: no other entry links to 'Gamma'"]


def test_a_link_to_a_section_counts_as_a_link_to_its_entry():
    files = {
        "a.md": "## Alpha {#Alpha .term}\n\nAlpha.\n\n### Teil {#alpha-teil}\n\nT.\n" + SEE_ALSO + "[Beta](#Beta) |\n",
        "b.md": entry("Beta", see_also=("alpha-teil",)),
    }
    assert findings(files, "orphan-term") == []
    assert findings(files, "asymmetric-see-also") == []


def test_empty_entry_and_missing_definition():
    files = {
        **PAIR,
        "c.md": "## Gamma {#Gamma .term}\n" + SEE_ALSO + "[Alpha](#Alpha) |\n",
        "d.md": "## Delta {#Delta .term}\n",
        "e.md": (
            "## Epsilon {#Epsilon .term}\n\n***Kurz gesagt: nur eine Tagline.***\n" + SEE_ALSO + "[Alpha](#Alpha) |\n"
        ),
        "f.md": "## Zeta {#Zeta .term}\n\n- nur\n- eine Liste\n" + SEE_ALSO + "[Alpha](#Alpha) |\n",
    }
    assert lines(findings(files, "empty-entry")) == [
        "c.md:1:1: warning[empty-entry]: entry 'Gamma' has no text before its first section",
        "d.md:1:1: warning[empty-entry]: entry 'Delta' has no text at all",
    ]
    assert lines(findings(files, "missing-definition")) == [
        "e.md:1:1: info[missing-definition]: the lead of 'Epsilon' has no ordinary paragraph"
        " to serve as its definition",
        "f.md:1:1: info[missing-definition]: the lead of 'Zeta' has no ordinary paragraph to serve as its definition",
    ]


# -- see-also ---------------------------------------------------------------------------


def test_missing_see_also_is_reported_at_the_entry_heading():
    files = {**PAIR, "c.md": "\n" + entry("Gamma", "Siehe [Alpha](#Alpha).", see_also=None)}
    assert lines(findings(files, "missing-see-also")) == [
        "c.md:2:1: warning[missing-see-also]: entry 'Gamma' has no see-also section"
    ]


def test_empty_see_also_section():
    files = {**PAIR, "c.md": entry("Gamma", "Siehe [Alpha](#Alpha) und [Beta](#Beta).", ()) + "\n----\n"}
    assert lines(findings(files, "empty-see-also")) == [
        "c.md:5:1: warning[empty-see-also]: the see-also section of 'Gamma' is empty"
    ]


def test_see_also_text_items_are_reported_where_they_are():
    text = (
        "## Gamma {#Gamma .term}\n\nGamma.\n" + SEE_ALSO
        + "[Alpha](#Alpha) | Delta (geplant) |\n  Epsilon |\n[Beta](https://example.org/beta)\n"
    )
    files = {
        "a.md": entry("Alpha", see_also=("Beta", "Gamma")),
        "b.md": entry("Beta", see_also=("Alpha", "Gamma")),
        "c.md": text,
    }
    assert lines(findings(files, "see-also-text")) == [
        "c.md:6:19: warning[see-also-text]: see-also item 'Delta (geplant)' is text, not a link",
        "c.md:7:3: warning[see-also-text]: see-also item 'Epsilon' is text, not a link",
        "c.md:8:1: warning[see-also-text]: see-also item 'Beta' links outside the glossary",
    ]


def test_see_also_self_link_to_entry_and_to_own_section():
    text = "## Alpha {#Alpha .term}\n\nA.\n\n### Teil {#alpha-teil}\n\nT.\n" + SEE_ALSO + (
        "[Alpha](#Alpha) |\n[Teil](#alpha-teil) |\n[Beta](#Beta) |\n"
    )
    files = {"a.md": text, "b.md": entry("Beta", see_also=("Alpha",))}
    assert lines(findings(files, "see-also-self")) == [
        "a.md:10:1: warning[see-also-self]: see-also link 'Alpha' leads to its own entry 'Alpha'",
        "a.md:11:1: warning[see-also-self]: see-also link 'Teil' leads to a section of its own entry 'Alpha'",
    ]


def test_see_also_duplicate_names_the_first():
    files = {
        "a.md": entry("Alpha", see_also=("Beta", "Index", "Beta", "Beta")),
        "b.md": entry("Beta", see_also=("Alpha",)),
    }
    duplicates = findings(files, "see-also-duplicate")
    assert lines(duplicates) == [
        "a.md:8:1: warning[see-also-duplicate]: '#Beta' is listed twice in the see-also section of 'Alpha'",
        "a.md:9:1: warning[see-also-duplicate]: '#Beta' is listed twice in the see-also section of 'Alpha'",
    ]
    assert [(str(r.span), r.message) for r in duplicates[0].related] == [("a.md:6:1", "first listed here")]


def test_see_also_duplicate_is_per_section():
    text = entry("Alpha", see_also=("Beta",)) + "\n### Mehr {.seealso}\n[Beta](#Beta) |\n"
    files = {"a.md": text, "b.md": entry("Beta", see_also=("Alpha",))}
    graph = graph_of(files)
    assert [len(s.links) for s in see_also_sections(graph, graph.entries["Alpha"])] == [1, 1]
    assert findings(files, "see-also-duplicate") == []


def test_see_also_unsorted_is_off_by_default_and_uses_german_collation():
    files = {
        "a.md": "## Alpha {#Alpha .term}\n\nA.\n" + SEE_ALSO
        + "[Über](#Ueber) |\n[Index](#Index) |\n[Zeta](#Zeta) |\n[ober](#Ober) |\n",
    }
    assert findings(files, "see-also-unsorted") == []
    (unsorted,) = findings(files, "see-also-unsorted", levels={"see-also-unsorted": "warning"})
    assert unsorted.format() == (
        "a.md:6:1: warning[see-also-unsorted]: see-also links of 'Alpha' are not in alphabetical order: "
        "'ober' should come before 'Über'"
    )
    assert unsorted.hint == "order: ober, Über, Zeta, Index"


def test_sorted_see_also_with_umlauts_and_index_last_passes():
    files = {
        "a.md": "## Alpha {#Alpha .term}\n\nA.\n" + SEE_ALSO
        + "[Äpfel](#A1) |\n[apfelbaum](#A2) |\n[Öl](#O) |\n[Straße](#S) |\n[Index](#Index) |\n",
    }
    assert findings(files, "see-also-unsorted", levels={"see-also-unsorted": "warning"}) == []


def test_asymmetric_see_also_once_per_pair():
    files = {
        "a.md": entry("Alpha", see_also=("Beta", "Gamma", "Gamma")),
        "b.md": entry("Beta", see_also=("Alpha",)),
        "c.md": entry("Gamma", "Siehe [Alpha](#Alpha).", see_also=None),
    }
    asymmetric = findings(files, "asymmetric-see-also")
    assert lines(asymmetric) == [
        "a.md:7:1: info[asymmetric-see-also]: 'Alpha' lists 'Gamma' under see-also, but 'Gamma' does not list 'Alpha'"
    ]
    assert asymmetric[0].hint == "add [Alpha](#Alpha) to the see-also section of 'Gamma'"
    assert str(asymmetric[0].related[0].span) == "c.md:1:1"


def test_every_rule_has_a_check_or_a_parser_source():
    """Each registered rule can actually be produced (guards against typos in codes)."""
    produced = {"broken-reference", "duplicate-id", "case-collision", "invalid-attributes",
                "content-outside-entry", "file-without-entry", "missing-term-class", "invalid-utf8", "io-error",
                "pandoc-incompatible", "binary-file", "math-error", "unsafe-html",
                # A multilingual glossary's: tests/checks/test_languages.py, tests/sources/test_languages.py
                "language-layout", "link-to-other-language",
                # The translation status's: tests/checks/test_translations.py, tests/cli/test_translations.py
                "outdated-translation", "missing-translation", "invalid-translations"}
    files = {
        "a.md": "## Alpha {#Alpha .term}\n" + SEE_ALSO + "[Alpha](#Alpha) |\n[Beta](#Beta) |\n[Beta](#Beta) |\nText |\n"
        "\n### Mehr {.seealso}\n\n----\n",
        "b.md": "## Beta {#Beta .term}\n\n- Liste\n" + SEE_ALSO + "[Gamma](#Gamma) |\n[Alpha](#Alpha) |\n",
        "c.md": "## Gamma {#Gamma .term}\n\nG.\n",
        "d.md": "## Delta {#Delta .term}\n\nNiemand verweist hierher.\n",
        "f.md": CONCEPT_DEFECTS,
    }
    levels = {code: "warning" for code in RULES}
    codes = {d.code for d in findings(files, levels=levels)}
    assert set(RULES) - produced <= codes, set(RULES) - produced - codes
    assert all(d.severity is Severity.WARNING for d in findings(files, levels=levels))


def test_run_checks_accepts_a_subset():
    from glossary_build.checks.terms import orphan_terms

    graph = graph_of({"a.md": entry("Alpha", see_also=None)})
    assert [d.code for d in run_checks(graph, [orphan_terms])] == ["orphan-term"]


def test_each_check_declares_the_rules_it_emits():
    files = {
        "a.md": "## Alpha {#Alpha .term}\n" + SEE_ALSO + "[Alpha](#Alpha) |\n[Beta](#Beta) |\n[Beta](#Beta) |\nText |\n"
        "\n### Mehr {.seealso}\n\n----\n",
        "b.md": (
            "## Beta {#Beta .term}\n\n- Liste\n" + SEE_ALSO + "[Gamma](#Gamma) |\n[Alpha](#Alpha) |\n[Omega](#Omga) |\n"
        ),
        "c.md": "## Gamma {#Gamma .term}\n\nG.\n\n## Gamma {#gamma .term}\n\nG.\n\n## Alpha {#Alpha .term}\n\nA.\n",
        "d.md": "## Delta {#Delta .term}\n\nNiemand verweist hierher.\n",
        "e.md": entry("Omega", see_also=("Alpha",)),
        "f.md": CONCEPT_DEFECTS,
    }
    graph = graph_of(files)
    emitted = set()
    for check in CHECKS:
        codes = {d.code for d in check(graph)}
        assert codes <= set(EMITS[check]), (check.__name__, codes)
        emitted |= codes
    assert emitted == {code for check in CHECKS for code in EMITS[check]}


def test_checks_whose_rules_are_all_off_are_not_run():
    files = {
        "a.md": entry("Alpha", see_also=("Gamma", "Beta", "Zeta")),
        "b.md": entry("Beta", see_also=None),
        "c.md": "## Gamma {#Gamma .term}\n\n- Liste\n" + SEE_ALSO + "[Alpha](#Alpha) |\n",
    }
    graph = graph_of(files)
    everything = run_checks(graph)
    assert {"see-also-unsorted", "missing-definition", "broken-reference"} <= {d.code for d in everything}
    for levels in ({}, {"see-also-unsorted": "info"}, {"missing-definition": "off"},
                   {"broken-reference": "off", "empty-entry": "off", "missing-definition": "off"},
                   {code: "off" for code in RULES}, {code: "info" for code in RULES}):
        skipped = run_checks(graph, levels=levels)
        assert apply_levels(skipped, levels) == apply_levels(everything, levels), levels
    assert "see-also-unsorted" not in {d.code for d in run_checks(graph, levels={})}
    # empty_entries emits two rules: it runs while one of them is on.
    assert {d.code for d in run_checks(graph, levels={"empty-entry": "off"})} >= {"missing-definition"}
    assert run_checks(graph, levels={code: "off" for code in RULES}) == []


def test_broken_references_everywhere_in_an_entry_are_each_found_once():
    text = (
        "Vorab, siehe [Eins](#Eins).\n\n"  # before the first entry: kept with it
        "## Alpha [Zwei](#Zwei) {#Alpha .term}\n\n"  # in the entry heading
        "***Kurz gesagt: [Drei](#Drei).***\n\n"  # in a tagline
        "Alpha, siehe **[Vier](#Vier)**.\n\n"  # inside emphasis
        "### Teil mit [Fünf](#F%C3%BCnf) {.explanation}\n\n"  # in a section heading, percent-encoded
        "- Liste mit [Sechs](#Sechs)\n\n"
        "### Siehe auch {.seealso}\n"
        "- [Sieben](#Sieben)\n- [Beta](#Beta)\n\n"  # see-also written as a list
        "----\n\nNachtrag mit [Acht](#Acht).\n"  # after the closing rule
    )
    files = {"a.md": text, "b.md": entry("Beta", see_also=("Alpha",))}
    broken = findings(files, "broken-reference")
    assert [(d.get("target"), d.span.line, d.get("kind")) for d in broken] == [
        ("Eins", 1, "inline"), ("Zwei", 3, "inline"), ("Drei", 5, "inline"), ("Vier", 7, "inline"),
        ("Fünf", 9, "inline"), ("Sechs", 11, "inline"), ("Sieben", 14, "see-also"), ("Acht", 19, "inline"),
    ]
