"""Superscript and subscript (Pandoc's ``superscript`` and ``subscript``).

Accepted grammar::

    superscript = "^", text without unescaped spaces, "^"     (x^2^)
    subscript   = "~", text without unescaped spaces, "~"     (H~2~O)

``~~text~~`` stays strikethrough and ``^[note]`` an inline footnote.  Raw
``<sup>``/``<sub>`` HTML works as well.  These are mdit-py-plugins' ``sub``
and ``superscript`` plugins.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin


def plugin(md: MarkdownIt) -> None:
    """Add ``^superscript^`` and ``~subscript~``."""
    superscript_plugin(md)
    sub_plugin(md)
