"""The one place that configures the Markdown parser.

The accepted syntax is CommonMark (markdown-it-py) plus these parts of
Pandoc's ``markdown``:

- heading attribute blocks ``## Title {#Id .class key=value}``
  (:mod:`.heading_attrs`, grammar in :mod:`.attributes`);
- raw inline and block HTML (kept; sanitising is a later stage);
- pipe tables and ``~~strike~~``;
- typographic quotes in the configured language (Pandoc's ``smart``);
- setext headings of one line only (:mod:`.setext`);
- implicit header references within an entry (:mod:`.implicit_refs`).

Deliberate difference from Pandoc: a list directly after a paragraph line
starts a list (CommonMark) instead of continuing the paragraph, because that
is what authors mean.

Links are recorded with their source offset (``token.meta["offset"]``, the
``[``), so the parser can report each cross-reference at its column.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from glossary_build.parse.markdown.heading_attrs import heading_attributes_plugin
from glossary_build.parse.markdown.implicit_refs import implicit_refs_plugin
from glossary_build.parse.markdown.nesting import keep_deep_blocks
from glossary_build.parse.markdown.placeholders import use_placeholders
from glossary_build.parse.markdown.rulers import wrap_rule
from glossary_build.parse.markdown.setext import setext_plugin

QUOTES = {"de": "„“‚‘", "en": "“”‘’"}


def create_markdown(language: str = "de", *, trusted_html: bool = False) -> MarkdownIt:
    """A configured parser; build it once and reuse it (building costs more than parsing).

    With ``trusted_html`` the parser keeps raw HTML as written instead of
    sanitising it (``raw_html: trusted`` in the config).
    """
    md = MarkdownIt(
        "commonmark",
        {
            "html": True,
            "typographer": True,
            "quotes": QUOTES.get(language, QUOTES["en"]),
            "trusted_html": trusted_html,
        },
    )
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    heading_attributes_plugin(md)
    setext_plugin(md)
    implicit_refs_plugin(md)
    keep_deep_blocks(md)
    _track_link_offsets(md)
    _use_dialect(md, language)
    use_placeholders(md)
    return md


def _use_dialect(md: MarkdownIt, language: str) -> None:
    """Enable the rest of Pandoc's dialect when that module is present."""
    try:
        from glossary_build.parse.markdown.dialect import use_pandoc_dialect  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        return
    use_pandoc_dialect(md, language=language)


def _track_link_offsets(md: MarkdownIt) -> None:
    """Wrap the inline ``link`` rule so each ``link_open`` knows where its ``[`` is."""
    wrap_rule(md.inline.ruler, "link", _with_offset)


def _with_offset(link_rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
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
