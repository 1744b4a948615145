"""The search index's telling words: tf-idf ranking of each term's words (render/search.py)."""

from __future__ import annotations

import math
import random

from glossary_build.render.search import ranked_words, telling_words


def plain_ranking(counted: dict[str, dict[str, int]], exclude: dict[str, set[str]], limit: int) -> dict[str, list[str]]:
    """The ranking as the search index documents it, written the obvious way."""
    kept = {entry: {w: c for w, c in counts.items() if w not in exclude[entry]} for entry, counts in counted.items()}
    frequency: dict[str, int] = {}
    for counts in kept.values():
        for word in counts:
            frequency[word] = frequency.get(word, 0) + 1
    total = max(len(kept), 1)

    def weight(word: str, count: int) -> float:
        return (1 + math.log(count)) * math.log(1 + total / frequency[word])

    return {
        entry: sorted(counts, key=lambda word: (-weight(word, counts[word]), word))[:limit]
        for entry, counts in kept.items()
    }


def test_rare_and_frequent_words_come_first_ties_in_alphabetical_order() -> None:
    texts = {
        "a": "vektor vektor vektor raum modell",
        "b": "raum modell netz",
        "c": "raum modell gewicht",
    }
    found = telling_words(texts, {entry: set() for entry in texts}, 3)
    assert found["a"] == ["vektor", "modell", "raum"]  # frequent here and rare elsewhere first
    assert found["b"] == ["netz", "modell", "raum"]


def test_excluded_words_are_neither_listed_nor_counted_as_common() -> None:
    counted = {"a": {"raum": 1, "netz": 1}, "b": {"raum": 1}, "c": {"raum": 1, "netz": 1}}
    exclude = {"a": {"raum"}, "b": set(), "c": {"netz"}}
    found = ranked_words(counted, exclude, 5)
    assert found == {"a": ["netz"], "b": ["raum"], "c": ["raum"]}


def test_matches_the_plain_ranking_on_random_glossaries() -> None:
    rng = random.Random(15)
    vocabulary = [f"wort{n}" for n in range(400)]
    for _ in range(40):
        counted = {
            f"e{n}": {word: rng.choice((1, 1, 1, 2, 3, 9)) for word in rng.sample(vocabulary, rng.randrange(0, 40))}
            for n in range(rng.randrange(1, 60))
        }
        exclude = {entry: set(rng.sample(vocabulary, rng.randrange(0, 20))) for entry in counted}
        for limit in (1, 3, 5):
            assert ranked_words(counted, exclude, limit) == plain_ranking(counted, exclude, limit)
