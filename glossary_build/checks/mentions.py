"""``unlinked-mention``: another term's title or alias in an entry's running text, not linked.

Labels are matched as whole words: a word is a run of Unicode letters and
digits, so ``Agent`` is found in ``Agent-Architektur`` but not in
``Agentensystem`` (German compounds), unless the alias was written with a
trailing ``*`` (``aliases="Embedding*"``): then its last word matches every
word it begins (``Embeddings``, ``Embeddingmodell``).  Case is ignored (but
for labels in capitals, ``LLM``, ``KI``, ``IT``, which match only as written).
Between the words of a label the text may have spaces or hyphens, or what the
label itself has there (``GPT-4.5``).

One finding per entry and mentioned term, at the first mention, and none
when the entry links the term before that.  Labels of deprecated and draft
terms are not matched (a link to them is a finding of its own); labels
without letters or with other marks at their ends (``C++``, ``Modell (LAM)``)
are not matched either.

The labels of every term form one trie of case-folded words, so the text is
read once, word by word, whatever the number of terms: at each word only the
labels starting with it are followed, and the longest one that matches wins
(the entry's own labels too, so ``Large Language Model`` in its own entry is
not a mention of ``Language Model``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from glossary_build.checks.entrywise import EntryCheck, every_entry
from glossary_build.core.diagnostics import Diagnostic, Related, Span
from glossary_build.core.model import Entry, Passage, ReferenceKind, Status
from glossary_build.core.rules import default_severity, emits
from glossary_build.graph.terms import TermGraph

WORD = re.compile(r"[^\W_]+")
"""A word: letters and digits (any script)."""
GAP = re.compile(r"[\s\u00a0\-\u2010\u2011\u2013]+")
"""What may stand between the words of a label in the text: spaces and hyphens."""
UNMATCHED_STATUSES = (Status.DEPRECATED, Status.DRAFT)


@dataclass(frozen=True, slots=True)
class Label:
    """A title or alias of one or more terms, as the matcher needs it."""

    text: str
    """As written."""
    entry_ids: tuple[str, ...]
    """The terms that have it; a link goes to the first."""
    words: tuple[str, ...]
    """Its words as written."""
    gaps: tuple[str, ...]
    """What stands between its words, case-folded."""
    exact_case: bool
    """True for labels in capitals: they match only as written."""
    prefix: bool
    """True when the last word matches every word it begins."""


@dataclass(slots=True)
class _Node:
    """A trie node: the labels whose case-folded words lead here."""

    children: dict[str, _Node] = field(default_factory=dict)
    whole: list[Label] = field(default_factory=list)
    """Labels that end here."""
    prefixes: dict[str, list[Label]] = field(default_factory=dict)
    """Labels whose last word (the key, case-folded) follows as a prefix of the next word."""
    prefix_lengths: tuple[int, ...] = ()
    """The lengths of :attr:`prefixes`' keys, longest first."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A label found in a passage."""

    label: Label
    start: int
    """Offset of its first character in the passage text."""
    end: int
    """Offset after its last character."""


class LabelMatcher:
    """Every matchable label of a glossary's terms, as a trie of case-folded words."""

    def __init__(self, labels: Iterable[tuple[str, str, bool]]) -> None:
        """``labels``: (label, entry id, prefix) triples, the preferred owner of a label first."""
        self.root = _Node()
        owners: dict[tuple[str, bool], list[str]] = {}
        for text, entry_id, prefix in labels:
            ids = owners.setdefault((text, prefix), [])
            if entry_id not in ids:
                ids.append(entry_id)
        for (text, prefix), ids in owners.items():
            label = _label(text, tuple(ids), prefix)
            if label is not None:
                self._add(label)

    def _add(self, label: Label) -> None:
        node = self.root
        folded = [fold(word) for word in label.words]
        for word in folded[:-1] if label.prefix else folded:
            node = node.children.setdefault(word, _Node())
        if label.prefix:
            node.prefixes.setdefault(folded[-1], []).append(label)
            node.prefix_lengths = tuple(sorted({len(key) for key in node.prefixes}, reverse=True))
        else:
            node.whole.append(label)

    def mentions(self, text: str) -> Iterator[Mention]:
        """The labels in ``text``, leftmost first, longest at each place, not overlapping."""
        folded = fold(text)
        words = WORD.findall(folded)
        if not self.root.prefix_lengths and self.root.children.keys().isdisjoint(words):
            return  # most passages: no word starts a label (found at C speed)
        spans = [match.span() for match in WORD.finditer(folded)]
        text_words = _Words(text, words, spans)
        index = 0
        while index < len(words):
            found = self._longest(text_words, index)
            if found is None:
                index += 1
                continue
            label, last = found
            yield Mention(label, spans[index][0], spans[last][1])
            index = last + 1

    def _longest(self, text: _Words, first: int) -> tuple[Label, int] | None:
        """The longest label that starts at word ``first``, with the index of its last word."""
        words = text.folded
        node = self.root
        if not node.prefix_lengths and words[first] not in node.children:
            return None
        best: tuple[Label, int] | None = None
        index = first
        while index < len(words):
            word = words[index]
            for length in node.prefix_lengths:
                if len(word) >= length:
                    for label in node.prefixes.get(word[:length], ()):
                        if text.fits(label, first, index):
                            best = (label, index)
                            break
            child = node.children.get(word)
            if child is None:
                break
            node = child
            for label in node.whole:
                if text.fits(label, first, index):
                    best = (label, index)
                    break
            index += 1
        return best


@dataclass(frozen=True, slots=True)
class _Words:
    """A passage's text split into words, case-folded (same length as the text)."""

    text: str
    folded: Sequence[str]
    spans: Sequence[tuple[int, int]]

    def fits(self, label: Label, first: int, last: int) -> bool:
        """Whether words ``first``..``last`` are ``label`` (the trie matched their folded forms)."""
        if last - first + 1 != len(label.words):
            return False
        spans, text = self.spans, self.text
        for offset, gap in enumerate(label.gaps):
            written = text[spans[first + offset][1] : spans[first + offset + 1][0]]
            if fold(written) != gap and GAP.fullmatch(written) is None:
                return False
        if not label.exact_case:
            return True
        written_words = [text[start:end] for start, end in spans[first : last + 1]]
        if label.prefix:
            return written_words[:-1] == list(label.words[:-1]) and written_words[-1].startswith(label.words[-1])
        return written_words == list(label.words)


def fold(text: str) -> str:
    """``text`` in lower case, of the same length (so offsets stay valid)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def _label(text: str, entry_ids: tuple[str, ...], prefix: bool) -> Label | None:
    """The label to match for ``text``, or None when it cannot be matched as words."""
    spans = [(match.start(), match.end()) for match in WORD.finditer(text)]
    if not spans or spans[0][0] != 0 or spans[-1][1] != len(text):
        return None  # no words, or marks at its ends (C++, "Modell (LAM)")
    words = tuple(text[start:end] for start, end in spans)
    if sum(len(word) for word in words) < 2:
        return None
    gaps = tuple(fold(text[spans[i][1] : spans[i + 1][0]]) for i in range(len(spans) - 1))
    letters = [char for char in text if char.isalpha()]
    exact_case = len(letters) >= 2 and all(char.isupper() for char in letters)
    return Label(text, entry_ids, words, gaps, exact_case, prefix)


def label_matcher(graph: TermGraph) -> LabelMatcher:
    """The matcher of every matchable term's title and aliases (shared through ``graph.derived``)."""
    return LabelMatcher(_labels(graph))


def _labels(graph: TermGraph) -> Iterator[tuple[str, str, bool]]:
    for entry_id in graph.order:
        entry = graph.entries[entry_id]
        if entry.concept.status in UNMATCHED_STATUSES:
            continue
        prefixes = set(entry.concept.prefixes)
        yield entry.title_text, entry_id, False
        for alias in entry.concept.aliases:
            yield alias, entry_id, alias in prefixes


@emits("unlinked-mention")
def entry_unlinked_mentions(graph: TermGraph, entry: Entry) -> Iterable[Diagnostic]:
    """``unlinked-mention``: the first mention of another term in an entry's text, not a link."""
    return _entry_mentions(graph, entry, graph.derived(label_matcher), graph.derived(_Findings))


unlinked_mentions = every_entry(entry_unlinked_mentions)


def _entry_mentions(
    graph: TermGraph, entry: Entry, matcher: LabelMatcher, findings: _Findings
) -> Iterator[Diagnostic]:
    linked = _first_links(graph, entry)
    reported: set[str] = set()
    for passage in entry.prose:
        text, starts = _joined(passage)
        for mention in matcher.mentions(text):
            ids = mention.label.entry_ids
            target = ids[0]
            if entry.id in ids or target in reported:
                continue
            reported.add(target)  # only the first mention counts, linked earlier or not
            line, column = _position(passage, starts, mention.start)
            if linked.get(target, (10**9, 0)) < (line, column):
                continue
            end_line, end_column = _position(passage, starts, mention.end - 1)
            span = Span(entry.path, line, column, end_line, end_column + 1)
            yield findings.mention(entry, target, text[mention.start : mention.end], span)


def _first_links(graph: TermGraph, entry: Entry) -> dict[str, tuple[int, int]]:
    """For each entry the text links to (inline), where the first such link is."""
    first: dict[str, tuple[int, int]] = {}
    for reference, target in zip(entry.references, graph.resolved.get(entry.id, ())):
        if target is not None and target.entry_id is not None and reference.kind is ReferenceKind.INLINE:
            place = (reference.span.line, reference.span.column)
            if place < first.get(target.entry_id, (10**9, 0)):
                first[target.entry_id] = place
    return first


def _joined(passage: Passage) -> tuple[str, list[int]]:
    """The passage's text and the offset where each piece starts in it."""
    starts: list[int] = []
    offset = 0
    for _line, _column, text in passage:
        starts.append(offset)
        offset += len(text)
    return "".join(text for _line, _column, text in passage), starts


def _position(passage: Passage, starts: Sequence[int], offset: int) -> tuple[int, int]:
    """Source line and column of a character of the passage's text."""
    index = bisect_right(starts, offset) - 1
    line, column, _text = passage[index]
    return line, column + offset - starts[index]


class _Findings:
    """Makes the findings; what they say of a mentioned term is made once per term."""

    def __init__(self, graph: TermGraph) -> None:
        self.graph = graph
        self.severity = default_severity("unlinked-mention")
        self.terms: dict[str, tuple[tuple[str, str], tuple[Related, ...]]] = {}

    def mention(self, entry: Entry, target: str, written: str, span: Span) -> Diagnostic:
        """The finding for ``written``, a mention of ``target`` in ``entry`` at ``span``."""
        names, related = self._term(target)
        named = "" if written.casefold() in names else f": '{written}'"
        return Diagnostic(
            "unlinked-mention", self.severity, f"unlinked mention of '{target}'{named}", span,
            f"link it: [{written}](#{target})", related,
            (("id", entry.id), ("target", target), ("text", written)),
        )

    def _term(self, target: str) -> tuple[tuple[str, str], tuple[Related, ...]]:
        known = self.terms.get(target)
        if known is None:
            term = self.graph.entries[target]
            names = (target.casefold(), term.title_text.casefold())
            known = self.terms[target] = (names, (Related(term.heading.span, f"'{target}' defined here"),))
        return known


MENTION_CHECKS = (unlinked_mentions,)
"""The mention checks, for :data:`glossary_build.checks.run.CHECKS`."""
MENTION_ENTRY_CHECKS: tuple[EntryCheck, ...] = (entry_unlinked_mentions,)
"""The same, each of one entry."""
