"""The layout of a multilingual glossary: every entry file outside the configured languages'
folders is a ``language-layout`` finding (it is on no page)."""

from __future__ import annotations

from pathlib import Path

from glossary_build.core.config import config_from_mapping
from glossary_build.sources.languages import layout_findings

ENTRY = "## Embedding {#Embedding .term}\n\nText.\n"


def findings(root: Path, files: list[str], languages: list[str]) -> list[str]:
    for name in files:
        path = root / "entries" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ENTRY, "utf-8")
    config = config_from_mapping({"languages": languages}, root)
    return [f"{d.span}: {d.severity.name.lower()}[{d.code}]: {d.message} / {d.hint}" for d in layout_findings(config)]


def test_files_in_the_language_folders_are_in_their_place(tmp_path: Path) -> None:
    files = ["de/embedding.md", "de/themen/llm.md", "en/embedding.md", "de/bild.png", ".entwurf/x.md", "de/.x.md"]
    assert findings(tmp_path, files, ["de", "en"]) == []


def test_a_file_directly_in_the_entries_folder_belongs_to_no_language(tmp_path: Path) -> None:
    assert findings(tmp_path, ["de/a.md", "notizen.md", "liesmich.txt"], ["de", "en"]) == [
        "entries/notizen.md:1:1: error[language-layout]: file is outside every language folder "
        "(entries/de/, entries/en/); it is on no page / move it into the folder of its language, "
        "e.g. entries/de/notizen.md",
    ]


def test_a_folder_of_a_language_with_site_words_may_be_added_to_the_configuration(tmp_path: Path) -> None:
    assert findings(tmp_path, ["fr/plongement.md", "fr/modeles/llm.md"], ["de", "en"]) == [
        f"entries/fr/{name}:1:1: error[language-layout]: folder 'entries/fr/' is not one of the glossary's "
        "languages (de, en); this file is on no page / add fr to 'languages' in glossary.yml, "
        "or move the file into the folder of its language"
        for name in ("modeles/llm.md", "plongement.md")
    ]


def test_a_folder_of_another_name_holds_files_of_no_language(tmp_path: Path) -> None:
    assert findings(tmp_path, ["it/embedding.md", "Deutsch/embedding.md"], ["de", "en", "fr"]) == [
        f"entries/{folder}/embedding.md:1:1: error[language-layout]: folder 'entries/{folder}/' is not one of "
        "the glossary's languages (de, en, fr); this file is on no page / move the file into the folder "
        "of its language (de, en, fr)"
        for folder in ("Deutsch", "it")
    ]


def test_without_an_entries_folder_there_is_no_layout_to_report(tmp_path: Path) -> None:
    assert layout_findings(config_from_mapping({"languages": ["de"]}, tmp_path)) == []
