"""``rename OLD NEW``: give a term a new id without breaking a link.

The entry heading's ``{#OLD ...}`` becomes ``{#NEW ... formerly="OLD"}`` (so
old links elsewhere, old page addresses and fragments still lead to the
term), every link to ``#OLD`` in every entry becomes ``#NEW`` with its text,
title and layout kept, and so does every ``replaced-by=OLD``.  Each file that
changes is parsed again from the bytes that will be edited, and the edits are
made at the positions that parse gives.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from glossary_build.core.model import Entry, ParsedFile
from glossary_build.edit.attributes import AttributeBlock, is_valid_id, quoted, read_attribute_block
from glossary_build.edit.links import Definitions, link_destination, reference_definitions
from glossary_build.edit.plan import Plan, PlanBuilder
from glossary_build.edit.source import SourceFile, TextEdit, read_source_file
from glossary_build.graph.suggest import suggester_for
from glossary_build.graph.terms import INDEX_ID, TargetKind, TermGraph
from glossary_build.parse.concept import labels
from glossary_build.parse.entries import parse_source


class RenameError(Exception):
    """The rename is refused: the message says why."""


@dataclass(frozen=True, slots=True)
class Renamed:
    """What a rename plan holds, counted for its summary."""

    plan: Plan
    """The changes."""
    links: int
    """Links (and reference definitions) pointed to the new id."""

    def summary(self, old: str, new: str, *, written: bool) -> str:
        """One line: what was (or would be) changed."""
        files = len(self.plan.changes)
        verb = "renamed" if written else "would rename"
        return (f"{verb} '{old}' to '{new}': the heading and {self.links} link{'s' * (self.links != 1)} "
                f"in {files} file{'s' * (files != 1)}")


def plan_rename(
    files: Sequence[ParsedFile], graph: TermGraph, root: Path, md: MarkdownIt, old: str, new: str
) -> Renamed:
    """The changes that rename entry ``old`` to ``new``; :class:`RenameError` when refused.

    ``files`` and ``graph`` are the glossary as loaded; ``md`` is a parser of the
    glossary's settings, for the files that change (it is briefly changed while
    reference definitions are read, so it should be the caller's own).
    """
    refuse_rename(graph, old, new)
    builder = PlanBuilder()
    links = 0
    heading = graph.entries[old].heading.span
    for path in _files_to_edit(files, graph, old):
        source = read_source_file(root, path)
        parsed = parse_source(path, source.text, md)
        definitions = functools.cache(functools.partial(reference_definitions, source, md))
        for entry in parsed.entries:
            if entry.id == old and path == heading.path and entry.heading.span.line == heading.line:
                _rename_heading(source, entry, builder, old, new)
            if entry.concept.replaced_by == old:
                _rename_successor(source, entry, builder, old, new)
            links += _rename_links(source, entry, builder, definitions, old, new)
    if not any(note.path == heading.path and note.line == heading.line for note in builder.notes):
        raise RenameError(f"{heading}: the heading of '{old}' changed since it was read; run again")
    return Renamed(builder.build(), links)


def refuse_rename(graph: TermGraph, old: str, new: str) -> None:
    """:class:`RenameError` when ``old`` is no entry id or ``new`` cannot be its id."""
    if old not in graph.entries:
        raise RenameError(_not_an_entry(graph, old))
    copies = [later.heading.span for later, first in graph.duplicates if first.id == old or later.id == old]
    if copies:
        places = ", ".join(str(span) for span in [graph.entries[old].heading.span, *copies])
        raise RenameError(f"'{old}' is defined more than once ({places}); give each its own id first")
    if new == old:
        raise RenameError(f"'{old}' already has that id")
    claimed = [entry_id for entry_id, entry in graph.entries.items() if old in entry.concept.formerly]
    if claimed:
        raise RenameError(f"'{old}' is also written as an old id of '{claimed[0]}'; as an old id of two terms "
                          f"it would lead to one of them: remove it from that formerly first")
    if not is_valid_id(new):
        raise RenameError(f"'{new}' is not a valid id: an id starts with a letter and has only letters, "
                          "digits and - _ : . (Pandoc's rule)")
    if new == INDEX_ID:
        raise RenameError(f"'{INDEX_ID}' is the id of the generated index")
    for problem in _clashes(graph, old, new):
        raise RenameError(problem)


def _not_an_entry(graph: TermGraph, old: str) -> str:
    if old in graph.former:
        return f"'{old}' is an old id of '{graph.former[old]}', not an entry's id"
    definition = graph.definitions.get(old)
    if definition is not None and definition.target.kind is TargetKind.SECTION:
        return f"'{old}' is the id of a section of '{definition.target.entry_id}', not of an entry"
    nearest = graph.derived(suggester_for).nearest(old)
    hint = f" (did you mean '{nearest[0]}'?)" if nearest is not None and nearest[0] in graph.entries else ""
    return f"no entry has the id '{old}'{hint}"


def _clashes(graph: TermGraph, old: str, new: str) -> Iterator[str]:
    """Why ``new`` would clash with the glossary's ids, old ids or labels."""
    definition = graph.definitions.get(new)
    if definition is not None:
        owner = definition.target.entry_id
        what = "an entry" if definition.target.kind is TargetKind.ENTRY else f"a section of '{owner}'"
        yield f"'{new}' is already the id of {what} ({definition.heading.span})"
    for entry_id, entry in graph.entries.items():
        if entry_id == old:
            continue
        if entry_id.casefold() == new.casefold():
            yield f"'{new}' differs from the id '{entry_id}' only in case; their pages would clash"
        if new in entry.concept.formerly:
            yield f"'{new}' is an old id of '{entry_id}'; links to it lead there"
        if new.casefold() in {alias.casefold() for alias in entry.concept.aliases}:
            yield f"'{new}' is an alias of '{entry_id}'"


def _files_to_edit(files: Sequence[ParsedFile], graph: TermGraph, old: str) -> list[str]:
    """The files with the heading, a link to ``old`` or a ``replaced-by=old``, in path order."""
    paths = {graph.entries[old].path}
    for parsed in files:
        for entry in parsed.entries:
            if entry.concept.replaced_by == old or any(ref.target == old for ref in entry.references):
                paths.add(parsed.path)
    return sorted(paths)


def _rename_heading(source: SourceFile, entry: Entry, builder: PlanBuilder, old: str, new: str) -> None:
    line = entry.heading.span.line
    block = read_attribute_block(line, source.line(line))
    ident = block.last("#")
    if ident is None and not entry.heading.explicit_id:  # the id was made from the title
        builder.add(source, block.prepend(f"#{new}"), f"heading: {{#{new}}} added (the id was '{old}')")
    elif ident is not None and ident.name == old:
        builder.add(source, block.replace_name(ident, new), f"heading: {{#{old}}} -> {{#{new}}}")
    else:
        return
    edit, note = formerly_edit(block, old, new)
    builder.add(source, edit, note)


def formerly_edit(block: AttributeBlock, old: str, new: str) -> tuple[TextEdit, str]:
    """The edit that records ``old`` in the block's ``formerly`` (made, or appended to), and
    what it did; renaming back to an old id takes that one out."""
    formerly = block.last("=", "formerly")
    if formerly is None:
        return block.append(f"formerly={quoted(old)}"), f"heading: formerly={quoted(old)} added"
    kept = [item for item in labels(formerly.value) if item != new]  # renaming back: no longer an old id
    written = formerly.value.rstrip() if len(kept) == len(labels(formerly.value)) else "; ".join(kept)
    value = quoted(f"{written}; {old}" if written else old)
    return block.replace_value(formerly, value), f"heading: formerly={value}"


def _rename_successor(source: SourceFile, entry: Entry, builder: PlanBuilder, old: str, new: str) -> None:
    line = entry.heading.span.line
    block = read_attribute_block(line, source.line(line))
    item = block.last("=", "replaced-by")
    if item is None or item.value.strip() != old:
        return
    written = block.text[item.value_start : item.value_end]
    value = quoted(new) if written[:1] in "\"'" else new
    builder.add(source, block.replace_value(item, value), f"replaced-by={old} -> replaced-by={new}")


def _rename_links(
    source: SourceFile, entry: Entry, builder: PlanBuilder, definitions: Callable[[], Definitions],
    old: str, new: str,
) -> int:
    changed = 0
    for reference in entry.references:
        if reference.target != old or reference.local:
            continue
        destination = link_destination(source, reference, definitions)
        if destination is None:
            builder.skip(source.path, reference.span.line,
                         f"link [{reference.text}](#{old}) left as it is: its destination was not found")
            continue
        before = len(builder.notes)
        builder.add(source, destination.retarget(new), f"[{reference.text}](#{old}) -> #{new}")
        changed += len(builder.notes) - before
    return changed

