"""A glossary in three languages, checked and built through the real command line.

``tests/sites/multilingual-three/`` (``languages: [de, en, fr]``, German the
source): ``Embedding`` in all three; ``LLM`` and ``Hallucination`` in German
and English, not in French; ``Latent-Space`` only in the translations (English
and French), ``Attention`` only in French.  The German ``Embedding`` links to
``Latent-Space``, the English one to ``Attention``, the French one to ``LLM``.
``entries/glossar.md`` is outside every language folder, ``entries/it/`` the
folder of a language without site words.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import SITES, run_cli

SCENARIO = SITES / "multilingual-three"

CHECK_REPORT = """\
entries/de/embedding.md:6:41: warning[link-to-other-language]: 'Latent-Space' exists only in English (en) and French (fr): the link leads to the English page
  |
6 | Bildern. Ähnliche Bedeutungen liegen im [latenten Raum](#Latent-Space) nahe
  |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
  = hint: translate entries/en/latent-space.md into entries/de/latent-space.md, or link to a term that exists in German

entries/de/halluzination.md:1:1: info[missing-translation]: 'Hallucination' has no translation in fr (French)
  |
1 | ## Halluzination {#Hallucination .chapter .small .term}
  | ^
  = hint: translate it as an entry {#Hallucination .term} in entries/fr/

entries/de/llm.md:1:1: info[missing-translation]: 'LLM' has no translation in fr (French)
  |
1 | ## Large Language Model {#LLM .chapter .small .term aliases="LLM; Sprachmodell"}
  | ^
  = hint: translate it as an entry {#LLM .term} in entries/fr/

entries/en/embedding.md:12:1: warning[link-to-other-language]: 'Attention' exists only in French (fr): the link leads to that page
   |
12 | [attention](#Attention).
   | ^~~~~~~~~~~~~~~~~~~~~~~
   = hint: translate entries/fr/attention.md into entries/en/attention.md, or link to a term that exists in English

entries/fr/attention.md:1:1: info[orphan-term]: no other entry links to 'Attention'
  |
1 | ## Attention {#Attention .chapter .small .term}
  | ^
  = hint: link to it from a related entry's text or see-also section

entries/fr/attention.md:9:1: info[asymmetric-see-also]: 'Attention' lists 'Embedding' under see-also, but 'Embedding' does not list 'Attention'
  |
9 | [Plongement](#Embedding) |
  | ^~~~~~~~~~~~~~~~~~~~~~~~
  = hint: add [Attention](#Attention) to the see-also section of 'Embedding'
  = note: entries/fr/plongement.md:1:1: 'Embedding' defined here

entries/fr/plongement.md:10:1: warning[link-to-other-language]: 'LLM' exists only in German (de) and English (en): the link leads to the German page
   |
10 | [Grand modèle de langage](#LLM) |
   | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
   = hint: translate entries/de/llm.md into entries/fr/llm.md, or link to a term that exists in French

entries/glossar.md:1:1: error[language-layout]: file is outside every language folder (entries/de/, entries/en/, entries/fr/); it is on no page
  = hint: move it into the folder of its language, e.g. entries/de/glossar.md

entries/it/embedding.md:1:1: error[language-layout]: folder 'entries/it/' is not one of the glossary's languages (de, en, fr); this file is on no page
  = hint: move the file into the folder of its language (de, en, fr)

2 errors, 3 warnings, 4 infos in 10 entries (37 references)
"""  # noqa: E501 - the report's lines are as long as they are


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("three") / "multilingual-three"
    shutil.copytree(SCENARIO, root, ignore=shutil.ignore_patterns(".glossary-cache", "site"))
    return root


@pytest.fixture(scope="module")
def checked(glossary: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("check", cwd=glossary)


@pytest.fixture(scope="module")
def site(glossary: Path, checked: subprocess.CompletedProcess[str]) -> Path:
    result = run_cli("build", cwd=glossary)  # after the check: the findings come from its cache
    assert result.returncode == 0, result.stderr
    return glossary / "site"


def test_check_reports_the_links_to_other_languages_and_the_layout(checked: subprocess.CompletedProcess[str]) -> None:
    assert (checked.returncode, checked.stderr) == (1, "")
    assert checked.stdout == CHECK_REPORT


def test_every_term_has_a_page_in_every_language_it_exists_in(site: Path) -> None:
    pages = sorted(
        path.relative_to(site).parent.as_posix() for path in site.glob("*/*/index.html") if path.parent.name != "search"
    )
    assert pages == [
        "de/Embedding", "de/Hallucination", "de/LLM",
        "en/Embedding", "en/Hallucination", "en/LLM", "en/Latent-Space",
        "fr/Attention", "fr/Embedding", "fr/Latent-Space",
    ]
    assert sorted(path.name for path in site.iterdir() if not path.name.startswith(".")) == [
        "de", "en", "fr", "index.html", "sitemap.xml",
    ]


def test_each_language_has_its_own_complete_site(site: Path) -> None:
    for code in ("de", "en", "fr"):
        folder = site / code
        assert all((folder / name).is_file() for name in ("index.html", "all.html", "map.html", "404.html"))
        assert (folder / "static" / "style.css").read_bytes() == (site / "de" / "static" / "style.css").read_bytes()
        page = (folder / "Embedding" / "index.html").read_text("utf-8")
        assert page.startswith(f'<!DOCTYPE html>\n<html lang="{code}"')
        # Its public addresses are below the base URL's folder of the language.
        assert f'<link rel="canonical" href="https://example.org/glossar/{code}/Embedding/index.html">' in page
    assert "Plongement" in (site / "fr" / "Embedding" / "index.html").read_text("utf-8")


def test_files_outside_the_language_folders_are_on_no_page(site: Path) -> None:
    texts = ("rappresentazioni vettoriali", "in einem Ordner je Sprache")
    shown = [path for path in site.rglob("*") if path.is_file() and any(t.encode() in path.read_bytes() for t in texts)]
    assert shown == []


def test_the_switcher_leads_to_the_same_term_or_says_it_is_not_translated(site: Path) -> None:
    page = (site / "de" / "LLM" / "index.html").read_text("utf-8")
    assert '<a href="../../en/LLM/index.html" hreflang="en" lang="en">English</a>' in page
    assert (
        '<li class="not-translated"><a href="../../fr/index.html" hreflang="fr" lang="fr">Français</a> '
        '<span class="language-note">(noch nicht übersetzt)</span></li>'
    ) in page
    embedding = (site / "fr" / "Embedding" / "index.html").read_text("utf-8")
    for code in ("de", "en"):
        assert f'<a href="../../{code}/Embedding/index.html" hreflang="{code}" lang="{code}">' in embedding
        assert (
            f'<link rel="alternate" hreflang="{code}" href="https://example.org/glossar/{code}/Embedding/index.html">'
        ) in embedding
    # A link to a term French lacks leads to the German page, marked.
    assert 'class="xref other-language" href="../../de/LLM/index.html" hreflang="de"' in embedding


def test_the_root_is_the_language_choice_and_the_sitemap_has_every_language(site: Path) -> None:
    choice = (site / "index.html").read_text("utf-8")
    assert "navigator.languages" in choice
    for code, name in (("de", "Deutsch"), ("en", "English"), ("fr", "Français")):
        assert f'href="{code}/index.html"' in choice and name in choice
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/glossar/fr/Attention/index.html</loc>" in sitemap
    assert '<xhtml:link rel="alternate" hreflang="fr" href="https://example.org/glossar/fr/Embedding/index.html"/>' in (
        sitemap
    )
    assert not (site / "de" / "sitemap.xml").exists()  # one sitemap, at the top


def test_an_edited_source_makes_each_translation_outdated_until_marked(tmp_path: Path) -> None:
    root = tmp_path / "multilingual-three"
    shutil.copytree(SCENARIO, root, ignore=shutil.ignore_patterns(".glossary-cache", "site"))
    source = root / "entries" / "de" / "embedding.md"
    text = source.read_text("utf-8")
    source.write_text(text.replace("nahe\nbeieinander.", "nahe\nbeieinander, ferne fern."), "utf-8")
    checked = run_cli("check", cwd=root)
    for code in ("en", "fr"):
        assert (
            f"warning[outdated-translation]: 'Embedding' ({code}) is outdated: "
            "the source (de) changed its definition since it was marked"
        ) in checked.stdout
    assert run_cli("build", cwd=root).returncode == 0
    english = (root / "site" / "en" / "Embedding" / "index.html").read_text("utf-8")
    assert 'class="status-banner outdated"' in english
    assert 'href="../../de/Embedding/index.html" hreflang="de"' in english.split('class="status-banner outdated"')[1]
    assert 'class="status-banner outdated"' not in (root / "site" / "en" / "LLM" / "index.html").read_text("utf-8")
    marked = run_cli("translations", "--mark", "en", "Embedding", cwd=root)
    assert marked.returncode == 0, marked.stderr
    assert run_cli("build", cwd=root).returncode == 0
    site = root / "site"
    assert 'class="status-banner outdated"' not in (site / "en" / "Embedding" / "index.html").read_text("utf-8")
    assert 'class="status-banner outdated"' in (site / "fr" / "Embedding" / "index.html").read_text("utf-8")
    again = run_cli("check", cwd=root).stdout
    assert "'Embedding' (en) is outdated" not in again and "'Embedding' (fr) is outdated" in again
