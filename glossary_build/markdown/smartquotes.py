"""Smart punctuation as Pandoc's ``smart`` extension does it, with the quotes of the language.

Accepted grammar (in text, never in code, math, raw HTML or autolinks)::

    "text"  -> „text“ (de) or “text” (en)
    'text'  -> ‚text‘ (de) or ‘text’ (en);  an apostrophe (it's) -> ’
    ---     -> — (em dash)
    --      -> – (en dash)
    ...     -> … (ellipsis)

Quote pairing is markdown-it's ``smartquotes`` rule; markdown-it's own
``replacements`` rule is switched off because it also turns ``(c)``, ``+-``
and ``??????`` into symbols, which Pandoc does not.  Quotes that authors
already typed („…“) stay as they are.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

QUOTES = {"de": "„“‚‘", "en": "“”‘’"}
"""Opening and closing double quote, opening and closing single quote."""

DASHES = re.compile(r"---|--|\.\.\.")
REPLACEMENT = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}


def plugin(md: MarkdownIt, *, language: str = "en") -> None:
    """Turn on quotes for ``language`` ("de" or "en") and Pandoc's dashes and ellipses."""
    if language not in QUOTES:
        raise ValueError(f"no quotes known for language {language!r}; use one of {sorted(QUOTES)}")
    md.options["typographer"] = True
    md.options["quotes"] = QUOTES[language]
    md.disable("replacements", ignoreInvalid=True)
    md.enable("smartquotes")
    md.core.ruler.before("smartquotes", "pandoc_punctuation", _punctuation)


def _punctuation(state: StateCore) -> None:
    if not state.md.options.get("typographer"):
        return
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        in_autolink = 0
        for token in block.children:
            if token.type == "link_open" and token.info == "auto":
                in_autolink += 1
            elif token.type == "link_close" and token.info == "auto":
                in_autolink -= 1
            elif token.type == "text" and not in_autolink:
                token.content = DASHES.sub(lambda m: REPLACEMENT[m.group(0)], token.content)
