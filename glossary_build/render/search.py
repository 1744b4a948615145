"""The client-side search index: ``search-index.js``, one compact file for the whole site.

The file sets a global (``window.GLOSSARY_INDEX``) instead of being fetched,
so search, term previews and "random term" work from ``file://`` too.

Each term is an array, in A–Z order (the array position is the rank used to
break ties), trailing empty fields left out::

    [id, title, definition, aliases, body, parts, folder]

- ``title``: empty when it equals the id;
- ``definition``: the short definition, cut at a word boundary after
  :data:`DEFINITION_CHARS` characters;
- ``aliases``: ``|``-separated other names: the id when it differs from the
  title, bold words of the definition, and the texts other entries use to
  link to the term (``[neuronaler Netze](#Neural-Network)``);
- ``body``: space-separated distinct words of the rest of the entry, at most
  :data:`BODY_WORDS`, rarest in the glossary first (common words find
  nothing useful and cost the most bytes);
- ``parts``: space-separated titles of other terms that occur inside this
  term's title words (``Vektordatenbank`` has the part ``datenbank`` when
  "Datenbank" is a term), so a search for the part finds the compound;
- ``folder``: the page's folder when it is not the id.

Matching (folding umlauts, prefixes, typos) happens in ``static/search.js``;
this module only chooses what goes in, so the folding rules live in one place.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from html import unescape

from ..collation import fold
from ..graph import TermGraph
from ..markdown import placeholders
from ..model import Entry

DEFINITION_CHARS = 220
"""Longest short definition kept in the index (previews and results show it)."""
BODY_WORDS = 24
"""Most body words indexed per term."""
MIN_PART = 4
"""Shortest term title that counts as a compound part."""

_TAG = re.compile(r"<[^>]*>")
_STRONG = re.compile(r"<strong>(.*?)</strong>", re.S)
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
STOPWORDS = frozenset(
    """aber alle allem allen aller alles also auch auf aus bei beim bereits bis dabei damit dann
    darauf darin das dass dem den denen der deren des dessen die dies diese diesem diesen dieser
    dieses doch durch ein eine einem einen einer eines etwa für gegen hat haben hier ihre ihrem
    ihren ihrer immer ist jede jedem jeden jeder jedes kann kein keine können man mehr meist mit
    nach nicht noch nur oder ohne schon sehr sich sie sind so sodass solche sowie statt über um
    und uns unter viel viele vom von vor war wenn werden wie wird wo zum zur zwischen als an am
    im in ins zu es er ob the and for with from that this are was were into its their which""".split()
)


def strip_html(html: str) -> str:
    """Plain text of an HTML fragment (placeholders and tags removed)."""
    return " ".join(unescape(_TAG.sub(" ", placeholders.strip(html))).split())


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` (hyphenated words split into their parts)."""
    return [part for match in _WORD.findall(text.lower()) for part in re.split(r"[-'’]", match) if part]


def cut(text: str, limit: int = DEFINITION_CHARS) -> str:
    """``text`` shortened at a word boundary, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    shortened = text[:limit].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return shortened + "…"


def aliases(graph: TermGraph) -> dict[str, list[str]]:
    """Other names of each term: id, bold words of the definition, incoming link texts."""
    found: dict[str, list[str]] = {entry_id: [] for entry_id in graph.entries}

    def add(entry_id: str, name: str) -> None:
        name = " ".join(name.split())
        if name and fold(name) != fold(graph.title(entry_id)) and name not in found[entry_id]:
            found[entry_id].append(name)

    for entry_id, entry in graph.entries.items():
        add(entry_id, entry_id.replace("-", " ").replace("_", " "))
        for bold in _STRONG.findall(entry.definition_html):
            add(entry_id, strip_html(bold))
    for source, reference, target in graph.references():
        if target is not None and target.entry_id is not None and target.anchor is None:
            if target.entry_id != source.id:
                add(target.entry_id, reference.text)
    return {entry_id: names[:8] for entry_id, names in found.items()}


def compound_parts(graph: TermGraph) -> dict[str, list[str]]:
    """For each term, the one-word titles of other terms found inside its title words."""
    singles: dict[str, str] = {}
    for entry_id in graph.entries:
        title_words = words(graph.title(entry_id))
        if len(title_words) == 1 and len(title_words[0]) >= MIN_PART:
            singles.setdefault(title_words[0], entry_id)
    parts: dict[str, list[str]] = {}
    for entry_id in graph.entries:
        found: list[str] = []
        for word in words(graph.title(entry_id)):
            for start in range(len(word) - MIN_PART + 1):
                for end in range(start + MIN_PART, len(word) + 1):
                    piece = word[start:end]
                    if piece != word and piece in singles and singles[piece] != entry_id and piece not in found:
                        found.append(piece)
        if found:
            parts[entry_id] = found
    return parts


def body_text(entry: Entry) -> str:
    """Text of the entry other than title and definition: lead, sections, stray text."""
    pieces = [entry.lead_html, entry.stray_html, *entry.taglines_html]
    for section in entry.sections:
        if not section.is_see_also:
            pieces += [section.heading.title_html, section.body_html]
    return strip_html(" ".join(pieces))


def body_words(graph: TermGraph, exclude: Mapping[str, set[str]]) -> dict[str, list[str]]:
    """The :data:`BODY_WORDS` rarest distinct body words of each term (not in ``exclude``)."""
    per_term: dict[str, Counter[str]] = {}
    document_frequency: Counter[str] = Counter()
    for entry_id, entry in graph.entries.items():
        counts = Counter(
            word for word in words(body_text(entry))
            if len(word) >= 3 and word not in STOPWORDS and not word.isdigit() and word not in exclude[entry_id]
        )
        per_term[entry_id] = counts
        document_frequency.update(counts.keys())
    total = max(len(per_term), 1)

    def weight(word: str, count: int) -> float:
        return (1 + math.log(count)) * math.log(1 + total / document_frequency[word])

    return {
        entry_id: sorted(counts, key=lambda word: (-weight(word, counts[word]), word))[:BODY_WORDS]
        for entry_id, counts in per_term.items()
    }


def index_records(graph: TermGraph, folders: Mapping[str, str]) -> list[list[str]]:
    """One compact record per term, in A–Z order (see the module docstring)."""
    names = aliases(graph)
    parts = compound_parts(graph)
    known = {
        entry_id: set(words(" ".join([graph.title(entry_id), entry.definition_text, *names[entry_id]])))
        for entry_id, entry in graph.entries.items()
    }
    body = body_words(graph, known)
    records = []
    for entry_id in graph.order:
        entry = graph.entries[entry_id]
        title = entry.title_text
        record = [
            entry_id,
            "" if title == entry_id else title,
            cut(entry.definition_text),
            "|".join(names[entry_id]),
            " ".join(body[entry_id]),
            " ".join(parts.get(entry_id, ())),
            "" if folders[entry_id] == entry_id else folders[entry_id],
        ]
        while record and not record[-1]:
            record.pop()
        records.append(record)
    return records


def script_json(value: object) -> str:
    """JSON that is safe inside ``<script>`` and in a JS file: ``<``, ``>``, ``&`` escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def search_index_js(graph: TermGraph, folders: Mapping[str, str], words_json: Mapping[str, str]) -> str:
    """The text of ``search-index.js``."""
    data = {"v": 1, "words": dict(words_json), "terms": index_records(graph, folders)}
    return f"window.GLOSSARY_INDEX={script_json(data)};\n"


def iter_records(records: Iterable[list[str]]) -> Iterable[tuple[str, str]]:
    """(id, title) of each record, for tests."""
    for record in records:
        yield record[0], (record[1] if len(record) > 1 and record[1] else record[0])
