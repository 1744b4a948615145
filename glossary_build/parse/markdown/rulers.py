"""Wrap an installed markdown-it rule, with the public ``Ruler`` methods only.

Several plugins here keep a markdown-it or mdit-py-plugins rule and put a
guard around it.  Some of those rules are closures inside their plugin
(``deflist``, ``github-tasklists``), so they cannot be imported; the ruler
is asked for them instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from markdown_it.ruler import Ruler
from markdown_it.rules_block import StateBlock

Rule = TypeVar("Rule")

BlockRule = Callable[[StateBlock, int, int, bool], bool]
"""A block rule: ``(state, start_line, end_line, silent) -> matched``."""

TERMINATOR_CHAINS = ("paragraph", "reference", "blockquote", "list", "footnote_def")
"""The ``alt`` chains that markdown-it's and mdit-py-plugins' block rules join.

A rule in a chain may end a block of that kind (a ``paragraph`` ends at a
``table``); a wrapped rule must stay in the same chains.
"""


def active_rule(ruler: Ruler[Rule], name: str) -> Rule:
    """The function of the enabled rule ``name``.

    ``get_active_rules()`` names the enabled rules in the order in which
    ``getRules("")`` gives their functions.
    """
    names = ruler.get_active_rules()
    if name not in names:
        raise KeyError(f"no enabled markdown-it rule {name!r}")
    return ruler.getRules("")[names.index(name)]


def wrap_rule(ruler: Ruler[Rule], name: str, wrap: Callable[[Rule], Rule]) -> None:
    """Replace the rule ``name`` by ``wrap(rule)``, keeping its place and its ``alt`` chains."""
    rule = active_rule(ruler, name)
    alt = [chain for chain in TERMINATOR_CHAINS if rule in ruler.getRules(chain)]
    ruler.at(name, wrap(rule), {"alt": alt})
