"""Synthetic German-like prose for benchmark corpora.

Nothing here is taken from a real glossary: nouns, verbs and adjectives are
built from syllables, glued together with a small set of German function
words, so the text has the shape of German (capitalised compounds, umlauts,
long words) without meaning anything.  Everything is drawn from the
``random.Random`` passed in, so a seed fixes the text.
"""

from __future__ import annotations

import random
from collections.abc import Callable

_PREFIXES = ("Ver", "Be", "Ent", "Aus", "Ein", "Unter", "Über", "Zu", "Vor", "Nach",
             "Ab", "An", "Um", "Durch", "Mit", "Gegen", "Rück", "Fort")
_STEMS = ("arbeit", "wert", "bild", "mess", "lern", "schicht", "rechn", "form", "stell",
          "spiel", "zeig", "trag", "bau", "fass", "lauf", "bind", "schätz", "folg", "such",
          "ordn", "gleich", "teil", "wandl", "prüf", "füg", "zähl", "leit", "halt", "riss",
          "wurf", "schlag", "gang", "fluss", "satz", "druck", "griff", "blick", "klang")
_SUFFIXES = ("ung", "heit", "keit", "schaft", "nis", "er", "ling", "tum", "e", "raum",
             "werk", "feld", "wert", "modell", "netz", "verfahren", "system", "muster")
_ADJ_SUFFIXES = ("ig", "lich", "isch", "bar", "sam", "al", "iv", "los", "reich")
_VERB_ENDINGS = ("t", "en", "iert")

_ARTICLES = ("der", "die", "das", "ein", "eine", "jede", "diese", "manche")
_PREPOSITIONS = ("mit", "für", "von", "in", "auf", "bei", "durch", "über", "unter",
                 "zwischen", "nach", "ohne", "gegenüber")
_CONNECTORS = ("und", "oder", "sowie", "aber auch", "wobei", "während", "sodass")
_ADVERBS = ("häufig", "meist", "dabei", "zunächst", "schließlich", "kaum", "besonders",
            "vor allem", "gleichzeitig", "typischerweise", "zudem", "daher")
_OPENERS = ("Im Kern", "In der Praxis", "Grundsätzlich", "Historisch", "Technisch gesehen",
            "Vereinfacht", "Aus diesem Grund", "Im Gegensatz dazu", "Darüber hinaus")


class Lexicon:
    """A seeded word list: nouns, adjectives and verbs built from syllables."""

    def __init__(self, rng: random.Random, nouns: int = 1500, adjectives: int = 300,
                 verbs: int = 400) -> None:
        self.rng = rng
        """The generator every word choice draws from."""
        self.nouns = _unique(lambda: _noun(rng), nouns)
        """Capitalised (often compound) nouns."""
        self.adjectives = _unique(lambda: _adjective(rng), adjectives)
        """Lower-case adjective stems (no inflection)."""
        self.verbs = _unique(lambda: _verb(rng), verbs)
        """Lower-case third-person verb forms."""

    def noun(self) -> str:
        """One noun."""
        return self.rng.choice(self.nouns)

    def adjective(self) -> str:
        """One adjective, with a plausible inflection ending."""
        return self.rng.choice(self.adjectives) + self.rng.choice(("e", "en", "er", "es"))

    def verb(self) -> str:
        """One verb form."""
        return self.rng.choice(self.verbs)

    def phrase(self) -> str:
        """A short noun phrase: article, maybe an adjective, a noun."""
        words = [self.rng.choice(_ARTICLES)]
        if self.rng.random() < 0.45:
            words.append(self.adjective())
        words.append(self.noun())
        return " ".join(words)

    def clause(self, words: int) -> list[str]:
        """About ``words`` words of a main clause, as a list of tokens."""
        out = self.phrase().split() + [self.verb()]
        while len(out) < words:
            pick = self.rng.random()
            if pick < 0.35:
                out += [self.rng.choice(_PREPOSITIONS)] + self.phrase().split()
            elif pick < 0.55:
                out += [self.rng.choice(_CONNECTORS)] + self.phrase().split()
            elif pick < 0.7:
                out.append(self.rng.choice(_ADVERBS))
            else:
                out += self.phrase().split()
        return out

    def sentence(self, low: int = 7, high: int = 12) -> str:
        """One sentence of ``low``..``high`` words ending with a full stop."""
        tokens = self.clause(self.rng.randint(low, high))
        if self.rng.random() < 0.2:
            tokens = [self.rng.choice(_OPENERS) + ","] + tokens
        first = tokens[0]
        tokens[0] = first[:1].upper() + first[1:]
        return " ".join(tokens) + "."

    def title_word(self) -> str:
        """A word for an entry title: a noun, sometimes an adjective in front."""
        if self.rng.random() < 0.25:
            adjective = self.rng.choice(self.adjectives) + "e"
            return adjective[:1].upper() + adjective[1:] + " " + self.noun()
        return self.noun()


def _unique(make: Callable[[], str], count: int) -> list[str]:
    """``count`` distinct words from ``make``, in first-drawn order."""
    seen: dict[str, None] = {}
    attempts = 0
    while len(seen) < count and attempts < count * 50:
        seen.setdefault(make(), None)
        attempts += 1
    return list(seen)


def _noun(rng: random.Random) -> str:
    parts = []
    if rng.random() < 0.6:
        parts.append(rng.choice(_PREFIXES))
    parts.append(rng.choice(_STEMS))
    if rng.random() < 0.3:
        parts.append(rng.choice(("s", "")) + rng.choice(_STEMS))
    parts.append(rng.choice(_SUFFIXES))
    word = "".join(parts)
    return word[:1].upper() + word[1:]


def _adjective(rng: random.Random) -> str:
    return rng.choice(_STEMS) + rng.choice(_ADJ_SUFFIXES)


def _verb(rng: random.Random) -> str:
    prefix = rng.choice(_PREFIXES).lower() if rng.random() < 0.5 else ""
    return prefix + rng.choice(_STEMS) + rng.choice(_VERB_ENDINGS)
