"""Random dollar signs are read as math exactly where Pandoc reads math."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .features import our_features
from .pandoc_ast import pandoc_features
from .support import make_md

# No "^": superscripts around dollars are a different question (see scripts.py).
# No lone backslash: Pandoc reads \x{...} as raw TeX (see differences.py).
PIECES = ["$", "$$", " ", "x", "1", "\\$", "\\\\", "a b", "{", "}", "_i", "\n"]

# A backslash at the end of a paragraph is left out: Pandoc lets it escape the
# line end and then runs math on into the next paragraph.
paragraphs = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map(
    lambda pieces: "".join(pieces).strip().rstrip("\\").strip() or "x"
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraphs, min_size=1, max_size=30))
def test_random_dollars_read_like_pandoc(texts: list[str]) -> None:
    source = "\n\n".join(f"P{i} {text}" for i, text in enumerate(texts)) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "math.md"
        path.write_text(source, encoding="utf-8")
        theirs = pandoc_features(path, "de")
    ours = our_features(make_md(), source)
    assert ours.math == theirs.math, source
