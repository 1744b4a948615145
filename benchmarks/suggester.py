"""Time the broken-reference suggester: 10,000 ids, 2,000 broken references.

Compares :class:`glossary_build.graph.suggest.Suggester` with a plain
:func:`difflib.get_close_matches` scan over every id of similar length (what
the suggester did before it had a prefilter) and counts how often both find
an id.  Run from the repository root::

    python benchmarks/suggester.py [--ids 10000] [--targets 2000] [--no-scan]

The ids are made of words from the sample entries (1–3 words joined by
``-``), the targets are a mix of one typo, lower case, two typos and ids
that match nothing.
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary_build.graph.suggest import Suggester  # noqa: E402  (after the checkout is on the path)


def make_ids(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct ids built from the words of the sample glossary."""
    words = sorted({
        word.capitalize()
        for path in (ROOT / "entries").rglob("*.md")
        for word in re.findall(r"[A-Za-zÄÖÜäöüß]{4,}", path.read_text("utf-8"))
    })
    ids: set[str] = set()
    while len(ids) < count:
        ids.add("-".join(rng.choice(words) for _ in range(rng.randint(1, 3))))
    return sorted(ids)


def typo(text: str, rng: random.Random) -> str:
    """``text`` with one character replaced, deleted or inserted."""
    at = rng.randrange(len(text))
    char = rng.choice(string.ascii_lowercase)
    replaced = text[:at] + char + text[at + 1 :]
    deleted = text[:at] + text[at + 1 :]
    inserted = text[:at] + char + text[at:]
    return [replaced, deleted, inserted][rng.randrange(3)]


def make_targets(ids: list[str], count: int, rng: random.Random) -> list[str]:
    """Broken targets: a quarter each of one typo, lower case, two typos, nothing alike."""
    targets = []
    for n in range(count):
        base = rng.choice(ids)
        kind = n % 4
        if kind == 0:
            targets.append(typo(base, rng))
        elif kind == 1:
            targets.append(base.lower())
        elif kind == 2:
            targets.append(typo(typo(base, rng), rng))
        else:
            targets.append("".join(rng.choice(string.ascii_letters) for _ in range(rng.randint(5, 20))))
    return targets


def full_scan(ids: list[str], target: str) -> str | None:
    """The nearest id by difflib over every id of similar length."""
    nearby = [i for i in ids if abs(len(i) - len(target)) <= max(2, len(target) // 4)]
    close = difflib.get_close_matches(target, nearby, n=1, cutoff=0.8)
    return close[0] if close else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ids", type=int, default=10_000)
    parser.add_argument("--targets", type=int, default=2_000)
    parser.add_argument("--no-scan", action="store_true", help="skip the slow full difflib scan")
    options = parser.parse_args()
    rng = random.Random(7)
    ids = make_ids(options.ids, rng)
    targets = make_targets(ids, options.targets, rng)

    started = time.perf_counter()
    suggest = Suggester(ids)
    _ = suggest.loose, suggest.grams  # built on first use; timed here as the index
    built = time.perf_counter() - started
    hints = [suggest.nearest(target) for target in targets]
    looked_up = time.perf_counter() - started - built
    found = sum(hint is not None for hint in hints)
    print(f"suggester: index {built:.2f}s, {len(targets)} look-ups {looked_up:.2f}s, {found} suggestions")

    if not options.no_scan:
        started = time.perf_counter()
        scanned = [full_scan(ids, target) for target in targets]
        took = time.perf_counter() - started
        print(f"full difflib scan: {took:.2f}s, {sum(s is not None for s in scanned)} suggestions")


if __name__ == "__main__":
    main()
