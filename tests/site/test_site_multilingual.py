"""A multilingual site in a real browser: the switcher leads to the same term, a missing
translation says so, the choice page at the top picks the reader's language, links to terms
only another language has preview as such; the Nu HTML Checker and axe-core on the pages of
every language.

The site is :data:`tests.site.support.MULTILINGUAL_ENTRIES` (de the source, en, fr) rendered
by :func:`tests.site.support.write_multilingual` into a temporary folder and opened from disk.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .support import AXE_JS, Tab, write_multilingual
from .test_site_browser import preview_text
from .test_site_validate import axe, html_pages, nu_errors


@pytest.fixture(scope="module")
def multilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_multilingual(tmp_path_factory.mktemp("multilingual"))


@pytest.fixture(scope="module")
def axe_js() -> Path:
    if not AXE_JS.exists():
        pytest.skip("axe-core is not installed (tests/run.sh runs npm install in tests/site)")
    return AXE_JS


@pytest.fixture()
def reader(browser: Any, multilingual: Path) -> Iterator[Tab]:
    opened = Tab(browser, multilingual, viewport={"width": 1100, "height": 900})
    yield opened
    opened.context.close()
    assert opened.errors == []


def chooser(browser: Any, site: Path, locale: str) -> Tab:
    """A tab whose browser prefers ``locale`` (``navigator.languages``)."""
    return Tab(browser, site, locale=locale, viewport={"width": 1100, "height": 900})


def landing(tab: Tab, address: str) -> str:
    """Where the choice page at the top sends the reader: the path below the site, with query and fragment."""
    tab.page.goto(tab.url("index.html") + address)
    tab.page.wait_for_url(lambda url: "/index.html" in url and url.rstrip("#").split("/")[-2] in ("de", "en", "fr"))
    return tab.page.url.removeprefix(tab.site.as_uri() + "/")


# -- the switcher ----------------------------------------------------------------------------


def test_the_switcher_leads_to_the_same_term(reader: Tab) -> None:
    page = reader.open("en/Embedding/index.html")
    page.locator(".language-switcher a[hreflang=de]").click()
    page.wait_for_url("**/de/Embedding/index.html")
    assert page.inner_text("h1") == "Embedding" and page.get_attribute("html", "lang") == "de"
    page.locator(".language-switcher a[hreflang=fr]").click()
    page.wait_for_url("**/fr/Embedding/index.html")
    assert page.inner_text("h1") == "Plongement"
    assert page.inner_text(".language-switcher [aria-current=page]") == "Français"


def test_a_missing_translation_says_so_and_leads_to_the_original(reader: Tab) -> None:
    page = reader.open("en/Vektordatenbank/index.html")
    item = page.locator(".language-switcher li.not-translated")
    assert item.inner_text() == "Français (not translated yet; read the original)"
    item.locator("a", has_text="read the original").click()
    page.wait_for_url("**/de/Vektordatenbank/index.html")
    assert page.inner_text("h1") == "Vektordatenbank"


def test_the_index_switches_to_the_index_of_the_other_language(reader: Tab) -> None:
    page = reader.open("de/all.html")
    page.locator(".language-switcher a[hreflang=en]").click()
    page.wait_for_url("**/en/all.html")
    assert page.title() == "All terms – Wörter & Welten"


@pytest.mark.parametrize("width", [360, 1100])
def test_the_switcher_fits_on_a_phone_and_a_desktop(browser: Any, multilingual: Path, width: int) -> None:
    tab = Tab(browser, multilingual, viewport={"width": width, "height": 800})
    try:
        page = tab.open("en/Vektordatenbank/index.html")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        switcher = page.locator(".language-switcher").bounding_box()
        nav = page.locator(".site-nav").bounding_box()
        assert overflow == 0 and switcher is not None and nav is not None
        assert switcher["x"] + switcher["width"] <= width
        # A row of its own under the navigation, every language in view.
        assert switcher["y"] >= nav["y"] + nav["height"] - 1
        for item in page.locator(".language-switcher li").all():
            box = item.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        assert tab.errors == []
    finally:
        tab.context.close()


# -- the choice page at the top ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en-US", "en"), ("de-AT", "de"), ("fr-CA", "fr"), ("es-ES", "de"), ("ja", "de")],
)
def test_the_choice_page_picks_the_browsers_language(
    browser: Any, multilingual: Path, locale: str, expected: str
) -> None:
    tab = chooser(browser, multilingual, locale)
    try:
        assert landing(tab, "") == f"{expected}/index.html"
        assert tab.page.get_attribute("html", "lang") == expected
        assert tab.errors == []
    finally:
        tab.context.close()


def test_the_choice_page_keeps_the_query_and_the_fragment(browser: Any, multilingual: Path) -> None:
    tab = chooser(browser, multilingual, "fr-FR")
    try:
        assert landing(tab, "?q=plongement#letter-P") == "fr/index.html?q=plongement#letter-P"
    finally:
        tab.context.close()


def test_a_language_picked_in_the_switcher_is_remembered(browser: Any, multilingual: Path) -> None:
    tab = chooser(browser, multilingual, "en-US")
    try:
        page = tab.open("en/index.html")
        page.locator(".language-switcher a[hreflang=fr]").click()
        page.wait_for_url("**/fr/index.html")
        assert landing(tab, "") == "fr/index.html"
        assert tab.errors == []
    finally:
        tab.context.close()


def test_without_javascript_the_choice_page_lists_every_language(browser: Any, multilingual: Path) -> None:
    tab = Tab(browser, multilingual, java_script_enabled=False)
    try:
        tab.page.goto(tab.url("index.html"))
        links = tab.page.locator(".language-choice a")
        assert links.all_inner_texts() == ["Deutsch", "English", "Français"]
        links.nth(1).click()
        tab.page.wait_for_url("**/en/index.html")
    finally:
        tab.context.close()


# -- links to terms only another language has ------------------------------------------------------


@pytest.mark.parametrize("path", ["fr/Embedding/index.html", "fr/all.html"])
def test_a_link_to_another_language_previews_as_such(reader: Tab, path: str) -> None:
    page = reader.open(path)
    link = page.locator("main a.xref.other-language[data-term='Latent-Space']").first
    link.hover()
    text = preview_text(page)
    # The term page has the term's title there; all.html only the link's text.
    title = "Latent space" if path.endswith("index.html") else "espace latent"
    assert text.splitlines() == [title, "Uniquement en anglais"]
    link.click()
    page.wait_for_url("**/en/Latent-Space/index.html")


# -- quality gates ---------------------------------------------------------------------------


def test_every_language_passes_the_nu_html_checker(multilingual: Path) -> None:
    pages = html_pages(multilingual)
    assert {path.relative_to(multilingual).parts[0] for path in pages} == {"de", "en", "fr", "index.html"}
    assert nu_errors(pages) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_problems_in_any_language(
    browser: Any, multilingual: Path, axe_js: Path, scheme: str
) -> None:
    tab = Tab(browser, multilingual, color_scheme=scheme, viewport={"width": 1100, "height": 900})
    problems: dict[str, list[str]] = {}
    try:
        for path in html_pages(multilingual):
            name = path.relative_to(multilingual).as_posix()
            if name == "index.html":  # the choice page goes on at once: check it with JavaScript off
                continue
            found = axe(tab.open(name))
            if found:
                problems[name] = found
        assert tab.errors == []
    finally:
        tab.context.close()
    assert problems == {}


def test_axe_finds_no_serious_problems_on_the_choice_page(
    browser: Any, multilingual: Path, axe_js: Path, tmp_path: Path
) -> None:
    # The page goes on at once, and axe needs JavaScript: check a copy without its script.
    page = (multilingual / "index.html").read_text("utf-8")
    (tmp_path / "index.html").write_text(re.sub(r"<script>.*?</script>\n", "", page, flags=re.DOTALL), "utf-8")
    shutil.copytree(multilingual / "de" / "static", tmp_path / "de" / "static")
    tab = Tab(browser, tmp_path)
    try:
        tab.page.goto(tab.url("index.html"))
        assert tab.page.locator(".language-choice a").count() == 3
        assert axe(tab.page) == []
        assert tab.errors == []
    finally:
        tab.context.close()
