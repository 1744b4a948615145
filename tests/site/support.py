"""Helpers of the site tests: the npm tools, the tiny tricky glossary, a browser tab.

The HTML checker and axe-core come from npm (``tests/site/package.json``,
installed into ``tests/site/node_modules`` by ``tests/run.sh``).
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

HERE = Path(__file__).resolve().parent
VNU_JAR = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"

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


def java() -> str | None:
    """The java binary, if any."""
    return shutil.which("java")


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
