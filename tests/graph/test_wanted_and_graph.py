"""``check --wanted`` and ``graph --format json|dot`` through the real command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from tests.support import ROOT, SITES, run_cli

FILES = {
    "entries/a.md": "## Alpha {#Alpha .term}\n\nAlpha braucht [Gamma](#Gamma) und [Delta](#Delta).\n\n"
    "### Kern {.explanation}\n\nMehr über [Gamma](#Gamma).\n\n"
    "### Siehe auch {.seealso}\n[Beta](#Beta) |\n[Gamma](#Gamma) |\n[Index](#Index) |\n",
    "entries/b.md": "## Beta *neu* {#Beta .term .small}\n\nBeta nennt [Gamma](#Gamma) und [Alpha](#kern).\n\n"
    "### Siehe auch {.seealso}\n[Alpha](#Alpha) |\n[Epsilon](#alpha) |\n",
}


@pytest.fixture()
def glossary(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    return tmp_path


def schema(name: str) -> dict:
    return json.loads((ROOT / "docs" / name).read_text("utf-8"))


def test_wanted_text_ranks_by_references_then_a_to_z(glossary: Path) -> None:
    result = run_cli("check", "--wanted", cwd=glossary)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Gamma: 4 references from 2 entries\n"
        "  entries/a.md:3:15: Alpha: [Gamma]\n"
        "  entries/a.md:7:11: Alpha: [Gamma]\n"
        "  entries/a.md:11:1: Alpha: [Gamma] (see-also)\n"
        "  entries/b.md:3:12: Beta: [Gamma]\n"
        "alpha: 1 reference from 1 entry\n"
        "  entries/b.md:7:1: Beta: [Epsilon] (see-also)\n"
        "  = hint: did you mean 'Alpha'? ids are case-sensitive and this differs only in case\n"
        "Delta: 1 reference from 1 entry\n"
        "  entries/a.md:3:35: Alpha: [Delta]\n"
        "3 wanted terms, 6 references\n"
    )


def test_wanted_json_follows_its_schema(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "wanted.json"
    result = run_cli("check", "--wanted", "--format", "json", "--output", str(out), cwd=glossary)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    data = json.loads(out.read_text("utf-8"))
    jsonschema.Draft202012Validator(schema("wanted-json-schema.json")).validate(data)
    assert [(w["target"], w["count"], w["entries"]) for w in data["wanted"]] == [
        ("Gamma", 4, ["Alpha", "Beta"]), ("alpha", 1, ["Beta"]), ("Delta", 1, ["Alpha"]),
    ]
    assert data["wanted"][0]["references"][2] == {
        "entry": "Alpha", "text": "Gamma", "kind": "see-also", "path": "entries/a.md", "line": 11, "column": 1,
    }


def test_wanted_on_a_glossary_without_broken_references() -> None:
    result = run_cli("check", "--wanted", cwd=ROOT)
    assert result.returncode == 0
    assert result.stdout == "0 wanted terms, 0 references\n"


@pytest.mark.parametrize("args", [["--format", "sarif"], ["--strict"], ["--baseline", "b.json"]])
def test_wanted_rejects_options_it_cannot_honour(glossary: Path, args: list[str]) -> None:
    result = run_cli("check", "--wanted", *args, cwd=glossary)
    assert result.returncode == 2
    assert result.stderr.startswith("error: --wanted")


def test_graph_json_follows_its_schema(glossary: Path) -> None:
    result = run_cli("graph", cwd=glossary)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(schema("graph-json-schema.json")).validate(data)
    alpha, beta = data["entries"]
    assert (beta["id"], beta["title"], beta["path"], beta["line"], beta["classes"]) == (
        "Beta", "Beta neu", "entries/b.md", 1, ["term", "small"],
    )
    assert alpha["sections"] == [
        {"id": "kern", "title": "Kern", "line": 5, "classes": ["explanation"]},
        {"id": "siehe-auch", "title": "Siehe auch", "line": 9, "classes": ["seealso"]},
    ]
    assert beta["sections"][0]["id"] == "siehe-auch-1"
    references = [
        (r["target"], r["kind"], r["resolved"], r["target_kind"], r["target_entry"]) for r in beta["references"]
    ]
    assert references == [
        ("Gamma", "inline", False, None, None),
        ("kern", "inline", True, "section", "Alpha"),
        ("Alpha", "see-also", True, "entry", "Alpha"),
        ("alpha", "see-also", False, None, None),
    ]
    index = alpha["references"][-1]
    assert (index["target"], index["resolved"], index["target_kind"], index["line"], index["column"]) == (
        "Index", True, "index", 12, 1,
    )


def test_graph_json_of_the_sample_follows_the_schema() -> None:
    result = run_cli("graph", "--format", "json", cwd=ROOT)
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(schema("graph-json-schema.json")).validate(data)
    assert len(data["entries"]) >= 30
    assert all(r["resolved"] for e in data["entries"] for r in e["references"])


def test_graph_schema_rejects_a_reference_without_resolved(glossary: Path) -> None:
    data = json.loads(run_cli("graph", cwd=glossary).stdout)
    del data["entries"][0]["references"][0]["resolved"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema("graph-json-schema.json")).validate(data)


def test_graph_dot(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.dot"
    result = run_cli("graph", "--format", "dot", "--output", str(out), cwd=glossary)
    assert result.returncode == 0, result.stderr
    dot = out.read_text("utf-8")
    assert dot.startswith("digraph glossary {\n") and dot.endswith("}\n")
    body = dot.splitlines()
    assert '  "Alpha" [label="Alpha"];' in body
    assert '  "Beta" [label="Beta neu"];' in body
    assert '  "?Gamma" [label="Gamma", style=dotted, color=grey, fontcolor=grey];' in body
    assert '  "Alpha" -> "?Gamma" [color=grey];' in body
    assert '  "Alpha" -> "?Gamma" [style=dashed, color=grey];' in body
    assert '  "Alpha" -> "Beta" [style=dashed];' in body
    assert '  "Beta" -> "Alpha";' in body  # via the section anchor #kern
    # One edge per pair and kind; no edges to the index.
    edges = [line for line in body if "->" in line]
    assert len(edges) == len(set(edges))
    assert not any("Index" in line for line in body)
    # Every statement is a node, an edge or a default: a rough syntax check without Graphviz.
    statement = re.compile(r'^  ("[^"]*"( -> "[^"]*")?|node|edge)( \[[^\]]*\])?;$')
    assert all(statement.match(line) for line in body[1:-1]), body


def test_graph_dot_quotes_titles() -> None:
    from glossary_build.graph.export import _quote

    assert _quote('Ein "Zitat" \\ mit Backslash') == '"Ein \\"Zitat\\" \\\\ mit Backslash"'


def test_graphviz_reads_the_dot_output(glossary: Path) -> None:
    import shutil
    import subprocess

    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz is not installed")
    source = run_cli("graph", "--format", "dot", cwd=glossary).stdout
    svg = subprocess.run([dot, "-Tsvg"], input=source, capture_output=True, text=True, check=True, timeout=60)
    assert "<svg" in svg.stdout
    assert svg.stderr == ""


DUPLICATES = SITES / "invalid" / "duplicate-id"


def test_graph_json_lists_every_copy_of_a_duplicate_id() -> None:
    """Each copy as written, with its own references; which copy the site shows."""
    result = run_cli("graph", cwd=DUPLICATES)
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(schema("graph-json-schema.json")).validate(data)
    found = [(e["id"], e["path"], e["shown"]) for e in data["entries"]]
    assert found == [
        ("Alpha", "entries/a.md", True), ("Beta", "entries/b.md", True), ("Alpha", "entries/copy.md", False),
    ]
    first, _, copy = data["entries"]
    assert first["shadows"] == [{"path": "entries/copy.md", "line": 1, "entry": "Alpha"}]
    assert copy["shown_with"] == {"path": "entries/a.md", "line": 1, "entry": "Alpha"}
    assert copy["shadows"] == []
    assert [(r["target"], r["line"], r["resolved"]) for r in copy["references"]] == [("Beta", 6, True)]


def test_an_entry_whose_id_is_a_section_anchor_is_in_the_graph_and_on_the_site(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "a.md").write_text(
        "## Alpha {#Alpha .term}\n\nA.\n\n### Kernkonzept {.explanation}\n\nK.\n", "utf-8"
    )
    (tmp_path / "entries" / "b.md").write_text(
        "## Kernkonzept {#kernkonzept .term}\n\nNicht verloren, siehe [Gamma](#Gamma).\n", "utf-8"
    )
    data = json.loads(run_cli("graph", cwd=tmp_path).stdout)
    copy = data["entries"][1]
    assert (copy["id"], copy["shown"], copy["shown_with"]) == (
        "kernkonzept", False, {"path": "entries/a.md", "line": 5, "entry": "Alpha"},
    )
    assert [r["target"] for r in copy["references"]] == ["Gamma"]
    assert run_cli("build", "--out", "out", cwd=tmp_path).returncode == 0
    assert "Nicht verloren" in (tmp_path / "out" / "Alpha" / "index.html").read_text("utf-8")


def test_graph_dot_shows_every_copy() -> None:
    body = run_cli("graph", "--format", "dot", cwd=DUPLICATES).stdout.splitlines()
    node = '"Alpha@entries/copy.md:1"'
    assert f'  {node} [label="Alpha (copy, entries/copy.md:1)", style=dashed, color=red];' in body
    assert f'  {node} -> "Alpha" [style=dotted, color=red, label="copy of"];' in body
    assert f'  {node} -> "Beta" [style=dashed];' in body
