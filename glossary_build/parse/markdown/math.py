"""TeX math in dollars, rendered to MathML at build time (no JavaScript).

Accepted grammar (Pandoc's ``tex_math_dollars``)::

    inline  = "$", non-space, { char }, non-space, "$", not followed by a digit
    display = "$$", { char }, "$$"

- ``$5 and $10`` stays text: a space after the opening ``$`` or before the
  closing ``$``, or a digit right after the closing ``$``, means no math.
- ``\\$`` is a literal dollar; inside ``$...$`` a backslash pair (``\\$``)
  does not close the math, while ``$$...$$`` ends at the first ``$$``.
- Math never spans a blank line (it lives inside one paragraph).
- Display math may stand anywhere in a paragraph, as in Pandoc; a paragraph
  holding only ``$$ ... $$`` lines is the usual way to write an equation.

Tokens: ``math_inline`` and ``math_display``, ``content`` the TeX source.
The MathML is produced while parsing (so ``check`` reports bad formulas
without rendering): ``meta["mathml"]`` holds it, or ``meta["error"]`` the
reason latex2mathml gave.  Each failure is also appended to
``env["math_errors"]`` as ``{"line": <0-based source line>, "message": ...}``.
A failed formula renders as its TeX source in ``<code class="math-error">``;
a rendered one carries its TeX source in the ``alttext`` attribute.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from latex2mathml.converter import convert
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererProtocol
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

UNKNOWN_COMMAND = re.compile(r"<m[io]>(\\[A-Za-z]+)</m[io]>")


def plugin(md: MarkdownIt) -> None:
    """Add the inline rule ``math`` (before ``escape``), MathML conversion and renderers."""
    md.inline.ruler.before("escape", "math", _math)
    md.core.ruler.after("inline", "math_mathml", _convert_all)
    md.add_render_rule("math_inline", _render)
    md.add_render_rule("math_display", _render)


def _closing(src: str, start: int, end: int, double: bool) -> tuple[int, bool]:
    """The first unescaped closing delimiter (Pandoc takes the first), or -1.

    Also tells whether an unescaped space stands right before it: ``$a $``
    is no math, ``$a\\ $`` (an escaped space) is.
    """
    pos, space = start, False
    while pos < end:
        char = src[pos]
        if char == "\\" and not double:  # Pandoc ends $$ at the first $$, escaped or not
            pos, space = pos + 2, False
            continue
        if char == "$" and (not double or src.startswith("$$", pos)):
            return pos, space
        pos, space = pos + 1, char.isspace()
    return -1, False


def _math(state: StateInline, silent: bool) -> bool:
    src, start, end = state.src, state.pos, state.posMax
    if src[start] != "$":
        return False
    double = src.startswith("$$", start)
    body = start + (2 if double else 1)
    if body >= end or (not double and src[body].isspace()):
        return False
    close, space_before = _closing(src, body, end, double)
    if close <= body:
        return False
    if not double and (space_before or src[close + 1 : close + 2].isdigit()):
        return False
    if not silent:
        token = state.push("math_display" if double else "math_inline", "math", 0)
        token.content = src[body:close]
        token.markup = "$$" if double else "$"
        token.meta = {"line_offset": src.count("\n", 0, start)}
    state.pos = close + (2 if double else 1)
    return True


def to_mathml(tex: str, display: bool) -> tuple[str | None, str | None]:
    """Convert TeX to MathML: ``(mathml, None)`` or ``(None, error message)``."""
    try:
        mathml = convert(tex.strip(), display="block" if display else "inline")
    except Exception as error:  # noqa: BLE001 - latex2mathml raises many unrelated types
        reason = type(error).__name__
        detail = str(error).strip()
        return None, f"{reason}: {detail}" if detail else reason
    unknown = UNKNOWN_COMMAND.search(mathml)
    if unknown:
        return None, f"unknown TeX command {unknown.group(1)}"
    # the TeX source as alternative text: for screen readers, search and copying
    alttext = escapeHtml(" ".join(tex.split()))
    return mathml.replace("<math ", f'<math alttext="{alttext}" ', 1), None


def _convert_all(state: StateCore) -> None:
    if "$" not in state.src:
        return  # no formula in the file (math tokens come only from dollars in the text)
    for block in state.tokens:
        if block.type == "inline" and block.children:
            line = block.map[0] if block.map else 0
            _convert_children(block.children, line, state.env)


def _convert_children(children: list[Token], line: int, env: EnvType) -> None:
    """Convert the math among ``children``, in image descriptions and in inline notes."""
    notes = env.get("footnotes", {}).get("list", {})
    for token in children:
        if token.type in ("math_inline", "math_display"):
            _convert(token, line, env)
        elif token.type == "image" and token.children:
            _convert_children(token.children, line, env)
        elif token.type == "footnote_ref" and "tokens" in notes.get(token.meta["id"], {}):
            # an inline note ^[...]: its own parse knows no lines, use its paragraph's
            for note_token in notes[token.meta["id"]]["tokens"]:
                note_token.meta.pop("line_offset", None)
            _convert_children(notes[token.meta["id"]]["tokens"], line, env)


def _convert(token: Token, line: int, env: EnvType) -> None:
    if "mathml" in token.meta:  # already seen (figure captions share the image's tokens)
        return
    mathml, error = to_mathml(token.content, token.type == "math_display")
    token.meta["mathml"], token.meta["error"] = mathml, error
    if error is not None:
        line += token.meta.get("line_offset", 0)
        env.setdefault("math_errors", []).append(
            {"line": line, "message": f"cannot render math {token.markup}{token.content}"
             f"{token.markup}: {error}"}
        )


def _render(self: RendererProtocol, tokens: Sequence[Token], idx: int,
            options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    kind = "display" if token.type == "math_display" else "inline"
    mathml: Any = token.meta.get("mathml")
    if mathml is None and "error" not in token.meta:
        mathml, _ = to_mathml(token.content, kind == "display")
    if mathml is None:
        return f'<code class="math-error">{escapeHtml(token.content)}</code>'
    return f'<span class="math {kind}">{mathml}</span>'
