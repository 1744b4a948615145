"""The concept keys of an entry heading's attribute block: labels, status, successor, old ids.

Grammar (values are Pandoc attribute values; lists are ``;``-separated)::

    aliases="LLM; Sprachmodell; LLMs"   alternative labels; "Embedding*" also
                                        matches words it begins (unlinked mentions)
    hidden="Large Langauge Model"       search-only labels
    status=preferred|admitted|deprecated|draft
    replaced-by=ID                      successor of a deprecated term
    formerly="Old-Id; Other-Old-Id"     old ids of the term

All of it is valid Pandoc, so the authors' Pandoc book still builds; the keys
are read here and not put on the rendered element.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from glossary_build.core.model import Concept, Status

CONCEPT_KEYS = frozenset({"aliases", "hidden", "status", "replaced-by", "formerly"})
"""The attribute keys this module reads."""

Pairs = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class ConceptProblem:
    """A concept key with a value that cannot be used."""

    key: str
    """The attribute key."""
    message: str
    """What is wrong."""
    hint: str
    """How to put it right."""


def read_concept(pairs: Sequence[tuple[str, str]]) -> tuple[Concept, Pairs, list[ConceptProblem]]:
    """The concept the pairs describe, the other pairs, and what is wrong with the values."""
    values = {key: value for key, value in pairs if key in CONCEPT_KEYS}  # the last one wins, as in Pandoc
    others = tuple((key, value) for key, value in pairs if key not in CONCEPT_KEYS)
    if not values:
        return Concept(), others, []
    problems: list[ConceptProblem] = []
    status = _status(values.get("status"), problems)
    replaced_by = values.get("replaced-by", "").strip() or None
    if "replaced-by" in values and replaced_by is None:
        problems.append(ConceptProblem("replaced-by", "replaced-by names no successor",
                                       "write the successor's id: replaced-by=Id"))
    if replaced_by is not None and status is not Status.DEPRECATED:
        problems.append(ConceptProblem(
            "replaced-by", f"replaced-by={replaced_by} on a term whose status is {status.value}",
            "add status=deprecated, or remove replaced-by",
        ))
    aliases, prefixes = _aliases(labels(values.get("aliases", "")))
    concept = Concept(
        aliases=aliases,
        hidden=labels(values.get("hidden", "")),
        status=status,
        replaced_by=replaced_by,
        formerly=labels(values.get("formerly", "")),
        prefixes=prefixes,
    )
    return concept, others, problems


def labels(value: str) -> tuple[str, ...]:
    """The non-empty items of a ``;``-separated list, stripped, first occurrence kept."""
    return tuple(dict.fromkeys(item.strip() for item in value.split(";") if item.strip()))


def _aliases(written: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The aliases without a trailing ``*``, and those that had one (they match as word prefixes)."""
    aliases: dict[str, None] = {}
    prefixes: dict[str, None] = {}
    for alias in written:
        label = alias.removesuffix("*").rstrip()
        if label:
            aliases[label] = None
            if label != alias:
                prefixes[label] = None
    return tuple(aliases), tuple(prefixes)


def _status(value: str | None, problems: list[ConceptProblem]) -> Status:
    if value is None:
        return Status.PREFERRED
    try:
        return Status(value.strip().lower())
    except ValueError:
        known = ", ".join(status.value for status in Status)
        problems.append(ConceptProblem("status", f"unknown status '{value}'; read as preferred",
                                       f"status is one of: {known}"))
        return Status.PREFERRED
