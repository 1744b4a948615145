"""Which id a broken reference probably meant: the hints of ``broken-reference`` and of the
wanted list (:mod:`glossary_build.graph.wanted`)."""

from __future__ import annotations

import difflib
import hashlib
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property

from glossary_build.graph.terms import TargetKind, TermGraph

IdBasis = tuple[tuple[str, ...], tuple[str, ...], dict[str, str]]
"""A suggester's ids, those preferred, and the sections' owners (:attr:`Suggester.basis`)."""


def suggester_for(graph: TermGraph) -> Suggester:
    """A :class:`Suggester` over every id of ``graph``, preferring entry ids.

    Cheap until it is asked: use ``graph.derived(suggester_for)`` to share
    one (and its cache) between the checks and the wanted list.
    """
    owners = {
        ident: definition.target.entry_id
        for ident, definition in graph.definitions.items()
        if definition.target.kind is TargetKind.SECTION and definition.target.entry_id is not None
    }
    return Suggester(graph.definitions, preferred=graph.entries, owners=owners)


def carry_over_suggester(graph: TermGraph, earlier: Suggester | None) -> Suggester:
    """``graph``'s shared suggester: ``earlier``, with its indexes and the hints it found,
    when ``graph`` has the same ids (the dev server after an edit of text, not of ids);
    else a new one that takes over the hints of ``earlier`` that the change of ids cannot
    alter (:meth:`Suggester.hints_still_valid`)."""
    current = suggester_for(graph)
    if earlier is not None:
        if earlier.same_ids(current):
            current = earlier
        else:
            current.remember(earlier.hints_still_valid(current))
    graph.remember(suggester_for, current)
    return current


class Suggester:
    """Finds the id a broken reference probably meant; results are cached per target.

    1. An id equal to the target but for case, hyphens, underscores, dots
       and spaces; one that differs only in case is named as such.
    2. Otherwise the most similar id by :class:`difflib.SequenceMatcher`
       ratio of the case-folded ids (at least :data:`CUTOFF`).  Only a few
       candidates are compared: the :data:`CANDIDATES` ids sharing most of
       the target's rarer letter trigrams, and the ids one typo away (one
       character deleted from the id, the target or both; this finds short
       ids whose trigrams a typo destroys).  So 2,000 broken references
       against 10,000 ids take about a second, index included, instead of
       half a minute for a full difflib scan.

    The indexes are built when first needed: the trigram index only once a
    target is not found by step 1.  Ids one typo away share all but at most
    five of the target's trigrams, so they are found among the ids the
    trigram count already names, without an index of every id's deletions.

    ``preferred`` ids (entry ids, as opposed to section anchors) win over
    other ids in both steps.  ``owners`` maps section anchors to their entry,
    so that the hint can say whose section it names.
    """

    CUTOFF = 0.8
    """The lowest similarity ratio that is still suggested."""
    CANDIDATES = 30
    """How many trigram-prefiltered ids are compared with difflib."""
    TYPO_MISSES = 5
    """At most this many of a target's trigrams are missing from an id one typo away
    (:func:`_deletions` of both meet): deleting a character of the target loses at most
    three of its trigrams, deleting one of the id's gains the id at most two."""
    TYPO_GRAMS = 10
    """How many of the target's rarest trigrams are counted, at least, to find the ids
    one typo away: enough that an id must have several of them."""
    MOST_CHANGED = 500
    """Above this many changed ids, :meth:`hints_still_valid` keeps nothing."""

    def __init__(
        self, ids: Iterable[str], preferred: Iterable[str] = (), owners: Mapping[str, str] | None = None
    ) -> None:
        self.owners = dict(owners or {})
        wanted = set(preferred)
        self.ids = sorted(ids, key=lambda ident: (ident not in wanted, ident))
        self.preferred = wanted
        self.cache: dict[str, str | None] = {}

    @cached_property
    def identity(self) -> bytes:
        """A digest of what the hints depend on: the ids, which are preferred, and the owners.
        Hints stored under the same identity can be reused (:meth:`remember`)."""
        hasher = hashlib.blake2b(digest_size=16)
        for ident in self.ids:  # sorted preferred first: the order encodes which are preferred
            line = f"{ident in self.preferred:d}{ident}\0{self.owners.get(ident, '')}\0"
            hasher.update(line.encode("utf-8", "surrogatepass"))
        return hasher.digest()

    @property
    def basis(self) -> IdBasis:
        """What the hints are found among, as plain data to keep with them."""
        return tuple(self.ids), tuple(ident for ident in self.ids if ident in self.preferred), dict(self.owners)

    @classmethod
    def from_basis(cls, basis: IdBasis, hints: Mapping[str, str | None]) -> Suggester:
        """The suggester whose :attr:`basis` was ``basis``, knowing ``hints``."""
        ids, preferred, owners = basis
        made = cls(ids, preferred, owners)
        made.remember(hints)
        return made

    def remember(self, hints: Mapping[str, str | None]) -> None:
        """Take over ``hints`` found earlier by a suggester of the same :attr:`identity`."""
        self.cache.update(hints)

    def hints_still_valid(self, later: Suggester) -> dict[str, str | None]:
        """The hints found here that ``later``, over other ids, gives too.

        A hint for a target can only change through an id that is added,
        removed, or changes owner or preference (a changed id), and only if
        that id could be compared with the target or shifts which ids are:
        it has the target's loose form (step 1), is one typo away from it, or
        shares one of the trigrams whose postings choose the candidates
        (:meth:`_counted_grams`).  Ids that are neither keep their relative
        order, so ties break as before.  The threshold of a common trigram
        follows the number of ids: where it moves, nothing is kept.
        """
        if self._common_postings() != later._common_postings():
            return {}
        changed = self._changed_ids(later)
        if len(changed) > self.MOST_CHANGED:  # not worth sifting: most hints would go anyway
            return {}
        folded = [ident.casefold() for ident in changed]
        loose = {_loose(ident) for ident in changed}
        grams = set().union(*map(_trigrams, folded))
        kept: dict[str, str | None] = {}
        for target, hint in self.cache.items():
            target_folded = target.casefold()
            if _loose(target) in loose or any(_one_typo_apart(ident, target_folded) for ident in folded):
                continue
            # Sharing no trigram at all is told without the later trigram index.
            if grams.isdisjoint(_trigrams(target_folded)) or later._counted_grams(
                target_folded, len(changed)
            ).isdisjoint(grams):
                kept[target] = hint
        return kept

    def _counted_grams(self, folded: str, slack: int) -> set[str]:
        """The trigrams of the folded target whose postings may choose its candidates here or
        in a suggester whose postings differ from these by at most ``slack`` ids each.

        A target with at least :data:`TYPO_GRAMS` rare trigrams (in both) counts those
        alone, for the candidates and for the ids one typo away: its common ones are
        never read.  Which are rare may differ by ``slack``, so every trigram within
        it of the threshold is named.  Any other target may read all its trigrams.
        """
        grams = _trigrams(folded)
        if len(grams) < self.TYPO_GRAMS:
            return grams
        common = self._common_postings()
        lengths = {gram: len(self.grams.get(gram, ())) for gram in grams}
        if sum(1 for length in lengths.values() if length + slack <= common) < self.TYPO_GRAMS:
            return grams
        return {gram for gram, length in lengths.items() if length - slack <= common}

    def _changed_ids(self, later: Suggester) -> set[str]:
        """The ids only one of the two suggesters has, or with another preference or owner."""
        mine, theirs = set(self.ids), set(later.ids)
        changed = mine ^ theirs
        changed |= (self.preferred ^ later.preferred) & (mine | theirs)
        owned = self.owners.keys() | later.owners.keys()
        changed.update(ident for ident in owned if self.owners.get(ident) != later.owners.get(ident))
        return changed

    def _common_postings(self) -> int:
        """How many ids a trigram is in at most to count as rare: those in more say little
        and cost most (``en-``, ``ung``)."""
        return max(200, len(self.ids) // 50)

    def same_ids(self, other: Suggester) -> bool:
        """True if ``other`` suggests from the same ids (so it would say the same)."""
        return self.ids == other.ids and self.preferred == other.preferred and self.owners == other.owners

    @cached_property
    def loose(self) -> dict[str, list[str]]:
        """Ids by :func:`_loose` form, in :attr:`ids` order."""
        loose: dict[str, list[str]] = defaultdict(list)
        for ident in self.ids:
            loose[_loose(ident)].append(ident)
        return loose

    @cached_property
    def folded(self) -> list[str]:
        """The case-folded :attr:`ids`."""
        return [ident.casefold() for ident in self.ids]

    @cached_property
    def grams(self) -> dict[str, list[int]]:
        """For each trigram of a folded id, the indexes of the ids that have it, ascending."""
        grams: dict[str, list[int]] = defaultdict(list)
        for index, folded in enumerate(self.folded):
            for gram in _trigrams(folded):
                grams[gram].append(index)
        return grams

    @cached_property
    def lengths(self) -> dict[int, list[int]]:
        """The indexes of the ids by length of the folded id."""
        lengths: dict[int, list[int]] = defaultdict(list)
        for index, folded in enumerate(self.folded):
            lengths[len(folded)].append(index)
        return lengths

    def __call__(self, target: str) -> str | None:
        """A hint naming the nearest id, or None."""
        if target not in self.cache:
            self.cache[target] = self._hint(target)
        return self.cache[target]

    def nearest(self, target: str) -> tuple[str, bool] | None:
        """The nearest id and whether it differs from ``target`` only in case."""
        same = self.loose.get(_loose(target))
        if same:
            case_only = [ident for ident in same if ident.casefold() == target.casefold()]
            return (case_only[0], True) if case_only else (same[0], False)
        close = self._similar(target)
        return (close, False) if close is not None else None

    def _hint(self, target: str) -> str | None:
        found = self.nearest(target)
        if found is None:
            return None
        nearest, case_only = found
        owner = self.owners.get(nearest)
        named = f"'{nearest}' (a section of '{owner}')" if owner else f"'{nearest}'"
        if case_only:
            return f"did you mean {named}? ids are case-sensitive and this differs only in case"
        return f"did you mean {named}?"

    def _similar(self, target: str) -> str | None:
        folded = target.casefold()
        matcher = difflib.SequenceMatcher(None, "", folded)
        best: tuple[bool, float, int] | None = None
        for index in self._candidates(folded):
            matcher.set_seq1(self.folded[index])
            if matcher.real_quick_ratio() < self.CUTOFF or matcher.quick_ratio() < self.CUTOFF:
                continue
            ratio = matcher.ratio()
            if ratio >= self.CUTOFF:
                key = (self.ids[index] in self.preferred, ratio, -index)
                best = key if best is None or key > best else best
        return self.ids[-best[2]] if best is not None else None

    def _candidates(self, folded: str) -> set[int]:
        """The indexes of the ids worth comparing with the folded target (see the class)."""
        grams = self.grams
        # Sorted trigrams, then a stable sort and ties broken by id position: the same
        # suggestion in every run (set order changes with Python's string hashing).
        postings = sorted((grams.get(gram, ()) for gram in sorted(_trigrams(folded))), key=len)
        # Count only the rarer trigrams once there are enough of them.
        common = self._common_postings()
        rare = [posting for posting in postings if len(posting) <= common]
        counted = rare if len(rare) >= 4 else postings
        shared: Counter[int] = Counter()
        for posting in counted:
            shared.update(posting)
        best = heapq.nsmallest(self.CANDIDATES, shared.items(), key=lambda item: (-item[1], item[0]))
        candidates = {index for index, _count in best}
        candidates.update(self._one_typo_away(folded, postings, shared, len(counted)))
        return candidates

    def _one_typo_away(
        self, folded: str, postings: Sequence[Sequence[int]], shared: Counter[int], counted: int
    ) -> list[int]:
        """The ids whose :func:`_deletions` meet those of the folded target.

        ``postings`` are those of the target's trigrams, shortest first; ``shared``
        counts, for each id, how many of the first ``counted`` of them it has.  Such an
        id misses at most :data:`TYPO_MISSES` of any of the target's trigrams, so it
        is among the ids that have enough of the rarest :data:`TYPO_GRAMS`.
        """
        size = len(folded)
        if len(postings) <= self.TYPO_MISSES:  # a very short target: every id of about its length
            pool: Iterable[int] = [i for n in (size - 1, size, size + 1) for i in self.lengths.get(n, ())]
        else:
            for posting in postings[counted : self.TYPO_GRAMS]:
                shared.update(posting)
            least = max(counted, min(self.TYPO_GRAMS, len(postings))) - self.TYPO_MISSES
            pool = (index for index, count in shared.items() if count >= least)
        ids = self.folded
        return [
            index for index in pool if abs(len(ids[index]) - size) <= 1 and _one_typo_apart(ids[index], folded)
        ]


_SEPARATORS = str.maketrans("", "", "-_. ")


def _loose(ident: str) -> str:
    """An id without case, hyphens, underscores, dots and spaces."""
    return ident.casefold().translate(_SEPARATORS)


def _deletions(text: str) -> set[str]:
    """``text`` and every string one character shorter (up to 24 characters): ids whose
    deletions meet are one typo apart.  :func:`_one_typo_apart` tells without making them."""
    if len(text) > 24:
        return {text}
    return {text} | {text[:i] + text[i + 1 :] for i in range(len(text))}


def _one_typo_apart(a: str, b: str) -> bool:
    """Whether ``_deletions(a)`` and ``_deletions(b)`` meet, without making them: ``a``
    and ``b`` are equal, or equal once one character is deleted from one or both."""
    if a == b:
        return True
    if len(a) < len(b):
        a, b = b, a
    longer, shorter = len(a), len(b)
    if longer > 24 or longer - shorter > 1:
        return False
    start = 0  # the first position where they differ
    while start < shorter and a[start] == b[start]:
        start += 1
    if longer > shorter:
        return a[start + 1 :] == b[start:]
    end = longer - 1  # the last position where they differ
    while end > start and a[end] == b[end]:
        end -= 1
    # One character replaced, or one deleted at the start and another at the end
    # of the differing stretch, the stretch between them shifted by one.
    if end == start:
        return True
    return a[start + 1 : end + 1] == b[start:end] or b[start + 1 : end + 1] == a[start:end]


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}
