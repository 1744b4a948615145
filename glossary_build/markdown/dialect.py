"""The Pandoc dialect of Markdown that glossary authors write.

:func:`use_pandoc_dialect` turns a ``MarkdownIt("commonmark", {"html": True})``
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
``figures``         an image alone in a paragraph becomes a figure
``scripts``         ``x^2^`` and ``H~2~O``
``smartquotes``     quotes of the language, dashes and ellipses
==================  =====================================================

What commonmark already does the Pandoc way stays as it is: fences with
backticks and tildes, raw inline HTML, hard line breaks (two trailing spaces
or a backslash).  Deliberate differences from Pandoc are listed, each with
its reason and its test, in ``docs/pandoc-differences.md``.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from . import (
    comments,
    deflists,
    fenced_divs,
    figures,
    footnotes,
    grid_tables,
    highlight,
    math,
    scripts,
    simple_tables,
    smartquotes,
    spans,
    tables,
)

LANGUAGES = ("de", "en")
"""Languages whose quotation marks are known."""


def use_pandoc_dialect(md: MarkdownIt, *, language: str) -> None:
    """Enable every Pandoc construct on ``md``; ``language`` picks the quotes ("de" or "en")."""
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
    figures.plugin(md)
    scripts.plugin(md)
    smartquotes.plugin(md, language=language)
