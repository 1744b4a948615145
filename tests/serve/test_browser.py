"""End to end in a real browser: edit a file on disk, watch the open page follow.

Uses Debian's chromium driven by Playwright (the session's ``browser``
fixture, in ``tests/conftest.py``); skipped when either is missing.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from glossary_build.core.diagnostics import Diagnostic, Severity, Span
from glossary_build.serve import BuildOutcome, DevServer

from .support import SCRIPT_ERRORS, open_page, save


def long_page(text: str) -> bytes:
    filler = "".join(f"<p>Filler paragraph {i}, long enough to scroll.</p>" for i in range(150))
    marker = f'<p id="marker">{html.escape(text)}</p>'
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>entry</title></head>"
        f"<body>{filler}{marker}{filler}</body></html>"
    ).encode()


class EntryBuilder:
    """Turns ``entry.md`` into a long page; "BROKEN" in it is an error, "WARN" a warning.
    Any other ``Name.md`` beside it becomes the page ``Name/``."""

    def __init__(self, source: Path) -> None:
        self.source = source

    def __call__(self, paths: Sequence[Path]) -> BuildOutcome:
        text = self.source.read_text().strip()
        diagnostics = []
        if "BROKEN" in text:
            diagnostics.append(
                Diagnostic(
                    "unclosed-attributes",
                    Severity.ERROR,
                    "the attribute block is not closed",
                    Span("entry.md", 2, 3),
                )
            )
        if "WARN" in text:
            diagnostics.append(
                Diagnostic(
                    "no-see-also",
                    Severity.WARNING,
                    "the entry has no see-also section",
                    Span("entry.md", 1, 1),
                )
            )
        files = {"index.html": long_page(text), "404.html": long_page("not found")}
        for other in self.source.parent.glob("*.md"):
            if other != self.source:
                files[f"{other.stem}/index.html"] = long_page(other.read_text().strip())
        return BuildOutcome(files, diagnostics)


@pytest.fixture
def entry(tmp_path: Path) -> Path:
    source = tmp_path / "entry.md"
    source.write_text("First version\n")
    return source


@pytest.fixture
def live(entry: Path) -> Iterator[DevServer]:
    with DevServer(
        EntryBuilder(entry), watch_paths=[entry.parent], port=0, echo=lambda _: None
    ) as server:
        yield server


@pytest.fixture(autouse=True)
def no_script_errors() -> Iterator[None]:
    """The client script must not throw in any test."""
    SCRIPT_ERRORS.clear()
    yield
    assert SCRIPT_ERRORS == []


def test_an_edit_reloads_the_page_and_keeps_the_scroll_position(browser, live, entry) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, live.url)
    assert page.text_content("#marker") == "First version"
    # With "manual", the browser itself does not restore the position: the client must.
    page.evaluate(
        "history.scrollRestoration = 'manual'; window.scrollTo(0, 2500); window.untouched = true"
    )
    page.wait_for_function("() => window.scrollY === 2500")
    page.wait_for_timeout(300)  # the event stream is open

    save(entry, "Second version\n")

    page.wait_for_function(
        "() => document.getElementById('marker').textContent === 'Second version'"
    )
    assert page.evaluate("window.untouched") is None  # it really was reloaded
    page.wait_for_function("() => window.scrollY === 2500")
    page.close()


def test_errors_show_an_overlay_that_goes_away_when_fixed(browser, live, entry) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, live.url, viewport={"width": 375, "height": 667})
    overlay = page.locator("glossary-livereload .overlay")
    assert overlay.is_hidden()
    page.wait_for_timeout(300)

    save(entry, "First version\nBROKEN\n")

    overlay.wait_for(state="visible")
    assert "entry.md:2:3" in overlay.inner_text()
    assert "the attribute block is not closed" in overlay.inner_text()
    assert page.text_content("#marker") == "First version"  # the last good page stays
    panel = page.locator("glossary-livereload .panel").bounding_box()
    assert panel is not None and panel["x"] >= 0 and panel["x"] + panel["width"] <= 375

    # A page opened now shows the overlay from the start.
    fresh = open_page(browser, live.url)
    assert fresh.locator("glossary-livereload .overlay").is_visible()
    fresh.close()

    save(entry, "Fixed version\n")

    overlay.wait_for(state="hidden")
    page.wait_for_function(
        "() => document.getElementById('marker').textContent === 'Fixed version'"
    )
    assert page.locator("glossary-livereload .overlay").is_hidden()
    page.close()


def test_the_overlay_can_be_dismissed_and_reopened(browser, live, entry) -> None:  # type: ignore[no-untyped-def]
    save(entry, "BROKEN\n")
    live.wait_for_generation(2)
    page = open_page(browser, live.url)
    overlay = page.locator("glossary-livereload .overlay")
    overlay.wait_for(state="visible")
    page.locator("glossary-livereload button.close").click()
    overlay.wait_for(state="hidden")
    badge = page.locator("glossary-livereload .badge.errors")
    assert badge.inner_text() == "1 error"
    badge.click()
    overlay.wait_for(state="visible")
    page.close()


def test_warnings_show_as_a_small_badge(browser, live, entry) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, live.url)
    page.wait_for_timeout(300)
    save(entry, "WARN\n")
    badge = page.locator("glossary-livereload .badge.warnings")
    badge.wait_for(state="visible")
    assert badge.inner_text() == "1 warning"
    assert page.locator("glossary-livereload .overlay").is_hidden()
    badge.click()
    assert "entry.md:1:1" in page.locator("glossary-livereload .warnings-panel").inner_text()
    page.close()


def test_a_missing_page_appears_once_its_file_is_written(browser, live, entry) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, live.url + "Gamma/")
    assert page.text_content("#marker") == "not found"
    page.wait_for_timeout(300)
    save(entry.with_name("Gamma.md"), "Gamma, written at last\n")
    page.wait_for_function(
        "() => document.getElementById('marker').textContent === 'Gamma, written at last'"
    )
    page.close()
