"""Terms as concepts on the site: aliases, status, deprecated terms and their successors, old
ids and drafts, built from ``tests/sites/concepts/`` through the real command line.

The scenario: ``LLM`` (aliases and a hidden label) links to ``Transformer`` through its
old id, to the deprecated ``Deep-Fake`` (successor ``Deepfake``), to the deprecated
``Altbegriff`` (no successor) and to the draft ``Agentensystem``; ``Deepfake`` has the
old ids ``Deep-Fake-Video`` and ``DeepFake`` (whose address is the live page's).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from glossary_build.render.structured import DEPRECATED, IS_REPLACED_BY
from tests.support import SITES, run_cli

SCENARIO = SITES / "concepts"
HIDDEN = "Langauge"  # the hidden label's misspelling: searchable, never shown


def copy_scenario(folder: Path, config: str = "") -> Path:
    root = folder / "concepts"
    shutil.copytree(SCENARIO, root, ignore=shutil.ignore_patterns(".glossary-cache", "site"))
    if config:
        with (root / "glossary.yml").open("a", encoding="utf-8") as file:
            file.write(config)
    return root


def built(folder: Path, *options: str, config: str = "") -> Path:
    root = copy_scenario(folder, config)
    result = run_cli("build", "--out", str(root / "site"), *options, cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("concepts"))


@pytest.fixture(scope="module")
def with_drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("drafts"), "--drafts")


def read(site: Path, path: str) -> str:
    return (site / path).read_text("utf-8")


def main_of(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def json_ld(html: str) -> dict:
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return json.loads(block)


def previews(html: str) -> dict:
    [block] = re.findall(r'<script type="application/json" id="term-previews">(.*?)</script>', html, re.DOTALL)
    return json.loads(block)


def search_records(site: Path) -> dict[str, list[str]]:
    text = read(site, "search-index.js")
    records = json.loads(text[len("window.GLOSSARY_INDEX="):-2])["terms"]
    return {record[0] or record[1].replace(" ", "-"): record for record in records}


# -- term pages ------------------------------------------------------------------------------


def test_a_term_page_shows_its_aliases_but_never_its_hidden_labels(site: Path) -> None:
    page = read(site, "LLM/index.html")
    assert '<p class="term-labels"><span class="aliases">Auch: LLM, Sprachmodell, LLMs</span></p>' in page
    assert "status-badge" not in page  # preferred: no status shown
    shown = [path for path in site.rglob("*") if path.is_file() and path.suffix in (".html", ".json")]
    assert [path for path in shown if HIDDEN in path.read_text("utf-8")] == []


def test_an_admitted_term_says_so(site: Path) -> None:
    page = read(site, "Transformer/index.html")
    assert ('<p class="term-labels"><span class="status-badge status-admitted">Zugelassen</span> '
            '<span class="aliases">Auch: Transformer-Architektur</span></p>') in page
    assert "status-banner" not in page


def test_a_deprecated_page_has_a_banner_that_links_its_successor(site: Path) -> None:
    page = main_of(read(site, "Deep-Fake/index.html"))
    assert '<span class="status-badge status-deprecated">Veraltet</span>' in page
    banner = re.search(r'<p class="status-banner deprecated" role="note">(.*?)</p>', page, re.DOTALL)
    assert banner is not None
    assert " ".join(banner[1].split()) == (
        '<strong>Dieser Begriff ist veraltet.</strong> Stattdessen: '
        '<a class="successor" href="../Deepfake/index.html">Deepfake</a>'
    )


def test_a_deprecated_page_without_successor_says_none_is_named(site: Path) -> None:
    page = main_of(read(site, "Altbegriff/index.html"))
    banner = re.search(r'<p class="status-banner deprecated" role="note">(.*?)</p>', page, re.DOTALL)
    assert banner is not None
    assert " ".join(banner[1].split()) == (
        "<strong>Dieser Begriff ist veraltet.</strong> Ein Nachfolger ist nicht genannt."
    )


def test_links_to_deprecated_terms_are_marked_and_name_the_successor(site: Path) -> None:
    page = main_of(read(site, "LLM/index.html"))
    assert ('<a class="xref deprecated" href="../Deep-Fake/index.html" data-term="Deep-Fake" '
            'title="Veraltet; stattdessen: Deepfake">Deep Fakes</a>') in page
    assert ('<a class="xref deprecated" href="../Altbegriff/index.html" data-term="Altbegriff" '
            'title="Veraltet">Altbegriff</a>') in page
    # A link through an old id leads to the term as it is now.
    assert '<a class="xref" href="../Transformer/index.html" data-term="Transformer">Transformers</a>' in page
    all_page = read(site, "all.html")
    assert ('<a class="xref deprecated" href="#Deep-Fake" data-term="Deep-Fake" '
            'title="Veraltet; stattdessen: Deepfake">Deep Fakes</a>') in all_page


def test_previews_carry_the_aliases_of_linked_terms(site: Path) -> None:
    data = previews(read(site, "Deepfake/index.html"))
    assert data["LLM"][0] == "Large Language Model"
    assert data["LLM"][2] == ["LLM", "Sprachmodell", "LLMs"]
    assert len(data["Deep-Fake"]) == 2  # no aliases: title and definition only
    assert 'data-also="Auch"' in read(site, "Deepfake/index.html")


def test_term_json_ld_has_alternate_names_and_the_successor(site: Path) -> None:
    llm = json_ld(read(site, "LLM/index.html"))
    assert llm["@context"] == "https://schema.org" and llm["@type"] == "DefinedTerm"
    assert llm["alternateName"] == ["LLM", "Sprachmodell", "LLMs"]
    assert DEPRECATED not in llm and IS_REPLACED_BY not in llm
    assert HIDDEN not in json.dumps(llm)
    old = json_ld(read(site, "Deep-Fake/index.html"))
    assert old[DEPRECATED] is True
    assert old[IS_REPLACED_BY] == {"@type": "DefinedTerm", "name": "Deepfake", "termCode": "Deepfake"}
    assert "sameAs" not in old
    assert IS_REPLACED_BY not in json_ld(read(site, "Altbegriff/index.html"))


def test_json_ld_names_the_successor_by_its_address_with_a_base_url(tmp_path: Path) -> None:
    site = built(tmp_path, config='base_url: "https://example.org/glossar/"\n')
    old = json_ld(read(site, "Deep-Fake/index.html"))
    assert old[IS_REPLACED_BY]["url"] == "https://example.org/glossar/Deepfake/index.html"
    redirect = read(site, "Deep-Fake-Video/index.html")
    assert '<link rel="canonical" href="https://example.org/glossar/Deepfake/index.html">' in redirect
    sitemap = read(site, "sitemap.xml")
    assert "Deepfake/index.html" in sitemap
    assert "Deep-Fake-Video" not in sitemap and "Transformer-Modell" not in sitemap  # no redirects
    assert "Agentensystem" not in sitemap  # no drafts


# -- the A–Z index -------------------------------------------------------------------------


def index_lines(site: Path) -> list[str]:
    """The index's terms and aliases in order, as text: ``LLM → Large Language Model``."""
    html = read(site, "index.html")
    lines = []
    for dt, dd in re.findall(r"<dt[^>]*>(.*?)</dt>\s*(?:<dd([^>]*>.*?)</dd>)?", html, re.DOTALL):
        text = re.sub(r"<[^>]+>", "", dt).strip()
        if 'class="alias-of"' in dd:
            text += " → " + re.sub(r"<[^>]+>|→|siehe", "", dd.split(">", 1)[1]).strip()
        lines.append(text)
    return lines


def test_the_index_lists_each_alias_under_its_own_letter(site: Path) -> None:
    assert index_lines(site) == [
        "Altbegriff Veraltet",
        "Deep Fake Veraltet",
        "Deepfake",
        "Large Language Model",
        "LLM → Large Language Model",
        "LLMs → Large Language Model",
        "Sprachmodell → Large Language Model",
        "Transformer",
        "Transformer-Architektur → Transformer",
    ]
    html = read(site, "index.html")
    assert ('<dt class="alias"><a href="LLM/index.html">Sprachmodell</a></dt>\n    <dd class="alias-of">'
            '<span aria-hidden="true">→</span><span class="visually-hidden">siehe</span> Large Language Model</dd>'
            ) in html
    assert re.search(r'<section class="letter-group" aria-labelledby="letter-S">\s*<h2 id="letter-S">S '
                     r'<span class="count">1</span></h2>', html)


def test_the_index_marks_deprecated_terms_with_their_successor(site: Path) -> None:
    html = read(site, "index.html")
    assert ('<dt class="status-deprecated"><a href="Deep-Fake/index.html">Deep Fake</a> '
            '<span class="status-badge status-deprecated">Veraltet</span></dt>') in html
    assert '<dd class="successor-note">Stattdessen: <a href="Deepfake/index.html">Deepfake</a></dd>' in html
    assert "Zugelassen" not in html  # admitted terms are ordinary entries of the index


# -- old ids ---------------------------------------------------------------------------------


def test_an_old_address_is_a_small_redirect_page(site: Path) -> None:
    page = read(site, "Deep-Fake-Video/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../Deepfake/index.html">' in page
    assert '<link rel="canonical" href="../Deepfake/index.html">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert '<a href="../Deepfake/index.html">Deepfake</a>' in page
    assert '<script>location.replace("../Deepfake/index.html" + location.hash)</script>' in page
    assert "search.js" not in page and "ld+json" not in page  # small: no search, no data
    assert '<meta http-equiv="refresh" content="0; url=../Transformer/index.html">' in read(
        site, "Transformer-Modell/index.html"
    )


def test_an_old_address_of_a_live_page_is_left_to_the_page_and_reported(site: Path, tmp_path: Path) -> None:
    # DeepFake is an old id of Deepfake: on a case-insensitive file system its folder is
    # Deepfake's own, which stays the term page.
    assert '<h1 id="Deepfake" class="term">Deepfake</h1>' in read(site, "Deepfake/index.html")
    assert not [path for path in site.iterdir() if path.name.casefold() == "deepfake" and path.name != "Deepfake"]
    root = copy_scenario(tmp_path)
    checked = run_cli("check", cwd=root)
    assert (
        "entries/deepfake.md:1:1: warning[formerly-clash]: the old address 'Deepfake/' of 'DeepFake' "
        "(old id of 'Deepfake') is also the page of 'Deepfake'; no redirect page is written for it"
    ) in checked.stdout


def test_old_fragments_lead_to_the_term(site: Path) -> None:
    anchors = '<span class="former-id" id="Deep-Fake-Video"></span><span class="former-id" id="DeepFake"></span>'
    assert f'{anchors}<h2 id="Deepfake" class="term">Deepfake</h2>' in read(site, "all.html")
    assert f'{anchors}<a href="Deepfake/index.html">Deepfake</a>' in read(site, "index.html")
    assert f'{anchors}<h1 id="Deepfake" class="term">Deepfake</h1>' in read(site, "Deepfake/index.html")


def test_old_ids_that_are_no_safe_folder_names_get_escaped_folders(tmp_path: Path) -> None:
    root = tmp_path / "g"
    (root / "entries").mkdir(parents=True)
    (root / "entries" / "a.md").write_text(
        '## Alpha {#Alpha .term formerly="static; Search; ../oben; a/b; CON; alpha"}\n\nText.\n', "utf-8"
    )
    result = run_cli("build", "--out", str(root / "site"), cwd=root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    redirects = sorted(path.parent.name for path in site.glob("*/index.html") if "refresh" in path.read_text("utf-8"))
    assert redirects == ["CON~", "a~2fb", "~2e.~2foben"]
    assert not (site / "static" / "index.html").exists() and not (site / "search" / "index.html").exists()
    assert '<h1 id="Alpha"' in read(site, "Alpha/index.html")
    checked = run_cli("check", cwd=root).stdout
    for old, folder, what in (("Search", "search", "a file of the site itself"),
                              ("alpha", "Alpha", "the page of 'Alpha'"),
                              ("static", "static", "a file of the site itself")):
        assert f"the old address '{folder}/' of '{old}' (old id of 'Alpha') is also {what}" in checked


# -- search ----------------------------------------------------------------------------------


def test_the_search_index_knows_aliases_and_hidden_labels(site: Path) -> None:
    records = search_records(site)
    names = records["LLM"][2].split("|")
    assert names[:4] == ["llm", "sprachmodell", "llms", "large langauge model"]
    assert records["Transformer"][2].split("|")[0] == "transformer architektur"


# -- drafts -------------------------------------------------------------------------------------


def test_drafts_are_left_out_of_the_site(site: Path) -> None:
    assert not (site / "Agentensystem").exists()
    assert not (site / "Agenten").exists()  # nor its old address
    for path in ("index.html", "all.html", "map.html", "graph.json", "search-index.js", "search/d0.js"):
        text = read(site, path)  # neither the draft's text nor a link to its page
        assert "zusammenarbeiten" not in text and "Agentensystem/" not in text and "#Agentensystem" not in text, path
    assert "Agentensystem" not in search_records(site)
    assert "Agentensystem" not in [term["id"] for term in json.loads(read(site, "graph.json"))["terms"]]
    llm = main_of(read(site, "LLM/index.html"))
    assert ('<span class="xref missing" tabindex="0" title="Noch nicht geschrieben: Agentensystem" '
            'data-target="Agentensystem">Agentensystems</span>') in llm
    assert "Agentensystem/index.html" not in read(site, "LLM/index.html")  # no backlink, no map node
    assert '<p class="term-count">5 Begriffe</p>' in read(site, "index.html")


def test_drafts_are_on_the_site_with_drafts(with_drafts: Path) -> None:
    page = main_of(read(with_drafts, "Agentensystem/index.html"))
    assert '<span class="status-badge status-draft">Entwurf</span>' in page
    banner = '<p class="status-banner draft" role="note">Entwurf: Dieser Begriff ist noch nicht veröffentlicht.</p>'
    assert banner in page
    llm = main_of(read(with_drafts, "LLM/index.html"))
    assert ('<a class="xref draft" href="../Agentensystem/index.html" data-term="Agentensystem" '
            'title="Entwurf">Agentensystems</a>') in llm
    assert "Agentensystem Entwurf" in index_lines(with_drafts)
    assert "Agentensystem" in read(with_drafts, "search-index.js")
    assert (with_drafts / "Agenten" / "index.html").is_file()
    terms = [term["id"] for term in json.loads(read(with_drafts, "graph.json"))["terms"]]
    assert "Agentensystem" in terms


def test_check_checks_drafts_either_way(tmp_path: Path) -> None:
    root = copy_scenario(tmp_path)
    output = run_cli("check", cwd=root).stdout
    assert "entries/llm.md:5:20: warning[link-to-draft]: 'Agentensystem' is a draft" in output
    assert "entries/agenten.md:7:1: info[asymmetric-see-also]" in output  # a finding inside the draft
    assert "6 entries" in output


def test_anchors_stay_where_pandoc_puts_them_without_drafts(tmp_path: Path) -> None:
    """A draft's sections count in Pandoc's de-duplication, with drafts or without, so a link
    to ``#kernkonzept-1`` leads to the same section either way."""
    root = tmp_path / "g"
    (root / "entries").mkdir(parents=True)
    (root / "entries" / "a.md").write_text(
        "## Alpha {#Alpha .term status=draft}\n\nA.\n\n### Kernkonzept\n\nA.\n\n----\n\n"
        "## Beta {#Beta .term}\n\nSiehe [Kern](#kernkonzept-1).\n\n### Kernkonzept\n\nB.\n",
        "utf-8",
    )
    for options in ((), ("--drafts",)):
        out = root / ("site" + "".join(options))
        assert run_cli("build", "--out", str(out), *options, cwd=root).returncode == 0
        beta = read(out, "Beta/index.html")
        assert '<h2 id="kernkonzept-1">Kernkonzept</h2>' in beta
        assert '<a class="xref" href="#kernkonzept-1" data-term="Beta">Kern</a>' in beta


def test_labels_and_old_ids_are_text_never_markup(tmp_path: Path) -> None:
    root = tmp_path / "g"
    (root / "entries").mkdir(parents=True)
    (root / "entries" / "a.md").write_text(
        '## Alpha {#Alpha .term aliases="<b>fett</b>; A&B" formerly="Alt Name; <i>x</i>" status=deprecated '
        'replaced-by=Beta}\n\nText.\n\n## Beta {#Beta .term}\n\nSiehe [A](#Alpha).\n',
        "utf-8",
    )
    assert run_cli("build", "--out", str(root / "site"), cwd=root).returncode == 0
    site = root / "site"
    for path in site.rglob("*.html"):
        text = path.read_text("utf-8")
        assert "<b>" not in text and "<i>" not in text, path
    assert "Auch: &lt;b&gt;fett&lt;/b&gt;, A&amp;B" in read(site, "Alpha/index.html")
    assert 'id="Alt Name"' not in read(site, "all.html")  # no id with white space
    assert (site / "Alt Name" / "index.html").is_file()  # but the old address stays
    assert (site / "~3ci~3ex~3c~2fi~3e" / "index.html").is_file()
    assert '"alternateName":["\\u003cb\\u003efett\\u003c/b\\u003e","A\\u0026B"]' in read(site, "Alpha/index.html")


def test_serve_takes_drafts_too(tmp_path: Path) -> None:
    from glossary_build.serve.source import PipelineRebuild

    assert "--drafts" in run_cli("serve", "--help", cwd=tmp_path).stdout
    assert "--drafts" in run_cli("build", "--help", cwd=tmp_path).stdout
    root = copy_scenario(tmp_path)
    shown = PipelineRebuild(None, root, drafts=True)([])
    hidden = PipelineRebuild(None, root)([])
    assert "Agentensystem/index.html" in shown.files and "Agentensystem/index.html" not in hidden.files
