"""HTML comments are not shown.

Accepted grammar::

    comment = "<!--", { any character }, "-->"

- An HTML block made only of comments disappears; comments inside a larger
  HTML block are cut out of it.
- An inline comment (``text <!-- note --> text``) is removed from the line.
- Comments in code spans and code blocks are code, and stay.

Pandoc passes comments into its HTML output, where browsers hide them; we
drop them so that notes meant for co-authors never reach the published
pages (they would be visible in the page source and in search indexes).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def plugin(md: MarkdownIt) -> None:
    """Add the core rule ``drop_comments`` after inline parsing."""
    md.core.ruler.after("inline", "drop_comments", _drop_comments)


def _drop_comments(state: StateCore) -> None:
    kept = []
    for token in state.tokens:
        if token.type == "html_block" and "<!--" in token.content:
            token.content = COMMENT.sub("", token.content)
            if not token.content.strip():
                continue
            token.content = token.content.strip("\n") + "\n"
        elif token.type == "inline" and token.children and _has_html_inline(token.children):
            token.children = [
                child for child in token.children
                if not (child.type == "html_inline" and child.content.startswith("<!--"))
            ]
        kept.append(token)
    state.tokens = kept


def _has_html_inline(children: list[Token]) -> bool:
    """Cheap test before rebuilding a child list (most inline tokens hold no raw HTML)."""
    return any(child.type == "html_inline" for child in children)
