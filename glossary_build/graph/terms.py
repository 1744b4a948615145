"""The term graph: all entries of a glossary, with every reference looked up.

Built in passes over the parsed files, each deriving one thing:

1. ids: entry ids and section anchors, de-duplicated the way Pandoc does
   for the whole book (files in path order, ``kernkonzept``,
   ``kernkonzept-1``, ...); the first definition of an id wins, later ones
   are recorded as duplicates;
2. resolution: every reference to an entry, a section anchor, the index
   (``#Index``) or nothing;
3. backlinks and the A–Z order.

Finding problems in the graph is the job of :mod:`glossary_build.checks`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar, cast

from glossary_build.core.collation import sort_key
from glossary_build.core.model import Entry, Heading, ParsedFile, Reference

INDEX_ID = "Index"

T = TypeVar("T")


class TargetKind(enum.Enum):
    """What a reference points to."""

    ENTRY = "entry"
    SECTION = "section"
    INDEX = "index"


@dataclass(frozen=True, slots=True)
class Target:
    """A place a reference can lead to."""

    kind: TargetKind
    """Entry, section of an entry, or the index."""
    entry_id: str | None = None
    """The entry (for entries and sections)."""
    anchor: str | None = None
    """The section's anchor (for sections)."""


INDEX_TARGET = Target(TargetKind.INDEX)


@dataclass(frozen=True, slots=True)
class Definition:
    """Where an id is defined: the heading that carries it."""

    id: str
    """The id (a section's final, de-duplicated anchor)."""
    heading: Heading
    """The heading."""
    target: Target
    """Where links to it lead."""


@dataclass(frozen=True, slots=True)
class Copy:
    """A later entry with an id an earlier entry (or its section) already has: shown on that
    entry's page."""

    entry: Entry
    """The later entry."""
    anchors: tuple[str, ...]
    """Its sections' anchors (de-duplicated like every other heading)."""
    resolved: tuple[Target | None, ...]
    """The target of each of its references."""


@dataclass(frozen=True, slots=True)
class TermGraph:
    """The glossary as a graph of entries; see the module docstring for how it is built."""

    entries: Mapping[str, Entry]
    """Entries by id; for a duplicate id, the first in path order."""
    order: tuple[str, ...]
    """Entry ids in A–Z order of their titles."""
    anchors: Mapping[str, tuple[str, ...]]
    """For each entry id, the final anchors of its sections, in order."""
    definitions: Mapping[str, Definition]
    """Every id that a reference can target (entries and section anchors)."""
    duplicates: tuple[tuple[Definition, Definition], ...]
    """(later definition, first definition) pairs of ids defined twice."""
    resolved: Mapping[str, tuple[Target | None, ...]]
    """For each entry id, the target of each of its references (None: broken)."""
    backlinks: Mapping[str, tuple[str, ...]]
    """For each entry id, the ids of entries that refer to it, in A–Z order."""
    former: Mapping[str, str] = field(default_factory=dict)
    """Old ids (``formerly``) that no live id shadows, each with the id of its entry now."""
    copies: Mapping[str, tuple[Copy, ...]] = field(default_factory=dict)
    """For each entry id, the later entries shown on its page, so no text is lost: those
    with the same id, and those whose id is one of its sections' anchors."""
    elsewhere: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """In a multilingual glossary: each entry id that this language lacks (no entry, section
    or old id here) but other languages have, with those languages in configured order.  A
    reference to one stays unresolved here (None); it leads to the term in another language."""
    _derived: dict[Callable[[TermGraph], object], object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """What :meth:`derived` computed, by function."""

    def derived(self, compute: Callable[[TermGraph], T]) -> T:
        """``compute(self)``, computed once per graph and shared by its callers.

        A graph does not change once built, so whatever is derived from it
        alone (the see-also sections, the suggester) stays valid as long as
        the graph lives, and no longer.
        """
        try:
            return cast(T, self._derived[compute])
        except KeyError:
            value = compute(self)
            self._derived[compute] = value
            return value

    def remember(self, compute: Callable[[TermGraph], T], value: T) -> None:
        """Make ``value`` what :meth:`derived` gives for ``compute``: one that an earlier graph
        derived and that the caller knows to be valid for this one too."""
        self._derived[compute] = value

    def title(self, entry_id: str) -> str:
        """The plain title of an entry."""
        return self.entries[entry_id].title_text

    def references(self) -> Iterable[tuple[Entry, Reference, Target | None]]:
        """Every reference of every entry with its target."""
        for entry_id in self.entries:
            yield from self.entry_references(entry_id)

    def entry_references(self, entry_id: str) -> Iterable[tuple[Entry, Reference, Target | None]]:
        """The references of one entry and of its copies (shown on its page), with their targets."""
        entry = self.entries[entry_id]
        yield from zip((entry,) * len(entry.references), entry.references, self.resolved[entry_id])
        for copy in self.copies.get(entry_id, ()):
            yield from zip((copy.entry,) * len(copy.resolved), copy.entry.references, copy.resolved)


def build_graph(files: Sequence[ParsedFile]) -> TermGraph:
    """Derive the term graph from parsed files (given in any order)."""
    ordered = sorted(files, key=lambda parsed: parsed.path)
    entries, anchors, definitions, duplicates, later = _collect_ids(ordered)
    former = former_ids(entries, definitions)
    resolved = {
        entry_id: resolve_references(entry, anchors[entry_id], definitions, former)
        for entry_id, entry in entries.items()
    }
    order = a_to_z(entries)
    return TermGraph(
        entries=entries,
        order=order,
        anchors=anchors,
        definitions=definitions,
        duplicates=tuple(duplicates),
        resolved=resolved,
        backlinks=_backlinks(entries, resolved, order),
        former=former,
        copies=_copies(later, entries, definitions, former),
    )


def former_ids(entries: Mapping[str, Entry], definitions: Mapping[str, Definition]) -> dict[str, str]:
    """Each old id of an entry (``formerly``) that no live id has, with the entry's id; the
    first entry in path order keeps an old id that two entries claim."""
    former: dict[str, str] = {}
    for entry_id, entry in entries.items():
        for old in entry.concept.formerly:
            if old not in definitions and old != INDEX_ID:
                former.setdefault(old, entry_id)
    return former


def _copies(
    later: Sequence[tuple[Entry, tuple[str, ...]]],
    entries: Mapping[str, Entry],
    definitions: Mapping[str, Definition],
    former: Mapping[str, str],
) -> dict[str, tuple[Copy, ...]]:
    copies: dict[str, list[Copy]] = {}
    for entry, section_anchors in later:
        # An entry whose id an earlier entry's section already has is shown on that
        # entry's page, where links to the id lead, so its text is not lost either.
        owner = definitions[entry.id].target.entry_id
        if owner is not None and owner in entries:
            targets = resolve_references(entry, section_anchors, definitions, former)
            copies.setdefault(owner, []).append(Copy(entry, section_anchors, targets))
    return {entry_id: tuple(found) for entry_id, found in copies.items()}


def a_to_z(entries: Mapping[str, Entry]) -> tuple[str, ...]:
    """Entry ids in A–Z order of their titles (ties by id)."""
    return tuple(sorted(entries, key=lambda eid: sort_key(entries[eid].title_text) + (eid,)))


def resolve_references(
    entry: Entry,
    anchors: Sequence[str],
    definitions: Mapping[str, Definition],
    former: Mapping[str, str] | None = None,
) -> tuple[Target | None, ...]:
    """The target of each reference of ``entry``, whose sections have the final ``anchors``."""
    return tuple(
        _local(ref, entry, anchors) or resolve(ref.target, definitions, former) for ref in entry.references
    )


def resolve(
    target: str, definitions: Mapping[str, Definition], former: Mapping[str, str] | None = None
) -> Target | None:
    """The target of ``#target``: a definition, the index, the entry that had it as an old
    id (``formerly``), or None."""
    definition = definitions.get(target)
    if definition is not None:
        return definition.target
    if target == INDEX_ID:
        return INDEX_TARGET
    if former and target in former:
        return Target(TargetKind.ENTRY, former[target])
    return None


def _local(reference: Reference, entry: Entry, anchors: Sequence[str]) -> Target | None:
    """An implicit header reference's own section (its heading id before de-duplication)."""
    if not reference.local:
        return None
    for section, anchor in zip(entry.sections, anchors):
        if section.heading.id == reference.target:
            return Target(TargetKind.SECTION, entry.id, anchor)
    return None


def _collect_ids(
    files: Sequence[ParsedFile],
) -> tuple[
    dict[str, Entry],
    dict[str, tuple[str, ...]],
    dict[str, Definition],
    list[tuple[Definition, Definition]],
    list[tuple[Entry, tuple[str, ...]]],
]:
    entries: dict[str, Entry] = {}
    anchors: dict[str, tuple[str, ...]] = {}
    definitions: dict[str, Definition] = {}
    duplicates: list[tuple[Definition, Definition]] = []
    later: list[tuple[Entry, tuple[str, ...]]] = []
    used = _UsedIds()

    def define(definition: Definition) -> bool:
        first = definitions.get(definition.id)
        if first is not None:
            duplicates.append((definition, first))
            return False
        definitions[definition.id] = definition
        return True

    for parsed in files:
        for entry in parsed.entries:
            used.add(entry.id)
            is_first = define(Definition(entry.id, entry.heading, Target(TargetKind.ENTRY, entry.id)))
            section_anchors = []
            for section in entry.sections:
                heading = section.heading
                anchor = heading.id if heading.explicit_id else used.unique(heading.id)
                used.add(anchor)
                section_anchors.append(anchor)
                if is_first:
                    define(Definition(anchor, heading, Target(TargetKind.SECTION, entry.id, anchor)))
            if is_first:
                entries[entry.id] = entry
                anchors[entry.id] = tuple(section_anchors)
            else:
                later.append((entry, tuple(section_anchors)))
    return entries, anchors, definitions, duplicates, later


class _UsedIds:
    """Ids taken so far, and Pandoc's de-duplication (``base``, ``base-1``, ...) in linear time.

    Counting up from 1 for every repeated base is quadratic in a glossary
    where every entry has a ``Kernkonzept`` section; since ids are only ever
    added, the counter a base reached last time is where the search resumes.
    """

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.counters: dict[str, int] = {}

    def add(self, ident: str) -> None:
        """Mark ``ident`` as taken."""
        self.ids.add(ident)

    def unique(self, base: str) -> str:
        """``base`` if free, else ``base-<n>`` with the smallest free ``n``; marks it taken."""
        base = base or "section"
        ident = base
        counter = self.counters.get(base, 0)
        if counter:
            ident = f"{base}-{counter}"
        while ident in self.ids:
            counter += 1
            ident = f"{base}-{counter}"
        self.counters[base] = counter
        self.ids.add(ident)
        return ident


def _backlinks(
    entries: Mapping[str, Entry],
    resolved: Mapping[str, tuple[Target | None, ...]],
    order: Sequence[str],
) -> dict[str, tuple[str, ...]]:
    rank = {entry_id: index for index, entry_id in enumerate(order)}
    sources: dict[str, set[str]] = {entry_id: set() for entry_id in entries}
    for source_id, targets in resolved.items():
        for target in targets:
            if target is not None and target.entry_id is not None and target.entry_id != source_id:
                sources[target.entry_id].add(source_id)
    return {entry_id: tuple(sorted(ids, key=rank.__getitem__)) for entry_id, ids in sources.items()}
