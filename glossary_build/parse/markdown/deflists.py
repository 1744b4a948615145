"""Definition lists (Pandoc's ``definition_lists``).

Accepted grammar::

    deflist    = { term, [ blank line ], definition, { definition } }
    term       = one line of inline text
    definition = (":" | "~"), spaces, blocks indented to the marker's content

Parsing is mdit-py-plugins' ``deflist`` plugin, with one guard that keeps
Pandoc's reading of table captions: a ``: Caption`` paragraph that is
followed by a table is the table's caption, not the definition of the
paragraph before it (Pandoc reads ``Text`` / blank / ``: Caption`` / blank /
table as a paragraph and a captioned table).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from mdit_py_plugins.deflist import deflist_plugin

from glossary_build.parse.markdown.rulers import BlockRule, wrap_rule
from glossary_build.parse.markdown.simple_tables import DASHES
from glossary_build.parse.markdown.tables import caption_text

TABLE_START = re.compile(r"^(?:\+[-=:]|\|)")


def plugin(md: MarkdownIt) -> None:
    """Add definition lists whose ``:`` lines do not steal table captions."""
    deflist_plugin(md)
    wrap_rule(md.block.ruler, "deflist", _guarded)


def _guarded(original: BlockRule) -> BlockRule:
    """The plugin's ``deflist`` rule, refusing a caption and skipping hopeless starts."""

    def deflist(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        # The rule runs at every block start and, as a paragraph terminator, at every
        # paragraph line; bail out cheaply where the plugin's rule would fail anyway.
        if silent and state.ddIndent < 0:
            return False
        if not silent and not _marker_follows(state, start, end):
            return False
        if _definition_is_caption(state, start, end):
            return False
        return bool(original(state, start, end, silent))

    return deflist


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _marker_follows(state: StateBlock, start: int, end: int) -> bool:
    """True if the line after the term (or after one blank line) starts with ``:`` or ``~``.

    The plugin's rule accepts no definition list without that.
    """
    line = start + 1
    if line < end and state.isEmpty(line):
        line += 1
    return line < end and state.src.startswith((":", "~"), state.bMarks[line] + state.tShift[line], state.eMarks[line])


def _definition_is_caption(state: StateBlock, start: int, end: int) -> bool:
    """True if the ``:`` line after the term at ``start`` is a caption before a table."""
    line = start + 1
    if line < end and state.isEmpty(line):
        line += 1
    if line >= end or caption_text(_line(state, line)) is None:
        return False
    while line < end and not state.isEmpty(line):
        line += 1
    while line < end and state.isEmpty(line):
        line += 1
    return line < end and _table_starts(state, line, end)


def _table_starts(state: StateBlock, line: int, end: int) -> bool:
    """True if a grid, pipe or simple table starts at ``line`` (a cheap look, not a parse)."""
    if TABLE_START.match(_line(state, line)) or DASHES.match(_line(state, line)):
        return True
    return line + 1 < end and DASHES.match(_line(state, line + 1)) is not None
