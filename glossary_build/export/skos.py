"""The terms as SKOS: one ``skos:ConceptScheme`` and a ``skos:Concept`` per term, as resources
with their properties, for the Turtle and JSON-LD writers to serialise alike.

The mapping (the README's "Exports" has it as a table):

- the glossary: ``skos:ConceptScheme`` with ``dct:title`` and ``skos:hasTopConcept``;
- a term: ``skos:inScheme`` and ``skos:topConceptOf`` the scheme (the glossary is
  flat), ``skos:prefLabel`` (the title), ``skos:altLabel`` (aliases),
  ``skos:hiddenLabel`` (hidden labels) and ``skos:definition``, each tagged with
  the glossary's language; ``skos:related`` for each see-also link to a term of
  the export; ``skos:notation`` the id and ``dct:identifier`` every id it
  answers to (the id, then the old ids of ``formerly``): ids are identifiers,
  not labels;
- a status other than ``preferred``: ``skos:editorialNote "status: <status>"``;
  a deprecated term also ``owl:deprecated true`` and a ``skos:historyNote`` in
  the glossary's language naming the successor, which it ``dct:isReplacedBy``
  (and which ``dct:replaces`` it).
"""

from __future__ import annotations

from dataclasses import dataclass

from glossary_build.core.model import Status
from glossary_build.export.terms import Term, Vocabulary, iri_safe

SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
OWL = "http://www.w3.org/2002/07/owl#"
PREFIXES = (("dct", DCT), ("owl", OWL), ("skos", SKOS))
"""The vocabularies used, with the prefixes both serialisations declare."""


@dataclass(frozen=True, slots=True)
class Iri:
    """A resource named by its IRI."""

    value: str

    def __post_init__(self) -> None:
        # Both serialisations write IRIs as they are: make sure none holds what no IRI may.
        object.__setattr__(self, "value", iri_safe(self.value))


@dataclass(frozen=True, slots=True)
class Text:
    """A string literal, tagged with a language or not."""

    value: str
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Boolean:
    """An ``xsd:boolean`` literal."""

    value: bool


Value = Iri | Text | Boolean


@dataclass(frozen=True, slots=True)
class Property:
    """A predicate and its values, in a fixed order."""

    name: str
    """A prefixed name (``skos:prefLabel``) of :data:`PREFIXES`."""
    values: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class Resource:
    """A subject with its type and properties."""

    iri: Iri
    type: str
    """A prefixed name: ``skos:Concept`` or ``skos:ConceptScheme``."""
    properties: tuple[Property, ...]


HISTORY = {
    "de": ("Veraltet.", "Veraltet; ersetzt durch „{}“."),
    "en": ("Deprecated.", "Deprecated; replaced by “{}”."),
}
"""The history note of a deprecated term, without and with a successor, by language."""


def skos_resources(vocabulary: Vocabulary) -> list[Resource]:
    """The concept scheme, then one concept per term (A–Z)."""
    replaces: dict[str, list[str]] = {}
    for term in vocabulary.terms:
        if term.successor is not None:
            replaces.setdefault(term.successor, []).append(term.id)
    scheme = Resource(Iri(vocabulary.iri), "skos:ConceptScheme", _present(
        Property("dct:title", (Text(vocabulary.title, vocabulary.language),)),
        Property("skos:hasTopConcept", tuple(Iri(term.iri) for term in vocabulary.terms)),
    ))
    concepts = [_concept(vocabulary, term, replaces.get(term.id, ())) for term in vocabulary.terms]
    return [scheme, *concepts]


def _concept(vocabulary: Vocabulary, term: Term, replaced: list[str] | tuple[()]) -> Resource:
    language, by_id = vocabulary.language, vocabulary.by_id
    scheme = (Iri(vocabulary.iri),)
    return Resource(Iri(term.iri), "skos:Concept", _present(
        Property("skos:inScheme", scheme),
        Property("skos:topConceptOf", scheme),
        Property("skos:notation", (Text(term.id),)),
        Property("skos:prefLabel", (Text(term.label, language),)),
        Property("skos:altLabel", tuple(Text(alias, language) for alias in term.aliases)),
        Property("skos:hiddenLabel", tuple(Text(label, language) for label in term.hidden)),
        Property("skos:definition", (Text(term.definition, language),) if term.definition else ()),
        Property("skos:related", tuple(Iri(by_id[other].iri) for other in term.see_also)),
        Property("dct:identifier", tuple(Text(ident) for ident in (term.id, *term.formerly))),
        *_status(vocabulary, term),
        Property("dct:replaces", tuple(Iri(by_id[old].iri) for old in replaced)),
    ))


def _status(vocabulary: Vocabulary, term: Term) -> tuple[Property, ...]:
    if term.status is Status.PREFERRED:
        return ()
    note = Property("skos:editorialNote", (Text(f"status: {term.status.value}"),))
    if term.status is not Status.DEPRECATED:
        return (note,)
    plain, named = HISTORY[vocabulary.language] if vocabulary.language in HISTORY else HISTORY["en"]
    successor = vocabulary.by_id[term.successor] if term.successor is not None else None
    history = plain if successor is None else named.format(successor.label)
    return (
        note,
        Property("owl:deprecated", (Boolean(True),)),
        Property("skos:historyNote", (Text(history, vocabulary.language),)),
        Property("dct:isReplacedBy", (Iri(successor.iri),) if successor is not None else ()),
    )


def _present(*properties: Property) -> tuple[Property, ...]:
    """The properties that have values."""
    return tuple(prop for prop in properties if prop.values)
