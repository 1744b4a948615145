"""Source offsets on links, so each cross-reference is reported at its column.

markdown-it parses a paragraph's inline text as one string and does not say
where in it a link starts.  This plugin wraps the inline ``link`` rule: each
``link_open`` it makes gets ``meta["offset"]`` (the ``[``), ``meta["end"]``
(after the ``)``) and ``meta["src"]`` (the string both index).
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from glossary_build.parse.markdown.rulers import wrap_rule

InlineRule = Callable[[StateInline, bool], bool]


def plugin(md: MarkdownIt) -> None:
    """Wrap the inline ``link`` rule so each ``link_open`` knows where its ``[`` is."""
    wrap_rule(md.inline.ruler, "link", _with_offset)


def _with_offset(link_rule: InlineRule) -> InlineRule:
    def link(state: StateInline, silent: bool) -> bool:
        start = state.pos
        first_new = len(state.tokens)
        matched: bool = link_rule(state, silent)
        if matched and not silent:
            for token in state.tokens[first_new:]:
                if token.type == "link_open":
                    token.meta["offset"] = start
                    token.meta["end"] = state.pos
                    token.meta["src"] = state.src
                    break
        return matched

    return link
