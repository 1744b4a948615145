"""Rename an id: the ``{#id}`` of its heading and the target of every link to it, in every file.

Link texts, other attributes and the rest of each line stay as written.  An
id that no heading defines (a term not written yet) can be renamed too: then
only its links change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lsprotocol import types

from glossary_build.core.model import ParsedFile
from glossary_build.edit.attributes import read_attribute_block
from glossary_build.edit.rename import formerly_edit
from glossary_build.edit.source import EditError
from glossary_build.graph.terms import INDEX_ID, TargetKind, TermGraph
from glossary_build.lsp import source
from glossary_build.lsp.convert import Converter
from glossary_build.lsp.navigation import heading_at, link_at, links_to
from glossary_build.lsp.source import Place

VALID_ID = re.compile(r"[^\W\d_][\w\-:.]*")
"""Pandoc's rule for an id in an attribute block: a letter (any script), then letters, digits, ``-_:.``."""


class RenameError(ValueError):
    """The rename cannot be done; the message says why."""


@dataclass(frozen=True, slots=True)
class Renamed:
    """What a rename at a position would change."""

    ident: str
    """The id as written."""
    place: Place
    """Where it is written at the position."""


def renamed_at(graph: TermGraph, parsed: ParsedFile, lines: list[str] | tuple[str, ...], position: types.Position, column: int) -> Renamed | None:
    """The id at ``position``: an explicit heading id or a link's target."""
    heading = heading_at(parsed, position.line)
    if heading is not None:
        place = source.heading_id(lines, position.line + 1)
        if place is not None and place.contains(position.line, column):
            return Renamed(heading[1], place)
    link = link_at(graph, parsed, position, column)
    if link is not None and not link.reference.local:
        place = source.link_target(lines, link.reference)
        if place is not None and link.reference.target != INDEX_ID:
            return Renamed(link.reference.target, place)
    return None


def rename_edits(graph: TermGraph, old: str, new: str, convert: Converter) -> dict[str, list[types.TextEdit]]:
    """The edits, by path, that rename ``old`` to ``new``."""
    if not VALID_ID.fullmatch(new):
        raise RenameError(f"'{new}' is not a valid id: it starts with a letter, then letters, digits, '-', '_', ':', '.'")
    if new != old and (new in graph.definitions or new == INDEX_ID):
        raise RenameError(f"id '{new}' is already defined")
    edits: dict[str, list[types.TextEdit]] = {}
    seen: set[tuple[str, Place]] = set()

    def change(path: str, place: Place | None, text: str) -> None:
        if place is not None and (path, place) not in seen:
            seen.add((path, place))
            edits.setdefault(path, []).append(types.TextEdit(range=convert.place(path, place), new_text=text))

    defined = graph.definitions.get(old)
    if defined is not None:
        if not defined.heading.explicit_id:
            raise RenameError(f"'{old}' is made from the heading's title: give the heading an id ({{#{new}}}) instead")
        heading = defined.heading.span
        change(heading.path, source.heading_id(convert.state.lines(heading.path), heading.line), new)
        for former in formerly_edits(graph, old, new, convert.state.lines(heading.path)):
            change(*former)
    for link in links_to(graph, old):
        if link.reference.local:
            continue  # [Kernkonzept]: found by its title, nothing to change
        path = link.reference.span.path
        lines = convert.state.lines(path)
        place = source.link_target(lines, link.reference)
        if place is not None:
            change(path, place, new)
        else:  # [text][label]: the target is in the definition [label]: #old
            for defined_at in source.link_definitions(lines, old):
                change(path, defined_at, new)
    return edits


def formerly_edits(
    graph: TermGraph, old: str, new: str, lines: Sequence[str]
) -> list[tuple[str, Place, str]]:
    """The edit that records ``old`` in the renamed entry's ``formerly``, so that links from
    elsewhere (other sites, bookmarks) still find it: as ``glossary-build rename`` writes it.
    None for a section's id, or a heading whose attribute block cannot be edited safely."""
    defined = graph.definitions.get(old)
    if defined is None or defined.target.kind is not TargetKind.ENTRY:
        return []
    span = defined.heading.span
    try:
        block = read_attribute_block(span.line, lines[span.line - 1])
    except (EditError, IndexError):
        return []
    edit, _ = formerly_edit(block, old, new)
    return [(span.path, Place(edit.line - 1, edit.column - 1, edit.end_column - 1), edit.new)]


def workspace_edit(edits: dict[str, list[types.TextEdit]], convert: Converter, versions: dict[str, int], document_changes: bool) -> types.WorkspaceEdit:
    """``edits`` as a workspace edit: with document versions where the client supports them."""
    if not document_changes:
        return types.WorkspaceEdit(changes={convert.uri(path): found for path, found in sorted(edits.items())})
    changes: list[types.TextDocumentEdit | types.CreateFile | types.RenameFile | types.DeleteFile] = [
        types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=convert.uri(path), version=versions.get(path)),
            edits=list(found),
        )
        for path, found in sorted(edits.items())
    ]
    return types.WorkspaceEdit(document_changes=changes)
