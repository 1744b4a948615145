"""The dev server on a real glossary, in a real browser: edit, break and fix an entry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary_build.serve import DevServer
from glossary_build.serve.source import PipelineRebuild

from .support import open_page, save

ENTRY = """## Alpha {{#Alpha .term}}

**Alpha** {text}

### Kernkonzept {{.explanation}}

{filler}

Siehe [Beta](#Beta).

### Siehe auch {{.seealso}}
[Beta](#Beta) |
[Index](#Index) |
"""
FILLER = "\n\n".join(f"Absatz {i}, lang genug zum Scrollen." for i in range(120))


def write_alpha(path: Path, text: str) -> None:
    save(path, ENTRY.format(text=text, filler=FILLER))


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    (tmp_path / "entries").mkdir()
    write_alpha(tmp_path / "entries" / "alpha.md", "ist die erste Fassung.")
    (tmp_path / "entries" / "beta.md").write_text(
        "## Beta {#Beta .term}\n\nBeta verweist auf [Alpha](#Alpha).\n\n"
        "### Siehe auch {.seealso}\n[Alpha](#Alpha) |\n", "utf-8"
    )
    return tmp_path


@pytest.fixture
def live(glossary: Path) -> Iterator[DevServer]:
    builder = PipelineRebuild(None, glossary)
    with DevServer(builder, watch_paths=builder.watch_paths(), port=0, echo=lambda _: None) as server:
        yield server


def test_edit_break_and_fix_an_entry(browser, live, glossary) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, live.url + "Alpha/")
    assert "erste Fassung" in page.inner_text(".lead")
    page.evaluate("history.scrollRestoration = 'manual'; window.scrollTo(0, 1500)")
    page.wait_for_function("() => window.scrollY === 1500")
    page.wait_for_timeout(300)

    write_alpha(glossary / "entries" / "alpha.md", "ist die zweite Fassung.")
    page.wait_for_function("() => document.querySelector('.lead').innerText.includes('zweite Fassung')")
    page.wait_for_function("() => window.scrollY === 1500")

    broken = (glossary / "entries" / "alpha.md").read_text("utf-8").replace("[Beta](#Beta).", "[Gamma](#Gamma).")
    save(glossary / "entries" / "alpha.md", broken)
    overlay = page.locator("glossary-livereload .overlay")
    overlay.wait_for(state="visible")
    assert "entries/alpha.md" in overlay.inner_text()
    assert "no entry or heading has id 'Gamma'" in overlay.inner_text()
    assert "zweite Fassung" in page.inner_text(".lead")  # the last good page stays

    write_alpha(glossary / "entries" / "alpha.md", "ist die dritte Fassung.")
    overlay.wait_for(state="hidden")
    page.wait_for_function("() => document.querySelector('.lead').innerText.includes('dritte Fassung')")
    page.close()
