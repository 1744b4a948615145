"""Footnotes, numbered and listed per glossary entry.

Accepted grammar (Pandoc's ``footnotes`` and ``inline_notes``)::

    reference  = "[^", label, "]"                  (label without spaces)
    definition = "[^", label, "]:", text, { indented block }
    inline     = "^[", inline text, "]"

Parsing is mdit-py-plugins' ``footnote`` plugin: it numbers notes in order
of first reference over the whole source and moves every note into one
``footnote_block`` at the end of the token stream.  A source file may hold
several entries, and each entry becomes its own page, so the parser must
give every entry its own notes, numbered from 1, with back links that point
into that entry: :func:`split_footnotes` does that.

How the parser uses it::

    tokens = md.parse(text, env)
    starts = [index of each entry heading's heading_open in tokens]
    for entry_id, part in zip(ids, split_footnotes(tokens, starts, ids)):
        html = md.renderer.render(part, md.options, env)

Definitions nobody references are dropped (Pandoc drops them too).  A note
referenced from two entries is listed under both.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from itertools import pairwise

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererProtocol
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.footnote import footnote_plugin


def plugin(md: MarkdownIt) -> None:
    """Add footnotes; anchors use ``meta["doc_id"]`` set by :func:`split_footnotes`."""
    footnote_plugin(md, inline=True)
    md.add_render_rule("footnote_anchor_name", _anchor_name)


def _anchor_name(self: RendererProtocol, tokens: Sequence[Token], idx: int,
                 options: OptionsDict, env: EnvType) -> str:
    meta = tokens[idx].meta
    doc_id = meta.get("doc_id", env.get("docId"))
    number = str(meta["id"] + 1)
    return f"-{doc_id}-{number}" if isinstance(doc_id, str) else number


def _note_bodies(tokens: list[Token]) -> tuple[list[Token], dict[int, list[Token]]]:
    """Split the stream into the text and the tokens inside each ``footnote_open``."""
    try:
        block = next(i for i, t in enumerate(tokens) if t.type == "footnote_block_open")
    except StopIteration:
        return tokens, {}
    notes: dict[int, list[Token]] = {}
    current: list[Token] = []
    for token in tokens[block + 1 :]:
        if token.type == "footnote_open":
            current = notes.setdefault(token.meta["id"], [])
        elif token.type not in ("footnote_close", "footnote_anchor", "footnote_block_close"):
            current.append(token)
    return tokens[:block], notes


def _renumber(part: list[Token], doc_id: str | None) -> tuple[list[Token], list[int], list[int]]:
    """Copy the part, renumbering its references from 0; return old ids and ref counts."""
    order: list[int] = []
    counts: list[int] = []
    result: list[Token] = []
    for token in part:
        if token.type == "inline" and token.children and any(
            c.type == "footnote_ref" for c in token.children
        ):
            token = copy.copy(token)
            token.children = [_local_ref(c, order, counts, doc_id) for c in token.children or []]
        result.append(token)
    return result, order, counts


def _local_ref(token: Token, order: list[int], counts: list[int], doc_id: str | None) -> Token:
    if token.type != "footnote_ref":
        return token
    old = token.meta["id"]
    if old not in order:
        order.append(old)
        counts.append(0)
    local = order.index(old)
    token = copy.copy(token)
    token.meta = {**token.meta, "id": local, "subId": counts[local], "doc_id": doc_id}
    counts[local] += 1
    return token


def split_footnotes(tokens: list[Token], starts: Sequence[int],
                    doc_ids: Sequence[str | None] | None = None) -> list[list[Token]]:
    """Cut a parsed file into entries, each followed by its own footnote block.

    ``starts`` are the token indexes where entries begin (the first part also
    takes anything before ``starts[0]``); ``doc_ids`` (one per part) prefix
    the anchors (``fn-Embedding-1``) so that notes of entries shown on one
    page cannot clash.  Tokens are copied where renumbered; the input stays as it is.
    """
    body, notes = _note_bodies(tokens)
    inner = sorted(min(s, len(body)) for s in starts[1:])
    bounds = [0, *inner, len(body)]
    parts = []
    for number, (lower, upper) in enumerate(pairwise(bounds)):
        doc_id = doc_ids[number] if doc_ids and number < len(doc_ids) else None
        part, order, counts = _renumber(body[lower:upper], doc_id)
        if order:
            part.extend(_block(order, counts, notes, doc_id))
        parts.append(part)
    return parts


def _block(order: list[int], counts: list[int], notes: dict[int, list[Token]],
           doc_id: str | None) -> list[Token]:
    block = [Token("footnote_block_open", "", 1)]
    for local, old in enumerate(order):
        block.append(Token("footnote_open", "", 1, meta={"id": local, "doc_id": doc_id}))
        content = list(notes.get(old, []))
        last = content.pop() if content and content[-1].type == "paragraph_close" else None
        block.extend(content)
        for sub in range(counts[local]):
            meta = {"id": local, "subId": sub, "doc_id": doc_id}
            block.append(Token("footnote_anchor", "", 0, meta=meta))
        if last is not None:
            block.append(last)
        block.append(Token("footnote_close", "", -1))
    block.append(Token("footnote_block_close", "", -1))
    return block
