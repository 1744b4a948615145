"""Completion of link targets: inside ``](#`` every entry id, with its title and short definition.

Ranked: ids that start with what was typed (case as typed, then any case),
titles that do, then ids and titles that contain the typed letters in order
(fuzzy).  In a see-also section only the entries not listed there yet are
offered, never the entry itself.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from lsprotocol import types

from glossary_build.core.model import Entry, ParsedFile, ReferenceKind
from glossary_build.graph.terms import INDEX_ID, TermGraph
from glossary_build.lsp import source
from glossary_build.lsp.positions import Lines

WHOLE_LIST_UP_TO = 2000
"""A glossary with at most this many ids gets every matching id in each answer."""
MAX_ITEMS = 100
"""In a larger glossary, at most this many of the best items per answer, the list marked
incomplete (the editor asks again as the user types on): serialising thousands of items costs
more than the 50 ms an answer may take."""

TRIGGER_CHARACTERS = ["#", "("]


def labels(entry: Entry) -> Iterator[str]:
    """The names an entry can be linked by: its id (aliases, once entries have them, go here)."""
    yield entry.id


def rank(prefix: str, label: str, title: str) -> int | None:
    """How well ``label`` (with ``title``) matches ``prefix``: 0 best, None not at all."""
    if not prefix:
        return 0
    if label.startswith(prefix):
        return 0
    folded, wanted, heading = label.casefold(), prefix.casefold(), title.casefold()
    if folded.startswith(wanted):
        return 1
    if heading.startswith(wanted):
        return 2
    if _in_order(wanted, folded):
        return 3
    if _in_order(wanted, heading):
        return 4
    return None


def _in_order(wanted: str, text: str) -> bool:
    """Whether the characters of ``wanted`` occur in ``text`` in that order."""
    position = 0
    for char in wanted:
        position = text.find(char, position) + 1
        if position == 0:
            return False
    return True


@dataclass(frozen=True, slots=True)
class Candidate:
    """One label of an entry, prepared for ranking."""

    label: str
    folded: str
    title: str
    """The entry's title, case-folded."""
    entry_id: str | None
    """None for the index."""
    order: int


@dataclass(frozen=True, slots=True)
class Candidates:
    """Every label of every entry (and the index), in A–Z order of the titles, with the folded
    labels and titles also as one text each (a line per candidate) for fast pattern search."""

    items: list[Candidate]
    labels: str
    titles: str
    starts: list[int]
    """Where each candidate's line starts in :attr:`labels`."""
    title_starts: list[int]

    def matching(self, pattern: re.Pattern[str]) -> set[int]:
        """The candidates whose folded label or title ``pattern`` finds something in."""
        found = {bisect.bisect_right(self.starts, m.start()) - 1 for m in pattern.finditer(self.labels)}
        found.update(bisect.bisect_right(self.title_starts, m.start()) - 1 for m in pattern.finditer(self.titles))
        return found


_made: list[tuple[tuple[str, ...], Candidates]] = []
"""The last A–Z order and the candidates made for it."""


def candidates(graph: TermGraph) -> Candidates:
    """The candidates of ``graph``.

    Made again only when the A–Z order changes: an edit that keeps every id and title keeps
    the order itself (the same tuple), and with it these candidates (their entries are looked
    up when an item is made, so a new definition shows at once).
    """
    if _made and _made[0][0] is graph.order:
        return _made[0][1]
    found = [
        Candidate(label, _line(label.casefold()), _line(graph.entries[entry_id].title_text.casefold()), entry_id, order)
        for order, entry_id in enumerate(graph.order)
        for label in labels(graph.entries[entry_id])
    ]
    if INDEX_ID not in graph.entries:
        found.append(Candidate(INDEX_ID, INDEX_ID.casefold(), INDEX_ID.casefold(), None, len(found)))
    made = Candidates(found, "\n".join(c.folded for c in found), "\n".join(c.title for c in found),
                      _starts(c.folded for c in found), _starts(c.title for c in found))
    _made[:] = [(graph.order, made)]
    return made


def _line(text: str) -> str:
    return text.replace("\n", " ")


def _starts(texts: Iterable[str]) -> list[int]:
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    return starts


def complete(
    graph: TermGraph, parsed: ParsedFile | None, lines: Lines, position: types.Position, *, lazy: bool = False
) -> types.CompletionList | None:
    """The completion at ``position`` of a file with ``lines`` (parsed as ``parsed``), or None
    when the cursor is not in a link destination.  With ``lazy`` the definitions are left for
    ``completionItem/resolve`` (:func:`resolve`)."""
    text = lines.line(position.line)
    typed = source.typed_link(text, lines.index(position))
    if typed is None:
        return None
    excluded = _see_also_excluded(graph, parsed, position.line) if parsed is not None else set()
    prefix, wanted = typed.prefix, typed.prefix.casefold()
    made = candidates(graph)
    pattern = re.compile("[^\n]*?".join(map(re.escape, wanted)))
    # The typed letters in order: every prefix match is one too, so only these are ranked.
    pool = made.items if not wanted else [made.items[i] for i in sorted(made.matching(pattern))]
    found: list[tuple[int, int, Candidate]] = []
    for candidate in pool:
        if (candidate.entry_id or candidate.label) in excluded:
            continue
        score = _rank(prefix, wanted, candidate, pattern.search)
        if score is not None:
            found.append((score, candidate.order, candidate))
    found.sort(key=lambda item: (item[0], item[1], item[2].label))
    limit = len(found) if len(graph.entries) <= WHOLE_LIST_UP_TO else MAX_ITEMS
    replace = lines.range(position.line, typed.start, lines.index(position))
    entries = graph.entries
    items = [
        _item(score, number, c.label, entries.get(c.entry_id) if c.entry_id else None, replace, lazy)
        for number, (score, _, c) in enumerate(found[:limit])
    ]
    return types.CompletionList(is_incomplete=len(found) > limit, items=items)


def _rank(prefix: str, wanted: str, candidate: Candidate, fuzzy: Callable[[str], object]) -> int | None:
    """:func:`rank` with the case-folded forms made once and the fuzzy match as a pattern
    (the typed letters in order, anything between them)."""
    if not prefix or candidate.label.startswith(prefix):
        return 0
    if candidate.folded.startswith(wanted):
        return 1
    if candidate.title.startswith(wanted):
        return 2
    if fuzzy(candidate.folded):
        return 3
    if fuzzy(candidate.title):
        return 4
    return None


def _item(score: int, number: int, label: str, entry: Entry | None, replace: types.Range, lazy: bool) -> types.CompletionItem:
    return types.CompletionItem(
        label=label,
        kind=types.CompletionItemKind.Reference,
        detail=entry.title_text if entry is not None else INDEX_ID,
        documentation=None if lazy else documentation(entry),
        filter_text=f"#{label}",
        sort_text=f"{score}{number:06d}",
        text_edit=types.TextEdit(range=replace, new_text=f"#{label}"),
        data={"id": entry.id} if lazy and entry is not None else None,
    )


def documentation(entry: Entry | None) -> types.MarkupContent:
    """An item's documentation: the entry's title and short definition."""
    title = entry.title_text if entry is not None else INDEX_ID
    definition = entry.definition_text if entry is not None else "The glossary's A–Z index (made by glossary-build)."
    return types.MarkupContent(kind=types.MarkupKind.Markdown, value=f"**{title}**\n\n{definition}")


def resolve(graph: TermGraph, item: types.CompletionItem) -> types.CompletionItem:
    """``item`` with its documentation (asked for when the editor shows it)."""
    data = item.data if isinstance(item.data, dict) else {}
    entry = graph.entries.get(str(data.get("id", item.label)))
    item.documentation = documentation(entry)
    return item


def _see_also_excluded(graph: TermGraph, parsed: ParsedFile, line: int) -> set[str]:
    """In a see-also section: the entry itself and the entries its section lists already."""
    entry = source.entry_at(parsed, line)
    if entry is None:
        return set()
    section = source.section_at(entry, line)
    if section is None or not section.is_see_also:
        return set()
    first = section.heading.span.line
    later = [s.heading.span.line for s in entry.sections if s.heading.span.line > first]
    last = min(later) - 1 if later else entry.end_line
    excluded = {entry.id}
    resolved = graph.resolved.get(entry.id, ()) if graph.entries.get(entry.id) is entry else ()
    for index, reference in enumerate(entry.references):
        if reference.kind is ReferenceKind.SEE_ALSO and first < reference.span.line <= last:
            target = resolved[index] if index < len(resolved) else None
            excluded.add(target.entry_id if target is not None and target.entry_id else reference.target)
    return excluded
