"""Task lists (Pandoc's ``task_lists``).

Accepted grammar::

    item = ("-" | "*" | "+" | number "."), " ", ("[ ]" | "[x]" | "[X]"), " ", text

Each such item gets a disabled checkbox, wrapped in a ``<label>`` with the
item's text as Pandoc does.  This is mdit-py-plugins' ``tasklists`` plugin.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.tasklists import tasklists_plugin

from glossary_build.parse.markdown.rulers import wrap_rule

BOXES = ("[ ] ", "[x] ", "[X] ")
"""How a task item's text starts; its paragraph's text is a piece of one source line."""


def plugin(md: MarkdownIt) -> None:
    """Add read-only checkboxes to list items that start with ``[ ]`` or ``[x]``."""
    tasklists_plugin(md, enabled=False, label=True)
    wrap_rule(md.core.ruler, "github-tasklists", _only_with_boxes)


def _only_with_boxes(rule: Callable[[StateCore], None]) -> Callable[[StateCore], None]:
    """Run the plugin's rule (a look at every token) only in files with a box in the text."""

    def guarded(state: StateCore) -> None:
        if any(box in state.src for box in BOXES):
            rule(state)

    return guarded
