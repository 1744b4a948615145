"""Helpers of the site tests: the npm tools, the tiny tricky glossary, a browser tab.

The HTML checker and axe-core come from npm (``tests/site/package.json``,
installed into ``tests/site/node_modules`` by ``tests/run.sh``).
"""

from __future__ import annotations

import contextlib
import dataclasses
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


# -- a small multilingual glossary, rendered by hand ------------------------------------------
# (the multilingual build lives in glossary_build.build.languages; these tests render each
# language's site with the renderer alone, as that build does, so they need nothing else)

MULTILINGUAL_ENTRIES: dict[str, dict[str, str]] = {
    "de": {
        "embedding.md": (
            "## Embedding {#Embedding .term}\n\n"
            "Ein **Embedding** bildet Wörter auf Vektoren ab, gespeichert in einer "
            "[Vektordatenbank](#Vektordatenbank); die Vektoren liegen im [latenten Raum](#Latent-Space).\n\n"
            "### Siehe auch {.seealso}\n\n"
            "[Vektordatenbank](#Vektordatenbank) |\n[Latenter Raum](#Latent-Space) |\n[Index](#Index)\n"
        ),
        "vektordatenbank.md": (
            "## Vektordatenbank {#Vektordatenbank .term}\n\n"
            "Eine Datenbank, die \"ähnliche\" Vektoren schnell findet, etwa [Embeddings](#Embedding).\n"
        ),
        "tokenisierung.md": "## Tokenisierung {#Tokenisierung .term}\n\nDas Zerlegen eines Textes in Tokens.\n",
    },
    "en": {
        "embedding.md": (
            "## Embedding {#Embedding .term}\n\n"
            "An **embedding** maps words to vectors, kept in a [vector database](#Vektordatenbank); "
            "the vectors live in the [latent space](#Latent-Space).\n\n"
            "### See also {.seealso}\n\n[Vector database](#Vektordatenbank) |\n[Latent space](#Latent-Space)\n"
        ),
        "vector-database.md": (
            "## Vector database {#Vektordatenbank .term}\n\n"
            "A database that finds \"similar\" vectors quickly, such as [embeddings](#Embedding).\n"
        ),
        "latent-space.md": (
            "## Latent space {#Latent-Space .term}\n\nThe space in which [embeddings](#Embedding) live.\n"
        ),
    },
    "fr": {
        "plongement.md": (
            "## Plongement {#Embedding .term}\n\n"
            "Un **plongement** associe des vecteurs aux mots, rangés dans une "
            "[base de données vectorielle](#Vektordatenbank)\u00a0; ils vivent dans "
            "l'[espace latent](#Latent-Space).\n"
        ),
    },
}
"""The entry files of each language (de is the source): Embedding in all three, Vektordatenbank
in de and en, Tokenisierung only in de, Latent-Space only in en."""


def language_graphs(entries: dict[str, dict[str, str]] = MULTILINGUAL_ENTRIES) -> dict[str, Any]:
    """Each language's term graph, with ``elsewhere``: the entry ids it lacks that other
    languages have, with those languages in order."""
    from glossary_build.graph.terms import build_graph
    from glossary_build.parse.entries import parse_source
    from glossary_build.parse.markdown import create_markdown
    from glossary_build.sources.files import normalize_text

    graphs = {}
    for code, files in entries.items():
        md = create_markdown(code)
        parsed = [parse_source(f"entries/{code}/{name}", normalize_text(text), md) for name, text in files.items()]
        graphs[code] = build_graph(parsed)
    for code, graph in graphs.items():
        known = set(graph.definitions) | set(graph.former)
        elsewhere: dict[str, list[str]] = {}
        for other, other_graph in graphs.items():
            for entry_id in other_graph.entries:
                if other != code and entry_id not in known:
                    elsewhere.setdefault(entry_id, []).append(other)
        graphs[code] = dataclasses.replace(graph, elsewhere={i: tuple(c) for i, c in elsewhere.items()})
    return graphs


def multilingual_config(root: Path, base_url: str = "") -> Any:
    """The glossary's configuration: de, en, fr; de the source."""
    from glossary_build.core.config import Config

    return Config(root=root, title="Wörter & Welten", language="de", languages=("de", "en", "fr"), base_url=base_url)


def multilingual_files(
    root: Path, base_url: str = "", outdated: dict[str, dict[str, tuple[str, ...]]] | None = None
) -> dict[str, bytes]:
    """Every file of the multilingual site: each language's complete site in ``<code>/``, and
    the files at the top.  ``outdated``: per language, the changed parts of its outdated terms."""
    from glossary_build.render.languages import Languages, LanguageSite, OutdatedNote, root_files
    from glossary_build.render.site import SiteRenderer, render_pages
    from glossary_build.render.theme import load_theme

    config = multilingual_config(root, base_url)
    theme = load_theme(root)
    graphs = language_graphs()
    sites = tuple(LanguageSite.of_graph(code, graph) for code, graph in graphs.items())
    files: dict[str, bytes] = {}
    for code, graph in graphs.items():
        notes = {entry_id: OutdatedNote(parts) for entry_id, parts in (outdated or {}).get(code, {}).items()}
        language_config = config.for_language(code)
        renderer = SiteRenderer(graph, language_config, theme, Languages(code, sites, notes))
        pages = dict(render_pages(graph, language_config, theme, renderer))
        pages.update(renderer.static_files())
        files.update((f"{code}/{path}", data) for path, data in pages.items())
    files.update(root_files(theme, config, sites))
    return files


def write_multilingual(folder: Path, base_url: str = "") -> Path:
    """The multilingual site written into ``folder / "site"`` (Embedding marked outdated in en)."""
    out = folder / "site"
    files = multilingual_files(folder, base_url, {"en": {"Embedding": ("definition", "see-also")}, "fr": {}})
    for path, data in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    return out
