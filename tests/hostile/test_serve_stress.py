"""The preview server under stress, on loopback only, with bounded loops.

50 clients (HTTP and Server-Sent Events) during a burst of saves; clients
that vanish mid-response; request targets with traversal, overlong URLs,
bad percent-encodings and broken request lines; the real pipeline builder
serving the hostile glossary.  Afterwards: no crash, no traceback, every
thread ended after ``stop()``, nothing served from outside the site.
"""

from __future__ import annotations

import random
import re
import socket
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from glossary_build.core.diagnostics import Diagnostic, Severity, Span
from glossary_build.serve import BuildOutcome, DevServer
from glossary_build.serve.source import PipelineRebuild
from tests.support import ROOT

from .scan import Theme, scan_html
from .test_injection import hostile_glossary

SECRET = "SECRET-7f3a-do-not-serve"
BIG = 4 * 1024 * 1024
HOSTILE_MESSAGE = "no entry has id '</script><script>pwned()</script><!--' \u2028 \" '"


def _page(text: str) -> bytes:
    return f"<!DOCTYPE html><html><head><title>t</title></head><body><p>{text}</p></body></html>".encode()


class VersionedBuilder:
    """Each build returns a new version of a small site (and one big file)."""

    def __init__(self) -> None:
        self.version = 0
        self.lock = threading.Lock()

    def __call__(self, paths: Any) -> BuildOutcome:
        time.sleep(0.005)
        with self.lock:
            self.version += 1
            version = self.version
        files = {
            "index.html": _page(f"home v{version}"),
            "A/index.html": _page(f"a v{version}"),
            "B/index.html": _page("b"),
            "404.html": _page("missing"),
            "static/style.css": b"p { color: black }",
            "big.bin": b"x" * BIG,
        }
        warning = Diagnostic("broken-reference", Severity.WARNING, HOSTILE_MESSAGE, Span("entries/<a>.md", 1, 1))
        return BuildOutcome(files, (warning,))


def _address(server: DevServer) -> tuple[str, int]:
    host, port = server.url.split("//")[1].rstrip("/").rsplit(":", 1)
    assert host in ("127.0.0.1", "[::1]")
    return host.strip("[]"), int(port)


def _request(server: DevServer, target: bytes, *, extra: bytes = b"", limit: int = 16 * 1024 * 1024) -> bytes:
    with socket.create_connection(_address(server), timeout=10) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + extra + b"\r\n")
        return _read_all(sock, limit)


def _read_all(sock: socket.socket, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, TimeoutError):
            break
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _status(response: bytes) -> int:
    match = re.match(rb"HTTP/1\.[01] (\d{3})", response)
    return int(match.group(1)) if match else 0


def _body(response: bytes) -> bytes:
    return response.partition(b"\r\n\r\n")[2]


@pytest.fixture
def threads_before() -> set[threading.Thread]:
    return set(threading.enumerate())


@pytest.fixture
def server(threads_before: set[threading.Thread], capfd: pytest.CaptureFixture[str]) -> Iterator[DevServer]:
    dev = DevServer(VersionedBuilder(), port=0, echo=lambda line: None)
    dev.start()
    try:
        yield dev
    finally:
        dev.stop()
    _assert_threads_ended(threads_before)
    assert "Traceback" not in capfd.readouterr().err


def _assert_threads_ended(before: set[threading.Thread]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        left = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not left:
            return
        time.sleep(0.05)
    raise AssertionError(f"threads left after stop(): {[t.name for t in left]}")


def _sse(server: DevServer, results: list[str], errors: list[BaseException]) -> None:
    try:
        generation = server.site.snapshot.generation
        target = f"/__livereload/events?since={generation}&server={server.server_id}&page=index.html"
        with socket.create_connection(_address(server), timeout=15) as sock:
            sock.sendall(f"GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
            received = b""
            deadline = time.monotonic() + 15
            while b"event: reload" not in received and time.monotonic() < deadline:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                received += chunk
        results.append("reload" if b"event: reload" in received else received.decode()[-200:])
    except BaseException as error:  # noqa: BLE001 - collected for the assertion
        errors.append(error)


def _browse(server: DevServer, results: list[int], errors: list[BaseException], seed: int) -> None:
    rng = random.Random(seed)
    try:
        for _ in range(15):
            target = rng.choice([b"/", b"/A/", b"/B/", b"/A", b"/static/style.css", b"/nope/", b"/index.html"])
            response = _request(server, target)
            status = _status(response)
            results.append(status)
            body = _body(response)
            length = re.search(rb"(?i)content-length: (\d+)", response)
            assert length and int(length.group(1)) == len(body), response[:300]
    except BaseException as error:  # noqa: BLE001
        errors.append(error)


def test_fifty_clients_and_a_burst_of_saves(server: DevServer) -> None:
    sse_results: list[str] = []
    http_results: list[int] = []
    errors: list[BaseException] = []
    clients = [threading.Thread(target=_sse, args=(server, sse_results, errors)) for _ in range(25)]
    clients += [threading.Thread(target=_browse, args=(server, http_results, errors, n)) for n in range(25)]
    for client in clients:
        client.start()
    time.sleep(0.3)  # let the streams connect
    for _ in range(40):  # a burst of saves
        server.request_build([Path("entries/a.md")])
        time.sleep(random.uniform(0, 0.005))
    for client in clients:
        client.join(timeout=60)
    assert not any(client.is_alive() for client in clients)
    assert errors == []
    assert sse_results == ["reload"] * 25
    assert len(http_results) == 25 * 15 and set(http_results) <= {200, 301, 404}
    assert _status(_request(server, b"/")) == 200
    assert b"home v" in _body(_request(server, b"/"))


def test_clients_that_vanish_mid_response(server: DevServer) -> None:
    for number in range(20):
        sock = socket.create_connection(_address(server), timeout=5)
        target = b"/big.bin" if number % 2 else b"/__livereload/events?since=0&server=" + server.server_id.encode()
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: localhost\r\n\r\n")
        sock.recv(1024)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, not FIN
        sock.close()
    for _ in range(5):  # half a request line, then gone
        with socket.create_connection(_address(server), timeout=5) as sock:
            sock.sendall(b"GET /ind")
    server.request_build([])
    response = _request(server, b"/big.bin")
    assert _status(response) == 200 and len(_body(response)) == BIG
    assert _status(_request(server, b"/A/")) == 200


TRAVERSAL = [
    b"/../../../../etc/passwd", b"/%2e%2e/%2e%2e/etc/passwd", b"/..%2f..%2fetc%2fpasswd",
    b"/%2E%2E%5C%2E%2E%5Cglossary.yml",
    b"/static/../../glossary.yml", b"/static/%2e%2e/%2e%2e/secret.txt", b"/..\\..\\secret.txt", b"//etc/passwd",
    b"/%c0%ae%c0%ae/%c0%ae%c0%ae/secret.txt", b"/%uff0e%uff0e/secret.txt", b"/./secret.txt", b"/A/../../secret.txt",
    b"/%00", b"/index.html%00.txt", b"/%ff%fe", b"/%", b"/%zz", b"/%e2%82", b"/A/%0d%0aSet-Cookie:x=1",
    b"http://evil.example/secret.txt", b"*", b"secret.txt", b"/secret.txt", b"/.glossary-build-site",
    b"/" + b"a/" * 3000, b"/" + b"%2e" * 40_000, b"/?" + b"x" * 70_000,
]


def test_hostile_request_targets(server: DevServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "secret.txt").write_text(SECRET)
    (tmp_path / "glossary.yml").write_text(SECRET)
    monkeypatch.chdir(tmp_path)  # a server that touched the disk would find these
    for target in TRAVERSAL:
        response = _request(server, target)
        status = _status(response)
        assert SECRET.encode() not in response, target
        harmless = status in (400, 404, 414, 301, 0) or (status == 200 and target in (b"/./secret.txt",))
        assert harmless, (target, response[:200])
        if status == 301:
            location = re.search(rb"(?i)\r\nlocation: ([^\r]*)", response)
            assert location and location.group(1).startswith(b"/") and not location.group(1).startswith(b"//")
        assert b"Set-Cookie" not in response.partition(b"\r\n\r\n")[0]
    for request in (
        b"\r\n\r\n", b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
        b"GET / HTTP/9.9\r\n\r\n", b"GET / HTTP/1.1\r\n" + b"X-A: b\r\n" * 150 + b"\r\n",
        b"GET / HTTP/1.1\r\nX-Long: " + b"y" * 70_000 + b"\r\n\r\n", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
    ):
        with socket.create_connection(_address(server), timeout=10) as sock:
            sock.sendall(request)
            sock.shutdown(socket.SHUT_WR)
            response = _read_all(sock, 1 << 20)
        refused = _status(response) in (0, 400, 404, 405, 414, 431, 501, 505)
        assert refused or response.startswith(b"HTTP/1.1 200"), request[:40]
    assert _status(_request(server, b"/")) == 200


def test_real_builder_serves_the_hostile_glossary_without_script(
    tmp_path: Path, threads_before: set[threading.Thread]
) -> None:
    folder = hostile_glossary(tmp_path, "title: x\nrules:\n  broken-reference: warning\n")
    dev = DevServer(PipelineRebuild(None, folder), port=0, echo=lambda line: None)
    dev.start()
    try:
        pages = [key for key in dev.site.snapshot.files if key.endswith(".html")]
        assert len(pages) >= 8
        default = ROOT
        theme = Theme([default / "templates", default / "static", default / "glossary_build" / "serve"])
        for key in pages:
            response = _request(dev, b"/" + key.encode())
            assert _status(response) == 200, key
            html = _body(response).decode()
            assert "glossary-livereload-config" in html  # the snippet with the diagnostics is there
            findings = list(scan_html(html, theme))
            assert not findings, (key, findings)
        missing = _body(_request(dev, b"/%3Cscript%3Epwned()%3C/script%3E/")).decode()
        assert not list(scan_html(missing, theme))
    finally:
        dev.stop()
    _assert_threads_ended(threads_before)
