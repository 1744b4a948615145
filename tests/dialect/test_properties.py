"""Property tests: no Markdown makes the dialect plugins raise or unbalance the HTML."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary_build.parse.markdown.footnotes import split_footnotes
from glossary_build.parse.markdown.grid_tables import find_cells

from .support import make_dialect_md, make_md

FRAGMENTS = [
    "+---+---+", "+===+===+", "+:--+--:+", "| a | b |", "|   |   |", "| wide    |",
    "+---+", "+", "|", "+-+", "+=+", ": Caption", "Table: T", "| x |", "|---|", "|:-:|",
    ":::", "::: note", "::: {.a #b k=v}", "::::", "```", "```python", "~~~ {.py}", "~~~",
    "$x$", "$$", "$a^$", "$\\frac{a}{b}$", "$5 and $10", "\\$", "[^1]", "[^1]: note",
    "^[inline]", "[t](#x){.c}", "[span]{.c}", "{#id}", "<!--", "-->", "<!-- c -->",
    "--- ---", "A   B", "  x   y", "----", "- - -",
    "Term", ": def", "~ def", "- item", "1. one", "    code", "> quote", '"quoted"',
    "'single'", "--", "---", "...", "  ", "\\", "**", "*", "`", "    ", "",
]

lines = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(alphabet="+-=:|$`~[]{}^#.*_ \\\"'abc1\t<>!()", max_size=20),
        st.builds(lambda a, b: a + b, st.sampled_from(FRAGMENTS), st.sampled_from(FRAGMENTS)),
        st.builds(lambda a, b: a + b, st.sampled_from(["  ", "   ", "    ", "- "]),
                  st.sampled_from(FRAGMENTS)),
    ),
    max_size=25,
)
documents = lines.map("\n".join)
MD = {language: make_md(language) for language in ("de", "en")}
TAG = re.compile(r"<(/?)(table|div|span|thead|tbody|tfoot|tr|td|th|caption)[\s>]")


def _balanced(html: str) -> bool:
    stack: list[str] = []
    for closing, tag in TAG.findall(html):
        if not closing:
            stack.append(tag)
        elif not stack or stack.pop() != tag:
            return False
    return not stack


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from(["de", "en"]))
def test_random_markdown_renders(text: str, language: str) -> None:
    env: dict[str, object] = {}
    html = MD[language].render(text, env)
    assert isinstance(html, str)
    for error in env.get("math_errors", []):  # type: ignore[attr-defined]
        assert isinstance(error["line"], int) and 0 <= error["line"] <= text.count("\n")


@settings(max_examples=300, deadline=None)
@given(documents.filter(lambda t: "<" not in t))
def test_tables_divs_and_spans_stay_balanced(text: str) -> None:
    assert _balanced(make_md().render(text))


@settings(max_examples=200, deadline=None)
@given(documents, st.lists(st.integers(min_value=0, max_value=200), max_size=4))
def test_split_footnotes_never_raises(text: str, starts: list[int]) -> None:
    md = MD["de"]
    env: dict[str, object] = {}
    tokens = md.parse(text, env)
    parts = split_footnotes(tokens, sorted(starts))
    for part in parts:
        md.renderer.render(part, md.options, env)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="+-=:| a", min_size=1, max_size=12), min_size=1, max_size=8))
def test_find_cells_never_raises(grid: list[str]) -> None:
    cells = find_cells(grid)
    if cells is not None:
        assert all(c.top < c.bottom and c.left < c.right for c in cells)


PLAIN = [
    "- item", "* item", "+ item", "1. one", "2) two", "  - nested", "    code", "# Titel",
    "## Titel #", "> Zitat", "Text", "mehr Text", "```", "```python", "a | b", "-|:-",
    "***", "----", "___", "<div>", "</div>", "Term", "  ", "", "\t- tab", "[a](#b)", "**fett**",
    "A   B", "  x    y", "+", "::", "~", "a:b", "Table", "[x]", "{", "}",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PLAIN), max_size=20).map("\n".join))
def test_markdown_without_dialect_syntax_reads_as_commonmark(text: str) -> None:
    """The dialect's block rules take nothing away from lists, quotes, code and headings."""
    from markdown_it import MarkdownIt

    base = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    ours = make_dialect_md().render(text).replace('<div class="table-wrap">\n', "")
    ours = ours.replace("</table>\n</div>", "</table>").replace(' class="highlight"', "")
    ours = re.sub(r'<span class="[^"]*">|</span>', "", ours)  # Pygments' highlighting
    assert ours == base.render(text)
