"""A–Z order for German glossaries (DIN 5007-1: umlauts sort as their base letter).

``Ä`` sorts as ``A``, ``ß`` as ``ss``, ``Œ`` as ``OE`` (French too), case is ignored; titles that start
with a digit or symbol form their own group, ``#``, before ``A``.
Ties are broken by the original text, so the order is total and stable.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

OTHER_GROUP = "#"
LETTERS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@lru_cache(maxsize=1 << 16)  # titles are folded again for every order, letter and check
def fold(text: str) -> str:
    """Case- and accent-insensitive form: ``Über`` -> ``uber``, ``Straße`` -> ``strasse``."""
    if text.isascii():  # nothing to decompose
        return text.casefold()
    # The ligatures œ and æ (Œuvre, Cæsar) are two letters; NFKD leaves them as one.
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe").replace("æ", "ae"))
    if decomposed.isascii():  # no combining marks to drop
        return decomposed
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def sort_key(title: str) -> tuple[int, str, str]:
    """Key for sorting titles: the ``#`` group first, then by folded text."""
    folded = _from_first_alnum(fold(title))
    return (0 if _letter(folded) == OTHER_GROUP else 1, folded, title)


def letter_of(title: str) -> str:
    """The index letter a title is listed under (``A``–``Z``, or ``#``).

    Leading quotes and brackets are skipped: „Attention“ is listed under A.
    """
    return _letter(_from_first_alnum(fold(title)))


def _letter(folded: str) -> str:
    first = folded[:1].upper()
    return first if first in LETTERS else OTHER_GROUP


def _from_first_alnum(text: str) -> str:
    for index, char in enumerate(text):
        if char.isalnum():
            return text[index:]
    return text
