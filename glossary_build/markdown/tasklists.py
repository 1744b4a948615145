"""Task lists (Pandoc's ``task_lists``).

Accepted grammar::

    item = ("-" | "*" | "+" | number "."), " ", ("[ ]" | "[x]" | "[X]"), " ", text

Each such item gets a disabled checkbox, wrapped in a ``<label>`` with the
item's text as Pandoc does.  This is mdit-py-plugins' ``tasklists`` plugin.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin


def plugin(md: MarkdownIt) -> None:
    """Add read-only checkboxes to list items that start with ``[ ]`` or ``[x]``."""
    tasklists_plugin(md, enabled=False, label=True)
