"""``glossary-build export``: SKOS (Turtle, JSON-LD), TBX-Basic, CSV and JSON, parsed back with
the well-kept library for each format (rdflib, xml.etree, csv, jsonschema)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, SKOS

from glossary_build.core.model import Status
from glossary_build.export import FORMATS
from glossary_build.export.csv_rows import csv_rows
from glossary_build.export.jsonld import skos_json_ld
from glossary_build.export.tbx import tbx_basic, xml_id
from glossary_build.export.terms import Term, Vocabulary
from glossary_build.export.turtle import skos_turtle
from tests.support import ROOT, run_cli

BASE = "https://example.org/glossar/"
TITLE = 'KI-Glossar "Test" <&>'
URN = "urn:x-glossary:KI-Glossar%20%22Test%22%20%3C%26%3E"

FILES = {
    "glossary.yml": f"title: '{TITLE}'\nlanguage: de\nbase_url: {BASE}\n",
    "entries/llm.md": (
        '## Large Language Model {#LLM .term aliases="LLM; Sprachmodell; LLMs" '
        'hidden="Large Langauge Model; Large Languange Model"}\n\n'
        'Ein **LLM** ist ein Sprachmodell: `print("a\\b")`, <&> und Ümläute.\n\n'
        "### Siehe auch {.seealso}\n"
        "[Deepfake](#Deepfake) |\n"
        "[Deep-Fake-Video](#Deep-Fake-Video) |\n"  # an old id of Deepfake: one relation
        "[Entwurf](#Entwurf) |\n"  # a draft: left out with it
        "[Fehlt](#Fehlt) |\n"  # not written
        "[Kern](#kern) |\n"  # a section, not a term
        "Nur Text |\n"
        "[Index](#Index) |\n\n"
        "----\n"
    ),
    "entries/deepfake.md": (
        "## Deep Fake {#Deep-Fake .term status=deprecated replaced-by=Deepfake}\n\n"
        "Die alte Schreibweise.\n\n"
        "### Siehe auch {.seealso}\n[Deepfake](#Deepfake) |\n\n----\n\n"
        '## Deepfake {#Deepfake .term formerly="Deep-Fake-Video; DeepFake"}\n\n'
        "Gefälschte Medien.\n\n"
        "### Kern {.explanation}\n\nMehr.\n\n"
        "### Siehe auch {.seealso}\n[LLM](#LLM) |\n\n----\n\n"
        "## Altbegriff {#Altbegriff .term status=deprecated replaced-by=DeepFake}\n\n"
        "Über eine alte Id ersetzt.\n\n----\n\n"
        "## Verwaist {#Verwaist .term status=deprecated}\n\nOhne Nachfolger.\n"
    ),
    "entries/more.md": (
        "## Entwurf {#Entwurf .term status=draft}\n\nNoch nicht fertig.\n\n"
        "### Siehe auch {.seealso}\n[LLM](#LLM) |\n\n----\n\n"
        '## Zulässig {#Zulaessig .term status=admitted aliases="Zul."}\n\nEin zugelassener Begriff.\n\n----\n\n'
        "## Agent und Tool {#Agent:Tool .term}\n\nMit Doppelpunkt, Komma und \"Zitat\".\n\n----\n\n"
        "## 68–95–99,7-Regel {#68_95_997_rule .term}\n\nEine Id mit Ziffer vorn.\n"
    ),
}
# A deprecation inside rdflib's JSON-LD parser, not in the export.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

PUBLISHED = {"LLM", "Deep-Fake", "Deepfake", "Altbegriff", "Verwaist", "Zulaessig", "Agent:Tool", "68_95_997_rule"}
PAGES = {"Agent:Tool": "Agent~3aTool/index.html"}


def write_glossary(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    return root


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_glossary(tmp_path_factory.mktemp("export"), FILES)


@pytest.fixture(scope="module")
def without_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {**FILES, "glossary.yml": f"title: '{TITLE}'\nlanguage: de\n"}
    return write_glossary(tmp_path_factory.mktemp("export-urn"), files)


def export(root: Path, format_name: str, *options: str) -> str:
    """The export's text, written by the real command line to a file."""
    out = root / f"out.{format_name}"
    result = run_cli("export", "--format", format_name, "--output", str(out), *options, cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    return out.read_bytes().decode("utf-8")  # as written: CSV rows end with CRLF


def iri(term_id: str) -> URIRef:
    return URIRef(BASE + PAGES.get(term_id, f"{term_id}/index.html"))


def de(text: str) -> Literal:
    return Literal(text, lang="de")


def library_graph(root: Path) -> Any:
    """The term graph as the library reads it, to compare the exports with."""
    from glossary_build.build import pipeline
    from glossary_build.core.config import load_config

    return pipeline.check(load_config(root / "glossary.yml"), use_cache=False).graph


# --- SKOS -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def turtle(glossary: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(data=export(glossary, "skos"), format="turtle")


def test_skos_has_a_concept_scheme_and_a_concept_per_published_term(turtle: rdflib.Graph) -> None:
    scheme = URIRef(BASE)
    assert set(turtle.subjects(RDF.type, SKOS.ConceptScheme)) == {scheme}
    assert set(turtle.objects(scheme, DCTERMS.title)) == {de(TITLE)}
    concepts = set(turtle.subjects(RDF.type, SKOS.Concept))
    assert concepts == {iri(term_id) for term_id in PUBLISHED}
    assert set(turtle.objects(scheme, SKOS.hasTopConcept)) == concepts
    for concept in concepts:
        assert set(turtle.objects(concept, SKOS.inScheme)) == {scheme}
        assert set(turtle.objects(concept, SKOS.topConceptOf)) == {scheme}


def test_skos_labels_carry_the_language(turtle: rdflib.Graph) -> None:
    llm = iri("LLM")
    assert set(turtle.objects(llm, SKOS.prefLabel)) == {de("Large Language Model")}
    assert set(turtle.objects(llm, SKOS.altLabel)) == {de("LLM"), de("Sprachmodell"), de("LLMs")}
    assert set(turtle.objects(llm, SKOS.hiddenLabel)) == {de("Large Langauge Model"), de("Large Languange Model")}
    assert set(turtle.objects(llm, SKOS.definition)) == {
        de('Ein LLM ist ein Sprachmodell: print("a\\b"), <&> und Ümläute.')
    }
    assert set(turtle.objects(iri("Agent:Tool"), SKOS.prefLabel)) == {de("Agent und Tool")}


def test_skos_labels_and_definitions_are_the_entries(glossary: Path, turtle: rdflib.Graph) -> None:
    graph = library_graph(glossary)
    for term_id in PUBLISHED:
        entry = graph.entries[term_id]
        assert set(turtle.objects(iri(term_id), SKOS.prefLabel)) == {de(entry.title_text)}
        assert set(turtle.objects(iri(term_id), SKOS.definition)) == {de(entry.definition_text)}
        assert set(turtle.objects(iri(term_id), SKOS.notation)) == {Literal(term_id)}


def test_skos_related_comes_from_see_also_links_to_exported_terms(turtle: rdflib.Graph) -> None:
    # The old id leads to Deepfake too; the draft, the missing id, the section and the index do not count.
    assert list(turtle.objects(iri("LLM"), SKOS.related)) == [iri("Deepfake")]
    assert set(turtle.objects(iri("Deepfake"), SKOS.related)) == {iri("LLM")}
    assert set(turtle.objects(iri("Zulaessig"), SKOS.related)) == set()


def test_skos_deprecated_terms_name_their_successor(turtle: rdflib.Graph) -> None:
    deep_fake = iri("Deep-Fake")
    assert set(turtle.objects(deep_fake, OWL.deprecated)) == {Literal(True)}
    assert set(turtle.objects(deep_fake, DCTERMS.isReplacedBy)) == {iri("Deepfake")}
    assert set(turtle.objects(deep_fake, SKOS.historyNote)) == {de("Veraltet; ersetzt durch „Deepfake“.")}
    assert set(turtle.objects(deep_fake, SKOS.editorialNote)) == {Literal("status: deprecated")}
    # replaced-by through an old id of the successor
    assert set(turtle.objects(iri("Altbegriff"), DCTERMS.isReplacedBy)) == {iri("Deepfake")}
    assert set(turtle.objects(iri("Deepfake"), DCTERMS.replaces)) == {iri("Deep-Fake"), iri("Altbegriff")}
    # deprecated without successor
    assert set(turtle.objects(iri("Verwaist"), DCTERMS.isReplacedBy)) == set()
    assert set(turtle.objects(iri("Verwaist"), SKOS.historyNote)) == {de("Veraltet.")}
    # a preferred term is none of this
    for predicate in (OWL.deprecated, SKOS.historyNote, SKOS.editorialNote, DCTERMS.isReplacedBy):
        assert set(turtle.objects(iri("LLM"), predicate)) == set()
    assert set(turtle.objects(iri("Zulaessig"), SKOS.editorialNote)) == {Literal("status: admitted")}


def test_skos_old_ids_are_identifiers_not_labels(turtle: rdflib.Graph) -> None:
    deepfake = iri("Deepfake")
    assert set(turtle.objects(deepfake, DCTERMS.identifier)) == {
        Literal("Deepfake"), Literal("Deep-Fake-Video"), Literal("DeepFake")
    }
    labels = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for o in turtle.objects(deepfake, p)}
    assert labels == {"Deepfake"}


def test_skos_with_drafts(glossary: Path) -> None:
    graph = rdflib.Graph().parse(data=export(glossary, "skos", "--drafts"), format="turtle")
    assert set(graph.objects(iri("Entwurf"), SKOS.editorialNote)) == {Literal("status: draft")}
    assert set(graph.objects(iri("LLM"), SKOS.related)) == {iri("Deepfake"), iri("Entwurf")}


def test_jsonld_is_the_same_graph_as_turtle(glossary: Path, turtle: rdflib.Graph) -> None:
    text = export(glossary, "jsonld")
    document = json.loads(text)
    assert document["@context"]["@language"] == "de"
    assert document["@context"]["skos"] == str(SKOS)
    json_ld = rdflib.Graph().parse(data=text, format="json-ld")
    assert len(json_ld) == len(turtle) > 80
    assert isomorphic(json_ld, turtle)


def test_jsonld_keeps_ids_free_of_a_language(glossary: Path) -> None:
    graph = rdflib.Graph().parse(data=export(glossary, "jsonld"), format="json-ld")
    assert set(graph.objects(iri("Deep-Fake"), DCTERMS.identifier)) == {Literal("Deep-Fake")}
    assert set(graph.objects(iri("Deep-Fake"), SKOS.prefLabel)) == {de("Deep Fake")}
    assert set(graph.objects(iri("Deep-Fake"), OWL.deprecated)) == {Literal(True)}


def test_without_base_url_the_iris_are_urns(without_base: Path) -> None:
    graph = rdflib.Graph().parse(data=export(without_base, "skos"), format="turtle")
    assert set(graph.subjects(RDF.type, SKOS.ConceptScheme)) == {URIRef(URN)}
    assert set(graph.subjects(RDF.type, SKOS.Concept)) == {
        URIRef(f"{URN}:{term_id.replace(':', '%3A')}") for term_id in PUBLISHED
    }
    jsonld = rdflib.Graph().parse(data=export(without_base, "jsonld"), format="json-ld")
    assert isomorphic(graph, jsonld)


# --- TBX ------------------------------------------------------------------------------------------

NS = "{urn:iso:std:iso:30042:ed-2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NCNAME = re.compile(r"[^\W\d][\w.\-\u00b7]*")  # a conservative xsd:ID

# What the TBX-Basic dialect's schematron (TBX-Basic_DCA.sch) permits: the data-category
# types of each element, and on which levels a type may stand.
TYPES = {
    "admin": {"customerSubset", "projectSubset", "source"},
    "descrip": {"subjectField", "context", "definition"},
    "ref": {"crossReference"},
    "termNote": {"administrativeStatus", "partOfSpeech", "geographicalUsage", "grammaticalGender",
                 "termLocation", "termType"},
    "xref": {"externalCrossReference", "xGraphic"},
}
LEVELS = {
    ("descrip", "definition"): {"conceptEntry", "langSec"},
    ("ref", "crossReference"): {"conceptEntry", "termSec"},
    ("xref", "externalCrossReference"): {"conceptEntry", "langSec", "termSec"},
}
STATUSES = {"admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "preferredTerm-admn-sts"}


def local(element: ET.Element) -> str:
    assert element.tag.startswith(NS), element.tag
    return element.tag[len(NS):]


def parents(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def check_tbx_basic(root: ET.Element) -> None:
    """The TBX v3 core structure and the TBX-Basic dialect's rules, as far as this export uses them."""
    assert local(root) == "tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    assert [local(child) for child in root] == ["tbxHeader", "text"]
    up = parents(root)
    ids = [entry.get("id") for entry in root.iter(f"{NS}conceptEntry")]
    assert len(ids) == len(set(ids)) and all(i and NCNAME.fullmatch(i) for i in ids), ids
    for element in root.iter():
        name = local(element)
        if name in TYPES:
            assert element.get("type") in TYPES[name], (name, element.get("type"))
            allowed = LEVELS.get((name, element.get("type")))
            assert allowed is None or local(up[element]) in allowed, (name, local(up[element]))
        if name == "termNote":
            assert local(up[element]) == "termSec"
            if element.get("type") == "administrativeStatus":
                assert element.text in STATUSES
        target = element.get("target")
        if target is not None:  # an IDREF, or an http(s) URL
            assert target in ids or re.match(r"https?://.+", target), target
        if name == "conceptEntry":
            children = [local(child) for child in element]
            assert "langSec" in children and set(children[children.index("langSec"):]) == {"langSec"}
        if name == "langSec":
            assert element.get(XML_LANG)
            children = [local(child) for child in element]
            assert "termSec" in children and set(children[children.index("termSec"):]) == {"termSec"}
        if name == "termSec":
            children = [local(child) for child in element]
            assert children[0] == "term" and children.count("term") == 1


def concept_entries(root: ET.Element) -> dict[str, ET.Element]:
    return {entry.get("id") or "": entry for entry in root.iter(f"{NS}conceptEntry")}


def term_secs(entry: ET.Element) -> list[tuple[str, str | None]]:
    """Each termSec as (term, administrative status)."""
    found = []
    for term_sec in entry.iter(f"{NS}termSec"):
        status = term_sec.find(f"{NS}termNote[@type='administrativeStatus']")
        found.append((term_sec.findtext(f"{NS}term") or "", None if status is None else status.text))
    return found


@pytest.fixture(scope="module")
def tbx(glossary: Path) -> ET.Element:
    return ET.fromstring(export(glossary, "tbx"))


def test_tbx_is_tbx_basic(tbx: ET.Element) -> None:
    check_tbx_basic(tbx)
    assert tbx.get(XML_LANG) == "de"
    assert tbx.findtext(f"{NS}tbxHeader/{NS}fileDesc/{NS}titleStmt/{NS}title") == TITLE
    assert set(concept_entries(tbx)) == {xml_id(term_id) for term_id in PUBLISHED}


def test_tbx_ids_that_are_no_xml_names_are_escaped() -> None:
    assert xml_id("LLM") == "LLM"
    assert xml_id("KI-Ökosystem") == "KI-Ökosystem"
    assert xml_id("Agent:Tool") == "_Agent_3A_Tool"
    assert xml_id("68_95_997_rule") == "_68_5F_95_5F_997_5F_rule"
    assert xml_id("_x") == "__5F_x"
    ids = ["a_b", "a:b", "_a_3A_b", "a b", "1", "_31_", "__31__"]
    assert len({xml_id(i) for i in ids}) == len(ids)
    assert all(NCNAME.fullmatch(xml_id(i)) for i in ids)


def test_tbx_statuses_of_titles_and_aliases(tbx: ET.Element) -> None:
    entries = concept_entries(tbx)
    assert term_secs(entries["LLM"]) == [
        ("Large Language Model", "preferredTerm-admn-sts"), ("LLM", "admittedTerm-admn-sts"),
        ("Sprachmodell", "admittedTerm-admn-sts"), ("LLMs", "admittedTerm-admn-sts"),
    ]  # hidden labels are no terms
    assert term_secs(entries["Zulaessig"]) == [("Zulässig", "admittedTerm-admn-sts"), ("Zul.", "admittedTerm-admn-sts")]
    assert term_secs(entries["Deep-Fake"]) == [("Deep Fake", "deprecatedTerm-admn-sts")]
    assert term_secs(entries[xml_id("Agent:Tool")]) == [("Agent und Tool", "preferredTerm-admn-sts")]


def test_tbx_definitions_and_references(tbx: ET.Element) -> None:
    entries = concept_entries(tbx)
    llm = entries["LLM"]
    assert llm.findtext(f"{NS}langSec/{NS}descrip[@type='definition']") == (
        'Ein LLM ist ein Sprachmodell: print("a\\b"), <&> und Ümläute.'
    )
    see_also = [(ref.get("target"), ref.text) for ref in llm.findall(f"{NS}ref[@type='crossReference']")]
    assert see_also == [("Deepfake", "Deepfake")]
    page = llm.find(f"{NS}xref[@type='externalCrossReference']")
    assert page is not None and page.get("target") == BASE + "LLM/index.html"
    successor = entries["Deep-Fake"].find(f"{NS}langSec/{NS}termSec/{NS}ref[@type='crossReference']")
    assert successor is not None and (successor.get("target"), successor.text) == ("Deepfake", "Deepfake")
    assert entries["Altbegriff"].find(f"{NS}langSec/{NS}termSec/{NS}ref").get("target") == "Deepfake"  # type: ignore[union-attr]
    assert entries["Verwaist"].find(f"{NS}langSec/{NS}termSec/{NS}ref") is None


def test_tbx_with_drafts_and_without_base_url(without_base: Path) -> None:
    root = ET.fromstring(export(without_base, "tbx", "--drafts"))
    check_tbx_basic(root)
    draft = concept_entries(root)["Entwurf"]
    assert term_secs(draft) == [("Entwurf", None)]  # TBX-Basic has no status for drafts
    assert draft.findtext(f"{NS}note") == "status: draft"
    assert not list(root.iter(f"{NS}xref"))  # no page URL without base_url


# --- CSV and JSON ---------------------------------------------------------------------------------


def test_csv_has_a_row_per_term(glossary: Path) -> None:
    text = export(glossary, "csv")
    assert text.startswith("id,title,aliases,status,definition,url,replaced_by\r\n")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}
    assert set(rows) == PUBLISHED
    assert rows["LLM"] == {
        "id": "LLM", "title": "Large Language Model", "aliases": "LLM; Sprachmodell; LLMs", "status": "preferred",
        "definition": 'Ein LLM ist ein Sprachmodell: print("a\\b"), <&> und Ümläute.',
        "url": BASE + "LLM/index.html", "replaced_by": "",
    }
    assert (rows["Deep-Fake"]["status"], rows["Deep-Fake"]["replaced_by"]) == ("deprecated", "Deepfake")
    assert rows["Altbegriff"]["replaced_by"] == "Deepfake"
    assert rows["Agent:Tool"]["definition"] == 'Mit Doppelpunkt, Komma und „Zitat“.'
    assert rows["Agent:Tool"]["url"] == BASE + "Agent~3aTool/index.html"


def test_csv_without_base_url_gives_the_page_path(without_base: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(export(without_base, "csv"), newline="")))
    assert {row["id"]: row["url"] for row in rows}["LLM"] == "LLM/index.html"


def schema() -> dict[str, Any]:
    return json.loads((ROOT / "docs" / "export-json-schema.json").read_text("utf-8"))


def test_json_follows_its_schema(glossary: Path) -> None:
    data = json.loads(export(glossary, "json", "--drafts"))
    jsonschema.Draft202012Validator(schema()).validate(data)
    assert (data["title"], data["language"], data["iri"], data["base_url"], data["drafts"]) == (
        TITLE, "de", BASE, BASE, True,
    )
    terms = {term["id"]: term for term in data["terms"]}
    assert set(terms) == PUBLISHED | {"Entwurf"}
    assert terms["LLM"]["see_also"] == ["Deepfake", "Entwurf"]
    assert terms["LLM"]["hidden"] == ["Large Langauge Model", "Large Languange Model"]
    assert (terms["Altbegriff"]["replaced_by"], terms["Altbegriff"]["successor"]) == ("DeepFake", "Deepfake")
    assert terms["Deepfake"]["formerly"] == ["Deep-Fake-Video", "DeepFake"]
    assert terms["Deepfake"]["source"] == {"path": "entries/deepfake.md", "line": 10}
    assert terms["Agent:Tool"]["page"] == "Agent~3aTool/index.html"
    # every field is documented, and the documented ones are there
    documented = schema()["$defs"]["term"]["properties"]
    assert all(set(term) == set(documented) for term in data["terms"])
    assert set(data) == set(schema()["properties"])


def test_json_schema_rejects_an_unknown_status(glossary: Path) -> None:
    data = json.loads(export(glossary, "json"))
    data["terms"][0]["status"] = "obsolete"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema()).validate(data)


# --- the command line -----------------------------------------------------------------------------


def test_drafts_are_left_out_and_said_so(glossary: Path) -> None:
    result = run_cli("export", "--format", "csv", cwd=glossary)
    assert result.returncode == 0, result.stderr
    assert "Entwurf" not in result.stdout
    assert "left out 1 draft (Entwurf); --drafts exports them" in result.stderr


def test_export_needs_a_format(glossary: Path) -> None:
    result = run_cli("export", cwd=glossary)
    assert result.returncode == 2
    assert "--format" in result.stderr


def test_a_config_error_exits_2(tmp_path: Path) -> None:
    write_glossary(tmp_path, {"glossary.yml": "titel: x\n", "entries/a.md": "## A {#A .term}\n\nA.\n"})
    result = run_cli("export", "--format", "skos", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown key 'titel'" in result.stderr
    assert result.stdout == ""


def test_an_unwritable_output_exits_2_and_leaves_nothing(glossary: Path, tmp_path: Path) -> None:
    result = run_cli("export", "--format", "tbx", "--output", str(tmp_path / "missing" / "x.tbx"), cwd=glossary)
    assert result.returncode == 2
    assert result.stderr.startswith("error: cannot write")
    target = tmp_path / "folder"
    target.mkdir()
    result = run_cli("export", "--format", "tbx", "--output", str(target), cwd=glossary)
    assert result.returncode == 2
    assert list(tmp_path.rglob("*")) == [target] and not list(target.iterdir())


def test_the_command_offers_every_format() -> None:
    from glossary_build.cli import EXPORT_FORMATS

    assert EXPORT_FORMATS == tuple(FORMATS)


# --- the sample glossary --------------------------------------------------------------------------

PARSERS: dict[str, Callable[[str], int]] = {
    "skos": lambda text: len(set(rdflib.Graph().parse(data=text, format="turtle").subjects(RDF.type, SKOS.Concept))),
    "jsonld": lambda text: len(set(rdflib.Graph().parse(data=text, format="json-ld").subjects(RDF.type, SKOS.Concept))),
    "tbx": lambda text: len(concept_entries(ET.fromstring(text))),
    "csv": lambda text: len(list(csv.DictReader(io.StringIO(text, newline="")))),
    "json": lambda text: len(json.loads(text)["terms"]),
}


@pytest.mark.parametrize("format_name", list(PARSERS))
def test_the_sample_exports_every_term(format_name: str) -> None:
    result = run_cli("export", "--format", format_name, "--drafts", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    graph = library_graph(ROOT)
    assert PARSERS[format_name](result.stdout) == len(graph.entries) >= 30
    if format_name == "tbx":
        check_tbx_basic(ET.fromstring(result.stdout))
    if format_name == "json":
        jsonschema.Draft202012Validator(schema()).validate(json.loads(result.stdout))


# --- tricky strings, written and read back --------------------------------------------------------

TRICKY = (
    'quotes " and \'\'\' and """, backslash \\ and \\n as text, <&> &amp; ]]>, Ümläute ß, emoji 🦜, '
    "line\nbreak, crlf\r\nend, tab\tstop, bell\x07, vertical\x0btab, nbsp\u00a0, rtl \u202e"
)


def tricky_vocabulary() -> Vocabulary:
    def term(term_id: str, **fields: Any) -> Term:
        values: dict[str, Any] = {
            "id": term_id, "label": term_id, "aliases": (), "hidden": (), "status": Status.PREFERRED,
            "replaced_by": None, "successor": None, "formerly": (), "definition": "", "see_also": (),
            "iri": f"urn:x-glossary:t:{term_id}", "page": f"{term_id}/index.html", "url": None,
            "path": "entries/t.md", "line": 1,
        }
        values.update(fields)
        return Term(**values)

    terms = (
        term("A", label=TRICKY, aliases=(TRICKY, "x, y"), hidden=("\\",), definition=TRICKY, see_also=("B",),
             status=Status.DEPRECATED, replaced_by="B", successor="B"),
        term("B", label='B "b"', iri="urn:x-glossary:t:B%20<{b}>|^`\\ \"q\""),
    )
    return Vocabulary(TRICKY, "en", "", "urn:x-glossary:t", terms, False, (), {t.id: t for t in terms})


def test_turtle_and_jsonld_keep_tricky_strings() -> None:
    vocabulary = tricky_vocabulary()
    for text, format_name in ((skos_turtle(vocabulary), "turtle"), (skos_json_ld(vocabulary), "json-ld")):
        graph = rdflib.Graph().parse(data=text, format=format_name)
        a = URIRef("urn:x-glossary:t:A")
        assert set(graph.objects(a, SKOS.prefLabel)) == {Literal(TRICKY, lang="en")}
        assert set(graph.objects(a, SKOS.definition)) == {Literal(TRICKY, lang="en")}
        assert set(graph.objects(a, SKOS.altLabel)) == {Literal(TRICKY, lang="en"), Literal("x, y", lang="en")}
        assert set(graph.objects(a, SKOS.hiddenLabel)) == {Literal("\\", lang="en")}
        b = URIRef("urn:x-glossary:t:B%20%3C%7Bb%7D%3E%7C%5E%60%5C%20%22q%22")
        assert set(graph.objects(a, DCTERMS.isReplacedBy)) == {b}
        assert set(graph.objects(a, SKOS.historyNote)) == {Literal('Deprecated; replaced by “B "b"”.', lang="en")}
        assert set(graph.objects(URIRef("urn:x-glossary:t"), DCTERMS.title)) == {Literal(TRICKY, lang="en")}


def test_tbx_keeps_tricky_strings_that_xml_can_hold() -> None:
    root = ET.fromstring(tbx_basic(tricky_vocabulary()))
    check_tbx_basic(root)
    # XML 1.0 cannot hold the bell and the vertical tab; a carriage return stays one.
    expected = TRICKY.replace("\x07", "\ufffd").replace("\x0b", "\ufffd")
    entry = concept_entries(root)["A"]
    assert entry.findtext(f"{NS}langSec/{NS}descrip") == expected
    assert [term for term, _ in term_secs(entry)] == [expected, expected, "x, y"]
    assert root.findtext(f"{NS}tbxHeader/{NS}fileDesc/{NS}titleStmt/{NS}title") == expected


def test_csv_keeps_tricky_strings() -> None:
    text = csv_rows(tricky_vocabulary())
    [row, _] = list(csv.DictReader(io.StringIO(text, newline="")))
    assert (row["title"], row["definition"], row["aliases"]) == (TRICKY, TRICKY, f"{TRICKY}; x, y")


@settings(max_examples=60, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))
def test_any_text_survives_every_writer(text: str) -> None:
    terms = (Term(
        id="A", label=text, aliases=(text,), hidden=(text,), status=Status.PREFERRED, replaced_by=None,
        successor=None, formerly=(), definition=text, see_also=(), iri="urn:x-glossary:t:A",
        page="A/index.html", url=None, path="entries/t.md", line=1,
    ),)
    vocabulary = Vocabulary("T", "de", "", "urn:x-glossary:t", terms, False, (), {"A": terms[0]})
    concept = URIRef("urn:x-glossary:t:A")
    for written, format_name in ((skos_turtle(vocabulary), "turtle"), (skos_json_ld(vocabulary), "json-ld")):
        graph = rdflib.Graph().parse(data=written, format=format_name)
        assert set(graph.objects(concept, SKOS.prefLabel)) == {Literal(text, lang="de")}
        assert set(graph.objects(concept, SKOS.definition)) == {Literal(text, lang="de")}
    [row] = list(csv.DictReader(io.StringIO(csv_rows(vocabulary), newline="")))
    assert (row["title"], row["definition"], row["aliases"]) == (text, text, text)
    entry = concept_entries(ET.fromstring(tbx_basic(vocabulary)))["A"]
    in_xml = re.sub("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "\ufffd", text)
    assert entry.findtext(f"{NS}langSec/{NS}descrip") == in_xml
    assert [term for term, _ in term_secs(entry)] == [in_xml, in_xml]
