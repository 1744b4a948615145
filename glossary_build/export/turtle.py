"""SKOS as Turtle (``export --format skos``), written by a small serialiser of our own.

The data is one fixed shape (a scheme and its concepts, with literal and IRI
values), so writing it is a few lines; what needs care is the escaping, by
the Turtle grammar (W3C Turtle, 2014):

- strings are ``"..."`` with ``\\"``, ``\\\\``, ``\\n``, ``\\r``, ``\\t``, ``\\b`` and
  ``\\f`` escaped, other control characters as ``\\uXXXX``; every other
  character, letters beyond ASCII included, stays as UTF-8;
- IRIs are ``<...>`` with the characters IRIREF excludes percent-encoded.

The tests parse the output back with rdflib and compare the triples.
"""

from __future__ import annotations

from glossary_build.export.skos import PREFIXES, Boolean, Iri, Resource, Text, Value, skos_resources
from glossary_build.export.terms import Vocabulary, iri_safe

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_STRING_TABLE = {
    **{code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F)},
    **{ord(char): escaped for char, escaped in _ESCAPES.items()},
}
"""What :func:`string` replaces: the escapes above, other control characters as ``\\uXXXX``."""


def skos_turtle(vocabulary: Vocabulary) -> str:
    """The vocabulary as SKOS in Turtle."""
    lines = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in PREFIXES]
    for resource in skos_resources(vocabulary):
        lines.append("")
        lines.extend(_resource(resource))
    return "\n".join(lines) + "\n"


def _resource(resource: Resource) -> list[str]:
    lines = [f"{iri(resource.iri.value)} a {resource.type}"]
    for prop in resource.properties:
        lines[-1] += " ;"
        lines.append(f"    {prop.name} {', '.join(turtle_value(value) for value in prop.values)}")
    lines[-1] += " ."
    return lines


def turtle_value(value: Value) -> str:
    """One value in Turtle syntax."""
    if isinstance(value, Iri):
        return iri(value.value)
    if isinstance(value, Boolean):
        return "true" if value.value else "false"
    assert isinstance(value, Text)
    tag = f"@{value.language}" if value.language else ""
    return string(value.value) + tag


def iri(text: str) -> str:
    """``<text>``, with what IRIREF excludes percent-encoded."""
    return f"<{iri_safe(text)}>"


def string(text: str) -> str:
    """A Turtle string literal (``STRING_LITERAL_QUOTE``)."""
    return '"' + text.translate(_STRING_TABLE) + '"'
