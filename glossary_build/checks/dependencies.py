"""What the findings of one entry depend on: the key under which they are kept.

The entry checks (:mod:`glossary_build.checks.entrywise`) of an entry read

- the entry itself and its copies (later entries with its id): fixed by the
  digests of their files (path, bytes and parse settings);
- for each of their references, where it leads (entry, section, index or
  nowhere, and whether through an old id), and of a term it leads to what
  the rules read: its title, heading position, status, successor and the
  entries its see-also section lists (for ``asymmetric-see-also``);
- for a reference that leads nowhere, whether another language has the id,
  and the hint that names the nearest id (found once per target, and carried
  over from the last run where a change of ids cannot alter it:
  :meth:`~glossary_build.graph.suggest.Suggester.hints_still_valid`), so a new
  id re-checks only the entries whose hints it changes;
- every term's labels, when ``unlinked-mention`` runs (it looks for all of them);
- the rules that run and the code.

All of these are strings the graph already holds, so the keys of every
entry cost a pass over the references.  Two things are read only once the
findings are known: the title and heading of each term an entry mentions
without a link (the finding names its place).  Those are *dependencies found
while checking*: kept beside the findings (:func:`mentioned`) and compared
with the graph when the findings are reused (:func:`still_valid`).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from glossary_build.core.diagnostics import Diagnostic, Span
from glossary_build.core.model import Entry, ReferenceKind
from glossary_build.graph.suggest import suggester_for
from glossary_build.graph.terms import Target, TermGraph
from glossary_build.store.cache import digest

MENTIONED_BY = ("unlinked-mention",)
"""The rules whose findings name terms the entry need not reference (data ``target``)."""


@dataclass(frozen=True, slots=True)
class Checked:
    """The findings of one entry's checks, with what was read while finding them."""

    key: bytes
    """The entry's key (:meth:`EntryKeys.key`) when they were found."""
    mentioned: tuple[str, ...]
    """The terms the findings name without a reference (:func:`mentioned`)."""
    mentioned_digest: bytes
    """:func:`heading_digest` of those terms then."""
    findings: Sequence[Diagnostic]
    """The findings, with default severities (kept ones decoded when first read:
    :class:`~glossary_build.store.encoded.EncodedFindings`)."""


class EntryKeys:
    """The key of each entry's findings in one graph; the shared parts computed once."""

    def __init__(self, graph: TermGraph, files: Mapping[str, bytes], basis: bytes, *, labels: bool = True) -> None:
        """``files``: each entry file's digest by path; ``basis``: the digest of the rules that
        run and the code; ``labels``: whether a rule that runs reads every term's labels
        (``unlinked-mention``): without, a new id or title re-checks only the entries that
        link to it (and those with broken links whose hints it changes)."""
        self.graph = graph
        self.files = files
        self.basis = digest(basis, labels_digest(graph)) if labels else basis
        self._terms: dict[str, bytes] = {}
        self._leads: dict[str, tuple[Target | None, bytes]] = {}
        self._hint = graph.derived(suggester_for)

    def key(self, entry: Entry) -> bytes:
        """The key of ``entry``'s findings (``entry`` is one of the graph's entries)."""
        graph = self.graph
        parts: list[object] = [self.basis, entry.id, self.files.get(entry.path, b"?")]
        for copy in graph.copies.get(entry.id, ()):
            parts += ["copy", copy.entry.path, self.files.get(copy.entry.path, b"?")]
        leads = self._lead
        # Each target's digest has the same length: joined, they are unambiguous.
        references = graph.entry_references(entry.id)
        return _hash((parts, b"".join([leads(reference.target, target) for _source, reference, target in references])))

    def _lead(self, written: str, target: Target | None) -> bytes:
        """The digest of where a reference to ``written`` leads, found once per target:
        most references share theirs with many others."""
        known = self._leads.get(written)
        if known is None or known[0] is not target:  # another target for the same text: a local anchor
            known = self._leads[written] = (target, _hash(self._target(written, target)))
        return known[1]

    def _target(self, written: str, target: Target | None) -> tuple[object, ...]:
        graph = self.graph
        if target is None:
            if written in graph.elsewhere:
                return ("elsewhere", graph.elsewhere[written])
            return ("broken", self._hint(written))
        where = (target.kind.value, target.entry_id, target.anchor, written in graph.former)
        if target.entry_id is None:
            return where
        return (*where, self._term(target.entry_id))

    def _term(self, entry_id: str) -> bytes:
        """What the rules read of a term that a reference leads to."""
        known = self._terms.get(entry_id)
        if known is None:
            entry = self.graph.entries[entry_id]
            concept = entry.concept
            known = self._terms[entry_id] = _hash((
                entry.title_text, _span(entry.heading.span), concept.status.value, concept.replaced_by,
                sorted(_listed(self.graph, entry)),
            ))
        return known


def labels_digest(graph: TermGraph) -> bytes:
    """Digest of every term's labels as ``unlinked-mention`` matches them (in A–Z order,
    which decides the owner of a label two terms share)."""
    parts = []
    for entry_id in graph.order:
        entry = graph.entries[entry_id]
        concept = entry.concept
        parts.append((entry_id, entry.title_text, concept.status.value, concept.aliases, concept.prefixes))
    return _hash(parts)


def mentioned(findings: Iterable[Diagnostic]) -> tuple[str, ...]:
    """The terms ``findings`` name without the entry referencing them: their place and title
    are part of the findings, so these are dependencies found while checking."""
    return tuple(sorted({d.get("target") or "" for d in findings if d.code in MENTIONED_BY}))


def heading_digest(graph: TermGraph, ids: Sequence[str]) -> bytes | None:
    """Digest of the titles and heading places of the terms ``ids``; None if one is gone."""
    headings = graph.derived(_Headings)
    parts = [headings.of(entry_id) for entry_id in ids]
    return None if None in parts else _hash(parts)


class _Headings:
    """Each term's title and heading place, made once per graph when first asked for."""

    def __init__(self, graph: TermGraph) -> None:
        self.entries = graph.entries
        self.known: dict[str, tuple[str, tuple[object, ...]] | None] = {}

    def of(self, entry_id: str) -> tuple[str, tuple[object, ...]] | None:
        """``entry_id``'s title and heading place; None if there is no such term."""
        try:
            return self.known[entry_id]
        except KeyError:
            entry = self.entries.get(entry_id)
            found = None if entry is None else (entry.title_text, _span(entry.heading.span))
            self.known[entry_id] = found
            return found


def still_valid(checked: Checked, key: bytes, graph: TermGraph) -> bool:
    """Whether ``checked`` are the findings an entry with ``key`` has in ``graph``."""
    return checked.key == key and heading_digest(graph, checked.mentioned) == checked.mentioned_digest


def _span(span: Span) -> tuple[object, ...]:
    return (span.path, span.line, span.column, span.end_line, span.end_column)


def _hash(parts: object) -> bytes:
    """A digest of ``parts``, nested tuples and lists of strings, bytes, numbers and None:
    pickled (unambiguous, at C speed), then hashed."""
    return hashlib.blake2b(pickle.dumps(parts, 5), digest_size=16).digest()


def _listed(graph: TermGraph, entry: Entry) -> set[str]:
    """The entries ``entry``'s see-also section lists."""
    targets = zip(entry.references, graph.resolved.get(entry.id, ()))
    return {
        target.entry_id
        for reference, target in targets
        if target is not None and target.entry_id is not None and reference.kind is ReferenceKind.SEE_ALSO
    }
