"""Fixtures of the site tests: the sample site built once, one Chromium for the session.

Browser tests drive Debian's ``/usr/bin/chromium`` through Playwright; they
are skipped, with the reason, when either is missing.  The HTML checker and
axe-core come from npm (``tests/site/package.json``, installed into
``tests/site/node_modules`` by ``tests/run.sh``).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from glossary_build.build import pipeline
from glossary_build.core.config import load_config

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]
VNU_JAR = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample glossary built through the pipeline (no base URL)."""
    out = tmp_path_factory.mktemp("sample") / "site"
    pipeline.build(load_config(cwd=ROOT), out)
    return out


TRICKY_ENTRIES = {
    "strasse.md": (
        "## Straße {#Strasse .term}\n\n"
        "Eine **Straße** ist ein Weg mit `</script><script>alert(1)</script>` & <b>Text</b> darin, "
        "siehe [Unbekannt](#Noch-Offen) und [Über](#Ueber).\n\n"
        "### Verwandte Themen {.seealso}\n\n[Über](#Ueber) |\n[Index](#Index)\n\n----\n"
    ),
    "ueber.md": "## Über {#Ueber .term}\n\n„Über“ ist eine Präposition, siehe [Straße](#Strasse).\n",
    "daten.md": (
        "## Datenbank {#Datenbank .term}\n\nEine Datenbank speichert Daten.\n\n----\n\n"
        "## Vektordatenbank {#Vektordatenbank .term}\n\nSpeichert Vektoren, eine [Datenbank](#Datenbank).\n"
    ),
}


@pytest.fixture(scope="session")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny glossary with a base URL, umlauts, a compound, an unwritten term and ``</script>`` in a definition."""
    root = tmp_path_factory.mktemp("tricky")
    (root / "entries").mkdir()
    for name, text in TRICKY_ENTRIES.items():
        (root / "entries" / name).write_text(text, "utf-8")
    (root / "glossary.yml").write_text(
        'title: "Wege & <Worte>"\nlanguage: de\nbase_url: "https://example.org/glossar/"\n', "utf-8"
    )
    out = root / "site"
    pipeline.build(load_config(cwd=root), out)
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (tests/run.sh installs Debian's chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Tab:
    """A page in its own browser context that records console errors and failed requests.

    Pages open from disk, or from ``base`` (an ``http://`` address ending in ``/``) when given.
    """

    def __init__(self, browser: Any, site: Path, *, base: str | None = None, **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.site = site
        self.base = base
        self.errors: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("requestfailed", self._failed)

    def _failed(self, request: Any) -> None:
        # Leaving a page aborts what it still loads (net::ERR_ABORTED): not a failure of the site.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"failed: {request.url} ({request.failure})")

    def url(self, file: str) -> str:
        """The address of a file of the site, as the browser spells it (percent-encoded)."""
        if self.base is None:
            return (self.site / file).as_uri()
        return self.base + urllib.parse.quote(file)

    def open(self, path: str) -> Any:
        """Open a page of the site and wait until its scripts ran."""
        file, _, fragment = path.partition("#")
        self.page.goto(self.url(file) + (f"#{fragment}" if fragment else ""))
        self.page.wait_for_function("() => document.getElementById('term-preview') !== null")
        return self.page


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        # Chromium asks every server for /favicon.ico; the site has none, and
        # that 404 would count as a console error of the site.
        if self.path == "/favicon.ico":
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """``folder`` from a local HTTP server (the stdlib's, quiet): its address, ending in ``/``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served(site: Path) -> Iterator[str]:
    """The sample site from a local HTTP server (the stdlib's, quiet): its address, ending in ``/``."""
    with serving(site) as address:
        yield address


@pytest.fixture()
def tab(browser: Any, site: Path) -> Iterator[Tab]:
    """A fresh desktop-sized tab; the test fails on any console error."""
    opened = Tab(browser, site, viewport={"width": 1100, "height": 900})
    yield opened
    opened.context.close()
    assert opened.errors == []


def java() -> str | None:
    """The java binary, if any."""
    return shutil.which("java")
