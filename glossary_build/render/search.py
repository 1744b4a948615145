"""The client-side search: ``search-index.js`` and the definition shards ``search/d<n>.js``.

Both are scripts that set globals instead of JSON that is fetched, so search,
term previews and "random term" work from ``file://`` too.

``search-index.js`` sets ``window.GLOSSARY_INDEX``.  It holds what matching
needs and nothing more, so 10,000 terms stay under 600 KB gzipped.  Each term
is an array in A–Z order (the position is the rank that breaks ties), trailing
empty fields left out::

    [id, title, aliases, lead, body, parts, folder]

- ``id``: empty when it is the title with spaces as hyphens
  (``Natural Language Processing`` / ``Natural-Language-Processing``);
- ``title``: empty when it equals the id;
- ``aliases``: ``|``-separated other names, folded: the term's own aliases and
  hidden labels (``aliases=``, ``hidden=``; all of them, first), the id when it
  differs from the title, bold words of the definition, and the texts other
  entries use to link to the term (``[neuronaler Netze](#Neural-Network)``).
  The search box never shows these names, so hidden labels (misspellings)
  are found but never seen;
- ``lead``: folded distinct words of the short definition, rarest first, at
  most :data:`LEAD_WORDS`;
- ``body``: folded distinct words of the rest of the entry, rarest in the
  glossary first, at most :data:`BODY_WORDS` (common words find nothing useful
  and cost the most bytes);
- ``parts``: folded titles of other terms that occur inside this term's title
  words (``Vektordatenbank`` has the part ``datenbank`` when "Datenbank" is a
  term), so a search for the part finds the compound;
- ``folder``: the page's folder when it is not the id.

The short definitions that results show live in shards of :data:`SHARD_SIZE`
terms, ``search/d<n>.js``, each setting ``window.GLOSSARY_DEFINITIONS[n]``;
the search box loads a shard with a script tag when a result needs it.

Folding (:func:`search_fold`) must equal ``fold`` in ``static/search.js``:
lower case, accents off, ``ß`` to ``ss``, ``œ`` and ``æ`` to ``oe`` and ``ae``, and ``ae``/``oe``/``ue`` to
``a``/``o``/``u``, so ``ueber`` and ``Über`` meet in ``uber``.
"""

from __future__ import annotations

import functools
import json
import math
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from html import unescape

from glossary_build.core.model import Entry
from glossary_build.graph.terms import TermGraph
from glossary_build.parse.markdown import placeholders

DEFINITION_CHARS = 300
"""Longest short definition kept for results and previews."""
LEAD_WORDS = 5
"""Most words of the short definition indexed per term."""
BODY_WORDS = 3
"""Most words of the rest of the entry indexed per term."""
SHARD_SIZE = 50
"""Terms per definition shard."""
MIN_PART = 4
"""Shortest term title that counts as a compound part."""

_TAG = re.compile(r"<[^>]*>")
_STRONG = re.compile(r"<strong>(.*?)</strong>", re.DOTALL)
_WORD = re.compile(r"[^\W_]+")
STOPWORDS = frozenset(
    [
        "aber", "alle", "allem", "allen", "aller", "alles", "also", "auch", "auf", "aus", "bei", "beim", "bereits",
        "bis", "dabei", "damit", "dann", "darauf", "darin", "das", "dass", "dem", "den", "denen", "der", "deren",
        "des", "dessen", "die", "dies", "diese", "diesem", "diesen", "dieser", "dieses", "doch", "durch", "ein",
        "eine", "einem", "einen", "einer", "eines", "etwa", "für", "gegen", "hat", "haben", "hier", "ihre", "ihrem",
        "ihren", "ihrer", "immer", "ist", "jede", "jedem", "jeden", "jeder", "jedes", "kann", "kein", "keine",
        "können", "man", "mehr", "meist", "mit", "nach", "nicht", "noch", "nur", "oder", "ohne", "schon", "sehr",
        "sich", "sie", "sind", "so", "sodass", "solche", "sowie", "statt", "über", "um", "und", "uns", "unter", "viel",
        "viele", "vom", "von", "vor", "war", "wenn", "werden", "wie", "wird", "wo", "zum", "zur", "zwischen", "als",
        "an", "am", "im", "in", "ins", "zu", "es", "er", "ob", "the", "and", "for", "with", "from", "that", "this",
        "are", "was", "were", "into", "its", "their", "which",
    ]
)


@functools.lru_cache(maxsize=65536)
def search_fold(text: str) -> str:
    """The search form of ``text``; the same as ``fold`` in ``static/search.js``.

    Cached: a glossary repeats its words many times.
    """
    text = text.lower()
    if not text.isascii():
        text = text.replace("ß", "ss").replace("œ", "oe").replace("æ", "ae")
        text = "".join(char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char))
    return text.replace("ae", "a").replace("oe", "o").replace("ue", "u")


def search_tokens(text: str) -> list[str]:
    """Folded words of ``text``, as ``tokens`` in ``static/search.js`` splits them."""
    return _WORD.findall(search_fold(text))


def strip_html(html: str) -> str:
    """Plain text of an HTML fragment (placeholders and tags removed)."""
    return " ".join(unescape(_TAG.sub(" ", placeholders.strip(html))).split())


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` (hyphenated words split into their parts).

    Hyphens and apostrophes are not word characters, so the parts of
    ``Encoder-Decoder`` or ``don't`` are simply the runs of word characters.
    """
    return _WORD.findall(text.lower())


def cut(text: str, limit: int = DEFINITION_CHARS) -> str:
    """``text`` shortened at a word boundary, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    shortened = text[:limit].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return shortened + "…"


OTHER_NAMES = 8
"""Most names per term besides its own aliases and hidden labels (which are all kept)."""


def aliases(graph: TermGraph) -> dict[str, list[str]]:
    """Other names of each term: its aliases and hidden labels, then its id, bold words of the
    definition and incoming link texts (at most :data:`OTHER_NAMES` names in all, unless its
    own labels are more)."""
    found: dict[str, list[str]] = {entry_id: [] for entry_id in graph.entries}
    folded: dict[str, set[str]] = {}
    own: dict[str, int] = {}

    def add(entry_id: str, name: str) -> None:
        key = name_key(name)
        if key and key not in folded[entry_id]:
            folded[entry_id].add(key)
            found[entry_id].append(name)

    for entry_id, entry in graph.entries.items():
        folded[entry_id] = {name_key(entry.title_text)}
        for label in (*entry.concept.aliases, *entry.concept.hidden):
            add(entry_id, label)
        own[entry_id] = len(found[entry_id])
        add(entry_id, entry_id.replace("-", " ").replace("_", " "))
        for bold in _STRONG.findall(entry.definition_html):
            add(entry_id, strip_html(bold))
    for source, reference, target in graph.references():
        if target is not None and target.entry_id not in (None, source.id) and target.anchor is None:
            add(target.entry_id, reference.text)
    return {entry_id: names[: max(OTHER_NAMES, own[entry_id])] for entry_id, names in found.items()}


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A name as the index holds it (folded words, space-separated); names of one term with
    the same key are one name to search.  Cached: link texts repeat."""
    return " ".join(search_tokens(name))


def compound_parts(graph: TermGraph) -> dict[str, list[str]]:
    """For each term, the one-word titles of other terms found inside its title words."""
    singles: dict[str, str] = {}
    for entry_id in graph.entries:
        title_words = search_tokens(graph.title(entry_id))
        if len(title_words) == 1 and len(title_words[0]) >= MIN_PART:
            singles.setdefault(title_words[0], entry_id)
    parts: dict[str, list[str]] = {}
    for entry_id in graph.entries:
        found: list[str] = []
        for word in search_tokens(graph.title(entry_id)):
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


def word_counts(text: str, forms: dict[str, str | None] | None = None) -> dict[str, int]:
    """The words of ``text`` that :func:`telling_words` weighs, folded, with their counts.

    A pure function of the text, so a build keeps it per entry
    (:mod:`glossary_build.render.pieces`) and counts only the edited ones.
    ``forms`` remembers each distinct word's form across calls: a glossary's
    vocabulary is small next to its number of words.
    """
    forms = {} if forms is None else forms
    counts: dict[str, int] = {}
    for word, count in Counter(words(text)).items():
        if word not in forms:
            forms[word] = _indexed_form(word)
        folded = forms[word]
        if folded is not None:
            counts[folded] = counts.get(folded, 0) + count
    return counts


def telling_words(texts: Mapping[str, str], exclude: Mapping[str, set[str]], limit: int) -> dict[str, list[str]]:
    """For each term, at most ``limit`` distinct folded words of its text, most telling first.

    Telling: frequent in the term's text and rare in the glossary (tf-idf).
    Stop words, numbers, words under three letters and words in ``exclude``
    are left out.
    """
    forms: dict[str, str | None] = {}
    return ranked_words({entry_id: word_counts(text, forms) for entry_id, text in texts.items()}, exclude, limit)


def ranked_words(
    counted: Mapping[str, Mapping[str, int]], exclude: Mapping[str, set[str]], limit: int
) -> dict[str, list[str]]:
    """:func:`telling_words` of texts already counted (:func:`word_counts`)."""
    per_term: dict[str, Mapping[str, int]] = {}
    document_frequency: Counter[str] = Counter()
    for entry_id, term_counts in counted.items():
        excluded = term_counts.keys() & exclude[entry_id]  # often none: then no copy
        counts = {w: n for w, n in term_counts.items() if w not in excluded} if excluded else term_counts
        per_term[entry_id] = counts
        document_frequency.update(counts.keys())
    total = max(len(per_term), 1)
    # Negated, so that sorting puts the heaviest first (ties A-Z); -(a * b) == a * -b exactly,
    # so the order is the one of the weights (1 + log(count)) * rarity.
    rarity = {word: -math.log(1 + total / frequency) for word, frequency in document_frequency.items()}
    most = max((max(counts.values(), default=0) for counts in per_term.values()), default=0)
    boost = [0.0, *(1 + math.log(count) for count in range(1, most + 1))]

    def ranked(counts: Mapping[str, int]) -> list[str]:
        # A term has dozens of words and 20,000 are ranked per build: iterated in C, not per word.
        weights = map(operator.mul, map(boost.__getitem__, counts.values()), map(rarity.__getitem__, counts))
        return [word for _, word in sorted(zip(weights, counts))[:limit]]

    return {entry_id: ranked(counts) for entry_id, counts in per_term.items()}


WordCounts = tuple[dict[str, int], dict[str, int]]
"""The counted words (:func:`word_counts`) of an entry's short definition and of the rest of it."""


def entry_word_counts(entry: Entry, forms: dict[str, str | None] | None = None) -> WordCounts:
    """What :func:`index_records` weighs of one entry: its definition's and its body's words."""
    return word_counts(entry.definition_text, forms), word_counts(body_text(entry), forms)


def _indexed_form(word: str) -> str | None:
    """The folded form under which :func:`telling_words` counts ``word``; None when it does not count."""
    if len(word) < 3 or word in STOPWORDS or word.isdigit():
        return None
    return search_fold(word)


def index_records(
    graph: TermGraph, folders: Mapping[str, str], counted: Callable[[str], WordCounts] | None = None
) -> list[list[str]]:
    """One compact record per term, in A–Z order (see the module docstring); ``counted`` gives
    an entry's :func:`entry_word_counts` (kept ones, in an incremental build)."""
    if counted is None:
        forms: dict[str, str | None] = {}
        counted = functools.partial(_count_entry, graph, forms)
    counts = {entry_id: counted(entry_id) for entry_id in graph.entries}
    names = aliases(graph)
    parts = compound_parts(graph)
    named = {
        entry_id: set(search_tokens(" ".join([graph.title(entry_id), *names[entry_id]]))) for entry_id in graph.entries
    }
    lead = ranked_words({entry_id: lead for entry_id, (lead, _) in counts.items()}, named, LEAD_WORDS)
    known = {entry_id: named[entry_id] | set(lead[entry_id]) for entry_id in graph.entries}
    body = ranked_words({entry_id: body for entry_id, (_, body) in counts.items()}, known, BODY_WORDS)
    records = []
    for entry_id in graph.order:
        title = graph.title(entry_id)
        record = [
            "" if title != entry_id and title.replace(" ", "-") == entry_id else entry_id,
            "" if title == entry_id else title,
            "|".join(name_key(name) for name in names[entry_id]),
            " ".join(lead[entry_id]),
            " ".join(body[entry_id]),
            " ".join(parts.get(entry_id, ())),
            "" if folders[entry_id] == entry_id else folders[entry_id],
        ]
        while record and not record[-1]:
            record.pop()
        records.append(record)
    return records


def _count_entry(graph: TermGraph, forms: dict[str, str | None], entry_id: str) -> WordCounts:
    return entry_word_counts(graph.entries[entry_id], forms)


def script_json(value: object) -> str:
    """JSON that is safe inside ``<script>`` and in a JS file: ``<``, ``>``, ``&`` escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def search_index_js(
    graph: TermGraph, folders: Mapping[str, str], counted: Callable[[str], WordCounts] | None = None
) -> str:
    """The text of ``search-index.js`` (``counted``: see :func:`index_records`)."""
    data = {"v": 2, "shard": SHARD_SIZE, "terms": index_records(graph, folders, counted)}
    return f"window.GLOSSARY_INDEX={script_json(data)};\n"


def definition_shards(graph: TermGraph) -> Iterator[tuple[str, str]]:
    """``(site path, text)`` of each definition shard ``search/d<n>.js``."""
    order = graph.order
    for number, start in enumerate(range(0, len(order), SHARD_SIZE)):
        definitions = [cut(graph.entries[entry_id].definition_text) for entry_id in order[start : start + SHARD_SIZE]]
        shards = "(window.GLOSSARY_DEFINITIONS=window.GLOSSARY_DEFINITIONS||{})"
        text = f"{shards}[{number}]={script_json(definitions)};\n"
        yield f"search/d{number}.js", text


def previews_json(
    graph: TermGraph, entry_ids: Iterable[str], elsewhere: Mapping[str, tuple[str, str]] | None = None
) -> str:
    """Title, short definition and aliases (when it has any) of each term, for the term
    previews of one page: ``{"LLM": ["Large Language Model", "Ein LLM …", ["LLM", "Sprachmodell"]]}``.
    Hidden labels are never shown.  ``elsewhere``: terms only other languages have, each
    with its language and title there, previewed as ``[title, "", [], language]``."""
    previews: dict[str, list[object]] = {}
    for entry_id in entry_ids:
        entry = graph.entries[entry_id]
        preview: list[object] = [entry.title_text, cut(entry.definition_text)]
        if entry.concept.aliases:
            preview.append(list(entry.concept.aliases))
        previews[entry_id] = preview
    for entry_id, (code, title) in (elsewhere or {}).items():
        previews[entry_id] = [title, "", [], code]
    return script_json(previews)
