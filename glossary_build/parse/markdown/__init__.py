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

from markdown_it import MarkdownIt

from glossary_build.parse.markdown import (
    dialect,
    heading_attrs,
    implicit_refs,
    link_offsets,
    nesting,
    placeholders,
    setext,
)

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
    heading_attrs.plugin(md)
    setext.plugin(md)
    implicit_refs.plugin(md)
    nesting.plugin(md)
    link_offsets.plugin(md)
    dialect.plugin(md, language=language)
    placeholders.plugin(md)
    return md
