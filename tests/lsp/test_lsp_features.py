"""Completion, hover, go to definition, references, symbols, rename and quick fixes, asked
for as an editor asks, on the scenario and the sample glossary."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lsprotocol import types

from .support import Editor, check_json, copy_scenario


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    """One editor for the tests that change nothing."""
    editor = Editor(copy_scenario(tmp_path_factory.mktemp("scenario")))
    yield editor
    editor.close()


def doc(editor: Editor, path: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=editor.uri(path))


def complete(editor: Editor, path: str, position: types.Position) -> types.CompletionList:
    result = editor.request(editor.client.text_document_completion_async, types.CompletionParams(
        text_document=doc(editor, path), position=position,
        context=types.CompletionContext(trigger_kind=types.CompletionTriggerKind.TriggerCharacter, trigger_character="#"),
    ))
    assert isinstance(result, types.CompletionList)
    return result


def test_initialize_announces_the_features(editor: Editor) -> None:
    capabilities = editor.result.capabilities
    assert capabilities.completion_provider is not None
    assert set(capabilities.completion_provider.trigger_characters or []) == {"#", "("}
    assert capabilities.hover_provider and capabilities.definition_provider and capabilities.references_provider
    assert capabilities.document_symbol_provider and capabilities.workspace_symbol_provider
    assert capabilities.rename_provider and capabilities.code_action_provider
    assert editor.result.server_info is not None and editor.result.server_info.name == "glossary-build"


# -- completion ----------------------------------------------------------------------------------


def test_completion_offers_every_id_with_title_and_definition(editor: Editor) -> None:
    editor.open("entries/Beta.md")
    text = editor.texts[editor.uri("entries/Beta.md")]
    editor.change("entries/Beta.md", text.replace("auch.", "auch. Neu: [x](#"))
    result = complete(editor, "entries/Beta.md", editor.find("entries/Beta.md", "[x](#", after=5))
    labels = [item.label for item in result.items]
    assert set(labels) == {"Alpha", "Beta", "Delta", "Epsilon", "Zeta", "Index"}
    alpha = next(item for item in result.items if item.label == "Alpha")
    assert alpha.detail == "Alpha 🚀"
    assert isinstance(alpha.documentation, types.MarkupContent)
    assert "ist der Anfang" in alpha.documentation.value
    assert isinstance(alpha.text_edit, types.TextEdit) and alpha.text_edit.new_text == "#Alpha"
    editor.change("entries/Beta.md", text)


def test_completion_ranks_prefix_before_fuzzy_matches(editor: Editor) -> None:
    editor.open("entries/Beta.md")
    text = editor.texts[editor.uri("entries/Beta.md")]
    editor.change("entries/Beta.md", text.replace("auch.", "auch. Neu: [x](#e"))
    result = complete(editor, "entries/Beta.md", editor.find("entries/Beta.md", "[x](#e", after=6))
    ranked = [item.label for item in sorted(result.items, key=lambda item: item.sort_text or "")]
    # "Epsilon" starts with e (in another case), the others contain an e.
    assert ranked[0] == "Epsilon"
    assert set(ranked) == {"Epsilon", "Beta", "Delta", "Zeta", "Index"}
    editor.change("entries/Beta.md", text)


def test_completion_after_the_parenthesis_brings_the_hash(editor: Editor) -> None:
    editor.open("entries/Beta.md")
    text = editor.texts[editor.uri("entries/Beta.md")]
    editor.change("entries/Beta.md", text.replace("auch.", "auch. [x]("))
    result = complete(editor, "entries/Beta.md", editor.find("entries/Beta.md", "[x](", after=4))
    assert {item.text_edit.new_text for item in result.items if isinstance(item.text_edit, types.TextEdit)} >= {"#Alpha"}
    editor.change("entries/Beta.md", text)


def test_completion_in_a_see_also_section_offers_terms_not_listed_yet(editor: Editor) -> None:
    editor.open("entries/Alpha.md")
    text = editor.texts[editor.uri("entries/Alpha.md")]
    editor.change("entries/Alpha.md", text.replace("[Delta](#Delta) |\n", "[Delta](#Delta) |\n[](#\n"))
    result = complete(editor, "entries/Alpha.md", editor.find("entries/Alpha.md", "[](#", after=4))
    assert {item.label for item in result.items} == {"Epsilon", "Zeta", "Index"}
    editor.change("entries/Alpha.md", text)


def test_completion_leaves_definitions_to_resolve_when_the_editor_resolves(tmp_path: Path) -> None:
    editor = Editor(copy_scenario(tmp_path), resolve=True)
    try:
        uri = editor.open("entries/Beta.md")
        editor.change("entries/Beta.md", editor.texts[uri].replace("auch.", "auch. [x](#Al"))
        result = complete(editor, "entries/Beta.md", editor.find("entries/Beta.md", "[x](#Al", after=7))
        alpha = next(item for item in result.items if item.label == "Alpha")
        assert alpha.documentation is None
        resolved = editor.request(editor.client.completion_item_resolve_async, alpha)
        assert isinstance(resolved.documentation, types.MarkupContent)
        assert "ist der Anfang" in resolved.documentation.value
    finally:
        editor.close()


def test_no_completion_outside_a_link(editor: Editor) -> None:
    editor.open("entries/Beta.md")
    result = editor.request(editor.client.text_document_completion_async, types.CompletionParams(
        text_document=doc(editor, "entries/Beta.md"), position=editor.find("entries/Beta.md", "folgt"),
    ))
    assert result is None


# -- hover, definition, references ---------------------------------------------------------------


def hover(editor: Editor, path: str, needle: str, after: int = 1) -> str:
    result = editor.request(editor.client.text_document_hover_async, types.HoverParams(
        text_document=doc(editor, path), position=editor.find(path, needle, after=after),
    ))
    assert result is not None and isinstance(result.contents, types.MarkupContent)
    return result.contents.value


def test_hover_shows_the_targets_title_and_definition(editor: Editor) -> None:
    shown = hover(editor, "entries/Beta.md", "[Alpha](#Alpha)")
    assert "**Alpha 🚀**" in shown and "ist der Anfang" in shown


def test_hover_on_a_section_link_names_the_section_and_its_entry(editor: Editor) -> None:
    shown = hover(editor, "entries/Alpha.md", "[seinen Kern]")
    assert "**Der Kern** (a section of Delta)" in shown


def test_hover_on_a_missing_term_says_not_written_yet_and_who_links_there(editor: Editor) -> None:
    shown = hover(editor, "entries/Alpha.md", "[Gamma]")
    assert "not written yet" in shown
    assert "`Alpha`" in shown and "`Beta`" in shown


def test_hover_after_an_emoji_finds_the_link(editor: Editor) -> None:
    """Alpha's lead has an emoji before its links: positions are UTF-16 units."""
    assert "**Beta**" in hover(editor, "entries/Alpha.md", "[Beta](#Beta) und", after=3)


def test_go_to_definition_of_a_link(editor: Editor) -> None:
    result = editor.request(editor.client.text_document_definition_async, types.DefinitionParams(
        text_document=doc(editor, "entries/Alpha.md"), position=editor.find("entries/Alpha.md", "[Delta](#Delta) und", after=2),
    ))
    assert isinstance(result, types.Location)
    assert result.uri == editor.uri("entries/more/Delta.md")
    assert result.range.start == types.Position(line=0, character=0)
    section = editor.request(editor.client.text_document_definition_async, types.DefinitionParams(
        text_document=doc(editor, "entries/Alpha.md"), position=editor.find("entries/Alpha.md", "(#delta-kern)", after=3),
    ))
    assert isinstance(section, types.Location) and section.range.start.line == 4


def test_find_references_on_an_entry_heading(editor: Editor) -> None:
    result = editor.request(editor.client.text_document_references_async, types.ReferenceParams(
        text_document=doc(editor, "entries/Beta.md"), position=types.Position(line=0, character=4),
        context=types.ReferenceContext(include_declaration=False),
    ))
    assert result is not None
    places = sorted((r.uri.rsplit("/", 1)[-1], r.range.start.line) for r in result)
    assert places == [("Alpha.md", 2), ("Alpha.md", 10), ("Delta.md", 10)]


def test_find_references_of_a_missing_term_from_a_link(editor: Editor) -> None:
    result = editor.request(editor.client.text_document_references_async, types.ReferenceParams(
        text_document=doc(editor, "entries/Alpha.md"), position=editor.find("entries/Alpha.md", "(#Gamma)", after=3),
        context=types.ReferenceContext(include_declaration=True),
    ))
    assert result is not None
    assert sorted(r.uri.rsplit("/", 1)[-1] for r in result) == ["Alpha.md", "Beta.md"]


# -- symbols ------------------------------------------------------------------------------------


def test_document_symbols_are_entries_with_their_sections(editor: Editor) -> None:
    result = editor.request(editor.client.text_document_document_symbol_async, types.DocumentSymbolParams(
        text_document=doc(editor, "entries/more/Zwei.md"),
    ))
    assert result is not None
    symbols = [s for s in result if isinstance(s, types.DocumentSymbol)]
    assert [(s.name, s.detail) for s in symbols] == [("Epsilon", "#Epsilon"), ("Zeta", "#Zeta")]
    assert [c.name for c in symbols[1].children or []] == ["Siehe auch"]
    assert symbols[1].range.start.line == 9


def test_workspace_symbols_find_entries_by_id_and_title(editor: Editor) -> None:
    result = editor.request(editor.client.workspace_symbol_async, types.WorkspaceSymbolParams(query="zet"))
    assert result is not None
    assert [s.name for s in result] == ["Zeta"]
    assert isinstance(result[0], types.SymbolInformation)
    assert result[0].location.uri == editor.uri("entries/more/Zwei.md")


# -- rename ------------------------------------------------------------------------------------


def test_prepare_rename_on_a_heading_id_and_on_a_link_target(editor: Editor) -> None:
    on_heading = editor.request(editor.client.text_document_prepare_rename_async, types.PrepareRenameParams(
        text_document=doc(editor, "entries/Beta.md"), position=editor.find("entries/Beta.md", "#Beta .term", after=2),
    ))
    assert isinstance(on_heading, types.PrepareRenamePlaceholder) and on_heading.placeholder == "Beta"
    assert on_heading.range.start == editor.find("entries/Beta.md", "#Beta .term", after=1)
    on_link = editor.request(editor.client.text_document_prepare_rename_async, types.PrepareRenameParams(
        text_document=doc(editor, "entries/Alpha.md"), position=editor.find("entries/Alpha.md", "(#Beta)", after=3),
    ))
    assert isinstance(on_link, types.PrepareRenamePlaceholder) and on_link.placeholder == "Beta"
    nowhere = editor.request(editor.client.text_document_prepare_rename_async, types.PrepareRenameParams(
        text_document=doc(editor, "entries/Beta.md"), position=editor.find("entries/Beta.md", "folgt"),
    ))
    assert nowhere is None


def findings(root: Path) -> list[tuple[str, str, str]]:
    return sorted((d["path"], d["code"], d["message"]) for d in check_json(root))


def test_rename_changes_the_heading_and_every_link_and_check_finds_nothing_new(scenario: Editor) -> None:
    before = findings(scenario.root)
    scenario.open("entries/Alpha.md")
    edit = scenario.request(scenario.client.text_document_rename_async, types.RenameParams(
        text_document=doc(scenario, "entries/Alpha.md"), position=scenario.find("entries/Alpha.md", "(#Beta)", after=3),
        new_name="Beta-Ökosystem",
    ))
    assert edit is not None and edit.document_changes is not None
    assert sorted(c.text_document.uri.rsplit("/", 1)[-1] for c in edit.document_changes if isinstance(c, types.TextDocumentEdit)) \
        == ["Alpha.md", "Beta.md", "Delta.md"]
    scenario.apply_to_disk(edit)
    assert '{#Beta-Ökosystem .term formerly="Beta"}' in (scenario.root / "entries/Beta.md").read_text("utf-8")
    assert "[Beta](#Beta-Ökosystem) und" in (scenario.root / "entries/Alpha.md").read_text("utf-8")
    assert "[beta](#beta)" in (scenario.root / "entries/Alpha.md").read_text("utf-8")  # another id: kept
    after = findings(scenario.root)
    assert after == sorted((p, c, m.replace("'Beta'", "'Beta-Ökosystem'")) for p, c, m in before)


def test_rename_refuses_a_taken_or_invalid_id(editor: Editor) -> None:
    from pygls.exceptions import JsonRpcException

    for name in ("Delta", "1abc", "a/b"):
        with pytest.raises(JsonRpcException):
            editor.request(editor.client.text_document_rename_async, types.RenameParams(
                text_document=doc(editor, "entries/Beta.md"), position=editor.find("entries/Beta.md", "#Beta .term", after=2),
                new_name=name,
            ))


# -- code actions ------------------------------------------------------------------------------


def actions_at(editor: Editor, path: str, needle: str) -> list[types.CodeAction]:
    position = editor.find(path, needle)
    result = editor.request(editor.client.text_document_code_action_async, types.CodeActionParams(
        text_document=doc(editor, path), range=types.Range(start=position, end=position),
        context=types.CodeActionContext(diagnostics=editor.diagnostics.get(editor.uri(path), [])),
    ))
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


def edited(editor: Editor, action: types.CodeAction) -> dict[str, str]:
    assert action.edit is not None and action.edit.changes is not None
    from urllib.parse import unquote

    return {
        uri.rsplit("/", 1)[-1]: editor.apply(editor.text_of("entries/" + unquote(uri).split("/entries/", 1)[1]), found)
        for uri, found in action.edit.changes.items()
    }


def test_quick_fix_for_a_case_only_mismatch(editor: Editor) -> None:
    found = actions_at(editor, "entries/Alpha.md", "[beta](#beta)")
    assert [a.title for a in found] == ["Fix the case: link to 'Beta'"]
    assert "[beta](#Beta)." in edited(editor, found[0])["Alpha.md"]


def test_quick_fix_did_you_mean(editor: Editor) -> None:
    found = actions_at(editor, "entries/more/Delta.md", "[Betta]")
    assert [a.title for a in found] == ["Link to 'Beta' instead"]
    assert "[Betta](#Beta)." in edited(editor, found[0])["Delta.md"]


def test_quick_fix_adds_the_reciprocal_see_also_item(scenario: Editor) -> None:
    found = actions_at(scenario, "entries/Alpha.md", "[Beta](#Beta) |")
    assert [a.title for a in found] == ["Add 'Alpha' to the see-also section of 'Beta'"]
    beta = edited(scenario, found[0])["Beta.md"]
    assert "[Delta](#Delta) |\n[Alpha 🚀](#Alpha) |\n" in beta
    (scenario.root / "entries/Beta.md").write_text(beta, "utf-8")
    assert not any(code == "asymmetric-see-also" for _, code, _ in findings(scenario.root))


def test_reciprocal_item_goes_before_the_index_and_completes_the_pipes(editor: Editor) -> None:
    from glossary_build.core.diagnostics import Span
    from glossary_build.core.model import Reference, ReferenceKind
    from glossary_build.lsp.actions import _insertion
    from glossary_build.lsp.positions import Lines

    def ref(target: str, line: int) -> Reference:
        return Reference(target, target, ReferenceKind.SEE_ALSO, Span("e.md", line, 1, line, len(target) * 2 + 5))

    lines = ["### Siehe auch {.seealso}", "[A](#A) |", "[Index](#Index)"]
    edit = _insertion(lines, 1, [ref("A", 2), ref("Index", 3)], "[B](#B)", Lines(lines, "utf-16"))
    assert (edit.range.start.line, edit.range.start.character, edit.new_text) == (2, 0, "[B](#B) |\n")
    lines = ["### Siehe auch {.seealso}", "[A](#A)"]
    edit = _insertion(lines, 1, [ref("A", 2)], "[B](#B)", Lines(lines, "utf-16"))
    assert (edit.range.start.line, edit.range.start.character, edit.new_text) == (1, 7, " |\n[B](#B)")


def test_rename_reaches_reference_style_links_and_skips_quoted_hashes(scenario: Editor) -> None:
    """``[text][label]`` with ``[label]: #Id``, and a heading whose attribute holds a ``#``."""
    zwei = scenario.root / "entries/more/Zwei.md"
    text = zwei.read_text("utf-8").replace("{#Zeta .term}", '{#Zeta .term title="Zeta #1"}')
    text = text.replace("verweist auf [Alpha](#Alpha).", "verweist auf [den Anfang][a] und [Alpha].\n\n[a]: #Alpha\n[Alpha]: <#Alpha>")
    zwei.write_text(text, "utf-8")
    before = findings(scenario.root)
    scenario.open("entries/more/Zwei.md")
    prepared = scenario.request(scenario.client.text_document_prepare_rename_async, types.PrepareRenameParams(
        text_document=doc(scenario, "entries/more/Zwei.md"), position=scenario.find("entries/more/Zwei.md", "{#Zeta", after=3),
    ))
    assert isinstance(prepared, types.PrepareRenamePlaceholder) and prepared.placeholder == "Zeta"
    edit = scenario.request(scenario.client.text_document_rename_async, types.RenameParams(
        text_document=doc(scenario, "entries/Alpha.md"), position=scenario.find("entries/Alpha.md", "{#Alpha", after=3),
        new_name="Anfang",
    ))
    assert edit is not None
    scenario.apply_to_disk(edit)
    changed = zwei.read_text("utf-8")
    assert "[a]: #Anfang\n[Alpha]: <#Anfang>" in changed and 'title="Zeta #1"' in changed
    assert findings(scenario.root) == sorted((p, c, m.replace("'Alpha'", "'Anfang'")) for p, c, m in before)


def test_quick_fix_links_an_unlinked_mention(scenario: Editor) -> None:
    path = "entries/more/Zwei.md"
    scenario.open(path)
    text = scenario.text_of(path)
    scenario.change(path, text.replace("steht mit Zeta", "steht wie Delta mit Zeta"))
    found = {a.title: a for a in actions_at(scenario, path, "Delta mit")}  # the file's findings are given
    assert "steht wie [Delta](#Delta) mit Zeta" in edited(scenario, found["Link 'Delta' to 'Delta'"])["Zwei.md"]
