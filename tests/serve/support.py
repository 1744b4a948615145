"""Helpers of the dev server tests: a fake builder, plain HTTP and SSE clients, browser pages."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from glossary_build.core.diagnostics import Diagnostic, Severity, Span
from glossary_build.serve import BuildOutcome, DevServer


def diagnostic(
    severity: Severity,
    message: str,
    path: str = "entries/a.md",
    line: int = 3,
    column: int = 5,
    code: str = "broken-reference",
) -> Diagnostic:
    """A diagnostic with defaults for the fields a test does not care about."""
    return Diagnostic(code, severity, message, Span(path, line, column))


def page(text: str) -> bytes:
    """A small HTML page."""
    return f"<!DOCTYPE html><html><head><title>t</title></head><body><p>{text}</p></body></html>".encode()


@dataclass
class FakeBuilder:
    """Returns whatever site the test set last; records the paths of every call."""

    files: dict[str, bytes] = field(
        default_factory=lambda: {
            "index.html": page("home"),
            "Alpha/index.html": page("alpha"),
            "Beta/index.html": page("beta"),
            "static/style.css": b"body { color: black }",
            "404.html": page("no such page"),
        }
    )
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    raises: Exception | None = None
    calls: list[list[Path]] = field(default_factory=list)
    gate: threading.Event | None = None
    """When set, builds wait for it (to hold a build half-way)."""

    def __call__(self, paths: Sequence[Path]) -> BuildOutcome:
        self.calls.append(list(paths))
        if self.gate is not None:
            self.gate.wait(10)
        if self.raises is not None:
            raise self.raises
        if self.error is not None:
            return BuildOutcome({}, list(self.diagnostics), self.error)
        return BuildOutcome(dict(self.files), list(self.diagnostics))


def rebuild(server: DevServer, paths: Sequence[Path] = ()) -> None:
    """Request a build and wait until it has been applied."""
    generation = server.site.snapshot.generation
    server.request_build(paths)
    assert server.wait_for_generation(generation + 1)


@dataclass
class Response:
    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


def address(server: DevServer) -> tuple[str, int]:
    netloc = urlsplit(server.url).netloc
    host, port = netloc.rsplit(":", 1)
    return host, int(port)


def get(server: DevServer, target: str, method: str = "GET") -> Response:
    """One request with http.client (which sends the target as given)."""
    connection = http.client.HTTPConnection(*address(server), timeout=5)
    try:
        connection.request(method, target)
        response = connection.getresponse()
        body = response.read()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
    finally:
        connection.close()


def raw(server: DevServer, request: bytes) -> bytes:
    """Send raw bytes (for targets http.client refuses to send) and return the answer."""
    with socket.create_connection(address(server), timeout=5) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def config_of(html: str) -> dict[str, Any]:
    """The live-reload configuration injected into a served page."""
    start = html.index('id="glossary-livereload-config">') + len('id="glossary-livereload-config">')
    return json.loads(html[start : html.index("</script>", start)])


class EventStream:
    """A client of the live-reload stream, reading one event at a time."""

    def __init__(
        self,
        server: DevServer,
        pages: Sequence[str],
        since: int | None = None,
        server_id: str | None = None,
    ) -> None:
        snapshot = server.site.snapshot
        query = "&".join(
            [
                f"since={snapshot.generation if since is None else since}",
                f"server={server_id or server.server_id}",
            ]
            + [f"page={p}" for p in pages]
        )
        self.connection = http.client.HTTPConnection(*address(server), timeout=5)
        self.connection.request("GET", f"/__livereload/events?{query}")
        self.response = self.connection.getresponse()

    def next(self) -> tuple[str, dict[str, Any]]:
        """The next event (name, data), skipping comments; raises on timeout or end."""
        name, data = "message", ""
        while True:
            line = self.response.fp.readline()
            if not line:
                raise EOFError("stream ended")
            text = line.decode().rstrip("\n")
            if text == "":
                if data:
                    return name, json.loads(data)
                name = "message"
            elif text.startswith("event: "):
                name = text[7:]
            elif text.startswith("data: "):
                data += text[6:]

    def close(self) -> None:
        self.connection.close()


def save(path: Path, text: str) -> None:
    """Save the way many editors do: a temporary file renamed over the original."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text)
    temporary.replace(path)


TIMEOUT_MS = 10_000
SCRIPT_ERRORS: list[str] = []
"""Errors thrown in pages opened by :func:`open_page` (``test_browser.py`` fails on any)."""


def open_page(browser: Any, url: str, **context_options: Any) -> Any:
    """A new page at ``url``, once the live-reload client runs; its errors go to SCRIPT_ERRORS."""
    page = browser.new_page(**context_options)
    page.on("pageerror", lambda error: SCRIPT_ERRORS.append(str(error)))
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    page.wait_for_function("() => window.__glossaryLiveReload !== undefined")
    return page
