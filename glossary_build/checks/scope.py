"""Which findings a change is answerable for: ``check --changed-since REF``.

A pull request is never failed for what it did not touch.  A finding belongs
to the change when it is

- in a changed file, or names one as a related place (a duplicate of an id
  the change added, the entry a one-sided see-also list points to);
- a broken link anywhere to an id the change removed or renamed (defined in
  a changed file before, defined nowhere now);
- an orphan anywhere that a changed file linked to before.

With the findings grouped as the check keeps them (each entry's, the others),
only the groups that :func:`may_answer` are read: at 10,000 entries most
kept findings are then never decoded.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.model import ParsedFile
from glossary_build.store.encoded import EncodedFindings


@dataclass(frozen=True)
class ChangeScope:
    """What a change touched: its files, and the ids it took away or stopped linking to."""

    paths: frozenset[str]
    """The changed files (relative to the glossary folder)."""
    ids_before: frozenset[str]
    """Ids the changed files defined before (a broken link to one is the change's doing)."""
    unlinked_ids: frozenset[str]
    """Ids the changed files linked to before."""


def change_scope(paths: Collection[str], before: Iterable[ParsedFile]) -> ChangeScope:
    """The scope of a change of ``paths``, whose files were ``before`` at the base commit."""
    old = list(before)
    ids_before = {ident for parsed in old for ident in _defined(parsed)}
    linked_before = {ref.target for parsed in old for entry in parsed.entries for ref in entry.references}
    return ChangeScope(frozenset(paths), frozenset(ids_before), frozenset(linked_before))


def in_scope(diagnostics: Iterable[Diagnostic], scope: ChangeScope) -> list[Diagnostic]:
    """The findings the change is answerable for (see the module docstring)."""
    return [d for d in diagnostics if _answerable(d, scope)]


def may_answer(findings: Sequence[Diagnostic], scope: ChangeScope) -> bool:
    """Whether a group of findings may hold one the change is answerable for: one in a
    changed file or naming one, a broken link to an id the changed files defined before, or
    an orphan (glossary-wide: never a kept entry's).  Told from what is kept beside a kept
    group (its tally, its related files, its broken links' targets), without decoding it."""
    if not isinstance(findings, EncodedFindings):
        return bool(findings)  # decoded already
    named = {item[0] for item in findings.tally} | set(findings.related)
    if not named.isdisjoint(scope.paths) or not scope.ids_before.isdisjoint(findings.broken):
        return True
    return any(item[1] == "orphan-term" for item in findings.tally)


def _answerable(diagnostic: Diagnostic, scope: ChangeScope) -> bool:
    if diagnostic.span.path in scope.paths or any(r.span.path in scope.paths for r in diagnostic.related):
        return True
    if diagnostic.code == "broken-reference":
        return diagnostic.get("target") in scope.ids_before  # broken now, so nothing defines it
    if diagnostic.code == "orphan-term":
        return diagnostic.get("id") in scope.unlinked_ids
    return False


def _defined(parsed: ParsedFile) -> Iterator[str]:
    for entry in parsed.entries:
        yield entry.id
        yield from entry.concept.formerly
        for section in entry.sections:
            if section.heading.explicit_id:
                yield section.heading.id
