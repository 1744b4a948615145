"""The one place that configures the Markdown parser: :func:`create_markdown`.

Each construct is a plugin module with a ``plugin(md, **options)`` entry
point and its own grammar in its docstring; :mod:`.dialect` groups the
Pandoc constructs, and the factory adds what glossary entries need on top.
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
    smartquotes,
)

QUOTES = smartquotes.QUOTES


def create_markdown(language: str = "de", *, trusted_html: bool = False) -> MarkdownIt:
    """The glossary's Markdown parser: CommonMark plus the Pandoc ``markdown`` that glossaries use.

    Build it once and reuse it (building costs more than parsing).  ``language``
    ("de", "en" or "fr") picks the quotes; ``trusted_html`` keeps raw HTML as written
    instead of sanitising it (``raw_html: trusted`` in the config).

    Accepted syntax (each plugin module's docstring gives its part in full)::

        block   = atx-heading | setext-heading | paragraph | thematic-break
                | list | task-list | definition-list | block-quote
                | fenced-code | indented-code | raw-html
                | (pipe-table | grid-table | simple-table), [ ": Caption" ]
                | fenced-div | line-block | footnote-definition
        atx-heading    = "#"{1,6}, " ", inline, [ " ", "#"+ ], [ attributes ]
        setext-heading = one line of inline, ( "="+ | "-"+ )
        inline  = text | emphasis | strong | "~~" strike "~~" | "^" sup "^" | "~" sub "~"
                | code-span, [ attributes ] | "$" math "$" | "$$" math "$$"
                | link, [ attributes ] | image, [ attributes ] | "[", inline, "]", attributes
                | "[", heading text, "]" | "<", url, ">" | "[^", label, "]" | "^[", inline, "]"
                | raw-html | entity | escape | hard-break
        attributes = "{", { "#" id | "." class | key "=" value | "-" }, "}"

    Pandoc extensions on: ``header_attributes``, ``implicit_header_references``
    (per entry), ``pipe_tables``, ``grid_tables``, ``simple_tables``,
    ``table_captions``, ``definition_lists``, ``footnotes``, ``inline_notes``,
    ``fenced_divs``, ``bracketed_spans``, ``link_attributes``,
    ``inline_code_attributes``, ``fenced_code_attributes``, ``tex_math_dollars``,
    ``superscript``, ``subscript``, ``strikeout``, ``task_lists``, ``line_blocks``,
    ``implicit_figures``, ``smart``, ``all_symbols_escapable``,
    ``escaped_line_breaks``, ``raw_html``.  ``auto_identifiers`` is the entry
    parser's (:func:`.attributes.auto_identifier`), over the whole glossary.

    Deliberately off, or read otherwise than by Pandoc:

    - no ``linkify`` (bare URLs stay text, as in Pandoc) and no markdown-it
      ``replacements`` (``(c)``, ``+-`` stay as written, as in Pandoc);
    - a list, heading or block quote may follow a paragraph line without a
      blank line (CommonMark; Pandoc reads paragraph text);
    - setext headings have one line, and ``text |`` over ``----`` is the last
      see-also line and the closing rule, never a heading or a one-column table;
    - HTML comments are dropped; blocks nested deeper than ``maxNesting`` stay
      as text (:mod:`.nesting`).

    Not read, so they stay text: multiline tables, fancy list markers
    (``a.``, ``#.``), example lists, citations, raw attributes (``{=html}``),
    YAML metadata.  Every difference is reported or listed in
    ``docs/pandoc-differences.md``.  Links carry their source offsets
    (:mod:`.link_offsets`) and render as placeholders until their target is
    known (:mod:`.placeholders`).
    """
    md = MarkdownIt(
        "commonmark",
        {
            "html": True,
            "typographer": True,
            "quotes": list(QUOTES.get(language, QUOTES["en"])),
            "trusted_html": trusted_html,
        },
    )
    md.enable(["table", "strikethrough", "smartquotes"])
    heading_attrs.plugin(md)
    setext.plugin(md)
    implicit_refs.plugin(md)
    nesting.plugin(md)
    link_offsets.plugin(md)
    dialect.plugin(md, language=language)
    placeholders.plugin(md)
    return md
