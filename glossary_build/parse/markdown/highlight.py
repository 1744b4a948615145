"""Fenced code blocks with build-time highlighting by Pygments.

Accepted grammar (fences themselves are markdown-it's, ````` ``` ````` or ``~~~``)::

    info = [ language ], [ attributes ]
    attributes = "{", { "#" id | "." class | key "=" value }, "}"

- ````` ```python `````, ````` ``` python `````, ````` ```{.python} ````` and
  ````` ```{#id .python .numberLines} ````` all give language ``python``: as in
  Pandoc the first class is the language when no bare word is given.
- The code element keeps ``class="language-<lang>"``; an id and the other
  classes go on ``<pre>``, which also has class ``highlight`` so the CSS of
  :func:`pygments_css` applies.
- Highlighting uses CSS classes only (no inline styles).  A language Pygments
  does not know renders as plain escaped code.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererProtocol
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.attrs.parse import ParseError, parse
from pygments import highlight  # type: ignore[import-untyped]
from pygments.formatters import HtmlFormatter  # type: ignore[import-untyped]
from pygments.lexers import find_lexer_class, get_all_lexers  # type: ignore[import-untyped]

LIGHT_STYLE = "default"
DARK_STYLE = "github-dark"
SCOPE = ".highlight"


def plugin(md: MarkdownIt) -> None:
    """Replace the ``fence`` renderer by one that reads Pandoc attributes and highlights."""
    md.add_render_rule("fence", _render_fence)


def parse_info(info: str) -> tuple[str, dict[str, str]]:
    """Split a fence info string into the language and the other attributes."""
    info = info.strip()
    word, _, rest = info.partition(" ") if not info.startswith("{") else ("", "", info)
    attrs: dict[str, str] = {}
    rest = rest.strip()
    if rest.startswith("{"):
        try:
            end, attrs = parse(rest)
            attrs = attrs if end == len(rest) - 1 else {}
        except ParseError:
            attrs = {}
    classes = attrs.pop("class", "").split()
    if not word and classes:
        word = classes.pop(0)
    if classes:
        attrs["class"] = " ".join(classes)
    return word, attrs


@cache
def _lexer_names() -> dict[str, str]:
    """Alias -> lexer name, for Pygments' own lexers only.

    Plugin lexers are left out on purpose: looking them up imports every
    installed package that registers one (IPython, ...), slowly, and would
    make the output depend on what happens to be installed.
    """
    return {alias.lower(): name for name, aliases, _, _ in get_all_lexers(plugins=False)
            for alias in aliases}


@cache
def _lexer(language: str) -> Any:
    name = _lexer_names().get(language.lower())
    # keep the code exactly: no stripped blank lines, no added final newline
    return find_lexer_class(name)(stripnl=False, ensurenl=False) if name else None


def highlight_code(code: str, language: str) -> str:
    """HTML for the code: Pygments spans, or escaped text for unknown languages."""
    lexer = _lexer(language) if language and code else None
    if lexer is None:
        return escapeHtml(code)
    html = str(highlight(code, lexer, HtmlFormatter(nowrap=True)))
    # some lexers end with a newline token even so; an unclosed fence may have none
    return html if code.endswith("\n") else html.removesuffix("\n")


def _render_fence(self: RendererProtocol, tokens: Sequence[Token], idx: int,
                  options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    language, attrs = parse_info(token.info)
    pre_attrs = ""
    if "id" in attrs:
        pre_attrs += f' id="{escapeHtml(attrs["id"])}"'
    classes = " ".join(["highlight", *attrs.get("class", "").split()])
    pre_attrs += f' class="{escapeHtml(classes)}"'
    code_class = f' class="language-{escapeHtml(language)}"' if language else ""
    body = highlight_code(token.content, language)
    return f"<pre{pre_attrs}><code{code_class}>{body}</code></pre>\n"


@cache  # the same few kilobytes on every dev-server rebuild
def pygments_css(light: str = LIGHT_STYLE, dark: str = DARK_STYLE) -> str:
    """CSS for highlighted code: the light style, and the dark one for dark themes.

    The dark rules apply under ``@media (prefers-color-scheme: dark)`` unless the
    page sets ``data-theme="light"``, and always under ``[data-theme="dark"]``.
    """
    light_css = str(HtmlFormatter(style=light).get_style_defs(SCOPE))
    dark_formatter = HtmlFormatter(style=dark)
    auto = _scoped(dark_formatter.get_style_defs(f':root:not([data-theme="light"]) {SCOPE}'))
    forced = _scoped(dark_formatter.get_style_defs(f'[data-theme="dark"] {SCOPE}'))
    indented = "\n".join("  " + line for line in auto.splitlines())
    return (
        f"/* Pygments style {light} */\n{light_css}\n"
        f"/* Pygments style {dark}, following the system */\n"
        f"@media (prefers-color-scheme: dark) {{\n{indented}\n}}\n"
        f"/* Pygments style {dark}, chosen on the page */\n{forced}\n"
    )


def _scoped(css: str) -> str:
    """Drop Pygments' unscoped rules (``pre``, line numbers): the light CSS has them."""
    return "\n".join(line for line in css.splitlines() if SCOPE in line)
