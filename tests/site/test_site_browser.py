"""The reader's tour in a real browser: search, previews, letter bar, theme, small screens.

Every page is opened from disk (``file://``): the site must work without a
server, and every test fails on a console error or a failed request.
"""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from .support import Tab


def result_titles(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "#search-results [role=option] .result-title", "els => els.map(e => e.textContent)"
    )


def search(page: Any, query: str) -> list[str]:
    """Type ``query`` and wait for the results (the index loads on first use)."""
    page.fill("#search-input", query)
    page.wait_for_function("() => !document.getElementById('search-panel').hidden")
    return result_titles(page)


# -- search ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("oekosystem", "KI-Ökosystem"),          # oe finds ö
        ("Ökosystem", "KI-Ökosystem"),
        ("kuenstliche intelligenz", "Künstliche Intelligenz"),
        ("Aehnlichkeit", "Kosinus-Ähnlichkeit"),
        ("datenbank", "Vektordatenbank"),         # part of a compound
        ("lora", "QLoRA"),                        # a term inside another term's title
        ("Halluzinaton", "Halluzination"),        # one letter missing
        ("Tokenisirung", "Tokenisierung"),
        ("Trasnformer", "Transformer"),           # two letters swapped
        ("embed", "Embedding"),                   # word prefix
        ("neuronaler", "Neuronales Netz"),        # link text of other entries (alias)
        ("LLM", "Large Language Model"),          # id
    ],
)
def test_search_finds(tab: Tab, query: str, expected: str) -> None:
    page = tab.open("index.html")
    assert expected in search(page, query)[:5]


def test_search_ranks_title_first_and_shows_definition_of_exact_match(tab: Tab) -> None:
    page = tab.open("Embedding/index.html")
    titles = search(page, "Embedding")
    assert titles[0] == "Embedding"
    first = page.locator("#search-results [role=option]").first
    assert "exact" in (first.get_attribute("class") or "")
    page.wait_for_selector("#search-results [role=option].exact .result-definition")
    assert "Vektor aus reellen Zahlen" in first.inner_text()
    assert page.is_visible("#search-panel")


def test_search_keyboard(tab: Tab) -> None:
    page = tab.open("Attention/index.html")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.type("transformer")
    page.wait_for_selector("#search-results [role=option]")
    page.keyboard.press("ArrowDown")
    active = page.get_attribute("#search-input", "aria-activedescendant")
    assert active == "search-result-0"
    assert page.get_attribute(f"#{active}", "aria-selected") == "true"
    page.keyboard.press("Escape")
    assert page.is_hidden("#search-panel")
    assert page.input_value("#search-input") == "transformer"  # a second Escape clears
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.get_attribute("#search-input", "aria-activedescendant") == "search-result-0"
    page.keyboard.press("Enter")
    page.wait_for_url("**/Transformer/index.html")


def test_index_loads_only_when_needed(tab: Tab) -> None:
    page = tab.open("Embedding/index.html")
    page.locator("main a.xref").first.hover()  # previews need no index
    page.wait_for_selector("#term-preview", state="visible")
    assert page.evaluate("typeof window.GLOSSARY_INDEX") == "undefined"
    page.focus("#search-input")
    page.wait_for_function("() => typeof window.GLOSSARY_INDEX === 'object'")


def test_search_without_results_says_so(tab: Tab) -> None:
    page = tab.open("index.html")
    assert search(page, "qqqxyz") == []
    assert page.inner_text("#search-note") == "Keine Treffer"


def test_search_results_load_definitions_from_shards(tab: Tab) -> None:
    page = tab.open("index.html")
    search(page, "netz")
    page.wait_for_selector("#search-results .result-definition")
    assert page.evaluate("Object.keys(window.GLOSSARY_DEFINITIONS).length") >= 1


def term_pages(site: Path) -> dict[str, str]:
    """Each term's title and its page (relative to the site), from graph.json, not from the script."""
    graph = json.loads((site / "graph.json").read_text("utf-8"))
    return {term["title"]: term["path"] for term in graph["terms"]}


def options(page: Any) -> Any:
    return page.locator("#search-results [role=option]")


# What the reader's browser sees of each result: element, href as written and as resolved, the wrapper's role.
AS_LINKS = ("els => els.map(e => [e.tagName, e.getAttribute('href'), e.href,"
            " e.parentElement.getAttribute('role')])")


@pytest.mark.parametrize("origin", ["disk", "server"])
def test_search_results_are_links_to_the_term_pages(
    browser: Any, site: Path, served: str, origin: str,
) -> None:
    reader = Tab(browser, site, base=served if origin == "server" else None)
    try:
        page = reader.open("Embedding/index.html")
        titles = search(page, "oekosystem")  # an umlaut in the folder: the href must be percent-encoded
        assert "KI-Ökosystem" in titles
        pages = term_pages(site)
        expected = [["A", "../" + urllib.parse.quote(pages[title]), reader.url(pages[title]), "none"]
                    for title in titles]
        assert page.eval_on_selector_all("#search-results [role=option]", AS_LINKS) == expected
        assert reader.errors == []
    finally:
        reader.context.close()


def test_search_results_on_all_html_link_into_the_page(tab: Tab) -> None:
    page = tab.open("all.html")
    search(page, "oekosystem")
    assert options(page).first.get_attribute("href") == "#KI-%C3%96kosystem"


def test_search_result_plain_click_opens_the_term(tab: Tab) -> None:
    page = tab.open("Embedding/index.html")
    search(page, "transformer")
    options(page).filter(has_text="Transformer").first.click()
    page.wait_for_url("**/Transformer/index.html")


@pytest.mark.parametrize("how", [{"modifiers": ["Control"]}, {"modifiers": ["Shift"]}, {"button": "middle"}])
def test_search_result_opens_in_a_new_tab(tab: Tab, how: dict[str, Any]) -> None:
    page = tab.open("Embedding/index.html")
    search(page, "transformer")
    result = options(page).filter(has_text="Transformer").first
    with tab.context.expect_page() as opened:
        result.click(**how)
    new = opened.value
    new.wait_for_load_state()
    assert new.url == tab.url("Transformer/index.html")
    assert new.locator("main h1").inner_text() == "Transformer"
    # The search page stays as it was: same address, focus in the box, the results still open.
    assert page.url == tab.url("Embedding/index.html")
    assert page.evaluate("document.activeElement.id") == "search-input"
    assert page.is_visible("#search-panel")


def test_search_aria_follows_the_keys_and_enter_opens_the_active_link(tab: Tab) -> None:
    page = tab.open("Embedding/index.html")
    page.focus("#search-input")
    page.keyboard.type("netz")
    page.wait_for_selector("#search-results [role=option]")
    assert page.get_attribute("#search-results", "role") == "listbox"
    assert page.get_attribute("#search-input", "aria-controls") == "search-results"
    assert options(page).count() >= 2
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    selected = [option.get_attribute("aria-selected") for option in options(page).all()]
    assert selected == ["false", "true"] + ["false"] * (len(selected) - 2)
    active = page.get_attribute("#search-input", "aria-activedescendant")
    assert active == "search-result-1"
    assert page.evaluate("id => document.getElementById(id).matches('a[role=option][href]')", active)
    assert page.evaluate("document.activeElement.id") == "search-input"  # the options never take focus
    second = tab.url(term_pages(tab.site)[page.inner_text(f"#{active} .result-title")])
    assert page.evaluate("id => document.getElementById(id).href", active) == second
    page.keyboard.press("Enter")
    page.wait_for_url(second)  # the active result, not the first one


def test_tab_leaves_the_search_instead_of_walking_the_results(tab: Tab) -> None:
    page = tab.open("Embedding/index.html")
    search(page, "embedding")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#search-results') === null")


# -- previews ------------------------------------------------------------------------------


def preview_text(page: Any) -> str:
    page.wait_for_selector("#term-preview", state="visible")
    return page.inner_text("#term-preview")


def boxes_overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def test_preview_on_hover_never_covers_the_link(tab: Tab) -> None:
    page = tab.open("Embedding/index.html")
    link = page.locator("main a.xref[data-term='Latent-Space']").first
    link.hover()
    text = preview_text(page)
    assert text.startswith("Latent Space")
    assert "Vektorraum" in text
    assert page.get_attribute("#term-preview", "role") == "tooltip"
    assert link.get_attribute("aria-describedby") == "term-preview"
    assert not boxes_overlap(link.bounding_box(), page.locator("#term-preview").bounding_box())
    page.keyboard.press("Escape")
    assert page.is_hidden("#term-preview")
    assert link.get_attribute("aria-describedby") is None


def test_preview_on_keyboard_focus(tab: Tab) -> None:
    page = tab.open("Embedding/index.html")
    link = page.locator("main a.xref[data-term='Neural-Network']").first
    link.focus()
    assert preview_text(page).startswith("Neuronales Netz")
    assert link.get_attribute("aria-describedby") == "term-preview"
    page.keyboard.press("Escape")
    assert page.is_hidden("#term-preview")
    assert page.evaluate("document.activeElement.dataset.term") == "Neural-Network"


def test_preview_near_the_bottom_opens_above(tab: Tab) -> None:
    page = tab.open("Embedding/index.html")
    link = page.locator("main a.xref[data-term='Information-Retrieval']").first
    link.scroll_into_view_if_needed()
    page.evaluate("el => window.scrollBy(0, el.getBoundingClientRect().bottom - window.innerHeight + 4)",
                  link.element_handle())
    link.hover()
    preview_text(page)
    assert page.get_attribute("#term-preview", "data-side") == "above"
    assert not boxes_overlap(link.bounding_box(), page.locator("#term-preview").bounding_box())


def test_unwritten_term_says_not_written(browser: Any, tricky: Path) -> None:
    other = Tab(browser, tricky)
    try:
        page = other.open("Strasse/index.html")
        missing = page.locator("main .xref.missing").first
        assert missing.get_attribute("tabindex") == "0"
        missing.focus()
        assert preview_text(page) == "Noch-Offen\nNoch nicht geschrieben"
        assert missing.get_attribute("aria-describedby") == "term-preview"
        page.keyboard.press("Escape")
        assert page.is_hidden("#term-preview")
        assert other.errors == []
    finally:
        other.context.close()


@pytest.mark.parametrize(("query", "expected"), [
    ("strasse", "Straße"), ("Strase", "Straße"), ("ueber", "Über"), ("über", "Über"), ("datenbank", "Vektordatenbank"),
])
def test_search_german_folding_and_parts(browser: Any, tricky: Path, query: str, expected: str) -> None:
    other = Tab(browser, tricky)
    try:
        page = other.open("index.html")
        assert expected in search(page, query)
        assert other.errors == []
    finally:
        other.context.close()


def test_preview_on_tap(browser: Any, site: Path) -> None:
    phone = Tab(browser, site, viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
    try:
        page = phone.open("Embedding/index.html")
        link = page.locator("main a.xref[data-term='Latent-Space']").first
        link.scroll_into_view_if_needed()
        link.tap()
        assert preview_text(page).startswith("Latent Space")
        assert page.url.endswith("/Embedding/index.html")  # the first tap only previews
        assert "Noch einmal tippen" in page.inner_text("#term-preview")
        assert not boxes_overlap(link.bounding_box(), page.locator("#term-preview").bounding_box())
        link.tap()  # the second one follows the link
        page.wait_for_url("**/Latent-Space/index.html")
        assert phone.errors == []
    finally:
        phone.context.close()


# -- navigation ----------------------------------------------------------------------------


def test_letter_bar(tab: Tab) -> None:
    page = tab.open("index.html")
    bar = page.locator("nav.letter-bar")
    assert bar.locator("a").count() + bar.locator(".disabled").count() >= 26
    assert bar.locator(".disabled[aria-disabled=true]").count() > 0  # letters without terms
    bar.locator("a", has_text="T").first.click()
    assert page.url.endswith("#letter-T")
    heading = page.locator("#letter-T")
    assert "Tokenisierung" in page.locator("section.letter-group", has=heading).inner_text()
    top = heading.bounding_box()["y"]
    assert 0 <= top < 200


def test_random_term_opens_another_term(tab: Tab) -> None:
    page = tab.open("Embedding/index.html")
    page.click("#random-term")
    page.wait_for_function("() => !location.pathname.endsWith('/Embedding/index.html')")
    page.wait_for_selector("main article.entry h1")
    assert page.url.endswith("/index.html")


def test_all_html_anchors_and_in_page_links(tab: Tab) -> None:
    page = tab.open("all.html#Embedding")
    assert page.evaluate("document.getElementById('Embedding').getBoundingClientRect().top") < 120
    hrefs = page.eval_on_selector_all("main a.xref", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(href.startswith("#") for href in hrefs)
    link = page.locator("main a.xref[href='#Latent-Space']").first
    link.focus()  # previews read the term from the page itself
    text = preview_text(page)
    assert text.startswith("Latent Space\n") and "Vektorraum" in text
    link.click()
    assert page.url.endswith("all.html#Latent-Space")


def test_search_on_all_html_stays_in_the_page(tab: Tab) -> None:
    page = tab.open("all.html")
    assert search(page, "oekosystem")[0] == "KI-Ökosystem"
    page.keyboard.press("Enter")
    page.wait_for_url("**/all.html#KI-%C3%96kosystem")


def test_term_map_nodes_are_links(tab: Tab) -> None:
    page = tab.open("Embedding/index.html")
    svg = page.locator("svg.term-map.wide")
    assert page.locator("svg.term-map.narrow").is_hidden()
    assert svg.locator("a").count() >= 3
    assert svg.locator("path.see-also").count() >= 1
    svg.locator("a", has_text="Tokenisierung").click()
    page.wait_for_url("**/Tokenisierung/index.html")


# -- look and feel ------------------------------------------------------------------------


def test_theme_toggle_persists_without_flash(tab: Tab) -> None:
    page = tab.open("index.html")
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.click("#theme-toggle")
    assert page.get_attribute("html", "data-theme") == "dark"
    assert page.get_attribute("#theme-toggle", "aria-pressed") == "true"
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark != light
    # On the next page the theme is set before the first paint, by the inline script in <head>.
    page.goto((tab.site / "Embedding" / "index.html").as_uri(), wait_until="commit")
    page.wait_for_selector("body")
    assert page.get_attribute("html", "data-theme") == "dark"
    page.wait_for_function("() => document.getElementById('term-preview') !== null")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == dark
    page.click("#theme-toggle")
    page.reload()
    assert page.get_attribute("html", "data-theme") == "light"


def test_theme_follows_the_system(browser: Any, site: Path) -> None:
    dark = Tab(browser, site, color_scheme="dark")
    light = Tab(browser, site, color_scheme="light")
    try:
        backgrounds = [
            tab.open("index.html").evaluate("getComputedStyle(document.body).backgroundColor") for tab in (dark, light)
        ]
        assert backgrounds[0] != backgrounds[1]
        assert dark.page.get_attribute("#theme-toggle", "aria-pressed") == "true"
    finally:
        dark.context.close()
        light.context.close()


FEW_PAGES = ["index.html", "all.html", "map.html", "404.html", "Embedding/index.html", "RLHF/index.html"]


@pytest.mark.parametrize("width", [375, 320])
def test_no_horizontal_scroll_on_small_screens(browser: Any, site: Path, width: int) -> None:
    phone = Tab(browser, site, viewport={"width": width, "height": 700}, is_mobile=True, has_touch=True)
    every_page = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    try:
        for path in every_page if width == 375 else FEW_PAGES:
            page = phone.open(path)
            page.fill("#search-input", "embedding")
            page.wait_for_selector("#search-results .result-definition")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
        assert phone.errors == []
    finally:
        phone.context.close()


def test_narrow_term_map_on_phones(browser: Any, site: Path) -> None:
    phone = Tab(browser, site, viewport={"width": 375, "height": 700}, is_mobile=True)
    try:
        page = phone.open("Embedding/index.html")
        assert page.locator("svg.term-map.wide").is_hidden()
        narrow = page.locator("svg.term-map.narrow")
        assert narrow.is_visible()
        assert narrow.bounding_box()["width"] <= 375
    finally:
        phone.context.close()


def test_focus_is_visible(tab: Tab) -> None:
    page = tab.open("Embedding/index.html")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


def test_hyphenation_with_language(tab: Tab) -> None:
    page = tab.open("Embedding/index.html")
    assert page.get_attribute("html", "lang") == "de"
    assert page.evaluate("getComputedStyle(document.querySelector('.lead p')).hyphens") == "auto"


def test_print_hides_navigation(tab: Tab) -> None:
    page = tab.open("all.html")
    page.emulate_media(media="print")
    assert page.is_hidden(".site-header")
    assert page.is_visible("#Embedding")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
