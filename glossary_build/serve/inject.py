"""The live-reload snippet added to HTML responses of the dev server (never to built files)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import Any

EVENTS_URL = "/__livereload/events"
"""The Server-Sent Events stream."""
CLIENT_URL = "/__livereload/client.js"
"""The client script."""

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


@cache
def client_script() -> bytes:
    """The client script's source, shipped beside this module."""
    return files(__package__).joinpath("livereload.js").read_bytes()


def snippet(pages: Sequence[str], generation: int, server: str, status: dict[str, Any]) -> bytes:
    """The HTML added to a page: its configuration as JSON, then the client script.

    ``pages`` are the site paths whose change reloads the page; ``generation`` the build it
    comes from; ``server`` identifies this server run (a restarted server reloads pages).
    """
    config = {
        "events": EVENTS_URL,
        "pages": list(pages),
        "generation": generation,
        "server": server,
        "status": status,
    }
    # "<" escaped so no "</script>" or "<!--" in messages can end the block early.
    data = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    return (
        '<script type="application/json" id="glossary-livereload-config">'
        f'{data}</script><script src="{CLIENT_URL}"></script>'
    ).encode()


def inject(page: bytes, addition: bytes) -> bytes:
    """``page`` with ``addition`` before its last ``</body>``, or at the end without one."""
    matches = list(_BODY_END.finditer(page))
    if not matches:
        return page + addition
    at = matches[-1].start()
    return page[:at] + addition + page[at:]


def placeholder_page(title: str, message: str) -> bytes:
    """A minimal page for when the site has nothing to show (no good build yet, no 404.html)."""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title></head>"
        '<body style="font: 16px/1.5 system-ui, sans-serif; margin: 2rem;">'
        f"<h1>{html.escape(title)}</h1><p>{html.escape(message)}</p></body></html>"
    ).encode()
