"""The terms as every export format sees them: labels, status, successor, old ids, definition,
see-also relations and identifiers, read from the term graph once.

Which terms: every entry of the graph (the first definition of an id), in A–Z
order, except drafts unless they are asked for (as ``build`` leaves them out).
Relations (see-also, successor) are kept only when they lead to a term of the
export, so every format can point at it.

Identifiers (IRIs), documented in the README's "Exports":

- with ``base_url``: a term is its page's URL,
  ``<base_url><folder>/index.html`` (the folder as the site names it,
  percent-encoded), the glossary is ``<base_url>``;
- without: ``urn:x-glossary:<title>:<id>`` and ``urn:x-glossary:<title>``,
  title and id percent-encoded (UTF-8), so they are absolute, ASCII and stable
  as long as the title and the id stay.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass

from glossary_build.core.config import Config
from glossary_build.core.model import Entry, Status
from glossary_build.graph.terms import Target, TargetKind, TermGraph, resolve
from glossary_build.render.urls import Urls, page_paths

URN_PREFIX = "urn:x-glossary:"
"""The start of a term's IRI when no ``base_url`` is configured."""

_NOT_IN_IRI = re.compile('[\x00-\x20<>"{}|^`\\\\\x7f]')
"""Characters an IRI may not hold as they are (RFC 3987; Turtle's IRIREF): percent-encoded."""


@dataclass(frozen=True, slots=True)
class Term:
    """One term of the export."""

    id: str
    """The entry's id."""
    label: str
    """The preferred label: the title as plain text (the id when the title is empty)."""
    aliases: tuple[str, ...]
    """Alternative labels."""
    hidden: tuple[str, ...]
    """Search-only labels (misspellings)."""
    status: Status
    """The term's standing."""
    replaced_by: str | None
    """``replaced-by`` as written."""
    successor: str | None
    """The id of the exported term ``replaced-by`` leads to (through an old id, too), or None."""
    formerly: tuple[str, ...]
    """Old ids."""
    definition: str
    """The short definition as plain text (may be empty)."""
    see_also: tuple[str, ...]
    """Ids of the exported terms its see-also section links to, in written order, once each."""
    iri: str
    """The term's identifier (see the module docstring)."""
    page: str
    """Its page, relative to the site root: ``<folder>/index.html``, percent-encoded."""
    url: str | None
    """The page's absolute URL, when ``base_url`` is configured."""
    path: str
    """The source file, relative to the glossary folder."""
    line: int
    """The line of its entry heading."""


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The glossary as a set of terms: what every exporter writes."""

    title: str
    """The glossary's title."""
    language: str
    """The language of its labels and definitions (``de`` or ``en``)."""
    base_url: str
    """``base_url`` from the config (with a trailing ``/``), or empty."""
    iri: str
    """The glossary's identifier (the SKOS concept scheme)."""
    terms: tuple[Term, ...]
    """The terms in A–Z order."""
    drafts: bool
    """True when draft terms were asked for."""
    left_out: tuple[str, ...]
    """Ids of the draft terms left out (empty with ``drafts``)."""
    by_id: Mapping[str, Term]
    """The terms by id."""


def vocabulary(graph: TermGraph, config: Config, *, drafts: bool = False) -> Vocabulary:
    """The terms of ``graph`` for export, drafts included only when ``drafts``."""
    kept = [entry_id for entry_id in graph.order if drafts or _published(graph.entries[entry_id])]
    exported = frozenset(kept)
    left_out = tuple(entry_id for entry_id in graph.order if entry_id not in exported)
    # The site gives folders to every entry of the graph; asking for the same set gives the
    # same folder names (a collision suffix depends on which ids there are).
    urls = Urls(page_paths(graph.entries).folders)
    scheme = iri_safe(config.base_url) if config.base_url else URN_PREFIX + _quote(config.title)
    terms = tuple(
        _term(graph, graph.entries[entry_id], exported, urls, config.base_url, scheme) for entry_id in kept
    )
    return Vocabulary(
        config.title, config.language, config.base_url, scheme, terms, drafts, left_out,
        {term.id: term for term in terms},
    )


def _published(entry: Entry) -> bool:
    return entry.concept.status is not Status.DRAFT


def _term(
    graph: TermGraph, entry: Entry, exported: frozenset[str], urls: Urls, base_url: str, scheme: str
) -> Term:
    page = urls.term_href(entry.id, "")
    url = iri_safe(base_url + page) if base_url else None
    return Term(
        id=entry.id,
        label=entry.title_text.strip() or entry.id,
        aliases=entry.concept.aliases,
        hidden=entry.concept.hidden,
        status=entry.concept.status,
        replaced_by=entry.concept.replaced_by,
        successor=_successor(graph, entry, exported),
        formerly=entry.concept.formerly,
        definition=entry.definition_text,
        see_also=_see_also(entry, graph.resolved[entry.id], exported),
        iri=url if url is not None else f"{scheme}:{_quote(entry.id)}",
        page=page,
        url=url,
        path=entry.path,
        line=entry.heading.span.line,
    )


def _successor(graph: TermGraph, entry: Entry, exported: frozenset[str]) -> str | None:
    """The exported term ``replaced-by`` leads to: an entry id, or an old id of one."""
    written = entry.concept.replaced_by
    if written is None:
        return None
    target = resolve(written, graph.definitions, graph.former)
    successor = _entry_of(target)
    return successor if successor in exported and successor != entry.id else None


def _see_also(entry: Entry, targets: tuple[Target | None, ...], exported: frozenset[str]) -> tuple[str, ...]:
    related: dict[str, None] = {}
    for item in entry.see_also:
        if item.reference_index is None:
            continue
        target_id = _entry_of(targets[item.reference_index])
        if target_id is not None and target_id in exported and target_id != entry.id:
            related[target_id] = None
    return tuple(related)


def _entry_of(target: Target | None) -> str | None:
    """The entry a target is, when it is a whole entry (not a section, not the index)."""
    if target is None or target.kind is not TargetKind.ENTRY:
        return None
    return target.entry_id


def _quote(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def iri_safe(text: str) -> str:
    """``text`` with the characters no IRI may hold as they are (space, ``<>"{}|^`\\``,
    control characters) percent-encoded; everything else, ``%`` and letters beyond
    ASCII included, kept."""
    return _NOT_IN_IRI.sub(_percent, text)


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))
