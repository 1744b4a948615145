"""Hover, go to definition, find references and symbols: reading the term graph at a position."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lsprotocol import types

from glossary_build.core.diagnostics import Span
from glossary_build.core.model import Entry, ParsedFile, Reference
from glossary_build.graph.terms import Target, TargetKind, TermGraph, resolve
from glossary_build.lsp import source
from glossary_build.lsp.convert import Converter

MAX_SYMBOLS = 500
"""At most this many workspace symbols per query."""
MAX_NAMED = 10
"""A hover on a missing term names at most this many entries that link to it."""


@dataclass(frozen=True, slots=True)
class Link:
    """A link as written in an entry, with where it leads."""

    entry: Entry
    reference: Reference
    target: Target | None


def reference_index(graph: TermGraph) -> dict[str, list[Link]]:
    """Every link of the glossary by the target as written (copies of duplicate ids included)."""
    index: dict[str, list[Link]] = {}
    for entry, reference, target in graph.references():
        index.setdefault(reference.target, []).append(Link(entry, reference, target))
    return index


def links_to(graph: TermGraph, target: str) -> list[Link]:
    """The links whose target is written ``target``."""
    return graph.derived(reference_index).get(target, [])


def link_at(graph: TermGraph, parsed: ParsedFile, position: types.Position, column: int) -> Link | None:
    """The link at ``position`` (``column``: its code-point index), with its resolved target."""
    found = source.reference_at(parsed, position.line, column)
    if found is None:
        return None
    entry, number = found
    reference = entry.references[number]
    if graph.entries.get(entry.id) is entry and number < len(graph.resolved.get(entry.id, ())):
        return Link(entry, reference, graph.resolved[entry.id][number])
    return Link(entry, reference, resolve(reference.target, graph.definitions))


def heading_at(parsed: ParsedFile, line: int) -> tuple[Entry, str] | None:
    """The entry whose heading (or one of whose section headings) is on 0-based ``line``, with
    the id that heading defines as written."""
    for entry in parsed.entries:
        if entry.heading.span.line - 1 == line:
            return entry, entry.id
        for section in entry.sections:
            if section.heading.span.line - 1 == line:
                return entry, section.heading.id
    return None


# -- hover ------------------------------------------------------------------------------


def hover(graph: TermGraph, link: Link, convert: Converter) -> types.Hover:
    """The target's title and short definition, or who links to a term not written yet."""
    target = link.target
    if target is None:
        text = _missing(graph, link.reference.target)
    elif target.kind is TargetKind.INDEX:
        text = "**Index**\n\nThe glossary's A–Z index, made by glossary-build."
    else:
        assert target.entry_id is not None
        entry = graph.entries[target.entry_id]
        text = _entry_text(entry)
        if target.kind is TargetKind.SECTION and target.anchor is not None:
            heading = graph.definitions[target.anchor].heading
            text = f"**{heading.title_text}** (a section of {entry.title_text})\n\n---\n\n{text}"
    span = link.reference.span
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=convert.range(span)
    )


def hover_heading(graph: TermGraph, entry: Entry) -> types.Hover:
    """On an entry heading: who links to the entry."""
    sources = graph.backlinks.get(entry.id, ())
    named = ", ".join(f"`{source_id}`" for source_id in sources[:MAX_NAMED])
    more = f" and {len(sources) - MAX_NAMED} more" if len(sources) > MAX_NAMED else ""
    linked = f"Linked from {len(sources)} entries: {named}{more}" if sources else "No other entry links here."
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=f"{_entry_text(entry)}\n\n{linked}"))


def _entry_text(entry: Entry) -> str:
    definition = entry.definition_text or "*(no short definition)*"
    return f"**{entry.title_text}** `#{entry.id}`\n\n{definition}"


def _missing(graph: TermGraph, target: str) -> str:
    sources = sorted({link.entry.id for link in links_to(graph, target)})
    named = ", ".join(f"`{source_id}`" for source_id in sources[:MAX_NAMED])
    more = f" and {len(sources) - MAX_NAMED} more" if len(sources) > MAX_NAMED else ""
    return f"**#{target}**: not written yet\n\nLinked from {named}{more}"


# -- definition and references -------------------------------------------------------------


def definition(graph: TermGraph, link: Link, convert: Converter) -> types.Location | None:
    """Where the link's target is defined (its heading)."""
    target = link.target
    if target is None or target.kind is TargetKind.INDEX:
        return None
    ident = target.anchor if target.kind is TargetKind.SECTION and target.anchor else target.entry_id
    assert ident is not None
    return convert.location(_heading_span(graph.definitions[ident].heading.span, convert))


def _heading_span(span: Span, convert: Converter) -> Span:
    """A heading's span, to the end of its line."""
    line = convert.state.lines(span.path)[span.line - 1] if span.line <= len(convert.state.lines(span.path)) else ""
    return Span(span.path, span.line, span.column, span.line, len(line.rstrip()) + 1)


def references(graph: TermGraph, ident: str, declaration: bool, convert: Converter) -> list[types.Location]:
    """Every link to the entry (or section) ``ident``, across files; with ``declaration``, its
    heading first.  An id nobody defines gives the links written to it."""
    found: list[types.Location] = []
    defined = graph.definitions.get(ident)
    if declaration and defined is not None:
        found.append(convert.location(_heading_span(defined.heading.span, convert)))
    links: list[Link] = []
    if defined is not None and defined.target.kind is TargetKind.ENTRY:
        # Links to its sections lead to it too.
        links = [link for written in graph.derived(reference_index).values() for link in written
                 if link.target is not None and link.target.entry_id == ident]
    elif defined is not None:
        links = [link for link in links_to(graph, ident) if link.target == defined.target]
    else:
        links = links_to(graph, ident)
    found.extend(convert.location(link.reference.span) for link in _in_order(links))
    return found


def _in_order(links: list[Link]) -> list[Link]:
    return sorted(links, key=lambda link: (link.reference.span.path, link.reference.span.line, link.reference.span.column))


# -- symbols --------------------------------------------------------------------------------


def document_symbols(parsed: ParsedFile, convert: Converter) -> list[types.DocumentSymbol]:
    """The file's entries with their sections."""
    lines = convert.lines(parsed.path)
    symbols = []
    for entry in parsed.entries:
        first, last = entry.heading.span.line, max(entry.end_line, entry.heading.span.line)
        starts = [section.heading.span.line for section in entry.sections] + [last + 1]
        children = [
            types.DocumentSymbol(
                name=section.heading.title_text or section.heading.id,
                detail=f"#{section.heading.id}",
                kind=types.SymbolKind.String,
                range=types.Range(start=lines.position(start, 1), end=lines.line_end(max(end - 1, start))),
                selection_range=types.Range(start=lines.position(start, 1), end=lines.line_end(start)),
            )
            for section, start, end in zip(entry.sections, starts, starts[1:])
        ]
        symbols.append(types.DocumentSymbol(
            name=entry.title_text or entry.id,
            detail=f"#{entry.id}",
            kind=types.SymbolKind.Class,
            range=types.Range(start=lines.position(first, 1), end=lines.line_end(last)),
            selection_range=types.Range(start=lines.position(first, 1), end=lines.line_end(first)),
            children=children,
        ))
    return symbols


def workspace_symbols(graph: TermGraph, query: str, convert: Converter) -> list[types.SymbolInformation]:
    """Entries whose id or title contains the query's letters in order (those that start with it first)."""
    wanted = query.casefold()
    found = []
    for entry in _entries_matching(graph, wanted):
        found.append(types.SymbolInformation(
            name=entry.title_text or entry.id,
            kind=types.SymbolKind.Class,
            location=convert.location(_heading_span(entry.heading.span, convert)),
            container_name=f"#{entry.id}",
        ))
        if len(found) >= MAX_SYMBOLS:
            break
    return found


def _entries_matching(graph: TermGraph, wanted: str) -> Iterator[Entry]:
    from glossary_build.lsp.completion import rank

    scored = []
    for entry_id in graph.order:
        entry = graph.entries[entry_id]
        score = rank(wanted, entry.id.casefold(), entry.title_text)
        if score is not None:
            scored.append((score, entry))
    scored.sort(key=lambda item: item[0])
    return (entry for _, entry in scored)
