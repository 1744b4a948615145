"""Terms as concepts: aliases, hidden labels, status, successors and old ids."""

from __future__ import annotations

from glossary_build.core.model import Concept, Status
from glossary_build.graph.terms import TargetKind
from glossary_build.parse.concept import labels

from .support import CONCEPT_DEFECTS, entry, findings, graph_of

GLOSSARY = {"a.md": entry("Alpha"), "g.md": entry("Gamma"), "f.md": CONCEPT_DEFECTS}
CONCEPT_CODES = {
    "alias-clash", "formerly-clash", "broken-successor", "invalid-concept",
    "link-to-deprecated", "link-to-draft", "link-to-former-id",
}


def test_the_heading_keys_are_read_as_the_concept() -> None:
    graph = graph_of({
        "a.md": '## Large Language Model {#LLM .term aliases="LLM; Sprachmodell; LLMs" '
                'hidden="Large Langauge Model" status=admitted data-x=1}\n\nText.\n',
        "b.md": '## Deepfake {#Deepfake .term formerly="Deep-Fake-Video; DeepFake"}\n\nText.\n',
        "c.md": "## Deep Fake {#Deep-Fake .term status=deprecated replaced-by=Deepfake}\n\nText.\n",
    })
    llm, deepfake, deep_fake = graph.entries["LLM"], graph.entries["Deepfake"], graph.entries["Deep-Fake"]
    assert llm.concept == Concept(
        aliases=("LLM", "Sprachmodell", "LLMs"), hidden=("Large Langauge Model",), status=Status.ADMITTED
    )
    assert llm.heading.pairs == (("data-x", "1"),)  # concept keys are not put on the element
    assert deepfake.concept.formerly == ("Deep-Fake-Video", "DeepFake")
    assert (deep_fake.concept.status, deep_fake.concept.replaced_by) == (Status.DEPRECATED, "Deepfake")
    assert graph.former == {"Deep-Fake-Video": "Deepfake", "DeepFake": "Deepfake"}


def test_concept_keys_are_no_unsafe_html() -> None:
    files = {"a.md": '## Alpha {#Alpha .term aliases="A; B" status=draft}\n\nText.\n'}
    assert not [d for d in findings(files) if d.code == "unsafe-html"]


def test_a_link_to_an_old_id_leads_to_the_term() -> None:
    graph = graph_of({
        "a.md": "## Alpha {#Alpha .term}\n\nSiehe [alt](#Deep-Fake-Video).\n",
        "b.md": '## Deepfake {#Deepfake .term formerly="Deep-Fake-Video"}\n\nText.\n',
    })
    [target] = graph.resolved["Alpha"]
    assert target is not None and (target.kind, target.entry_id) == (TargetKind.ENTRY, "Deepfake")
    assert graph.backlinks["Deepfake"] == ("Alpha",)


def test_a_live_id_wins_over_an_old_one() -> None:
    graph = graph_of({
        "a.md": "## Alpha {#Alpha .term}\n\nSiehe [B](#Beta).\n",
        "b.md": '## Gamma {#Gamma .term formerly="Beta"}\n\nText.\n',
        "c.md": "## Beta {#Beta .term}\n\nText.\n",
    })
    [target] = graph.resolved["Alpha"]
    assert target is not None and target.entry_id == "Beta"
    assert graph.former == {}


def test_every_concept_finding_with_its_position_message_and_hint() -> None:
    found = [(d.format(), d.hint) for d in findings(GLOSSARY) if d.code in CONCEPT_CODES]
    assert found == [
        ("f.md:1:1: warning[alias-clash]: alias 'Gamma' of 'LLM' is also the id of 'Gamma'",
         "an alias leads to one term: remove it from one of them"),
        ("f.md:3:12: warning[link-to-draft]: 'Entwurf' is a draft: it is not on the published site",
         "publish the term (remove status=draft), or link it once it is"),
        ("f.md:3:12: warning[link-to-former-id]: 'Old-LLM' is an old id of 'Entwurf'", "link to [alt](#Entwurf)"),
        ("f.md:3:29: warning[link-to-deprecated]: 'Deep-Fake' is deprecated; use 'Nirgends' instead",
         "link to [DF](#Nirgends)"),
        ("f.md:3:50: warning[link-to-draft]: 'Entwurf' is a draft: it is not on the published site",
         "publish the term (remove status=draft), or link it once it is"),
        ("f.md:5:1: warning[broken-successor]: 'Deep-Fake' is replaced by 'Nirgends', which is no entry",
         "replaced-by names the id of the term to use instead"),
        ("f.md:5:1: warning[formerly-clash]: old id 'Alpha' of 'Deep-Fake' is a live id; links to it go there",
         "remove 'Alpha' from formerly, or rename the heading that has it"),
        (
            "f.md:13:1: warning[formerly-clash]: old id 'Old-LLM' of 'Neu' is also an old id of 'Entwurf'; "
            "links to it go to 'Entwurf'",
            "an old id leads to one term: remove 'Old-LLM' from one of them",
        ),
        ("f.md:13:20: warning[invalid-concept]: unknown status 'sehr'; read as preferred",
         "status is one of: preferred, admitted, deprecated, draft"),
    ]


def test_replaced_by_needs_a_successor_and_a_deprecated_status() -> None:
    files = {
        "a.md": (
            "## Alpha {#Alpha .term replaced-by=Beta}\n\nA.\n\n"
            "## Beta {#Beta .term status=deprecated replaced-by=\"\"}\n\nB.\n"
        ),
    }
    found = [d.format() for d in findings(files) if d.code == "invalid-concept"]
    assert found == [
        "a.md:1:24: warning[invalid-concept]: replaced-by=Beta on a term whose status is preferred",
        "a.md:5:40: warning[invalid-concept]: replaced-by names no successor",
    ]


def test_a_deprecated_term_linked_from_a_draft_and_drafts_linking_drafts() -> None:
    files = {
        "a.md": (
            "## Alpha {#Alpha .term status=draft}\n\n[B](#Beta).\n\n"
            "## Beta {#Beta .term status=draft}\n\n[A](#Alpha).\n"
        ),
    }
    assert not [d for d in findings(files) if d.code == "link-to-draft"]


def test_labels_are_split_at_semicolons_stripped_and_unique() -> None:
    assert labels(" LLM;  Sprachmodell ;;LLM; ") == ("LLM", "Sprachmodell")
