"""Setext headings and pipe-table separators as Pandoc reads them.

Pandoc's pipe tables need a ``|`` in the separator line; GFM's do not, so
``[Index](#Index) |`` followed by ``----`` would become a one-column table.
:func:`setext_plugin` also refuses such tables, leaving the links as text
and the ``----`` as a rule.

Setext headings: the heading text is a single line.

CommonMark turns a whole multi-line paragraph into a heading when a line of
``=`` or ``-`` follows it.  Pandoc never does: after several lines, ``====``
is more paragraph text, and so is ``----``.  The first we read as Pandoc
does.  The second is, in glossaries, an entry's closing rule written without
a blank line before it (often right under the see-also links), so we read it
as a thematic break, as the author meant, and note the difference in
``env["pandoc_differences"]`` as ``(0-based line, message)``.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

RULE_NOTE = (
    "Pandoc reads this rule as text of the paragraph above (no blank line before it); "
    "it is read here as the end of the entry"
)


def setext_plugin(md: MarkdownIt) -> None:
    """Wrap markdown-it's ``lheading`` rule with Pandoc's single-line restriction."""
    for rule in md.block.ruler.__rules__:
        if rule.name == "lheading":
            original = rule.fn

            def lheading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
                count = len(state.tokens)
                if not original(state, start, end, silent):
                    return False
                heading = state.tokens[count] if len(state.tokens) > count else None
                if heading is None or heading.map is None or heading.map[1] - heading.map[0] <= 2:
                    return True
                underline = heading.map[1] - 1
                del state.tokens[count:]
                state.line = start
                if heading.markup == "-":
                    state.env.setdefault("pandoc_differences", []).append((underline, RULE_NOTE))
                return False

            rule.fn = lheading
        elif rule.name == "table":
            rule.fn = _separator_needs_pipe(rule.fn)
    md.block.ruler.__cache__ = None


BlockRule = Callable[[StateBlock, int, int, bool], bool]


def _separator_needs_pipe(table: BlockRule) -> BlockRule:
    def guarded(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        separator = start + 1
        if separator < end:
            line = state.src[state.bMarks[separator] + state.tShift[separator] : state.eMarks[separator]]
            if "|" not in line:
                return False
        result: bool = table(state, start, end, silent)
        return result

    return guarded
