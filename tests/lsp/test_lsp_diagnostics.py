"""Diagnostics: what the server publishes equals what ``glossary-build check`` reports, on
open, while typing, and in other files that an edit concerns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types

from .support import Editor, check_json, copy_sample, copy_scenario

SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


def expected(editor: Editor, report: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    """``check``'s findings as LSP values: 0-based lines, columns in the editor's code units."""
    found = set()
    for d in report:
        text = editor.text_of(d["path"]).split("\n")
        line = text[d["line"] - 1]
        start = (d["line"] - 1, editor.units(line[: d["column"] - 1]))
        related = tuple(sorted((r["path"], r["line"] - 1, r["message"]) for r in d["related"]))
        found.add((editor.uri(d["path"]), d["code"], d["message"], SEVERITY[d["severity"]], start, related))
    return found


def published(editor: Editor) -> set[tuple[Any, ...]]:
    found = set()
    for uri, diagnostics in editor.diagnostics.items():
        for d in diagnostics:
            related = tuple(sorted(
                (str(Path(r.location.uri.removeprefix("file://"))).removeprefix(str(editor.root) + "/"),
                 r.location.range.start.line, r.message)
                for r in d.related_information or [] if r.message != (d.data or {}).get("hint")
            ))
            start = (d.range.start.line, d.range.start.character)
            found.add((uri, d.code, d.message, d.severity, start, related))
    return found


def same_as_check(editor: Editor) -> None:
    from urllib.parse import unquote

    report = check_json(editor.root)
    mine = {(unquote(u), *rest) for u, *rest in published(editor)}
    theirs = {(unquote(u), *rest) for u, *rest in expected(editor, report)}
    assert mine == theirs
    assert len(report) == sum(len(found) for found in editor.diagnostics.values())


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8"])
def test_sample_glossary_diagnostics_equal_check(tmp_path: Path, encoding: str) -> None:
    editor = Editor(copy_sample(tmp_path), encodings=[encoding])
    try:
        assert editor.encoding == encoding
        same_as_check(editor)
    finally:
        editor.close()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8", "utf-32"])
def test_scenario_diagnostics_equal_check_in_every_position_encoding(tmp_path: Path, encoding: str) -> None:
    editor = Editor(copy_scenario(tmp_path), encodings=[encoding])
    try:
        assert editor.encoding == encoding
        same_as_check(editor)
        # The emoji before the link: two UTF-16 units, four UTF-8 units, one code point.
        gamma = next(d for d in editor.diagnostics[editor.uri("entries/Alpha.md")] if "'Gamma'" in d.message)
        assert gamma.range.start == editor.find("entries/Alpha.md", "[Gamma]")
        assert gamma.range.end == editor.find("entries/Alpha.md", "[Gamma](#Gamma)", after=len("[Gamma](#Gamma)"))
    finally:
        editor.close()


def test_levels_map_to_lsp_severities_with_related_information(scenario: Editor) -> None:
    alpha = scenario.diagnostics[scenario.uri("entries/Alpha.md")]
    by_code = {d.code: d for d in alpha}
    assert by_code["broken-reference"].severity == types.DiagnosticSeverity.Error
    asymmetric = by_code["asymmetric-see-also"]
    assert asymmetric.severity == types.DiagnosticSeverity.Information
    assert asymmetric.source == "glossary-build"
    defined = [r for r in asymmetric.related_information or [] if r.message == "'Beta' defined here"]
    assert defined and defined[0].location.uri == scenario.uri("entries/Beta.md")
    assert defined[0].location.range.start.line == 0


def test_diagnostics_while_typing(scenario: Editor) -> None:
    uri = scenario.open("entries/Alpha.md")
    text = scenario.texts[uri]
    scenario.change("entries/Alpha.md", text.replace("ist der Anfang", "ist der [Anfang](#Omega)"))
    assert scenario.versions_published[uri] == 2
    assert any("'Omega'" in d.message for d in scenario.diagnostics[uri])
    scenario.change("entries/Alpha.md", text)
    assert not any("'Omega'" in d.message for d in scenario.diagnostics[uri])
    assert scenario.versions_published[uri] == 3


def test_an_id_renamed_while_typing_breaks_links_in_other_files(scenario: Editor) -> None:
    uri = scenario.open("entries/Beta.md")
    alpha, delta = scenario.uri("entries/Alpha.md"), scenario.uri("entries/more/Delta.md")
    def broken(uri: str) -> list[str]:
        return [d.message for d in scenario.diagnostics.get(uri, []) if d.code == "broken-reference"]

    assert not any("'Beta'" in message for message in broken(alpha))
    renamed = scenario.texts[uri].replace("{#Beta .term}", "{#Bravo .term}")
    scenario.change("entries/Beta.md", renamed)
    assert [m for m in broken(alpha) if "'Beta'" in m] == ["no entry or heading has id 'Beta'"] * 2
    assert "no entry or heading has id 'Beta'" in broken(delta)
    # The unsaved text, written to disk, gives check the same findings.
    (scenario.root / "entries/Beta.md").write_text(renamed, "utf-8")
    same_as_check(scenario)
    scenario.change("entries/Beta.md", renamed.replace("Bravo", "Beta"))
    assert not any("'Beta'" in message for message in broken(alpha))


def test_a_new_link_changes_another_files_findings(scenario: Editor) -> None:
    """Beta lists Alpha under see-also: Alpha's one-sided see-also info goes away."""
    uri = scenario.open("entries/Beta.md")
    alpha = scenario.uri("entries/Alpha.md")
    assert any(d.code == "asymmetric-see-also" for d in scenario.diagnostics[alpha])
    scenario.change("entries/Beta.md", scenario.texts[uri].replace("[Delta](#Delta) |", "[Alpha](#Alpha) |\n[Delta](#Delta) |"))
    assert not any(d.code == "asymmetric-see-also" for d in scenario.diagnostics[alpha])
    (scenario.root / "entries/Beta.md").write_text(scenario.texts[uri], "utf-8")
    same_as_check(scenario)


def test_closing_a_document_brings_back_the_file_on_disk(scenario: Editor) -> None:
    uri = scenario.open("entries/Alpha.md")
    scenario.change("entries/Alpha.md", scenario.texts[uri] + "\nNachsatz [X](#Nirgends).\n")
    assert any("'Nirgends'" in d.message for d in scenario.diagnostics[uri])
    scenario.close_document("entries/Alpha.md")
    assert not any("'Nirgends'" in d.message for d in scenario.diagnostics[uri])


def test_open_mode_publishes_only_opened_files(tmp_path: Path) -> None:
    editor = Editor(copy_scenario(tmp_path), options={"diagnostics": "open"})
    try:
        assert editor.diagnostics == {}
        uri = editor.open("entries/more/Delta.md")
        assert [d.code for d in editor.diagnostics[uri]] == ["broken-reference"]
    finally:
        editor.close()


def test_a_new_file_joins_the_glossary(scenario: Editor) -> None:
    uri = scenario.open("entries/Gamma.md", "## Gamma {#Gamma .term}\n\n**Gamma** nennt [Alpha](#Alpha).\n\n"
                        "### Siehe auch {.seealso}\n[Beta](#Beta) |\n\n----\n")
    alpha = scenario.uri("entries/Alpha.md")
    assert not any("'Gamma'" in d.message for d in scenario.diagnostics[alpha])
    assert [d.code for d in scenario.diagnostics[uri]] == ["asymmetric-see-also"]


def test_files_changed_on_disk_are_read_again(scenario: Editor) -> None:
    """A checkout or another program changes a file that is not open: the editor tells the server."""
    delta = scenario.root / "entries/more/Delta.md"
    delta.write_text(delta.read_text("utf-8").replace("[Betta](#Betta)", "[Beta](#Beta)"), "utf-8")
    uri = scenario.uri("entries/more/Delta.md")
    scenario.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=uri, type=types.FileChangeType.Changed)]
    ))
    scenario.sync()
    assert scenario.diagnostics[uri] == []
    same_as_check(scenario)


def test_a_workspace_inside_the_glossary_finds_its_config(tmp_path: Path) -> None:
    """The editor opened the entries folder: the glossary above it is the one checked."""
    root = copy_scenario(tmp_path / "glossary")
    editor = Editor(root / "entries")
    try:
        uri = editor.uri("more/Delta.md")
        assert [d.code for d in editor.diagnostics[uri]] == ["broken-reference"]
    finally:
        editor.close()


def test_a_term_made_deprecated_is_reported_where_it_is_linked(scenario: Editor) -> None:
    """The status is read from the heading: links to the term in other files get their warning."""
    uri = scenario.open("entries/Beta.md")
    alpha = scenario.uri("entries/Alpha.md")
    deprecated = scenario.texts[uri].replace("{#Beta .term}", "{#Beta .term status=deprecated replaced-by=Alpha}")
    scenario.change("entries/Beta.md", deprecated)
    warned = [d.message for d in scenario.diagnostics.get(alpha, []) if d.code == "link-to-deprecated"]
    assert warned and all(message == "'Beta' is deprecated; use 'Alpha' instead" for message in warned)
    (scenario.root / "entries/Beta.md").write_text(deprecated, "utf-8")
    same_as_check(scenario)


def test_a_new_alias_is_found_as_a_mention_in_a_file_that_does_not_link_the_term(scenario: Editor) -> None:
    """Zwei.md neither links Beta nor is linked by it: only a fresh look at every entry finds
    the mention an alias edit in Beta.md makes there."""
    uri = scenario.open("entries/Beta.md")
    zwei = scenario.uri("entries/more/Zwei.md")

    def mentions() -> list[str]:
        return [d.message for d in scenario.diagnostics.get(zwei, []) if d.code == "unlinked-mention"]

    assert not [m for m in mentions() if "'Beta'" in m]
    aliased = scenario.texts[uri].replace("{#Beta .term}", '{#Beta .term aliases="Datei"}')
    scenario.change("entries/Beta.md", aliased)
    assert [m for m in mentions() if "'Beta'" in m] == ["unlinked mention of 'Beta': 'Datei'"]
    (scenario.root / "entries/Beta.md").write_text(aliased, "utf-8")
    same_as_check(scenario)
