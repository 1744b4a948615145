"""The functions the parser calls: math errors, footnotes per entry, CSS, source maps."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from glossary_build.parse.markdown.dialect import plugin as use_pandoc_dialect
from glossary_build.parse.markdown.footnotes import split_footnotes
from glossary_build.parse.markdown.highlight import parse_info, pygments_css
from glossary_build.parse.markdown.math import to_mathml

from .support import make_md

TWO_ENTRIES = """\
## Alpha {#Alpha .term}

Erste[^a] und zweite^[Inline] Notiz, wieder[^a].

[^a]: Notiz a.

----

## Beta {#Beta .term}

Beta[^b] und[^a].

[^b]: Notiz b.

    Zweiter Absatz.
"""


def _parts(doc_ids: list[str | None] | None = None) -> tuple[MarkdownIt, list[str]]:
    md = make_md()
    env: dict[str, object] = {}
    tokens = md.parse(TWO_ENTRIES, env)
    starts = [i for i, t in enumerate(tokens) if t.type == "heading_open"]
    parts = split_footnotes(tokens, starts, doc_ids)
    return md, [md.renderer.render(p, md.options, env) for p in parts]


def test_footnotes_are_numbered_per_entry() -> None:
    _, (alpha, beta) = _parts(["Alpha", "Beta"])
    assert alpha.count('class="footnote-item"') == 2
    assert beta.count('class="footnote-item"') == 2
    assert '<li id="fn-Alpha-1"' in alpha and '<li id="fn-Alpha-2"' in alpha
    assert '<li id="fn-Beta-1"' in beta and "Notiz b." in beta and "Zweiter Absatz." in beta
    assert "Notiz b." not in alpha


def test_footnote_used_in_two_entries_is_listed_in_both_with_own_back_links() -> None:
    _, (alpha, beta) = _parts(["Alpha", "Beta"])
    assert alpha.count("Notiz a.") == 1 and beta.count("Notiz a.") == 1
    assert 'href="#fnref-Alpha-1:1"' in alpha  # second reference in Alpha
    assert 'href="#fnref-Beta-2"' in beta and "fnref-Beta-2:1" not in beta


def test_split_footnotes_without_doc_ids_numbers_from_one() -> None:
    _, (alpha, beta) = _parts()
    assert '<li id="fn1"' in alpha and '<li id="fn1"' in beta


def test_split_footnotes_keeps_text_before_first_start_in_first_part() -> None:
    md = make_md()
    tokens = md.parse("Vorspann[^x]\n\n## A\n\nText\n\n[^x]: Notiz\n", {})
    start = next(i for i, t in enumerate(tokens) if t.type == "heading_open")
    parts = split_footnotes(tokens, [start])
    assert len(parts) == 1
    html = md.renderer.render(parts[0], md.options, {})
    assert "Vorspann" in html and "Notiz" in html


def test_split_footnotes_does_not_change_the_input() -> None:
    md = make_md()
    tokens = md.parse(TWO_ENTRIES, {})
    before = md.renderer.render(tokens, md.options, {})
    starts = [i for i, t in enumerate(tokens) if t.type == "heading_open"]
    split_footnotes(tokens, starts, ["Alpha", "Beta"])
    assert md.renderer.render(tokens, md.options, {}) == before


def test_math_errors_are_recorded_while_parsing_with_their_line() -> None:
    env: dict[str, list[dict[str, object]]] = {}
    make_md().parse("Gut $x$.\n\nAbsatz\nmit $a^$ und\n$\\nosuch$.\n", env)
    assert [e["line"] for e in env["math_errors"]] == [3, 4]
    assert "a^" in str(env["math_errors"][0]["message"])
    assert "\\nosuch" in str(env["math_errors"][1]["message"])


def test_math_error_in_table_cell_has_the_cell_line() -> None:
    env: dict[str, list[dict[str, object]]] = {}
    make_md().parse("Text\n\n+-----+\n| a   |\n+-----+\n| $a^$|\n+-----+\n", env)
    assert [e["line"] for e in env["math_errors"]] == [5]


def test_to_mathml() -> None:
    mathml, error = to_mathml("x^2", display=True)
    assert error is None and mathml is not None and 'display="block"' in mathml
    assert to_mathml("\\begin{matrix} a", display=False)[0] is None


def test_pygments_css_has_light_and_dark_styles() -> None:
    css = pygments_css()
    assert ".highlight .k " in css or ".highlight .k{" in css
    assert "@media (prefers-color-scheme: dark)" in css
    assert '[data-theme="dark"] .highlight .k' in css
    assert 'style="' not in make_md().render("```python\nx = 1\n```\n")


@pytest.mark.parametrize(("info", "language", "attrs"), [
    ("python", "python", {}),
    (" python ", "python", {}),
    ("{.python}", "python", {}),
    ("{#id .haskell .numberLines}", "haskell", {"id": "id", "class": "numberLines"}),
    ("python {.wide}", "python", {"class": "wide"}),
    ("{broken", "", {}),
    ("", "", {}),
])
def test_parse_info(info: str, language: str, attrs: dict[str, str]) -> None:
    assert parse_info(info) == (language, attrs)


def test_grid_table_tokens_keep_source_lines() -> None:
    source = "Text\n\n: Titel\n\n+---+---+\n| a | b |\n+===+===+\n| c | d |\n+---+---+\n"
    tokens = make_md().parse(source, {})
    table = next(t for t in tokens if t.type == "table_open")
    assert table.map == [4, 9]
    caption = next(t for t in tokens if t.type == "caption_open")
    assert caption.map == [2, 3]
    cells = [t for t in tokens if t.type in ("th_open", "td_open")]
    assert [c.map for c in cells] == [[5, 6], [5, 6], [7, 8], [7, 8]]
    inline = [t for t in tokens if t.type == "inline" and t.content == "c"]
    assert inline[0].map == [7, 8]


def test_every_table_is_wrapped() -> None:
    html = make_md().render("| a |\n|---|\n| 1 |\n\n+---+\n| b |\n+---+\n")
    assert html.count('<div class="table-wrap">\n<table>') == 2
    assert html.count("</table>\n</div>") == 2


def test_unknown_language_is_rejected() -> None:
    md = MarkdownIt("commonmark", {"html": True})
    with pytest.raises(ValueError, match="es"):
        use_pandoc_dialect(md, language="es")


def test_math_errors_in_notes_images_and_figures_are_recorded_once_with_a_line() -> None:
    env: dict[str, list[dict[str, object]]] = {}
    source = "Eins\n\nText^[Notiz $a^$] hier\nund $b^$.\n\n![Bild $c^$](x.png)\n\n[^n]: Def $d^$\n"
    make_md().parse(source + "Ref[^n].\n", env)
    found = sorted((str(e["message"]).split("$")[1], e["line"]) for e in env["math_errors"])
    assert found == [("a^", 2), ("b^", 3), ("c^", 5), ("d^", 7)]


def test_language_names_are_case_insensitive_and_plugins_are_not_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from glossary_build.parse.markdown import highlight

    def no_plugins() -> None:
        raise AssertionError("plugin lexers were looked up")

    # pygments.lexers replaces itself by a lazy module; patch the functions' globals
    lexer_globals = highlight.find_lexer_class.__globals__
    monkeypatch.setitem(lexer_globals, "find_plugin_lexers", no_plugins)
    highlight._lexer.cache_clear()
    html = make_md().render("```Python\nx\n```\n\n```keine-sprache\nx\n```\n")
    assert '<span class="n">x</span>' in html and "language-keine-sprache" in html
