"""Hints carried over a change of ids are the hints a new suggester finds."""

from __future__ import annotations

import random

from glossary_build.graph.suggest import Suggester

COMMON_PARTS = ("ver", "ung-", "en-", "schaft", "ge")
"""Parts of many ids of the last alphabet: their trigrams are common, and not counted."""


def _word(rng: random.Random, alphabet: str, lengths: tuple[int, int]) -> str:
    word = "".join(rng.choice(alphabet) for _ in range(rng.randint(*lengths)))
    if len(alphabet) > 20:  # long words of many rare trigrams, with common parts
        cut = rng.randrange(len(word))
        word = word[:cut] + rng.choice(COMMON_PARTS) + word[cut:]
    return word


def _edited(word: str, alphabet: str, rng: random.Random) -> str:
    """``word`` with one or two characters deleted, replaced or added: a typo."""
    for _ in range(rng.randint(1, 2)):
        at = rng.randrange(len(word) + 1)
        kind = rng.choice("drai")
        if kind == "d" and word:
            word = word[:at] + word[at + 1 :]
        elif kind == "r" and at < len(word):
            word = word[:at] + rng.choice(alphabet) + word[at + 1 :]
        else:
            word = word[:at] + rng.choice(alphabet) + word[at:]
    return word


def _changed(
    ids: list[str], preferred: set[str], owners: dict[str, str], alphabet: str, lengths: tuple[int, int],
    targets: list[str], rng: random.Random,
) -> tuple[list[str], set[str], dict[str, str]]:
    """A few ids added (some near a target: they may become its hint), removed, preferred or
    not, or owned by another entry."""
    ids, preferred, owners = list(ids), set(preferred), dict(owners)
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(["add", "add-typo", "add-near", "remove", "prefer", "owner"])
        if kind == "add-near":
            ids.append(_edited(_edited(rng.choice(targets), alphabet, rng), alphabet, rng))
        elif kind == "add":
            ids.append(_word(rng, alphabet, lengths))
        elif kind == "add-typo":
            ids.append(_edited(rng.choice(ids), alphabet, rng).upper() if rng.random() < 0.2 else
                       _edited(rng.choice(ids), alphabet, rng))
        elif kind == "remove":
            gone = ids.pop(rng.randrange(len(ids)))
            preferred.discard(gone)
            owners.pop(gone, None)
        elif kind == "prefer":
            preferred ^= {rng.choice(ids)}
        else:
            owners[rng.choice(ids)] = rng.choice(ids)
    ids = sorted(set(ident for ident in ids if ident))
    return ids, preferred & set(ids), {k: v for k, v in owners.items() if k in ids}


def test_carried_hints_are_those_of_a_new_suggester() -> None:
    """Random changes of ids over small alphabets (many shared trigrams, many ids one typo
    apart, trigrams common enough to be skipped): every kept hint is the new one.  Thousands
    are kept (so the check cannot pass by keeping none), and some are not."""
    rng = random.Random(15)
    kept = dropped = 0
    cases = (
        ("ab-", (1, 8), 300), ("abcde", (3, 14), 3000), ("abcdefghij-", (4, 20), 800),
        ("abcdefghijklmnopqrstuvwxyz", (10, 16), 4000),
    )
    for alphabet, lengths, count in cases:
        ids = sorted({_word(rng, alphabet, lengths) for _ in range(count)})
        preferred = set(ids[::3])
        owners = {ident: rng.choice(ids) for ident in ids[1::5]}
        targets = [_edited(rng.choice(ids), alphabet, rng) for _ in range(150)]
        targets += [_word(rng, alphabet, lengths) for _ in range(50)]
        for _ in range(12):
            earlier = Suggester(ids, preferred, owners)
            for target in targets:
                earlier(target)
            ids, preferred, owners = _changed(ids, preferred, owners, alphabet, lengths, targets, rng)
            later = Suggester(ids, preferred, owners)
            carried = earlier.hints_still_valid(later)
            fresh = Suggester(ids, preferred, owners)
            for target, hint in carried.items():
                assert hint == fresh(target), (target, hint)
            kept += len(carried)
            dropped += len(earlier.cache) - len(carried)
    assert kept > 2000 and dropped > 0, (kept, dropped)


def test_a_stored_basis_gives_back_the_suggester() -> None:
    """What is kept in the cache between runs makes the same suggester, with its hints."""
    ids = ["Alpha", "Beta", "Gamma", "kern"]
    earlier = Suggester(ids, preferred=["Alpha", "Gamma"], owners={"kern": "Gamma"})
    earlier("Gama")
    again = Suggester.from_basis(earlier.basis, earlier.cache)
    assert again.same_ids(earlier) and again.identity == earlier.identity
    assert again.cache == {"Gama": "did you mean 'Gamma'?"}


def test_nothing_is_kept_where_the_threshold_of_common_trigrams_moves() -> None:
    """Over 10,000 ids a trigram counts as common in more ids as there are more ids: every
    target's counted trigrams may change, so no hint is kept across such a change."""
    ids = [f"id{n:05d}" for n in range(10_048)] + ["qqqqqq"]
    earlier = Suggester(ids)
    earlier("id0001")
    assert earlier.hints_still_valid(Suggester([*ids, "zzzzzz"])) == {}
    # One id for another, neither near the target: the hint is kept.
    assert earlier.hints_still_valid(Suggester([*ids[:-1], "zzzzzz"])) == {"id0001": earlier("id0001")}


def test_only_a_target_with_enough_rare_trigrams_leaves_its_common_ones_out() -> None:
    """The trigrams a change must miss for a hint to stay: a target with ten rare trigrams or
    more never counts its common ones; one with fewer may count every trigram; a trigram
    within the change's size of the threshold (200 ids) may be rare on either side."""
    common = [f"qq{n:03d}" for n in range(300)]  # ' qq', 'qq0' in 300 ids
    edge = [f"zz{n:03d}" for n in range(202)]  # ' zz' in 202: two ids fewer and it is rare
    suggest = Suggester([*common, *edge, "abcdefghijklm"])
    counted = suggest._counted_grams("qqabcdefghijklm", slack=0)
    assert "qqa" in counted and "klm" in counted and " qq" not in counted and "qq0" not in counted
    assert " qq" in suggest._counted_grams("qqabcd", slack=0)  # 7 trigrams: all may count
    assert " zz" not in suggest._counted_grams("zzabcdefghijklm", slack=1)
    assert " zz" in suggest._counted_grams("zzabcdefghijklm", slack=2)
    assert " qq" in suggest._counted_grams("qqabcdefghijklm", slack=400)  # too few surely rare
