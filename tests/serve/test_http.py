"""The HTTP side against a real server on an ephemeral port, with a fake builder."""

from __future__ import annotations

import socket
import threading

import pytest

from glossary_build.core.diagnostics import Severity
from glossary_build.serve import DevServer

from .support import (
    FakeBuilder,
    address,
    config_of,
    diagnostic,
    get,
    page,
    raw,
    rebuild,
)


def test_pages_are_served_from_memory_with_the_client_injected(server: DevServer) -> None:
    response = get(server, "/Alpha/")
    assert response.status == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["cache-control"] == "no-store"
    assert "<p>alpha</p>" in response.text
    assert response.text.endswith('<script src="/__livereload/client.js"></script></body></html>')
    assert int(response.headers["content-length"]) == len(response.body)
    assert config_of(response.text)["pages"] == ["Alpha/index.html"]


def test_the_builders_files_stay_untouched(server: DevServer, fake: FakeBuilder) -> None:
    get(server, "/")
    assert server.site.snapshot.files["index.html"] == fake.files["index.html"] == page("home")


def test_the_snippet_goes_before_the_last_body_end_tag(
    server: DevServer, fake: FakeBuilder
) -> None:
    fake.files["index.html"] = b"<body><pre>&lt;/body&gt;</pre></BODY >\n<!-- after -->"
    rebuild(server)
    text = get(server, "/").text
    assert text.startswith("<body><pre>&lt;/body&gt;</pre><script")
    assert text.endswith("</script></BODY >\n<!-- after -->")


def test_a_page_without_body_tag_gets_the_snippet_at_its_end(
    server: DevServer, fake: FakeBuilder
) -> None:
    fake.files["index.html"] = b"<p>fragment"
    rebuild(server)
    assert get(server, "/").text.startswith("<p>fragment<script")


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/__livereload/client.js", "text/javascript; charset=utf-8"),
        ("/data.json", "application/json; charset=utf-8"),
        ("/logo.svg", "image/svg+xml; charset=utf-8"),
        ("/logo.png", "image/png"),
        ("/font.woff2", "font/woff2"),
        ("/blob", "application/octet-stream"),
    ],
)
def test_content_types(server: DevServer, fake: FakeBuilder, target: str, kind: str) -> None:
    for name in ("data.json", "logo.svg", "logo.png", "font.woff2", "blob"):
        fake.files[name] = b"x"
    rebuild(server)
    response = get(server, target)
    assert (response.status, response.headers["content-type"]) == (200, kind)
    assert b"<script" not in response.body


def test_head_sends_headers_only(server: DevServer) -> None:
    response = get(server, "/Alpha/", method="HEAD")
    assert response.status == 200 and response.body == b""
    assert int(response.headers["content-length"]) == len(get(server, "/Alpha/").body)


def test_a_directory_url_without_slash_redirects(server: DevServer) -> None:
    response = get(server, "/Alpha?x=1")
    assert (response.status, response.headers["location"]) == (301, "/Alpha/?x=1")


def test_unknown_paths_get_the_sites_404_page(server: DevServer) -> None:
    response = get(server, "/Gamma/")
    assert response.status == 404
    assert "no such page" in response.text
    assert config_of(response.text)["pages"] == ["Gamma/index.html", "404.html"]


def test_without_404_page_a_plain_one_is_served(server: DevServer, fake: FakeBuilder) -> None:
    del fake.files["404.html"]
    rebuild(server)
    response = get(server, "/nothing")
    assert response.status == 404 and "Not found" in response.text


@pytest.mark.parametrize(
    "target",
    [
        "/../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2F..%2Fetc%2Fpasswd",
        "/%2E%2E%5c..%5cwin.ini",
        "/a%00.html",
        "//etc/passwd",
    ],
)
def test_traversal_attempts_are_refused(server: DevServer, target: str) -> None:
    response = get(server, target)
    # http.server itself folds a leading "//" into "/": that one is just not found.
    assert response.status == (404 if target.startswith("//") else 400)
    assert b"root:" not in response.body


@pytest.mark.parametrize("target", [b"/..\\..\\etc\\passwd", b"/static/\\style.css"])
def test_raw_backslashes_are_refused(server: DevServer, target: bytes) -> None:
    answer = raw(server, b"GET " + target + b" HTTP/1.0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 400")


def test_overlong_urls_are_refused(server: DevServer) -> None:
    assert get(server, "/" + "a" * 5000).status == 414
    # Longer than the request line limit of http.server itself.
    assert raw(server, b"GET /" + b"a" * 70000 + b" HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 414")


def test_other_methods_are_not_implemented(server: DevServer) -> None:
    assert get(server, "/", method="POST").status == 501


def test_clients_that_go_away_mid_response_do_not_hurt(
    server: DevServer, fake: FakeBuilder, capfd: pytest.CaptureFixture[str]
) -> None:
    fake.files["big.bin"] = b"x" * 20_000_000
    rebuild(server)
    for _ in range(5):
        sock = socket.create_connection(address(server))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        sock.sendall(b"GET /big.bin HTTP/1.0\r\n\r\n")
        sock.recv(100)
        sock.close()  # reset while the server is still writing
    assert get(server, "/").status == 200
    server.stop()
    assert "Traceback" not in capfd.readouterr().err


def test_a_reader_never_sees_a_half_applied_build(server: DevServer, fake: FakeBuilder) -> None:
    """Every response comes from one build: the page and its config name the same version."""
    stop = threading.Event()
    seen: list[tuple[str, int]] = []

    def read() -> None:
        while not stop.is_set():
            text = get(server, "/").text
            seen.append((text.split("<p>")[1].split("</p>")[0], config_of(text)["generation"]))

    readers = [threading.Thread(target=read) for _ in range(4)]
    for reader in readers:
        reader.start()
    for version in range(2, 30):
        fake.files["index.html"] = page(f"v{version}")
        rebuild(server)
    stop.set()
    for reader in readers:
        reader.join()
    assert seen
    for text, generation in seen:
        assert text in ("home", f"v{generation}")
        assert text != "home" or generation == 1


def test_failed_builds_keep_the_last_good_site(
    server: DevServer, fake: FakeBuilder, echoed: list[str]
) -> None:
    fake.files["Alpha/index.html"] = page("half written")
    fake.diagnostics = [diagnostic(Severity.ERROR, "no entry has id 'Gamma'")]
    rebuild(server)
    response = get(server, "/Alpha/")
    assert "<p>alpha</p>" in response.text
    status = config_of(response.text)["status"]
    assert status["failed"] and status["errors"][0]["message"] == "no entry has id 'Gamma'"
    assert (status["errors"][0]["path"], status["errors"][0]["line"]) == ("entries/a.md", 3)
    assert "entries/a.md:3:5: error[broken-reference]: no entry has id 'Gamma'" in echoed
    assert echoed[-1].startswith("Built in ")  # a full build: no paths
    assert echoed[-1].endswith("with 1 error(s): the browser shows them")


def test_a_crashing_builder_keeps_the_site_and_reports_the_traceback(
    server: DevServer, fake: FakeBuilder, echoed: list[str]
) -> None:
    fake.raises = RuntimeError("template exploded")
    rebuild(server)
    response = get(server, "/")
    assert "<p>home</p>" in response.text
    crash = config_of(response.text)["status"]["crash"]
    assert "Traceback" in crash and "RuntimeError: template exploded" in crash
    assert any("RuntimeError: template exploded" in line for line in echoed)


def test_a_first_build_that_crashes_serves_a_placeholder(fake: FakeBuilder) -> None:
    fake.error = "SyntaxError in glossary.yml"
    with DevServer(fake, port=0, echo=lambda _: None) as server:
        response = get(server, "/Alpha/")
        assert response.status == 503
        assert config_of(response.text)["status"]["crash"] == "SyntaxError in glossary.yml"
        fake.error = None
        rebuild(server)
        assert "<p>alpha</p>" in get(server, "/Alpha/").text


def test_a_busy_port_moves_to_the_next_free_one(fake: FakeBuilder) -> None:
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    port = blocker.getsockname()[1]
    said: list[str] = []
    try:
        with DevServer(fake, port=port, echo=said.append) as server:
            assert address(server)[1] > port
            assert f"Port {port} is in use, trying {port + 1}" in said
            assert get(server, "/").status == 200
    finally:
        blocker.close()
