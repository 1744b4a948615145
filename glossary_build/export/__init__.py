"""Exports: the terms for terminology tools and translators (``glossary-build export``).

Read from the term graph once (:mod:`.terms`), written as SKOS in Turtle
(:mod:`.turtle`) or JSON-LD (:mod:`.jsonld`), both from one SKOS mapping
(:mod:`.skos`), as TBX-Basic (:mod:`.tbx`), CSV (:mod:`.csv_rows`) or JSON
(:mod:`.json_terms`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from glossary_build.core.config import Config
from glossary_build.export.csv_rows import csv_rows
from glossary_build.export.json_terms import terms_json
from glossary_build.export.jsonld import skos_json_ld
from glossary_build.export.tbx import tbx_basic
from glossary_build.export.terms import Vocabulary, vocabulary
from glossary_build.export.turtle import skos_turtle
from glossary_build.graph.terms import TermGraph

FORMATS: dict[str, Callable[[Vocabulary], str]] = {
    "skos": skos_turtle,
    "jsonld": skos_json_ld,
    "tbx": tbx_basic,
    "csv": csv_rows,
    "json": terms_json,
}
"""Each ``--format`` and its writer."""


@dataclass(frozen=True, slots=True)
class Export:
    """An export's text and what it left out."""

    text: str
    """The document."""
    terms: int
    """How many terms it holds."""
    left_out: tuple[str, ...]
    """Ids of the draft terms left out."""


def export_terms(graph: TermGraph, config: Config, format_name: str, *, drafts: bool = False) -> Export:
    """The glossary's terms in the format ``format_name`` (a key of :data:`FORMATS`)."""
    terms = vocabulary(graph, config, drafts=drafts)
    return Export(FORMATS[format_name](terms), len(terms.terms), terms.left_out)
