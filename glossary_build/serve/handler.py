"""The HTTP side of the dev server: files from memory, the live-reload stream, the script.

Every request takes one :class:`~glossary_build.serve.state.Snapshot` and answers from it,
so a rebuild that lands meanwhile never mixes two versions of the site in one response.
"""

from __future__ import annotations

import http.server
import json
import mimetypes
import posixpath
import socket
import threading
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, urlsplit

from glossary_build.serve import inject
from glossary_build.serve.paths import Kind, resolve
from glossary_build.serve.state import LiveSite, Snapshot

DISCONNECTS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)
"""What a client going away looks like; never worth a traceback."""

KEEPALIVE_SECONDS = 15.0
"""A comment is sent on idle streams this often, so dead clients are noticed."""

_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".map": "application/json",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
    ".ico": "image/x-icon",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
}
_TEXTUAL = ("application/json", "application/xml", "image/svg+xml", "application/manifest+json")


def content_type(path: str) -> str:
    """The Content-Type for a site path, with ``charset=utf-8`` for text."""
    extension = posixpath.splitext(path)[1].lower()
    kind = _TYPES.get(extension) or mimetypes.guess_type(path)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in _TEXTUAL:
        return f"{kind}; charset=utf-8"
    return kind


class DevHTTPServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server with a bound on threads and on event streams."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        site: LiveSite,
        *,
        server_id: str,
        max_threads: int = 128,
        max_streams: int = 96,
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.site = site
        self.server_id = server_id
        self.streams = threading.BoundedSemaphore(max_streams)
        self._slots = threading.BoundedSemaphore(max_threads)
        self._workers: set[threading.Thread] = set()
        self._lock = threading.Lock()
        super().__init__(address, DevRequestHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Handle the request in a new thread, or answer 503 when all threads are busy."""
        if not self._slots.acquire(blocking=False):
            _refuse(request)
            self.shutdown_request(request)
            return
        thread = threading.Thread(
            target=self._run, args=(request, client_address), daemon=True, name="serve-http"
        )
        with self._lock:
            self._workers.add(thread)
        thread.start()

    def _run(self, request: Any, client_address: Any) -> None:
        try:
            self.process_request_thread(request, client_address)
        finally:
            with self._lock:
                self._workers.discard(threading.current_thread())
            self._slots.release()

    def join_threads(self, timeout: float) -> None:
        """Wait for running request threads (streams end once the site is closed)."""
        with self._lock:
            threads = list(self._workers)
        for thread in threads:
            thread.join(timeout)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet about clients that went away; report anything else."""
        import sys

        if not isinstance(sys.exc_info()[1], DISCONNECTS):
            super().handle_error(request, client_address)


def _refuse(request: socket.socket) -> None:
    try:
        request.sendall(
            b"HTTP/1.0 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\n\r\n"
        )
    except OSError:
        pass


class DevRequestHandler(http.server.BaseHTTPRequestHandler):
    """Answers GET and HEAD from the current snapshot of the site."""

    server: DevHTTPServer
    server_version = "glossary-build"
    timeout = 30
    """Socket timeout: a stalled client frees its thread."""

    def handle(self) -> None:
        try:
            super().handle()
        except DISCONNECTS:
            self.close_connection = True

    def finish(self) -> None:
        try:
            super().finish()
        except DISCONNECTS:
            pass

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the terminal is for build output."""

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, *, head: bool) -> None:
        target = urlsplit(self.path)
        if target.path == inject.EVENTS_URL and not head:
            self._stream(target.query)
        elif target.path == inject.CLIENT_URL:
            self._send(
                HTTPStatus.OK, inject.client_script(), content_type(inject.CLIENT_URL), head=head
            )
        else:
            self._serve_file(head=head)

    def _serve_file(self, *, head: bool) -> None:
        snapshot = self.server.site.snapshot
        found = resolve(self.path, snapshot.files)
        if found.kind is Kind.TOO_LONG:
            self._plain(HTTPStatus.REQUEST_URI_TOO_LONG, head=head)
        elif found.kind is Kind.BAD_REQUEST:
            self._plain(HTTPStatus.BAD_REQUEST, head=head)
        elif found.kind is Kind.REDIRECT:
            self._plain(HTTPStatus.MOVED_PERMANENTLY, head=head, location=found.location)
        elif found.key in snapshot.files:
            self._send_page(
                HTTPStatus.OK, found.key, snapshot.files[found.key], [found.key], snapshot, head
            )
        elif not snapshot.files:
            body = inject.placeholder_page(
                "Nothing to show yet", "The first build failed; this page updates once it succeeds."
            )
            self._send_page(
                HTTPStatus.SERVICE_UNAVAILABLE, "index.html", body, [found.key], snapshot, head
            )
        else:
            body = snapshot.files.get("404.html") or inject.placeholder_page(
                "Not found", "The site has no page at this address."
            )
            watched = [found.key, "404.html"]
            self._send_page(HTTPStatus.NOT_FOUND, "404.html", body, watched, snapshot, head)

    def _send_page(
        self,
        status: HTTPStatus,
        key: str,
        body: bytes,
        watched: Sequence[str],
        snapshot: Snapshot,
        head: bool,
    ) -> None:
        kind = content_type(key)
        if kind.startswith("text/html"):
            status_json = snapshot.status.to_json(snapshot.generation)
            addition = inject.snippet(
                watched, snapshot.generation, self.server.server_id, status_json
            )
            body = inject.inject(body, addition)
        self._send(status, body, kind, head=head)

    def _plain(self, status: HTTPStatus, *, head: bool, location: str | None = None) -> None:
        """A short plain-text answer (refusals, redirects)."""
        headers = {"Location": location} if location else None
        body = f"{status.value} {status.phrase}\n".encode()
        self._send(status, body, "text/plain; charset=utf-8", head=head, headers=headers)

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        kind: str,
        *,
        head: bool,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    # Server-Sent Events ----------------------------------------------------------------------

    def _stream(self, query: str) -> None:
        params = parse_qs(query)
        try:
            since = int(params.get("since", ["0"])[0])
        except ValueError:
            self._plain(HTTPStatus.BAD_REQUEST, head=False)
            return
        pages = params.get("page", [])[:8]
        if not self.server.streams.acquire(blocking=False):
            self._plain(HTTPStatus.SERVICE_UNAVAILABLE, head=False)
            return
        try:
            self._start_stream()
            if params.get("server", [""])[0] != self.server.server_id:
                self._event("reload", {"reason": "server restarted"})
                return
            self._follow(pages, since)
        finally:
            self.server.streams.release()

    def _start_stream(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Accel-Buffering", "no")
        self.end_headers()
        self.wfile.write(b"retry: 1000\n\n")

    def _follow(self, pages: list[str], seen: int) -> None:
        """Send "status" after every build and "reload" once one of ``pages`` changed."""
        site = self.server.site
        snapshot: Snapshot | None = site.snapshot
        while not site.closed:
            if snapshot is None:
                self.wfile.write(b": keepalive\n\n")
            else:
                changed = snapshot.changed_since(pages, seen)
                if changed:
                    self._event("reload", {"generation": snapshot.generation, "changed": changed})
                    return
                self._event("status", snapshot.status.to_json(snapshot.generation))
                seen = snapshot.generation
            snapshot = site.wait_newer(seen, KEEPALIVE_SECONDS)

    def _event(self, name: str, data: dict[str, Any]) -> None:
        payload = json.dumps(data, ensure_ascii=False)
        self.wfile.write(f"event: {name}\ndata: {payload}\n\n".encode())
