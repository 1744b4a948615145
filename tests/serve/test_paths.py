"""Request targets to site paths: directories, redirects and everything refused."""

import pytest

from glossary_build.serve.paths import MAX_TARGET_LENGTH, Kind, resolve

FILES = {
    "index.html": b"",
    "Embedding/index.html": b"",
    "KI-Ökosystem/index.html": b"",
    "static/style.css": b"",
}


@pytest.mark.parametrize(
    ("target", "key"),
    [
        ("/", "index.html"),
        ("/?x=1", "index.html"),
        ("/Embedding/", "Embedding/index.html"),
        ("/Embedding/index.html", "Embedding/index.html"),
        ("/static/style.css", "static/style.css"),
        ("/KI-%C3%96kosystem/", "KI-Ökosystem/index.html"),
        ("/missing", "missing"),
        ("/missing/", "missing/index.html"),
        ("/%252e%252e/x", "%2e%2e/x"),  # double-encoded: a literal name, not a traversal
    ],
)
def test_paths_of_the_site(target: str, key: str) -> None:
    found = resolve(target, FILES)
    assert (found.kind, found.key) == (Kind.FILE, key)


@pytest.mark.parametrize(
    ("target", "location"),
    [
        ("/Embedding", "/Embedding/"),
        ("/Embedding?q=1", "/Embedding/?q=1"),
        ("/KI-%C3%96kosystem", "/KI-%C3%96kosystem/"),
    ],
)
def test_a_directory_without_its_slash_redirects(target: str, location: str) -> None:
    found = resolve(target, FILES)
    assert (found.kind, found.location) == (Kind.REDIRECT, location)


@pytest.mark.parametrize(
    "target",
    [
        "/../etc/passwd",
        "/static/../../etc/passwd",
        "/%2e%2e/etc/passwd",
        "/%2E%2E/etc/passwd",
        "/static/%2e%2e%2f%2e%2e%2fetc/passwd",
        "/..%2fetc/passwd",
        "/./index.html",
        "/static\\..\\x",
        "/static%5c..%5cx",
        "/a%00b",
        "/a%0ab",
        "/a%7fb",
        "//etc/passwd",
        "/static//style.css",
        "/%ff%fe",  # not UTF-8
        "index.html",  # no leading slash
        "http://example.com/",  # absolute form is not used by browsers for a local server
    ],
)
def test_odd_targets_are_refused(target: str) -> None:
    assert resolve(target, FILES).kind is Kind.BAD_REQUEST


def test_overlong_targets_are_refused() -> None:
    assert resolve("/" + "a" * MAX_TARGET_LENGTH, FILES).kind is Kind.TOO_LONG
    assert resolve("/" + "a" * (MAX_TARGET_LENGTH - 1), FILES).kind is Kind.FILE
