"""Reference placeholders in rendered HTML.

The parser renders HTML before references are resolved.  A cross-reference's
opening and closing tags are written as ``\\x00<n>\\x00`` and ``\\x00/<n>\\x00``
(``n`` indexes the entry's references); :func:`fill` replaces them once the
target is known.  NUL cannot come from the source: markdown-it replaces it
with U+FFFD while parsing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

PLACEHOLDER = re.compile("\x00(/?)(\\d+)\x00")


def open_marker(index: int) -> str:
    """The placeholder for the opening tag of reference ``index``."""
    return f"\x00{index}\x00"


def close_marker(index: int) -> str:
    """The placeholder for the closing tag of reference ``index``."""
    return f"\x00/{index}\x00"


def fill(html: str, open_tag: Sequence[str], close_tag: Sequence[str]) -> str:
    """Replace every placeholder by the tags of its resolved reference."""
    if "\x00" not in html:
        return html
    # NUL occurs only around placeholders: split at it, every second part is one.  A
    # third faster than a regular expression with a callback, and pages are full of links.
    parts = html.split("\x00")
    for index in range(1, len(parts), 2):
        marker = parts[index]
        parts[index] = close_tag[int(marker[1:])] if marker[0] == "/" else open_tag[int(marker)]
    return "".join(parts)


def strip(html: str) -> str:
    """Remove placeholders, keeping the link text (for contexts without links)."""
    return PLACEHOLDER.sub("", html)


def plugin(md: MarkdownIt) -> None:
    """Render links that carry ``meta["ref"]`` as placeholders."""
    rules = getattr(md.renderer, "rules", {})
    md.add_render_rule("link_open", _render_with(rules.get("link_open"), open_marker))
    md.add_render_rule("link_close", _render_with(rules.get("link_close"), close_marker))


def _render_with(
    fallback: Callable[..., str] | None, marker: Callable[[int], str]
) -> Callable[..., str]:
    def rule(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        ref = tokens[idx].meta.get("ref")
        if ref is not None:
            return marker(ref)
        if fallback is not None:
            return fallback(tokens, idx, options, env)
        return str(self.renderToken(tokens, idx, options, env))

    return rule
