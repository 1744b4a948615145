"""The site's files without a browser: data files, structured data, all.html, maps."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from glossary_build.render.search import search_fold, search_tokens
from tests.support import ROOT


def read(site: Path, path: str) -> str:
    return (site / path).read_text("utf-8")


def index_data(site: Path) -> dict:
    text = read(site, "search-index.js")
    assert text.startswith("window.GLOSSARY_INDEX=") and text.endswith(";\n")
    return json.loads(text[len("window.GLOSSARY_INDEX="):-2])


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return [json.loads(block) for block in blocks]


# -- search index ------------------------------------------------------------------------


def test_fold_matches_the_script() -> None:
    words = [
        "Über", "ueber", "Straße", "strasse", "Ökosystem", "Kosinus-Ähnlichkeit", "naïve", "QUEUE", "Œuvre", "Cæsar",
    ]
    if shutil.which("node") is None:
        pytest.skip("node is missing")
    script = (
        f"const s = require({json.dumps(str(ROOT / 'static' / 'search.js'))});"
        f"console.log(JSON.stringify({json.dumps(words)}.map(s.fold)))"
    )
    folded = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    assert folded == [search_fold(word) for word in words]
    assert search_fold("Über") == search_fold("ueber") == "uber"
    assert search_fold("Straße") == search_fold("strasse")
    assert search_fold("Œuvre") == search_fold("oeuvre") and search_fold("Cæsar") == search_fold("caesar")


def test_index_has_every_term_in_order_with_compound_parts(site: Path, tricky: Path) -> None:
    data = index_data(site)
    ids = [record[0] or record[1].replace(" ", "-") for record in data["terms"]]
    assert len(ids) == 34 and "Embedding" in ids and "KI-Ökosystem" in ids
    qlora = next(record for record in data["terms"] if record[0] == "QLoRA")
    assert "lora" in qlora[5].split()  # LoRA is a term inside QLoRA
    tricky_terms = {record[0] or record[1].replace(" ", "-"): record for record in index_data(tricky)["terms"]}
    assert tricky_terms["Vektordatenbank"][5] == "datenbank"


def test_index_aliases_come_from_link_texts(site: Path) -> None:
    records = {record[0] or record[1].replace(" ", "-"): record for record in index_data(site)["terms"]}
    aliases = records["Neural-Network"][2].split("|")
    assert any("neuronal" in alias for alias in aliases)
    assert search_tokens("Kosinus-Ähnlichkeit") == ["kosinus", "ahnlichkeit"]


def test_definition_shards_cover_every_term(site: Path) -> None:
    data = index_data(site)
    shards = sorted((site / "search").glob("d*.js"))
    definitions = []
    for number in range(len(shards)):
        text = read(site, f"search/d{number}.js")
        definitions += json.loads(text.split("=", 2)[2].rstrip(";\n"))
    assert len(definitions) == len(data["terms"])
    assert any(d.startswith("Ein Embedding ist ein Vektor") for d in definitions)


# -- structured data ---------------------------------------------------------------------


def test_json_ld_on_every_page(site: Path) -> None:
    for page in site.rglob("*.html"):
        blocks = json_ld(page.read_text("utf-8"))
        assert blocks, page
        assert blocks[0]["@context"] == "https://schema.org"
    term = json_ld(read(site, "Embedding/index.html"))[0]
    assert term["@type"] == "DefinedTerm" and term["name"] == "Embedding"
    assert term["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert "url" not in term  # no base URL: no absolute URLs
    index = json_ld(read(site, "index.html"))[0]
    assert index["@type"] == "DefinedTermSet" and len(index["hasDefinedTerm"]) == 34


def test_json_ld_and_previews_cannot_close_the_script(tricky: Path) -> None:
    html = read(tricky, "Strasse/index.html")
    for block in re.findall(r"<script[^>]*>(.*?)</script>", html, re.DOTALL):
        assert "<" not in block and ">" not in block
    term = json_ld(html)[0]
    assert "</script><script>alert(1)</script>" in term["description"]
    assert term["url"] == "https://example.org/glossar/Strasse/index.html"
    assert term["inDefinedTermSet"]["name"] == "Wege & <Worte>"
    assert "</script><script>" not in read(tricky, "search/d0.js")


def test_canonical_and_sitemap_with_base_url(site: Path, tricky: Path) -> None:
    assert not (site / "sitemap.xml").exists()
    assert 'rel="canonical"' not in read(site, "Embedding/index.html")
    canonical = '<link rel="canonical" href="https://example.org/glossar/Ueber/index.html">'
    assert canonical in read(tricky, "Ueber/index.html")
    sitemap = read(tricky, "sitemap.xml")
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert "https://example.org/glossar/index.html" in locations
    assert "https://example.org/glossar/all.html" in locations
    assert "https://example.org/glossar/Strasse/index.html" in locations


def test_title_and_description_from_short_definition(site: Path) -> None:
    html = read(site, "Embedding/index.html")
    assert "<title>Embedding – KI-Glossar</title>" in html
    assert '<meta name="description" content="Ein Embedding ist ein Vektor' in html


def test_graph_json(site: Path, tricky: Path) -> None:
    graph = json.loads(read(site, "graph.json"))
    assert len(graph["terms"]) == 34
    kinds = {link["kind"] for link in graph["links"]}
    assert kinds == {"link", "see-also"}
    assert {"source": "Embedding", "target": "Latent-Space", "kind": "see-also", "count": 1} in graph["links"]
    missing = json.loads(read(tricky, "graph.json"))["missing"]
    assert missing == [{"id": "Noch-Offen", "referenced_by": ["Strasse"]}]


# -- pages ---------------------------------------------------------------------------------


class Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if tag == "a" and "xref" in (values.get("class") or ""):
            self.hrefs.append(values.get("href") or "")


def test_all_html_has_entry_ids_and_in_page_links(site: Path) -> None:
    parser = Ids()
    parser.feed(read(site, "all.html"))
    ids = set(parser.ids)
    assert len(parser.ids) == len(ids), "ids are unique"
    assert {"Embedding", "Latent-Space", "KI-Ökosystem", "Index"} <= ids
    assert "kernkonzept-4" in ids  # section anchors as in the Pandoc book
    assert parser.hrefs and all(href.startswith("#") for href in parser.hrefs)
    assert all(href[1:] in ids for href in parser.hrefs)


def test_unwritten_terms_are_focusable(tricky: Path) -> None:
    html = read(tricky, "Strasse/index.html")
    assert '<span class="xref missing" tabindex="0" title="Noch nicht geschrieben: Noch-Offen"' in html


def test_term_map_is_inline_svg_with_links_and_a_cap(site: Path) -> None:
    html = read(site, "Embedding/index.html")
    assert html.count('<svg class="term-map') == 2  # wide and narrow; the stylesheet shows one
    svg = re.search(r"<svg class=\"term-map wide\".*?</svg>", html, re.DOTALL)
    assert svg is not None
    nodes = re.findall(r'<a href="([^"]+)" class="map-node"', svg.group(0))
    assert 3 <= len(nodes) <= 12
    assert all(href.startswith("../") and href.endswith("/index.html") for href in nodes)
    assert 'class="map-edge see-also"' in svg.group(0)
    assert "weitere" in svg.group(0)  # Embedding has more neighbours than the map shows


def test_glossary_map_page(site: Path) -> None:
    html = read(site, "map.html")
    assert html.count('class="map-node"') == 34


def test_glossary_map_note_for_big_glossaries(monkeypatch: pytest.MonkeyPatch, site: Path) -> None:
    from glossary_build.render import termmap

    monkeypatch.setattr(termmap, "MAX_MAP_TERMS", 10)
    from glossary_build.build.pipeline import load, render
    from glossary_build.core.config import load_config

    files = render(load(load_config(cwd=ROOT)))
    html = files["map.html"].decode("utf-8")
    assert "<svg" not in html and "Gesamtkarte gibt es nur bis" in html


def test_letter_bar_has_disabled_letters_and_counts(site: Path) -> None:
    html = read(site, "index.html")
    assert '<span class="disabled" aria-disabled="true">Y</span>' in html
    assert re.search(r'>E<span class="letter-count"><span class="visually-hidden">: </span>1'
                     r'<span class="visually-hidden"> Begriff</span>', html)
    assert re.search(r'>T<span class="letter-count"><span class="visually-hidden">: </span>[2-9]'
                     r'<span class="visually-hidden"> Begriffe</span>', html)


def run_engine(site: Path, script: str) -> object:
    """Run ``script`` in node with the engine as ``s`` and the site's index as ``ix``; return its JSON output."""
    if shutil.which("node") is None:
        pytest.skip("node is missing")
    prelude = (
        f"const s = require({json.dumps(str(ROOT / 'static' / 'search.js'))});"
        f"global.window = {{}}; eval(require('fs').readFileSync({json.dumps(str(site / 'search-index.js'))}, 'utf8'));"
        "const ix = new s.Index(window.GLOSSARY_INDEX);"
        "const titles = q => ix.search(q, 10).map(r => r.term.title);"
    )
    done = subprocess.run(["node", "-e", prelude + script], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_engine_typos_and_ranking(site: Path) -> None:
    found = run_engine(site, """console.log(JSON.stringify({
        one: [s.withinOne("embedding", "embeding"), s.withinOne("transformer", "trasnformer"),
              s.withinOne("lora", "qlora"), s.withinOne("attention", "atention")],
        two: s.withinOne("embedding", "embdeing") ,
        vektor: titles("vektor"), exact: ix.search("Large Language Model")[0].exact,
        llm: titles("llm")[0], multi: titles("neuronales netz")[0], none: titles("xqzv")
    }))""")
    assert found == {
        "one": [True, True, True, True], "two": False,
        "vektor": found["vektor"], "exact": True, "llm": "Large Language Model",
        "multi": "Neuronales Netz", "none": [],
    }
    assert found["vektor"][0] == "Vektordatenbank"  # a title prefix ranks above the text of other terms


@pytest.mark.parametrize(
    ("language", "count", "phrase"),
    [("de", 1, "1 Begriff"), ("de", 2, "2 Begriffe"), ("en", 1, "1 term"), ("en", 0, "0 terms"),
     ("fr", 1, "1 terme"), ("fr", 34, "34 termes")],
)
def test_the_number_of_terms_is_said_in_the_sites_words(language: str, count: int, phrase: str) -> None:
    from glossary_build.render.views import SiteView
    from glossary_build.render.words import WORDS

    assert SiteView("Glossar", language, WORDS[language], "", count).count_phrase == phrase


def test_the_index_and_footer_say_the_number_of_terms(site: Path) -> None:
    index = read(site, "index.html")
    assert '<p class="term-count">34 Begriffe</p>' in index and "Glossar · 34 Begriffe</div>" in index
