"""Data for search engines and other tools: JSON-LD, ``sitemap.xml`` and ``graph.json``.

JSON-LD uses schema.org's ``DefinedTerm`` (one per term page) and
``DefinedTermSet`` (the glossary).  A term's aliases are its
``alternateName`` (hidden labels are not published).  schema.org has no
property for a deprecated term's successor (``sameAs`` would say both are
one thing; ``supersededBy`` is for schema terms: classes, properties,
enumerations), so a deprecated term says so with two established properties
from outside schema.org, written as full IRIs so the ``@context`` stays
plain ``https://schema.org``: ``owl:deprecated`` (:data:`DEPRECATED`, true)
and Dublin Core's ``dcterms:isReplacedBy`` (:data:`IS_REPLACED_BY`), "a
related resource that supplants, displaces, or supersedes the described
resource", whose value is the successor as a ``DefinedTerm``.  It is embedded with
:func:`~glossary_build.render.search.script_json`, which escapes ``<``, ``>``
and ``&``, so no text of an entry can close the ``<script>`` element.
Absolute URLs appear only when ``base_url`` is configured.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from html import escape
from typing import Any

from glossary_build.core.model import Reference, ReferenceKind, Status
from glossary_build.graph.published import successor
from glossary_build.graph.terms import Target, TermGraph
from glossary_build.render.search import script_json
from glossary_build.render.urls import Urls

DEPRECATED = "http://www.w3.org/2002/07/owl#deprecated"
"""``owl:deprecated``: true on a deprecated term."""
IS_REPLACED_BY = "http://purl.org/dc/terms/isReplacedBy"
"""``dcterms:isReplacedBy``: a deprecated term's successor."""


def _term_set(title: str, base_url: str) -> dict[str, Any]:
    term_set: dict[str, Any] = {"@type": "DefinedTermSet", "name": title}
    if base_url:
        term_set["url"] = f"{base_url}index.html"
    return term_set


def term_json_ld(graph: TermGraph, entry_id: str, urls: Urls, title: str, base_url: str) -> str:
    """The JSON-LD of a term page (``DefinedTerm`` in its ``DefinedTermSet``)."""
    entry = graph.entries[entry_id]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": entry.title_text,
        "termCode": entry_id,
        "inDefinedTermSet": _term_set(title, base_url),
    }
    if entry.concept.aliases:
        data["alternateName"] = list(entry.concept.aliases)
    if entry.definition_text:
        data["description"] = entry.definition_text
    if base_url:
        data["url"] = base_url + urls.term_href(entry_id, "")
    if entry.concept.status is Status.DEPRECATED:
        data[DEPRECATED] = True
        found = successor(graph, entry_id)
        if found is not None:
            replacement: dict[str, Any] = {"@type": "DefinedTerm", "name": graph.title(found), "termCode": found}
            if base_url:
                replacement["url"] = base_url + urls.term_href(found, "")
            data[IS_REPLACED_BY] = replacement
    return script_json(data)


def set_json_ld(graph: TermGraph, urls: Urls, title: str, base_url: str, with_terms: bool = True) -> str:
    """The JSON-LD of the glossary (``DefinedTermSet``, with its terms when ``with_terms``)."""
    data: dict[str, Any] = {"@context": "https://schema.org", **_term_set(title, base_url)}
    if with_terms:
        terms = []
        for entry_id in graph.order:
            term: dict[str, Any] = {"@type": "DefinedTerm", "name": graph.title(entry_id), "termCode": entry_id}
            if base_url:
                term["url"] = base_url + urls.term_href(entry_id, "")
            terms.append(term)
        data["hasDefinedTerm"] = terms
    return script_json(data)


def sitemap_xml(graph: TermGraph, urls: Urls, base_url: str, extra_pages: tuple[str, ...]) -> str:
    """``sitemap.xml`` listing every page (only meaningful with a ``base_url``)."""
    pages = ["index.html", *extra_pages, *(urls.term_href(entry_id, "") for entry_id in graph.order)]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(base_url + page)}</loc></url>" for page in pages]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


GraphPiece = tuple[str, str, tuple[str, ...]]
"""One entry's part of ``graph.json`` (:func:`graph_piece`)."""


def graph_json(graph: TermGraph, urls: Urls, piece: Callable[[str], GraphPiece] | None = None) -> str:
    """The term graph for other tools: terms, links (with kind and count) and unwritten targets.

    Assembled from each entry's :func:`graph_piece` (``piece`` gives them, kept
    ones in an incremental build): the terms in A–Z order, the links by source,
    target and kind, the unwritten targets by id with the entries that name
    them.  A glossary with an entry shown on the page of another id (a copy
    under a section's anchor) is made whole: its links' sources are not the
    pieces' entries.
    """
    if any(copy.entry.id != entry_id for entry_id, copies in graph.copies.items() for copy in copies):
        return _graph_json_whole(graph, urls)
    piece = piece or (lambda entry_id: graph_piece(graph, urls, entry_id))
    pieces = {entry_id: piece(entry_id) for entry_id in graph.entries}
    terms = ",".join([pieces[entry_id][0] for entry_id in graph.order])
    links = ",".join([pieces[entry_id][1] for entry_id in sorted(graph.entries) if pieces[entry_id][1]])
    missing: dict[str, list[str]] = {}
    for entry_id, (_, _, targets) in pieces.items():  # in the order of graph.references()
        for target in targets:
            sources = missing.setdefault(target, [])
            if entry_id not in sources:
                sources.append(entry_id)
    unwritten = _json([{"id": target, "referenced_by": sources} for target, sources in sorted(missing.items())])
    return f'{{"version":1,"terms":[{terms}],"links":[{links}],"missing":{unwritten}}}\n'


def graph_piece(graph: TermGraph, urls: Urls, entry_id: str) -> GraphPiece:
    """What ``graph.json`` shows of one entry: its term (JSON), its links to other terms (JSON
    objects, comma-separated, by target and kind, with their counts; its copies' links
    included) and the targets of its broken references, in order."""
    term = _json(_term_data(graph, urls, entry_id))
    counts: dict[tuple[str, str], int] = {}
    targets: list[str] = []
    for reference, target in _references(graph, entry_id):
        kind = "see-also" if reference.kind is ReferenceKind.SEE_ALSO else "link"
        if target is None:
            targets.append(reference.target)
        elif target.entry_id is not None and target.entry_id != entry_id:
            counts[(target.entry_id, kind)] = counts.get((target.entry_id, kind), 0) + 1
    links = [
        {"source": entry_id, "target": target, "kind": kind, "count": count}
        for (target, kind), count in sorted(counts.items())
    ]
    return term, _json(links)[1:-1], tuple(targets)


def _references(graph: TermGraph, entry_id: str) -> Iterator[tuple[Reference, Target | None]]:
    """The references of an entry and of its copies, with their targets (as in graph.references())."""
    yield from zip(graph.entries[entry_id].references, graph.resolved[entry_id])
    for copy in graph.copies.get(entry_id, ()):
        yield from zip(copy.entry.references, copy.resolved)


def _term_data(graph: TermGraph, urls: Urls, entry_id: str) -> dict[str, str]:
    return {
        "id": entry_id,
        "title": graph.title(entry_id),
        "definition": graph.entries[entry_id].definition_text,
        "path": urls.page_path(entry_id),
        "source": graph.entries[entry_id].path,
    }


def _json(value: object) -> str:
    # Compact: indenting would make ``json`` fall back to its pure-Python
    # encoder, several times slower on a large glossary's graph.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _graph_json_whole(graph: TermGraph, urls: Urls) -> str:
    """:func:`graph_json` made in one piece, from every reference."""
    terms = [_term_data(graph, urls, entry_id) for entry_id in graph.order]
    links: dict[tuple[str, str, str], int] = {}
    missing: dict[str, list[str]] = {}
    for entry, reference, target in graph.references():
        kind = "see-also" if reference.kind is ReferenceKind.SEE_ALSO else "link"
        if target is None:
            sources = missing.setdefault(reference.target, [])
            if entry.id not in sources:
                sources.append(entry.id)
        elif target.entry_id is not None and target.entry_id != entry.id:
            key = (entry.id, target.entry_id, kind)
            links[key] = links.get(key, 0) + 1
    data = {
        "version": 1,
        "terms": terms,
        "links": [{"source": s, "target": t, "kind": k, "count": n} for (s, t, k), n in sorted(links.items())],
        "missing": [{"id": target, "referenced_by": sources} for target, sources in sorted(missing.items())],
    }
    return _json(data) + "\n"
