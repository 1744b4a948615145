"""Quality gates over every page: the Nu HTML Checker and axe-core.

Both come from npm (``tests/site/package.json``); ``tests/run.sh`` installs
them into ``tests/site/node_modules``.  The checker needs Java (Debian's
``default-jre-headless``).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .support import AXE_JS, VNU_JAR, Tab, java


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def nu_errors(pages: list[Path]) -> list[str]:
    """The Nu HTML Checker's errors over ``pages``, one line each (skips without Java or vnu-jar)."""
    runtime = java()
    if runtime is None:
        pytest.skip("java is missing (tests/run.sh installs default-jre-headless)")
    if not VNU_JAR.exists():
        pytest.skip("vnu-jar is not installed (tests/run.sh runs npm install in tests/site)")
    result = subprocess.run(
        [runtime, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['message']}" for m in messages
            if m.get("type") == "error" or m.get("subType") == "fatal"]


def test_every_page_passes_the_nu_html_checker(site: Path, tricky: Path) -> None:
    pages = html_pages(site) + html_pages(tricky)
    assert nu_errors(pages) == []
    assert len(pages) >= 38


def test_open_search_results_pass_the_nu_html_checker(tab: Tab, tmp_path: Path) -> None:
    """The results exist only once the script made them: check the page as the browser holds it then."""
    if java() is None or not VNU_JAR.exists():
        pytest.skip("java or vnu-jar is missing (tests/run.sh installs both)")
    page = tab.open("Embedding/index.html")
    page.fill("#search-input", "embedding")
    page.wait_for_selector("#search-results [role=option] .result-definition")
    page.keyboard.press("ArrowDown")
    live = tmp_path / "open-search.html"
    live.write_text("<!DOCTYPE html>\n" + page.evaluate("document.documentElement.outerHTML"), "utf-8")
    assert "role=\"option\"" in live.read_text("utf-8")
    assert nu_errors([live]) == []


def axe(page: Any) -> list[str]:
    """Serious and critical axe violations of the open page, one line each."""
    page.add_script_tag(path=str(AXE_JS))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations'], preload: false})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))"
    )
    return list(found)


@pytest.fixture(scope="module")
def axe_js() -> Path:
    if not AXE_JS.exists():
        pytest.skip("axe-core is not installed (tests/run.sh runs npm install in tests/site)")
    return AXE_JS


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_problems(browser: Any, site: Path, tricky: Path, axe_js: Path, scheme: str) -> None:
    problems: dict[str, list[str]] = {}
    for root in (site, tricky):
        tab = Tab(browser, root, color_scheme=scheme, viewport={"width": 1100, "height": 900})
        try:
            pages = html_pages(root) if scheme == "light" else [root / "index.html", *html_pages(root)[:3]]
            if root == tricky:  # with a base URL, 404.html loads its styles from there: not from disk
                pages = [path for path in pages if path.name != "404.html"]
            for path in pages:
                page = tab.open(path.relative_to(root).as_posix())
                found = axe(page)
                if found:
                    problems[path.relative_to(root).as_posix()] = found
            assert tab.errors == []
        finally:
            tab.context.close()
    assert problems == {}


def test_axe_with_open_search_and_preview(tab: Tab, axe_js: Path) -> None:
    page = tab.open("Embedding/index.html")
    page.fill("#search-input", "embedding")
    page.wait_for_selector("#search-results [role=option]")
    page.keyboard.press("ArrowDown")
    page.locator("main a.xref").first.hover()
    page.wait_for_selector("#term-preview", state="visible")
    assert axe(page) == []
