"""SKOS as JSON-LD (``export --format jsonld``): the resources of :mod:`.skos` in compacted
form, with an ``@context`` that says what every key means.

The context gives every SKOS property a short key (``prefLabel``, ``related``,
...), makes the glossary's language the default for strings, coerces the keys
whose values are resources to IRIs, and keeps ids and status notes free of a
language tag. Keys that may hold several values are always lists. ``id`` and
``type`` stand for ``@id`` and ``@type``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from glossary_build.export.skos import PREFIXES, Boolean, Iri, Resource, Text, Value, skos_resources
from glossary_build.export.terms import Vocabulary


@dataclass(frozen=True, slots=True)
class Key:
    """How one SKOS property is written in JSON-LD."""

    name: str
    """The key in a node object."""
    values: str
    """``iri``, ``tagged`` (text in the glossary's language), ``plain`` (text without
    a language) or ``boolean``."""
    many: bool = False
    """Always a list."""


KEYS = {
    "dct:title": Key("title", "tagged"),
    "skos:hasTopConcept": Key("hasTopConcept", "iri", many=True),
    "skos:inScheme": Key("inScheme", "iri"),
    "skos:topConceptOf": Key("topConceptOf", "iri"),
    "skos:notation": Key("notation", "plain"),
    "skos:prefLabel": Key("prefLabel", "tagged"),
    "skos:altLabel": Key("altLabel", "tagged", many=True),
    "skos:hiddenLabel": Key("hiddenLabel", "tagged", many=True),
    "skos:definition": Key("definition", "tagged"),
    "skos:related": Key("related", "iri", many=True),
    "dct:identifier": Key("identifier", "plain", many=True),
    "skos:editorialNote": Key("editorialNote", "plain"),
    "owl:deprecated": Key("deprecated", "boolean"),
    "skos:historyNote": Key("historyNote", "tagged"),
    "dct:isReplacedBy": Key("isReplacedBy", "iri"),
    "dct:replaces": Key("replaces", "iri", many=True),
}
"""Every property :func:`~glossary_build.export.skos.skos_resources` writes."""

TYPES = {"skos:Concept": "Concept", "skos:ConceptScheme": "ConceptScheme"}


def skos_json_ld(vocabulary: Vocabulary) -> str:
    """The vocabulary as SKOS in JSON-LD."""
    document = {
        "@context": context(vocabulary.language),
        "@graph": [_node(resource, vocabulary.language) for resource in skos_resources(vocabulary)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def context(language: str) -> dict[str, Any]:
    """The ``@context``: prefixes, the default language, and a definition per key."""
    definitions: dict[str, Any] = {prefix: namespace for prefix, namespace in PREFIXES}
    definitions.update({"@language": language, "id": "@id", "type": "@type"})
    definitions.update({short: name for name, short in TYPES.items()})
    for name, key in KEYS.items():
        definition: dict[str, Any] = {"@id": name}
        if key.values == "iri":
            definition["@type"] = "@id"
        elif key.values == "plain":
            definition["@language"] = None
        if key.many:
            definition["@container"] = "@set"
        definitions[key.name] = definition
    return definitions


def _node(resource: Resource, language: str) -> dict[str, Any]:
    node: dict[str, Any] = {"id": resource.iri.value, "type": TYPES[resource.type]}
    for prop in resource.properties:
        key = KEYS[prop.name]
        values = [_value(key, value, language) for value in prop.values]
        node[key.name] = values if key.many else _single(prop.name, values)
    return node


def _single(name: str, values: list[Any]) -> Any:
    if len(values) != 1:
        raise ValueError(f"{name} has {len(values)} values; its JSON-LD key holds one")
    return values[0]


def _value(key: Key, value: Value, language: str) -> Any:
    """A value as its key's definition in the context reads it; any other kind is a bug."""
    if key.values == "iri" and isinstance(value, Iri):
        return value.value
    if key.values == "boolean" and isinstance(value, Boolean):
        return value.value
    if isinstance(value, Text) and (value.language == language if key.values == "tagged" else
                                    key.values == "plain" and value.language is None):
        return value.value
    raise ValueError(f"{key.name}: a {type(value).__name__} does not fit the key's definition")
