"""One row per term as CSV (``export --format csv``), for spreadsheets and translators.

Columns, after a header row: ``id``, ``title``, ``aliases`` (joined with
``"; "``, as written: an alias never holds ``;``), ``status``,
``definition``, ``url`` (the page's URL with ``base_url``, else its path
from the site root) and ``replaced_by`` (the successor's id). Quoting is
RFC 4180's, by the csv module: a field with a comma, quote or line break is
quoted, quotes doubled; rows end with CRLF; UTF-8 without byte order mark.
"""

from __future__ import annotations

import csv
import io

from glossary_build.export.terms import Term, Vocabulary

COLUMNS = ("id", "title", "aliases", "status", "definition", "url", "replaced_by")


def csv_rows(vocabulary: Vocabulary) -> str:
    """The vocabulary as CSV text."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_row(term) for term in vocabulary.terms)
    return buffer.getvalue()


def _row(term: Term) -> tuple[str, ...]:
    return (
        term.id,
        term.label,
        "; ".join(term.aliases),
        term.status.value,
        term.definition,
        term.url if term.url is not None else term.page,
        term.successor or "",
    )
