"""The Pandoc dialect of Markdown that glossary authors write.

:func:`plugin` turns a ``MarkdownIt("commonmark", {"html": True})``
with the ``table`` and ``strikethrough`` rules enabled into a reader of
Pandoc's ``markdown`` as glossaries use it.  Each construct lives in its own
module, whose docstring gives the grammar it accepts:

==================  =====================================================
module              construct
==================  =====================================================
``grid_tables``     grid tables: alignment, head, foot, col/row spans
``simple_tables``   simple tables (columns under runs of dashes)
``tables``          ``: Caption`` / ``Table: Caption``; scroll wrapper
``math``            ``$...$`` and ``$$...$$`` to MathML at build time
``highlight``       fenced code with attributes, Pygments classes
``deflists``        definition lists
``footnotes``       footnotes, split per entry by ``split_footnotes``
``fenced_divs``     ``::: {.class}`` ... ``:::``
``spans``           ``[text]{.class}``, ``[t](#x){.c}``, ``![i](s){.c}``
``comments``        HTML comments are dropped
``escapes``         ``\\ `` (non-breaking space) and escaped non-ASCII marks
``figures``         an image alone in a paragraph becomes a figure
``scripts``         ``x^2^`` and ``H~2~O``
``tasklists``       ``- [ ]`` and ``- [x]`` items with checkboxes
``line_blocks``     ``| line`` blocks that keep their line breaks
``smartquotes``     quotes of the language, dashes and ellipses
==================  =====================================================

How the parser uses it::

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    dialect.plugin(md, language="de")
    env = {}
    tokens = md.parse(text, env)
    # math: every formula latex2mathml cannot convert is already recorded,
    # during md.parse, as {"line": <0-based source line>, "message": ...}
    for problem in env.get("math_errors", []): ...
    # footnotes: one token list per entry, each with its own notes
    parts = split_footnotes(tokens, entry_starts, entry_ids)
    html = [md.renderer.render(part, md.options, env) for part in parts]

``entry_starts`` are the indexes of the entries' ``heading_open`` tokens;
``split_footnotes`` (in :mod:`glossary_build.parse.markdown.footnotes`) renumbers
each entry's notes from 1, lists them under that entry with back links, and
prefixes their anchors with the entry id (``fn-Embedding-1``).
:func:`glossary_build.parse.markdown.highlight.pygments_css` gives the stylesheet
for highlighted code (light and dark).

Notes for the factory:

- Smart punctuation works on text tokens after inline parsing, so a heading's
  attribute block (``{#id key="a--b"}``) must leave the heading's inline
  content before the core ``inline`` rule runs (a core rule after ``block``),
  or its quotes and dashes get curled.
- ``typographer`` is switched on (for quotes only; markdown-it's
  ``replacements`` rule is off).  ``attrs_plugin`` is already installed by
  :mod:`~glossary_build.parse.markdown.spans`; installing it again adds a second rule.

What commonmark already does the Pandoc way stays as it is: fences with
backticks and tildes, raw inline HTML, hard line breaks (two trailing spaces
or a backslash).  Deliberate differences from Pandoc are listed, each with
its reason and its test, in ``docs/pandoc-differences.md``.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from glossary_build.parse.markdown import (
    comments,
    deflists,
    escapes,
    fenced_divs,
    figures,
    footnotes,
    grid_tables,
    highlight,
    line_blocks,
    math,
    scripts,
    simple_tables,
    smartquotes,
    spans,
    tables,
    tasklists,
)

LANGUAGES = ("de", "en", "fr")
"""Languages whose quotation marks are known."""


def plugin(md: MarkdownIt, *, language: str) -> None:
    """Enable every Pandoc construct on ``md``; ``language`` picks the quotes ("de", "en" or "fr")."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; expected one of {LANGUAGES}")
    grid_tables.plugin(md)
    simple_tables.plugin(md)
    tables.plugin(md)
    math.plugin(md)
    highlight.plugin(md)
    deflists.plugin(md)
    footnotes.plugin(md)
    fenced_divs.plugin(md)
    spans.plugin(md)
    comments.plugin(md)
    escapes.plugin(md)
    figures.plugin(md)
    scripts.plugin(md)
    tasklists.plugin(md)
    line_blocks.plugin(md)
    smartquotes.plugin(md, language=language)
