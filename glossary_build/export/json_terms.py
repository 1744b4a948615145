"""The terms as JSON (``export --format json``), in the shape of ``docs/export-json-schema.json``.

The glossary's title, language and identifier, then every term with its
labels, status, successor, old ids, definition, see-also relations,
identifier, page and source position. The shape stays stable within a
:data:`VERSION`.
"""

from __future__ import annotations

import json
from typing import Any

from glossary_build.export.terms import Term, Vocabulary

VERSION = 1
"""Version of the JSON shape; raised only when a field changes meaning or is removed."""


def terms_data(vocabulary: Vocabulary) -> dict[str, Any]:
    """The vocabulary as plain data."""
    return {
        "version": VERSION,
        "title": vocabulary.title,
        "language": vocabulary.language,
        "iri": vocabulary.iri,
        "base_url": vocabulary.base_url or None,
        "drafts": vocabulary.drafts,
        "terms": [_term(term) for term in vocabulary.terms],
    }


def terms_json(vocabulary: Vocabulary) -> str:
    """:func:`terms_data` as indented JSON."""
    return json.dumps(terms_data(vocabulary), ensure_ascii=False, indent=2) + "\n"


def _term(term: Term) -> dict[str, Any]:
    return {
        "id": term.id,
        "title": term.label,
        "aliases": list(term.aliases),
        "hidden": list(term.hidden),
        "status": term.status.value,
        "replaced_by": term.replaced_by,
        "successor": term.successor,
        "formerly": list(term.formerly),
        "definition": term.definition,
        "see_also": list(term.see_also),
        "iri": term.iri,
        "page": term.page,
        "url": term.url,
        "source": {"path": term.path, "line": term.line},
    }
