"""Terms as concepts in a real browser: old addresses and old fragments lead to the term (from
disk and from a server), search finds a term by an alias and by a hidden label, previews name
aliases and successors; the Nu HTML Checker and axe-core over the new pages.

The site is ``tests/sites/concepts/`` built through the real command line, without drafts
and with ``--drafts``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import ROOT, run_cli

from .support import AXE_JS, Tab, serving
from .test_site_browser import preview_text, search
from .test_site_validate import axe, html_pages, nu_errors

SCENARIO = ROOT / "tests" / "sites" / "concepts"


def build_scenario(folder: Path, *options: str) -> Path:
    """The scenario built through the command line."""
    root = folder / "concepts"
    shutil.copytree(SCENARIO, root, ignore=shutil.ignore_patterns(".glossary-cache", "site"))
    out = root / "site"
    result = run_cli("-q", "build", "--out", str(out), *options, cwd=root)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def concepts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_scenario(tmp_path_factory.mktemp("concepts"))


@pytest.fixture(scope="module")
def concepts_drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_scenario(tmp_path_factory.mktemp("concepts-drafts"), "--drafts")


@pytest.fixture(scope="module")
def concepts_served(concepts: Path) -> Iterator[str]:
    with serving(concepts) as address:
        yield address


@pytest.fixture()
def reader(browser: Any, concepts: Path) -> Iterator[Tab]:
    opened = Tab(browser, concepts, viewport={"width": 1100, "height": 900})
    yield opened
    opened.context.close()
    assert opened.errors == []


def redirect_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.glob("*/index.html") if 'http-equiv="refresh"' in path.read_text("utf-8"))


def section_anchor(site: Path, entry_id: str, title: str) -> str:
    page = (site / entry_id / "index.html").read_text("utf-8")
    found = re.search(rf'<h2 id="([^"]+)"[^>]*>{title}</h2>', page)
    assert found is not None
    return found[1]


# -- old addresses and old fragments ----------------------------------------------------------


SCROLLED_TO = """selector => {
  const box = document.querySelector(selector).getBoundingClientRect();
  const end = document.documentElement.scrollHeight - innerHeight;
  return scrollY > 0 && box.top >= 0 && box.bottom <= innerHeight && (box.top < 200 || scrollY >= end - 1);
}"""


def scrolled_to(page: Any, selector: str) -> bool:
    """The page scrolled to the element: at its top, or as far as the page goes."""
    return bool(page.evaluate(SCROLLED_TO, selector))


@pytest.mark.parametrize("origin", ["disk", "server"])
def test_an_old_address_leads_to_the_term_page(browser: Any, concepts: Path, concepts_served: str, origin: str) -> None:
    visitor = Tab(browser, concepts, base=concepts_served if origin == "server" else None)
    try:
        page = visitor.page
        page.goto(visitor.url("Deep-Fake-Video/index.html"))
        page.wait_for_url(visitor.url("Deepfake/index.html"))
        page.wait_for_selector("main h1")
        assert page.inner_text("main h1") == "Deepfake"
        kernel = section_anchor(concepts, "Transformer", "Kernkonzept")
        page.goto(visitor.url("Transformer-Modell/index.html") + f"#{kernel}")  # the fragment is kept
        page.wait_for_url(visitor.url("Transformer/index.html") + f"#{kernel}")
        page.wait_for_selector("main h1")
        assert page.evaluate(f"document.getElementById('{kernel}').getBoundingClientRect().top") < 200
        assert visitor.errors == []
    finally:
        visitor.context.close()


def test_an_old_address_leads_there_without_javascript(browser: Any, concepts: Path) -> None:
    visitor = Tab(browser, concepts, java_script_enabled=False)
    try:
        visitor.page.goto(visitor.url("Transformer-Modell/index.html"))
        visitor.page.wait_for_url(visitor.url("Transformer/index.html"))  # the meta refresh
        visitor.page.wait_for_selector("main h1")
        assert visitor.page.inner_text("main h1") == "Transformer"
    finally:
        visitor.context.close()


@pytest.mark.parametrize("origin", ["disk", "server"])
def test_an_old_fragment_leads_to_the_term(browser: Any, concepts: Path, concepts_served: str, origin: str) -> None:
    visitor = Tab(browser, concepts, base=concepts_served if origin == "server" else None,
                  viewport={"width": 1100, "height": 700})
    try:
        page = visitor.open("all.html#Deep-Fake-Video")
        assert scrolled_to(page, "#Deepfake")
        page = visitor.open("index.html#Transformer-Modell")
        link = page.locator("dl.term-list dt", has=page.locator("#Transformer-Modell")).locator("a")
        assert link.inner_text() == "Transformer"
        assert scrolled_to(page, "a[href='Transformer/index.html']")
        page = visitor.open("Deepfake/index.html#Deep-Fake-Video")  # as a redirect page forwards it
        assert page.evaluate("document.querySelector('#Deep-Fake-Video ~ h1').id") == "Deepfake"
        assert visitor.errors == []
    finally:
        visitor.context.close()


# -- search --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "expected"), [
    ("Sprachmodell", "Large Language Model"),   # an alias
    ("LLMs", "Large Language Model"),
    ("Langauge", "Large Language Model"),       # a hidden label (a misspelling)
    ("large langauge model", "Large Language Model"),
    ("Transformer-Architektur", "Transformer"),
])
def test_search_finds_a_term_by_its_other_names(reader: Tab, query: str, expected: str) -> None:
    page = reader.open("index.html")
    assert search(page, query)[0] == expected


def test_search_never_shows_a_hidden_label(reader: Tab) -> None:
    page = reader.open("index.html")
    search(page, "large langauge model")
    page.wait_for_selector("#search-results .result-definition")
    assert "angauge" not in page.inner_text("#search-panel")
    first = page.locator("#search-results [role=option]").first
    assert "exact" in (first.get_attribute("class") or "")  # a whole name: the whole definition


def test_search_ranks_the_exact_title_before_an_exact_alias() -> None:
    """A term whose title is the query comes before one that has it as an alias (in the index,
    the alias holder is first: only the ranking can put the title first)."""
    if shutil.which("node") is None:
        pytest.skip("node is missing")
    data = {"v": 2, "shard": 50, "terms": [
        ["Agent-System", "Agentensystem", "agent|mehrere agenten"],
        ["", "Agent", "", "handelt"],
        ["Agentur", "", "agent"],
    ]}
    script = (
        f"const s = require({json.dumps(str(ROOT / 'static' / 'search.js'))});"
        f"const index = new s.Index({json.dumps(data)});"
        "console.log(JSON.stringify(index.search('agent', 10).map(r => [r.term.title, r.exact])));"
    )
    found = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    assert found[0] == ["Agent", True]
    assert sorted(found[1:]) == [["Agentensystem", True], ["Agentur", True]]


# -- previews and marks --------------------------------------------------------------------------


def test_the_preview_of_a_deprecated_term_names_its_successor(reader: Tab) -> None:
    page = reader.open("LLM/index.html")
    link = page.locator("main a.xref.deprecated[data-term='Deep-Fake']").first
    assert link.get_attribute("title") is None  # the preview says it: no second, native tooltip
    assert link.get_attribute("data-title") == "Veraltet; stattdessen: Deepfake"
    link.hover()
    assert preview_text(page).split("\n")[:2] == ["Deep Fake", "Veraltet; stattdessen: Deepfake"]


def test_the_preview_of_a_term_names_its_aliases(reader: Tab) -> None:
    page = reader.open("Deepfake/index.html")
    page.locator("main a.xref[data-term='LLM']").first.focus()
    assert preview_text(page).split("\n")[:2] == ["Large Language Model", "Auch: LLM, Sprachmodell, LLMs"]
    page = reader.open("all.html")  # all.html reads it from the page
    page.locator("main a.xref[href='#LLM']").first.focus()
    assert preview_text(page).split("\n")[:2] == ["Large Language Model", "Auch: LLM, Sprachmodell, LLMs"]


def test_a_deprecated_page_banner_links_the_successor(reader: Tab) -> None:
    page = reader.open("Deep-Fake/index.html")
    banner = page.locator("main .status-banner.deprecated")
    assert banner.is_visible()
    banner.locator("a.successor").click()
    page.wait_for_url(reader.url("Deepfake/index.html"))


def test_a_link_to_a_draft_says_not_written_yet(reader: Tab) -> None:
    page = reader.open("LLM/index.html")
    page.locator("main .xref.missing[data-target='Agentensystem']").focus()
    assert preview_text(page) == "Agentensystem\nNoch nicht geschrieben"


# -- quality gates -------------------------------------------------------------------------------


def test_the_concept_pages_pass_the_nu_html_checker(concepts: Path, concepts_drafts: Path) -> None:
    pages = html_pages(concepts) + html_pages(concepts_drafts)
    assert len(redirect_pages(concepts)) == 2 and len(redirect_pages(concepts_drafts)) == 3
    assert nu_errors(pages) == []


def without_refresh(path: Path) -> str:
    """A redirect page as a reader would see it if it did not lead on (axe runs on the page itself)."""
    html = path.read_text("utf-8")
    html = re.sub(r"<script>location\.replace\(.*?</script>\n", "", html)
    return re.sub(r'<meta http-equiv="refresh"[^>]*>\n', "", html)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_problems_on_the_concept_pages(
    browser: Any, concepts: Path, concepts_drafts: Path, scheme: str,
) -> None:
    if not AXE_JS.exists():
        pytest.skip("axe-core is not installed (tests/run.sh runs npm install in tests/site)")
    problems: dict[str, list[str]] = {}
    for root in (concepts, concepts_drafts):
        visitor = Tab(browser, root, color_scheme=scheme, viewport={"width": 1100, "height": 900})
        try:
            redirects = redirect_pages(root)
            for path in html_pages(root):
                name = f"{root.parent.parent.name}/{path.relative_to(root).as_posix()}"
                if path in redirects:
                    page = visitor.page
                    page.goto(root.as_uri() + "/")  # a file:// page, so the styles load from disk
                    static = f'href="{root.as_uri()}/static/'
                    page.set_content(without_refresh(path).replace('href="../static/', static))
                else:
                    page = visitor.open(path.relative_to(root).as_posix())
                    if page.locator("main a.xref").count():  # with a preview open
                        page.locator("main a.xref").first.hover()
                        page.wait_for_selector("#term-preview", state="visible")
                found = axe(page)
                if found:
                    problems[name] = found
            assert visitor.errors == []
        finally:
            visitor.context.close()
    assert problems == {}
