"""Bracketed spans and attributes on links, images and code spans.

Accepted grammar (Pandoc's ``bracketed_spans``, ``link_attributes`` and
``inline_code_attributes``; the braces must touch the element)::

    span       = "[", inline text, "]", attributes
    link       = "[", text, "](", target, ")", attributes
    image      = "![", alt, "](", source, ")", attributes
    code       = "`", code, "`", attributes
    attributes = "{", { "#" id | "." class | key "=" value }, "}"

- ``[text]{.class}`` renders as ``<span class="class">text</span>``.
- ``[t](#x){.c}`` puts ``class="c"`` on the ``<a>``.
- Attributes are emitted as written; filtering them is the site's business.

This is mdit-py-plugins' ``attrs`` plugin with spans switched on.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_plugin


def plugin(md: MarkdownIt) -> None:
    """Add attribute blocks after spans, links, images and code spans."""
    attrs_plugin(md, spans=True, after=("image", "code_inline", "link_close", "span_close"))
