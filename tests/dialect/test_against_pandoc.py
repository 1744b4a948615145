"""Differential tests: our plugins and Pandoc read the corpus the same way.

Every file of ``corpus/`` is parsed by our Markdown instance and by
``pandoc -f markdown -t json`` (Pandoc from pypandoc-binary); the features of
:mod:`tests.dialect.features` must agree: table rows, cells, spans and
alignment; code blocks' language and text; math (TeX, display or inline);
footnote texts; link targets; divs and spans; definition lists; paragraph
text (which covers smart punctuation, comments and line breaks).
Deliberate differences are in :mod:`tests.dialect.differences`, not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .features import Features, our_features
from .pandoc_ast import pandoc_features
from .support import HERE, make_md

CORPUS = sorted((HERE / "corpus").glob("*.md"))
UNORDERED = {"links", "math", "spans"}
"""Features whose order differs only because our footnotes come last."""
FEATURES = [name for name in Features.__dataclass_fields__]


def test_corpus_has_every_construct_and_three_entries() -> None:
    assert len(CORPUS) >= 15
    assert len([p for p in CORPUS if p.name.startswith("entry_")]) == 3


@pytest.fixture(scope="module", params=CORPUS, ids=[p.name for p in CORPUS])
def both(request: pytest.FixtureRequest) -> tuple[Features, Features]:
    path: Path = request.param
    ours = our_features(make_md("de"), path.read_text(encoding="utf-8"))
    return ours, pandoc_features(path, "de")


@pytest.mark.parametrize("feature", FEATURES)
def test_same_as_pandoc(both: tuple[Features, Features], feature: str) -> None:
    ours, pandoc = both
    mine, theirs = getattr(ours, feature), getattr(pandoc, feature)
    if feature in UNORDERED:
        mine, theirs = sorted(mine), sorted(theirs)
    assert mine == theirs


def test_corpus_exercises_every_feature() -> None:
    """Guard against a comparison that passes because both sides found nothing."""
    totals = dict.fromkeys(FEATURES, 0)
    for path in CORPUS:
        features = pandoc_features(path, "de")
        for name in FEATURES:
            totals[name] += len(getattr(features, name))
    assert all(count >= 3 for count in totals.values()), totals
