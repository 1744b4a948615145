"""The site's own words in the languages it speaks.

Entry text is the authors'; these are the words glossary-build adds around
it.  Templates get one :class:`Words` value; a missing word is a KeyError at
import time, not an empty spot on a page.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Words:
    """Every word the default theme shows."""

    index: str
    terms: str
    referenced_by: str
    see_also: str
    previous: str
    next: str
    not_written: str
    back_to_index: str
    not_found_title: str
    not_found_text: str
    letters: str
    skip_to_content: str
    outside_entry: str
    source: str


WORDS: dict[str, Words] = {
    "de": Words(
        index="Index",
        terms="Begriffe",
        referenced_by="Verweise von",
        see_also="Siehe auch",
        previous="Vorheriger Begriff",
        next="Nächster Begriff",
        not_written="Noch nicht geschrieben",
        back_to_index="Zum Index",
        not_found_title="Seite nicht gefunden",
        not_found_text="Diese Seite gibt es nicht. Vielleicht hilft der Index weiter.",
        letters="Buchstaben",
        skip_to_content="Zum Inhalt springen",
        outside_entry="Text außerhalb eines Eintrags",
        source="Quelle",
    ),
    "en": Words(
        index="Index",
        terms="terms",
        referenced_by="Referenced by",
        see_also="See also",
        previous="Previous term",
        next="Next term",
        not_written="Not written yet",
        back_to_index="Back to the index",
        not_found_title="Page not found",
        not_found_text="This page does not exist. The index may help.",
        letters="Letters",
        skip_to_content="Skip to content",
        outside_entry="Text outside an entry",
        source="Source",
    ),
}
