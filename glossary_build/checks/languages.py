"""The check of links across the languages of a multilingual glossary: ``link-to-other-language``.

A link resolves within its language.  When its id is no term, section or
old id of this language but another language has an entry with it
(:attr:`~glossary_build.graph.terms.TermGraph.elsewhere`), the link leads to
that language's page, and the finding says which file to translate.  Unlike
the checks of :data:`glossary_build.checks.run.CHECKS` it needs to know the
other languages' files: :func:`other_language_check` binds them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from glossary_build.checks.terms import Check
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.model import Reference
from glossary_build.core.rules import default_severity, emits
from glossary_build.graph.languages import LANGUAGE_NAMES, language_label
from glossary_build.graph.terms import TermGraph


@dataclass(frozen=True)
class OtherLanguages:
    """What the checks of one language know of the glossary's other languages."""

    code: str
    """The checked language (``de``)."""
    folders: Mapping[str, str]
    """Each language's entries folder as finding paths show it (``en`` -> ``entries/en``)."""
    paths: Mapping[str, Mapping[str, str]]
    """For each other language, the file of each of its entries (id -> ``entries/en/x.md``)."""


def other_language_check(others: OtherLanguages) -> Check:
    """The ``link-to-other-language`` check of the language ``others`` describes."""
    return functools.partial(other_language_links, others=others)


@emits("link-to-other-language")
def other_language_links(graph: TermGraph, others: OtherLanguages) -> Iterable[Diagnostic]:
    """One ``link-to-other-language`` per reference to an id that only other languages have."""
    elsewhere = graph.elsewhere
    if not elsewhere:
        return
    for _entry, reference, target in graph.references():
        if target is None and reference.target in elsewhere:
            yield _other_language(reference, elsewhere[reference.target], others)


def _other_language(reference: Reference, languages: tuple[str, ...], others: OtherLanguages) -> Diagnostic:
    ident, first = reference.target, languages[0]
    if len(languages) == 1:
        message = f"'{ident}' exists only in {language_label(first)}: the link leads to that page"
    else:
        named = ", ".join(language_label(code) for code in languages[:-1])
        message = (
            f"'{ident}' exists only in {named} and {language_label(languages[-1])}: "
            f"the link leads to the {LANGUAGE_NAMES.get(first, first)} page"
        )
    return Diagnostic(
        "link-to-other-language",
        default_severity("link-to-other-language"),
        message,
        reference.span,
        _hint(ident, first, others),
        data=(("target", ident), ("kind", reference.kind.value), ("languages", " ".join(languages))),
    )


def _hint(ident: str, language: str, others: OtherLanguages) -> str:
    """Which file to translate, and where its translation goes."""
    source = others.paths.get(language, {}).get(ident)
    here, there = others.folders[others.code], others.folders[language]
    name = LANGUAGE_NAMES.get(others.code, others.code)
    if source is None or not source.startswith(there + "/"):
        return f"translate the term into {name} in {here}/, or link to a term that exists in {name}"
    return f"translate {source} into {here}{source[len(there):]}, or link to a term that exists in {name}"
