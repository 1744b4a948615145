"""Turning a request target into a path of the in-memory site, refusing anything odd.

Only keys of the site mapping are ever served, so nothing here can reach the disk; the
checks still reject traversal attempts outright (``..``, ``%2e%2e``, backslashes, NUL,
control characters, invalid UTF-8) so that they show up as errors and not as 404s.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote

MAX_TARGET_LENGTH = 2048
"""Longest request target accepted (browsers handle more, but no site path is this long)."""


class Kind(enum.Enum):
    """What to answer."""

    FILE = "file"
    """Serve ``key`` (it may be missing from the site: then the 404 page)."""
    REDIRECT = "redirect"
    """Redirect to ``location`` (a directory URL without its trailing slash)."""
    BAD_REQUEST = "bad request"
    """Refuse with 400."""
    TOO_LONG = "too long"
    """Refuse with 414."""


@dataclass(frozen=True)
class Resolution:
    """The answer to one request target."""

    kind: Kind
    key: str = ""
    """The site path to serve, for FILE."""
    location: str = ""
    """The URL to redirect to, for REDIRECT."""


def resolve(target: str, files: Mapping[str, bytes]) -> Resolution:
    """Map a request target (path and query, as sent by the client) to a site path."""
    if len(target) > MAX_TARGET_LENGTH:
        return Resolution(Kind.TOO_LONG)
    raw_path, _, query = target.partition("#")[0].partition("?")
    segments = _segments(raw_path)
    if segments is None:
        return Resolution(Kind.BAD_REQUEST)
    directory = raw_path.endswith("/")
    key = "/".join(segments)
    if directory or not key:
        return Resolution(Kind.FILE, key=f"{key}/index.html" if key else "index.html")
    if key not in files and f"{key}/index.html" in files:
        location = quote("/" + key + "/") + (f"?{query}" if query else "")
        return Resolution(Kind.REDIRECT, location=location)
    return Resolution(Kind.FILE, key=key)


def _segments(raw_path: str) -> list[str] | None:
    """The decoded path segments, or None when the path is not acceptable."""
    if not raw_path.startswith("/") or "\\" in raw_path:
        return None
    try:
        path = unquote(raw_path, errors="strict")
    except UnicodeDecodeError:
        return None
    if any(ch in path for ch in "\\\x7f") or any(ord(ch) < 0x20 for ch in path):
        return None
    segments = path.split("/")[1:]
    if segments and segments[-1] == "":
        segments.pop()
    if any(segment in ("", ".", "..") for segment in segments):
        return None
    return segments
