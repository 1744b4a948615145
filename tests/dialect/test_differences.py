"""Every deliberate difference from Pandoc holds, on our side and on Pandoc's."""

from __future__ import annotations

import subprocess

import pypandoc
import pytest

from glossary_build.parse.markdown.footnotes import split_footnotes
from tests.support import ROOT

from .differences import DIFFERENCES, Difference
from .support import make_md


def pandoc_html(source: str) -> str:
    """Pandoc's HTML for ``source``."""
    return subprocess.run(
        [pypandoc.get_pandoc_path(), "-f", "markdown", "-t", "html", "--wrap=none"],
        input=source, capture_output=True, check=True, text=True, encoding="utf-8",
    ).stdout


def our_html(difference: Difference) -> str:
    """Our HTML, rendered per entry as the parser does (so footnotes are split)."""
    md = make_md(difference.language)
    env: dict[str, object] = {}
    tokens = md.parse(difference.source, env)
    starts = [i for i, t in enumerate(tokens) if t.type == "heading_open"]
    return "".join(md.renderer.render(p, md.options, env) for p in split_footnotes(tokens, starts))


@pytest.mark.parametrize("difference", DIFFERENCES, ids=[d.name for d in DIFFERENCES])
def test_ours(difference: Difference) -> None:
    html = our_html(difference)
    assert difference.ours(html), html


@pytest.mark.parametrize("difference", DIFFERENCES, ids=[d.name for d in DIFFERENCES])
def test_pandoc(difference: Difference) -> None:
    html = pandoc_html(difference.source)
    assert difference.pandoc(html), html


def test_every_difference_is_explained_for_authors() -> None:
    doc = (ROOT / "docs" / "pandoc-differences.md").read_text(encoding="utf-8")
    for difference in DIFFERENCES:
        assert f"## {difference.name}" in doc
