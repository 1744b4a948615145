"""A multilingual site without a browser: each language's pages rendered with a
:class:`~glossary_build.render.languages.Languages` context, the files at the top.

The glossary is :data:`tests.site.support.MULTILINGUAL_ENTRIES` (de the source, en, fr),
rendered by :func:`tests.site.support.multilingual_files` as the multilingual build does.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from glossary_build.core.config import LANGUAGES
from glossary_build.render.languages import Languages, LanguageSite, OutdatedNote
from glossary_build.render.site import SiteRenderer, render_site
from glossary_build.render.theme import load_theme
from glossary_build.render.words import WORDS, Words

from .support import language_graphs, multilingual_config, multilingual_files

BASE = "https://example.org/g/"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The site with a base URL; Embedding outdated in en (definition, see-also), never marked in fr."""
    root = tmp_path_factory.mktemp("languages")
    found = multilingual_files(root, BASE, {"en": {"Embedding": ("definition", "see-also")}, "fr": {"Embedding": ()}})
    return {path: data.decode("utf-8") for path, data in found.items() if not path.split("/")[1:2] == ["static"]}


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The site without a base URL."""
    found = multilingual_files(tmp_path_factory.mktemp("plain"))
    return {path: data.decode("utf-8") for path, data in found.items() if path.endswith(".html")}


def block(html: str, start: str, end: str) -> str:
    """The part of ``html`` from the line with ``start`` to the next line with ``end``."""
    lines = html.splitlines()
    first = next(i for i, line in enumerate(lines) if start in line)
    last = next(i for i in range(first, len(lines)) if end in lines[i])
    return "\n".join(lines[first:last + 1])


# -- the switcher ----------------------------------------------------------------------------


def test_the_switcher_leads_to_the_same_term_in_every_language(files: dict[str, str]) -> None:
    assert block(files["fr/Embedding/index.html"], '<nav class="language-switcher"', "</nav>") == (
        '    <nav class="language-switcher" aria-label="Langues">\n'
        "      <ul>\n"
        '        <li><a href="../../de/Embedding/index.html" hreflang="de" lang="de">Deutsch</a></li>\n'
        '        <li><a href="../../en/Embedding/index.html" hreflang="en" lang="en">English</a></li>\n'
        '        <li><span class="current-language" lang="fr" aria-current="page">Français</span></li>\n'
        "      </ul>\n"
        "    </nav>"
    )


def test_a_term_not_translated_says_so_and_links_the_original(files: dict[str, str]) -> None:
    switcher = block(files["en/Vektordatenbank/index.html"], '<nav class="language-switcher"', "</nav>")
    assert (
        '        <li class="not-translated"><a href="../../fr/index.html" hreflang="fr" lang="fr">Français</a> '
        '<span class="language-note">(not translated yet; <a href="../../de/Vektordatenbank/index.html" '
        'hreflang="de">read the original</a>)</span></li>'
    ) in switcher.splitlines()
    # On the source's own page, and for a term the source lacks, there is no original to link.
    assert '<li class="not-translated"><a href="../../en/index.html" hreflang="en" lang="en">English</a> ' \
        '<span class="language-note">(noch nicht übersetzt)</span></li>' in files["de/Tokenisierung/index.html"]
    assert '<li class="not-translated"><a href="../../de/index.html" hreflang="de" lang="de">Deutsch</a> ' \
        '<span class="language-note">(not translated yet)</span></li>' in files["en/Latent-Space/index.html"]


def test_index_all_and_map_switch_to_the_same_page(files: dict[str, str]) -> None:
    for page in ("index.html", "all.html", "map.html"):
        switcher = block(files[f"en/{page}"], '<nav class="language-switcher"', "</nav>")
        assert f'<li><a href="../de/{page}" hreflang="de" lang="de">Deutsch</a></li>' in switcher
        assert f'<li><a href="../fr/{page}" hreflang="fr" lang="fr">Français</a></li>' in switcher
        assert '<li><span class="current-language" lang="en" aria-current="page">English</span></li>' in switcher
    # The 404 page is served at any address: it links from the base URL.
    assert '<li><a href="https://example.org/g/de/index.html" hreflang="de" lang="de">Deutsch</a></li>' \
        in files["en/404.html"]


def test_the_header_row_of_a_page_with_a_switcher(files: dict[str, str]) -> None:
    assert '  <div class="wrap nav-row">\n    <nav class="site-nav" aria-label="Wörter &amp; Welten">' \
        in files["de/index.html"]


# -- alternates, canonical links, the sitemaps ---------------------------------------------------


def alternates(html: str) -> list[str]:
    return re.findall(r'<link rel="alternate" [^>]*>', html)


def test_a_term_page_names_the_languages_it_exists_in(files: dict[str, str], plain: dict[str, str]) -> None:
    assert alternates(files["en/Vektordatenbank/index.html"]) == [
        '<link rel="alternate" hreflang="de" href="https://example.org/g/de/Vektordatenbank/index.html">',
        '<link rel="alternate" hreflang="en" href="https://example.org/g/en/Vektordatenbank/index.html">',
        '<link rel="alternate" hreflang="x-default" href="https://example.org/g/de/Vektordatenbank/index.html">',
    ]
    # A term only a translation has: that language is the default.
    assert alternates(plain["en/Latent-Space/index.html"]) == [
        '<link rel="alternate" hreflang="en" href="../../en/Latent-Space/index.html">',
        '<link rel="alternate" hreflang="x-default" href="../../en/Latent-Space/index.html">',
    ]


def test_the_index_defaults_to_the_choice_page_the_other_pages_to_the_source(files: dict[str, str]) -> None:
    assert alternates(files["fr/index.html"])[-1] == (
        '<link rel="alternate" hreflang="x-default" href="https://example.org/g/index.html">'
    )
    assert alternates(files["fr/map.html"]) == [
        f'<link rel="alternate" hreflang="{code}" href="https://example.org/g/{code}/map.html">'
        for code in ("de", "en", "fr")
    ] + ['<link rel="alternate" hreflang="x-default" href="https://example.org/g/de/map.html">']
    assert alternates(files["fr/404.html"]) == []


def test_canonical_links_and_structured_data_name_the_language_folder(files: dict[str, str]) -> None:
    page = files["en/Embedding/index.html"]
    assert '<link rel="canonical" href="https://example.org/g/en/Embedding/index.html">' in page
    assert '"url":"https://example.org/g/en/Embedding/index.html"' in page


def test_only_the_top_sitemap_is_written_with_every_language(files: dict[str, str]) -> None:
    assert [path for path in files if path.endswith("sitemap.xml")] == ["sitemap.xml"]
    sitemap = files["sitemap.xml"]
    assert sitemap.count("<url>") == 3 * 3 + 3 + 2 + 1 + 1  # 3 pages in 3 languages; 4 terms in 3, 2, 1, 1
    assert (
        "  <url>\n"
        "    <loc>https://example.org/g/en/Latent-Space/index.html</loc>\n"
        '    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/g/en/Latent-Space/index.html"/>\n'
        '    <xhtml:link rel="alternate" hreflang="x-default" '
        'href="https://example.org/g/en/Latent-Space/index.html"/>\n'
        "  </url>\n"
    ) in sitemap


def test_without_a_base_url_there_is_no_sitemap(tmp_path: Path) -> None:
    assert not [path for path in multilingual_files(tmp_path) if path.endswith("sitemap.xml")]


# -- links to terms only other languages have ----------------------------------------------------


def test_a_link_to_a_term_only_another_language_has_leads_there(files: dict[str, str]) -> None:
    page = files["fr/Embedding/index.html"]
    assert (
        '<a class="xref other-language" href="../../en/Latent-Space/index.html" hreflang="en" '
        'data-term="Latent-Space" title="Uniquement en anglais">espace latent</a>'
    ) in page
    # Vektordatenbank is in de and en: the link leads to the first in configured order.
    assert (
        '<a class="xref other-language" href="../../de/Vektordatenbank/index.html" hreflang="de" '
        'data-term="Vektordatenbank" title="Uniquement en allemand">base de données vectorielle</a>'
    ) in page
    assert '"Latent-Space":["Latent space","",[],"en"]' in page  # the preview: its title there
    assert 'class="xref missing"' not in page


def test_all_html_links_to_the_other_language_page_not_in_page(files: dict[str, str]) -> None:
    assert (
        '<a class="xref other-language" href="../en/Latent-Space/index.html" hreflang="en" '
        'data-term="Latent-Space" title="Nur auf Englisch">latenten Raum</a>'
    ) in files["de/all.html"]


def test_see_also_links_to_another_language_too(files: dict[str, str]) -> None:
    assert (
        '      <li><a class="xref other-language" href="../../en/Latent-Space/index.html" hreflang="en" '
        'data-term="Latent-Space" title="Nur auf Englisch">Latenter Raum</a></li>'
    ) in files["de/Embedding/index.html"].splitlines()


def test_without_a_context_such_links_stay_not_written(tmp_path: Path) -> None:
    graph = language_graphs()["fr"]
    config = multilingual_config(tmp_path).for_language("fr")
    page = SiteRenderer(graph, config, load_theme(tmp_path)).term_page("Embedding").decode("utf-8")
    assert '<span class="xref missing" tabindex="0" title="Pas encore rédigé: Latent-Space" ' \
        'data-target="Latent-Space">espace latent</span>' in page
    assert "hreflang" not in page and "language-switcher" not in page and "nav-row" not in page


def test_a_single_language_site_is_unchanged_by_an_empty_elsewhere(tmp_path: Path) -> None:
    graph = language_graphs()["de"]
    config = multilingual_config(tmp_path).for_language("de")
    theme = load_theme(tmp_path)
    bare = dataclasses.replace(graph, elsewhere={})
    assert render_site(graph, config, theme) == render_site(bare, config, theme)


# -- outdated translations -------------------------------------------------------------------


def test_an_outdated_translation_has_a_banner_that_links_the_source(files: dict[str, str]) -> None:
    assert (
        '  <p class="status-banner outdated" role="note">This translation may be out of date: the original in '
        'German has changed since (definition, see also). '
        '<a href="../../de/Embedding/index.html" hreflang="de">Read the current original</a></p>'
    ) in files["en/Embedding/index.html"]
    assert (
        '  <p class="status-banner outdated" role="note">Cette traduction n’a pas encore été vérifiée par rapport '
        'à l’original en allemand. <a href="../../de/Embedding/index.html" hreflang="de">Lire l’original à jour</a></p>'
    ) in files["fr/Embedding/index.html"]
    assert "status-banner outdated" not in files["en/Vektordatenbank/index.html"]


def test_the_source_language_never_shows_the_banner(tmp_path: Path) -> None:
    graphs = language_graphs()
    sites = tuple(LanguageSite.of_graph(code, graph) for code, graph in graphs.items())
    languages = Languages("de", sites, {"Embedding": OutdatedNote(("title",))})
    assert languages.outdated_banner("Embedding", "../", WORDS["de"]) is None
    german = Languages("en", sites, {"Embedding": OutdatedNote(("title", "sections"))})
    banner = german.outdated_banner("Embedding", "../", WORDS["de"])
    assert banner is not None and banner.text == (
        "Diese Übersetzung ist womöglich veraltet: Das Original auf Deutsch wurde seither geändert "
        "(Titel, Abschnitte)."
    )


def test_a_link_leads_only_to_a_language_of_the_site_that_has_the_term() -> None:
    sites = (LanguageSite("de", {}, {}), LanguageSite("en", {"X": "X"}, {"X": "X"}), LanguageSite("fr", {}, {}))
    languages = Languages("fr", sites)
    assert languages.other_language("X", ("de", "en")) == "en"
    assert languages.other_language("X", ("es", "de")) is None
    assert Languages("en", sites).other_language("X", ("en",)) is None


def test_a_language_context_names_one_of_its_languages() -> None:
    with pytest.raises(ValueError, match="'es' is none of the languages"):
        Languages("es", (LanguageSite("de", {}, {}),))


# -- the choice page at the top ------------------------------------------------------------------


def test_the_choice_page_links_every_language_without_javascript(files: dict[str, str]) -> None:
    page = files["index.html"]
    assert block(page, '<ul class="language-choice">', "</ul>") == (
        '<ul class="language-choice">\n'
        '  <li><a href="de/index.html" hreflang="de" lang="de">Deutsch</a></li>\n'
        '  <li><a href="en/index.html" hreflang="en" lang="en">English</a></li>\n'
        '  <li><a href="fr/index.html" hreflang="fr" lang="fr">Français</a></li>\n'
        "</ul>"
    )
    assert '<html lang="de">' in page and '<link rel="stylesheet" href="de/static/style.css">' in page
    assert '<p class="language-prompts"><span lang="de">Sprache wählen</span> · ' \
        '<span lang="en">Choose a language</span> · <span lang="fr">Choisir une langue</span></p>' in page
    assert 'var codes = ["de","en","fr"]' in page
    assert 'location.replace((chosen || "de") + "/index.html" + location.search + location.hash);' in page


# -- words -----------------------------------------------------------------------------------


def test_every_language_has_every_word_and_names_every_language() -> None:
    assert sorted(WORDS) == sorted(LANGUAGES)
    for code, words in WORDS.items():
        assert sorted(words.language_names) == sorted(LANGUAGES), code
        for field in dataclasses.fields(Words):
            assert getattr(words, field.name), f"{code}: {field.name}"


def test_french_words_are_french_and_keep_french_typography() -> None:
    french, english = WORDS["fr"], WORDS["en"]
    same = [f.name for f in dataclasses.fields(Words) if getattr(french, f.name) == getattr(english, f.name)]
    assert same == ["index", "source", "part_sections"]  # the same word in both languages
    assert french.map_too_big.format(n=600, max=500) == (
        "Le glossaire compte 600 termes\u202f; une carte d’ensemble n’est dessinée que jusqu’à 500 termes. "
        "Chaque page de terme montre sa propre carte."
    )
    assert french.moved == "Ce terme a une nouvelle adresse\u00a0:"


def test_the_site_file_paths_of_a_language_are_the_files_it_makes(tmp_path: Path) -> None:
    graphs = language_graphs()
    sites = tuple(LanguageSite.of_graph(code, graph) for code, graph in graphs.items())
    config = multilingual_config(tmp_path, BASE).for_language("en")
    renderer = SiteRenderer(graphs["en"], config, load_theme(tmp_path), Languages("en", sites))
    assert renderer.site_file_paths() == list(renderer.site_files())
    assert "sitemap.xml" not in renderer.site_file_paths()
