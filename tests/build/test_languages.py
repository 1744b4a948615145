"""Loading a multilingual glossary: each language a glossary of its own with its own cache,
linked to the ids of the others (the scenario of ``tests/sites/multilingual/``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from glossary_build.build.languages import MultilingualLoader, load_languages
from glossary_build.build.pipeline import check
from glossary_build.core.config import load_config
from glossary_build.core.progress import Progress
from glossary_build.sources.inputs import BuildError
from tests.support import SITES


class Parsed(Progress):
    """Records how many files each parse had to parse."""

    def __init__(self) -> None:
        super().__init__()
        self.parsed: list[int] = []

    def start(self, stage: str, total: int) -> None:
        if stage == "parsing":
            self.parsed.append(total)


def copy_scenario(folder: Path) -> Path:
    root = folder / "multilingual"
    shutil.copytree(SITES / "multilingual", root, ignore=shutil.ignore_patterns(".glossary-cache", "site"))
    return root


def test_each_language_is_a_glossary_of_its_own_linked_to_the_others(tmp_path: Path) -> None:
    multi = load_languages(load_config(copy_scenario(tmp_path) / "glossary.yml"), use_cache=False)
    assert [language.code for language in multi.languages] == ["de", "en"]
    german, english = multi.languages
    assert (german.config.language, german.config.entries) == ("de", "entries/de")
    assert sorted(german.graph.entries) == ["Embedding", "Tokenization", "Vector-Database"]
    assert german.graph.elsewhere == {"Latent-Space": ("en",)}
    assert english.graph.elsewhere == {"Tokenization": ("de",)}
    assert [parsed.path for parsed in english.files] == [
        "entries/en/embedding.md", "entries/en/latent-space.md", "entries/en/vector-database.md",
    ]
    assert [d.code for d in german.diagnostics] == ["link-to-other-language"]
    assert [d.code for d in english.diagnostics] == ["broken-reference"]
    assert [str(d.span) for d in multi.layout] == ["entries/fr/embedding.md:1:1", "entries/notizen.md:1:1"]


def test_the_glossary_of_a_check_sums_the_languages(tmp_path: Path) -> None:
    glossary = check(load_config(copy_scenario(tmp_path) / "glossary.yml"), use_cache=False)
    assert (glossary.entry_count, glossary.reference_count, glossary.file_count) == (6, 24, 6)
    assert glossary.languages is not None and glossary.graph is glossary.languages.languages[0].graph
    assert [d.code for d in glossary.diagnostics] == [
        "link-to-other-language", "missing-translation", "broken-reference", "language-layout", "language-layout",
    ]
    assert glossary.sources["entries/en/vector-database.md"][3].startswith("closest to a query")
    assert "entries/notizen.md" not in glossary.sources  # no language reads it


def test_unchanged_languages_are_neither_parsed_nor_checked_again(tmp_path: Path) -> None:
    config = load_config(copy_scenario(tmp_path) / "glossary.yml")
    progress = Parsed()
    MultilingualLoader(config, progress=progress).load().remember()
    again = MultilingualLoader(config, progress=progress).load()
    assert [loaded.stored for loaded in again.loaded.values()] == [True, True]
    assert progress.parsed == [3, 3]  # once per language, the first time only


def test_an_edit_in_one_language_parses_that_file_and_checks_every_language(tmp_path: Path) -> None:
    root = copy_scenario(tmp_path)
    config = load_config(root / "glossary.yml")
    progress = Parsed()
    MultilingualLoader(config, progress=progress).load().remember()
    (root / "entries" / "en" / "tokenization.md").write_text(
        "## Tokenization {#Tokenization .term}\n\n**Tokenization** splits a text into tokens; each gets an "
        "[embedding](#Embedding).\n\n### See also {.seealso}\n\n[Embedding](#Embedding) |\n",
        "utf-8",
    )
    again = MultilingualLoader(config, progress=progress).load()
    # German's findings depend on English's ids: checked again, from its cached parse results.
    assert [loaded.stored for loaded in again.loaded.values()] == [False, False]
    assert progress.parsed == [3, 3, 1]
    assert again.graphs["en"].elsewhere == {}
    assert again.graphs["de"].elsewhere == {"Latent-Space": ("en",)}


def test_a_translation_language_without_a_folder_has_no_entries_yet(tmp_path: Path) -> None:
    root = copy_scenario(tmp_path)
    shutil.rmtree(root / "entries" / "en")
    glossary = check(load_config(root / "glossary.yml"), use_cache=False)
    missing = sorted(d.get("id") for d in glossary.diagnostics if d.code == "missing-translation")
    assert missing == ["Embedding", "Tokenization", "Vector-Database"]
    assert glossary.languages is not None and glossary.languages.language("en").graph.entries == {}


def test_the_source_language_needs_its_folder(tmp_path: Path) -> None:
    root = copy_scenario(tmp_path)
    shutil.rmtree(root / "entries" / "de")
    with pytest.raises(BuildError, match="entries folder 'entries/de' not found"):
        check(load_config(root / "glossary.yml"), use_cache=False)
