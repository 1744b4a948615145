"""Smart punctuation as Pandoc's ``smart`` extension does it, with the quotes of the language.

Accepted grammar (in text, never in code, math, raw HTML or autolinks)::

    "text"  -> „text“ (de), “text” (en) or « text » (fr, no-break spaces inside)
    'text'  -> ‚text‘ (de), ‘text’ (en) or “text” (fr);  an apostrophe (it's) -> ’
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
from collections.abc import Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

QUOTES: dict[str, tuple[str, str, str, str]] = {
    "de": ("„", "“", "‚", "‘"),
    "en": ("“", "”", "‘", "’"),
    # French guillemets keep a no-break space inside; quotes within quotes are “ ”
    # (the Lexique des règles typographiques en usage à l'Imprimerie nationale).
    "fr": ("«\u00a0", "\u00a0»", "“", "”"),
}
"""Opening and closing double quote, opening and closing single quote."""

DASHES = re.compile(r"---|--|\.\.\.")
REPLACEMENT = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}
APOSTROPHE = "\u2019"
OPENERS = "([{-\u2013\u2014/"


def plugin(md: MarkdownIt, *, language: str = "en") -> None:
    """Turn on quotes for ``language`` ("de", "en" or "fr") and Pandoc's dashes and ellipses."""
    if language not in QUOTES:
        raise ValueError(f"no quotes known for language {language!r}; use one of {sorted(QUOTES)}")
    md.options["typographer"] = True
    md.options["quotes"] = list(QUOTES[language])
    md.disable("replacements", ignoreInvalid=True)
    md.enable("smartquotes")
    md.core.ruler.before("smartquotes", "pandoc_punctuation", _punctuation)
    md.core.ruler.after("smartquotes", "unpaired_quotes", _unpaired)


def _text_tokens(state: StateCore) -> Iterator[tuple[Token, Token | None]]:
    """Each text token outside autolinks, with the child token before it."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        in_autolink = 0
        previous: Token | None = None
        for token in block.children:
            if token.type == "link_open" and token.info == "auto":
                in_autolink += 1
            elif token.type == "link_close" and token.info == "auto":
                in_autolink -= 1
            elif token.type == "text" and not in_autolink:
                yield token, previous
            previous = token


def _punctuation(state: StateCore) -> None:
    if not state.md.options.get("typographer"):
        return
    for token, _ in _text_tokens(state):
        content = token.content
        if "--" in content or "..." in content:  # most text has neither: skip the regex
            token.content = DASHES.sub(_replacement, content)


def _replacement(match: re.Match[str]) -> str:
    return REPLACEMENT[match.group(0)]


def _unpaired(state: StateCore) -> None:
    """Quotes smartquotes could not pair: ``'`` is an apostrophe, ``"`` opens or closes.

    Pandoc does the same: a lone ``"`` before a word opens, elsewhere it closes;
    a lone ``'`` is always an apostrophe.
    """
    if not state.md.options.get("typographer"):
        return
    quotes = state.md.options["quotes"]
    for token, previous in _text_tokens(state):
        if "'" not in token.content and '"' not in token.content:
            continue
        before = previous.content[-1:] if previous is not None and previous.type == "text" else (
            " " if previous is None or previous.type in ("softbreak", "hardbreak") else "x")
        token.content = _replace_unpaired(token.content, before, quotes)


def _replace_unpaired(text: str, before: str, quotes: Sequence[str]) -> str:
    chars = list(text)
    for index, char in enumerate(chars):
        if char == "'":
            chars[index] = APOSTROPHE
        elif char == '"':
            prev = chars[index - 1] if index else before
            after = chars[index + 1] if index + 1 < len(chars) else " "
            opens = (not prev or prev.isspace() or prev in OPENERS) and not after.isspace()
            chars[index] = quotes[0] if opens else quotes[1]
    return "".join(chars)
