"""Implicit header references, within the entry: ``[Kernkonzept]`` links to that section.

Pandoc's ``implicit_header_references`` makes every heading's text a link
label: ``[Kernkonzept]``, ``[Kernkonzept][]`` and ``[siehe dort][Kernkonzept]``
link to the heading.  In a book of glossary entries every entry has a
"Kernkonzept", and Pandoc links to the first one in the book; the author
meant the one in the same entry.  So the labels are made per entry: while
the inline content of an entry is parsed, its own headings' texts are
reference labels (explicit reference definitions ``[x]: url`` still win).

The links carry :data:`LOCAL_TITLE` as their title; the parser removes it
and records the reference as entry-local, and the graph resolves it to the
section of that entry (deliberate difference from Pandoc).
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from glossary_build.parse.markdown.attributes import auto_identifier

LOCAL_TITLE = "\x01local"
"""Title given to implicit header links, so the parser can tell them apart."""


def plugin(md: MarkdownIt) -> None:
    """Replace the core ``inline`` rule with one that knows the entry's headings."""
    md.core.ruler.at("inline", _inline_per_entry)


def _inline_per_entry(state: StateCore) -> None:
    tokens = state.tokens
    explicit: dict[str, Any] = dict(state.env.get("references", {}))
    labels_by_start = _entry_labels(tokens)
    for index, token in enumerate(tokens):
        if index in labels_by_start:
            state.env["references"] = {**labels_by_start[index], **explicit}
        if token.type == "inline":
            if token.children is None:
                token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)
    state.env["references"] = explicit


def _entry_labels(tokens: list[Token]) -> dict[int, dict[str, Any]]:
    """For each entry heading's index, the labels of the headings in its entry."""
    labels: dict[int, dict[str, Any]] = {}
    current: dict[str, Any] | None = None
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.level != 0:
            continue
        attributes = token.meta.get("attributes")
        text = tokens[index + 1].content
        if attributes is not None and "term" in attributes.classes:
            current = labels.setdefault(index, {})
        if current is None:
            continue
        ident = attributes.id if attributes is not None and attributes.id else auto_identifier(text)
        label = normalizeReference(text)
        if label and ident and label not in current:
            current[label] = {"href": f"#{ident}", "title": LOCAL_TITLE}
    return labels
