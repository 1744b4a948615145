"""The server on the project's sample glossary: every id is offered, and a rename of a much
linked id leaves ``check`` with nothing new."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from lsprotocol import types

from .support import ROOT, Editor, check_json, copy_sample


def graph_ids(root: Path) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "glossary_build", "graph"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return {entry["id"] for entry in json.loads(done.stdout)["entries"]}


def test_completion_offers_every_id_of_the_sample(sample: Editor) -> None:
    uri = sample.open("entries/Embedding.md")
    text = sample.texts[uri]
    sample.change("entries/Embedding.md", text.replace("\n\n", "\n\nSiehe [neu](#\n\n", 1))
    result = sample.request(sample.client.text_document_completion_async, types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=sample.find("entries/Embedding.md", "[neu](#", after=7),
    ))
    assert isinstance(result, types.CompletionList) and not result.is_incomplete
    assert {item.label for item in result.items} == graph_ids(sample.root) | {"Index"}
    sample.change("entries/Embedding.md", text)


def test_diagnostics_of_a_file_whose_name_has_an_umlaut_carry_its_version(sample: Editor) -> None:
    uri = sample.open("entries/KI-Ökosystem.md")
    text = sample.texts[uri]
    sample.change("entries/KI-Ökosystem.md", text + "\nNachtrag: [neu](#Noch-Nicht)\n")
    assert sample.versions_published[uri] == 2
    assert any("'Noch-Nicht'" in d.message for d in sample.diagnostics[uri])
    sample.change("entries/KI-Ökosystem.md", text)


def test_hover_and_definition_across_files_with_umlauts(sample: Editor) -> None:
    uri = sample.open("entries/Embedding.md")
    position = sample.find("entries/Embedding.md", "(#Kosinus_Ähnlichkeit)", after=5)
    shown = sample.request(sample.client.text_document_hover_async, types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position))
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert "Kosinus-Ähnlichkeit" in shown.contents.value
    found = sample.request(sample.client.text_document_definition_async, types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position))
    assert isinstance(found, types.Location) and found.uri.endswith("Kosinus_%C3%84hnlichkeit.md")


def test_rename_in_the_sample_leaves_check_with_nothing_new(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    before = sorted((d["path"], d["code"], d["message"]) for d in check_json(root))
    editor = Editor(root)
    try:
        uri = editor.open("entries/LLM.md")
        edit = editor.request(editor.client.text_document_rename_async, types.RenameParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=editor.find("entries/LLM.md", "{#LLM", after=3), new_name="Sprachmodell",
        ))
        assert edit is not None
        files = {c.text_document.uri for c in edit.document_changes or [] if isinstance(c, types.TextDocumentEdit)}
        assert len(files) > 5
        editor.apply_to_disk(edit)
    finally:
        editor.close()
    after = sorted((d["path"], d["code"], d["message"]) for d in check_json(root))
    assert after == sorted((p, c, m.replace("'LLM'", "'Sprachmodell'")) for p, c, m in before)
