"""Implicit figures: an image alone in a paragraph becomes a figure.

Accepted grammar (Pandoc's ``implicit_figures``)::

    figure = "![", caption, "](", source, [ title ], ")", [ attributes ]
             (the only thing in its paragraph; caption not empty)

- Renders ``<figure><img ...><figcaption>caption</figcaption></figure>``;
  the caption is the image description with its markup.
- An ``#id`` of the image moves to the ``<figure>``, classes and other
  attributes stay on the ``<img>``, as in Pandoc.
- An image without description, or with anything else in the paragraph
  (text, a line break), stays an inline image.  An image alone in a tight
  list item is a figure too (Pandoc reads it so).

Tokens: ``figure_open``/``figure_close`` (tag ``figure``, ``.map`` of the
paragraph) around the image's ``inline`` token, then
``figcaption_open``, an ``inline`` holding the description, ``figcaption_close``.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token


def plugin(md: MarkdownIt) -> None:
    """Add the core rule ``implicit_figure`` after inline parsing."""
    md.core.ruler.after("inline", "implicit_figure", _figures)


def _lone_image(tokens: list[Token], index: int) -> Token | None:
    """The image if ``tokens[index]`` opens a paragraph holding only an image with a caption."""
    if index + 2 >= len(tokens) or tokens[index].type != "paragraph_open":
        return None
    children = tokens[index + 1].children or []
    if len(children) != 1 or children[0].type != "image" or not children[0].children:
        return None
    return children[0]


def _figures(state: StateCore) -> None:
    if "![" not in state.src:
        return  # no image in the file: skip the walk over every token
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        image = _lone_image(tokens, index)
        if image is None:
            index += 1
            continue
        paragraph, inline = tokens[index], tokens[index + 1]
        opening = Token("figure_open", "figure", 1, map=paragraph.map, block=True)
        identifier = image.attrs.pop("id", None)
        if identifier is not None:
            opening.attrSet("id", str(identifier))
        caption = Token("inline", "", 0, map=paragraph.map, content=image.content,
                        children=list(image.children or []))
        tokens[index : index + 3] = [
            opening, inline,
            Token("figcaption_open", "figcaption", 1), caption,
            Token("figcaption_close", "figcaption", -1),
            Token("figure_close", "figure", -1, block=True),
        ]
        index += 6
