"""The languages of a multilingual glossary, seen from one of them: the ids only others have.

Each language's entries make a term graph of their own (links resolve within
the language).  :func:`with_elsewhere` adds to a language's graph the entry
ids it lacks that other languages have (:attr:`TermGraph.elsewhere`): a link to
one leads to the term in the other language, where a link to an id no
language has stays broken.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping

from glossary_build.graph.suggest import suggester_for
from glossary_build.graph.terms import TermGraph

LANGUAGE_NAMES: Mapping[str, str] = {"de": "German", "en": "English", "fr": "French"}
"""The English name of each language with site words, for messages (``English (en)``)."""


def language_label(code: str) -> str:
    """``English (en)``: a language as findings name it (the code alone if it has no name here)."""
    name = LANGUAGE_NAMES.get(code)
    return f"{name} ({code})" if name else code


def elsewhere_ids(graph: TermGraph, others: Mapping[str, Collection[str]]) -> dict[str, tuple[str, ...]]:
    """The entry ids of ``others`` (language code -> its entry ids, in configured order)
    that ``graph`` knows under no id (entry, section anchor, old id), each with the languages
    that have it, in that order; sorted by id."""
    found: dict[str, list[str]] = {}
    for code, ids in others.items():
        for ident in ids:
            if ident not in graph.definitions and ident not in graph.former:
                found.setdefault(ident, []).append(code)
    return {ident: tuple(found[ident]) for ident in sorted(found)}


def with_elsewhere(graph: TermGraph, others: Mapping[str, Collection[str]]) -> TermGraph:
    """``graph`` with :attr:`~TermGraph.elsewhere` set from the other languages' entry ids
    (see :func:`elsewhere_ids`); ``graph`` itself when it lacks none of them.

    The graph's suggester (and the hints it found) is carried over: the ids are the same.
    """
    elsewhere = elsewhere_ids(graph, others)
    if elsewhere == graph.elsewhere:
        return graph
    linked = dataclasses.replace(graph, elsewhere=elsewhere)
    linked.remember(suggester_for, graph.derived(suggester_for))
    return linked
