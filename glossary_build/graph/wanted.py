"""Wanted terms: the ids that references point to but no entry defines.

``glossary-build check --wanted`` prints them ranked by how many references
point to them, each with the referring entries and positions: the
glossary's to-do list.  Built from the term graph alone
(:func:`wanted_terms`), printed as text (:func:`format_wanted_text`) or as
JSON (:func:`format_wanted_json`, schema in ``docs/wanted-json-schema.json``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from glossary_build.core.collation import sort_key
from glossary_build.core.diagnostics import Span
from glossary_build.core.model import ReferenceKind
from glossary_build.graph.suggest import suggester_for
from glossary_build.graph.terms import TermGraph

VERSION = 1
"""Version of the JSON shape; raised only when a field changes meaning or is removed."""


@dataclass(frozen=True, slots=True)
class WantedReference:
    """One reference to a missing id."""

    entry_id: str
    """The entry the reference is written in."""
    text: str
    """The link text."""
    kind: ReferenceKind
    """Inline or see-also."""
    span: Span
    """Where the link is."""


@dataclass(frozen=True, slots=True)
class Wanted:
    """A missing id and everything that points to it."""

    target: str
    """The id, without ``#``."""
    references: tuple[WantedReference, ...]
    """The references to it, by path and position."""
    hint: str | None
    """The nearest existing id, when there is one (a typo rather than a missing term)."""

    @property
    def entries(self) -> tuple[str, ...]:
        """The referring entries, each once, in order of first reference."""
        return tuple(dict.fromkeys(reference.entry_id for reference in self.references))


def wanted_terms(graph: TermGraph) -> list[Wanted]:
    """Missing ids, most referenced first (then by more entries, then A–Z)."""
    found: dict[str, list[WantedReference]] = defaultdict(list)
    for entry, reference, target in graph.references():
        if target is None:
            found[reference.target].append(
                WantedReference(entry.id, reference.text, reference.kind, reference.span)
            )
    suggest = graph.derived(suggester_for)
    wanted = [
        Wanted(target, tuple(sorted(refs, key=_position)), suggest(target))
        for target, refs in found.items()
    ]
    wanted.sort(key=lambda w: (-len(w.references), -len(w.entries), sort_key(w.target)))
    return wanted


def _position(reference: WantedReference) -> tuple[str, int, int]:
    return (reference.span.path, reference.span.line, reference.span.column)


def format_wanted_text(wanted: list[Wanted]) -> str:
    """The to-do list as text: one block per missing id, a summary line at the end."""
    lines: list[str] = []
    for item in wanted:
        count = len(item.references)
        entries = len(item.entries)
        lines.append(
            f"{item.target}: {count} reference{'s' * (count != 1)} "
            f"from {entries} entr{'ies' if entries != 1 else 'y'}"
        )
        for reference in item.references:
            kind = " (see-also)" if reference.kind is ReferenceKind.SEE_ALSO else ""
            lines.append(f"  {reference.span}: {reference.entry_id}: [{reference.text}]{kind}")
        if item.hint:
            lines.append(f"  = hint: {item.hint}")
    total = sum(len(item.references) for item in wanted)
    lines.append(f"{len(wanted)} wanted term{'s' * (len(wanted) != 1)}, {total} reference{'s' * (total != 1)}")
    return "\n".join(lines) + "\n"


def format_wanted_json(wanted: list[Wanted]) -> str:
    """The to-do list as JSON (``docs/wanted-json-schema.json``)."""
    document = {
        "version": VERSION,
        "wanted": [
            {
                "target": item.target,
                "count": len(item.references),
                "entries": list(item.entries),
                "hint": item.hint,
                "references": [
                    {
                        "entry": reference.entry_id,
                        "text": reference.text,
                        "kind": reference.kind.value,
                        "path": reference.span.path,
                        "line": reference.span.line,
                        "column": reference.span.column,
                    }
                    for reference in item.references
                ],
            }
            for item in wanted
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
