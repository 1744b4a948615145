"""Tests for glossary_build.parse.sanitize: the allow-list, markers, removal reports."""

from __future__ import annotations

import subprocess
import sys
import time

import latex2mathml.converter
import pytest
from markdown_it import MarkdownIt

from glossary_build.parse.sanitize import (
    SanitizeResult,
    filter_attribute_pairs,
    sanitize_fragment,
    url_scheme,
)
from tests.support import ROOT


def clean(html: str) -> str:
    return sanitize_fragment(html).html


# --- what must go -------------------------------------------------------------


@pytest.mark.parametrize(
    ("dirty", "expected", "removed"),
    [
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>", ("<script> element",)),
        ("<p>a</script>b</p>", "<p>ab</p>", ()),
        ("<p><style>p{}</style>x</p>", "<p>x</p>", ("<style> element",)),
        (
            '<img src="x.png" onerror="alert(1)">',
            '<img src="x.png">',
            ("onerror attribute on <img>",),
        ),
        ("<img src=x onerror=alert(1)>", '<img src="x">', ("onerror attribute on <img>",)),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>", ("javascript: URL in href on <a>",)),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>", ("javascript: URL in href on <a>",)),
        ('<a href=" java\tscript:alert(1)">x</a>', "<a>x</a>", ("javascript: URL in href on <a>",)),
        (
            '<a href="javascript&#58;alert(1)">x</a>',
            "<a>x</a>",
            ("javascript: URL in href on <a>",),
        ),
        (
            '<a href="javascript&colon;alert(1)">x</a>',
            "<a>x</a>",
            ("javascript: URL in href on <a>",),
        ),
        ('<a href="vbscript:msgbox(1)">x</a>', "<a>x</a>", ("vbscript: URL in href on <a>",)),
        (
            '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="a">',
            '<img alt="a">',
            ("data: URL in src on <img>",),
        ),
        ("<svg><script>alert(1)</script></svg>x", "x", ("<svg> element", "<script> element")),
        ('<a href="javascript:">x</a>', "<a>x</a>", ("javascript: URL in href on <a>",)),
        (
            "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
            "<math><mi>x</mi></math>",
            ("xlink:href attribute on <mi>",),
        ),
        ("<p>x</script><script>y</script></p>", "<p>x</p>", ("<script> element",)),
        (
            '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
            "<math><mi>x</mi></math>",
            ("xlink:href attribute on <mi>",),
        ),
        (
            '<math><mi href="javascript:alert(1)">x</mi></math>',
            "<math><mi>x</mi></math>",
            ("href attribute on <mi>",),
        ),
        ('<iframe src="https://evil.example"></iframe>x', "x", ("<iframe> element",)),
        (
            '<object data="x.swf"></object><embed src="x.swf">x',
            "x",
            ("<object> element", "<embed> element"),
        ),
        (
            '<form action="/x"><input name="q">y</form>',
            '<input type="checkbox">y',
            ("<form> element", "name attribute on <input>"),
        ),
        (
            '<span onclick="steal()" class="c">t</span>',
            '<span class="c">t</span>',
            ("onclick attribute on <span>",),
        ),
        ('<span style="color:red">t</span>', "<span>t</span>", ("style attribute on <span>",)),
        ("<p>x<!-- a note --></p>", "<p>x</p>", ()),
        ('<a href="#x" target="_blank">x</a>', '<a href="#x">x</a>', ("target attribute on <a>",)),
        (
            (
                '<math><annotation-xml encoding="text/html"><img src=x onerror=1>'
                "</annotation-xml></math>"
            ),
            "<math></math>",
            ("<annotation-xml> element", "onerror attribute on <img>"),
        ),
    ],
)
def test_dangerous_markup_is_removed_and_reported(
    dirty: str, expected: str, removed: tuple[str, ...]
) -> None:
    assert sanitize_fragment(dirty) == SanitizeResult(expected, removed)


def test_mxss_through_mathml_namespace_confusion_is_neutralised() -> None:
    out = clean("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>")
    assert "onerror" not in out and "<img" not in out and "<style" not in out


def test_task_list_check_boxes_are_kept_and_other_inputs_neutralised() -> None:
    box = '<input class="task-list-item-checkbox" checked="checked" disabled="disabled" type="checkbox">'
    assert sanitize_fragment(f"<li>{box} done</li>") == SanitizeResult(f"<li>{box} done</li>", ())
    result = sanitize_fragment('<input type="password" name="pw" formaction="javascript:x">')
    assert result.html == '<input type="checkbox">'
    assert result.removed == (
        "type=password on <input> (set to checkbox)",
        "name attribute on <input>",
        "formaction attribute on <input>",
    )


def test_style_on_table_cells_keeps_only_text_align() -> None:
    result = sanitize_fragment(
        '<table><tbody><tr><td style="text-align: right; color: red">1</td></tr></tbody></table>'
    )
    assert result.html == (
        '<table><tbody><tr><td style="text-align:right">1</td></tr></tbody></table>'
    )
    assert result.removed == ("style other than text-align on <td>",)


# --- text stays text ----------------------------------------------------------


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        "<p>1 &lt; 2 &amp;&amp; 3 &gt; 2</p>",
        "<pre><code>&lt;/script&gt;&lt;script&gt;x()&lt;/script&gt;</code></pre>",
        '<p><a href="#x" title="say &quot;hi&quot;">x</a></p>',
    ],
)
def test_escaped_text_is_not_turned_into_markup(fragment: str) -> None:
    out = clean(fragment)
    assert "<script" not in out
    assert out.count("<") == fragment.count("<")


def test_quotes_in_text_and_attributes() -> None:
    result = sanitize_fragment("<p>„Zitat“ \"x\" 'y' <abbr title='a \"b\"'>c</abbr></p>")
    assert result.html == '<p>„Zitat“ "x" \'y\' <abbr title="a &quot;b&quot;">c</abbr></p>'
    assert result.removed == ()


def test_attribute_value_cannot_break_out() -> None:
    result = sanitize_fragment('<a href="#x" title="&quot;><script>alert(1)</script>">x</a>')
    assert result == SanitizeResult(
        '<a href="#x" title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">x</a>', ()
    )


# --- what must stay -----------------------------------------------------------


def test_markdown_it_output_passes_unchanged_in_substance() -> None:
    md = MarkdownIt("commonmark").enable("table")
    source = (
        '# Titel\n\n**fett** *kursiv* `code` [Link](#Ziel "T") ![Bild](a.png "B")\n\n'
        "> Zitat\n\n- a\n- b\n\n1. c\n\n```python\nx = 1 < 2\n```\n\n---\n\n"
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\nZeile  \numbrochen\n"
    )
    result = sanitize_fragment(md.render(source))
    assert result.removed == ()
    for piece in (
        "<h1>Titel</h1>",
        "<strong>fett</strong>",
        "<em>kursiv</em>",
        "<code>code</code>",
        '<a href="#Ziel" title="T">Link</a>',
        '<img src="a.png" alt="Bild" title="B">',
        "<blockquote>",
        "<ol>",
        '<code class="language-python">x = 1 &lt; 2',
        "<hr>",
        '<th style="text-align:left">a</th>',
        '<td style="text-align:right">2</td>',
        "<br>",
    ):
        assert piece in result.html


@pytest.mark.parametrize(
    "fragment",
    [
        '<h2 id="Embedding" class="chapter small term">Embedding</h2>',
        (
            '<div class="seealso" data-kind="x" lang="de" dir="ltr" role="navigation" '
            'aria-label="Siehe auch"><span class="c" id="s">t</span></div>'
        ),
        "<dl><dt>Term</dt><dd>Definition</dd></dl>",
        (
            "<p>H<sub>2</sub>O x<sup>2</sup> <kbd>Ctrl</kbd> <mark>m</mark> <del>d</del> "
            "<ins>i</ins> <s>s</s> <small>k</small> <q>q</q> <cite>c</cite> <dfn>d</dfn> "
            '<time datetime="2024-12-01">Dez</time> <abbr title="Künstliche Intelligenz">KI</abbr></p>'
        ),
        '<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>',
        (
            '<section class="footnotes"><ol class="footnotes-list"><li id="fn1" '
            'class="footnote-item"><p>Note <a href="#fnref1" class="footnote-backref">↩</a></p>'
            "</li></ol></section>"
        ),
        (
            '<table><colgroup><col span="2"></colgroup><thead><tr><th colspan="2">h</th></tr>'
            '</thead><tbody><tr><td rowspan="2">a</td><td>b</td></tr></tbody>'
            "<tfoot><tr><td>f</td><td>g</td></tr></tfoot></table>"
        ),
        (
            '<p><a href="https://example.org/?a=1&amp;b=2">x</a> <a href="mailto:a@b.c">m</a> '
            '<a href="../Other/">o</a></p>'
        ),
    ],
)
def test_glossary_markup_is_kept_verbatim(fragment: str) -> None:
    assert sanitize_fragment(fragment) == SanitizeResult(fragment, ())


@pytest.mark.parametrize(
    "latex",
    [
        r"\frac{a}{b}",
        r"\sqrt[3]{x} + \sum_{i=0}^{n} x_i^2",
        r"\hat{y} \left(x\right) \text{ok}",
        r"\begin{matrix}a & b \\ c & d\end{matrix}",
        r"\overline{x} \mathbf{A} \int_0^1 f",
    ],
)
def test_mathml_from_latex2mathml_survives(latex: str) -> None:
    mathml = latex2mathml.converter.convert(latex)
    result = sanitize_fragment(mathml)
    assert result.removed == ()
    # nh3 re-serialises character references, so compare through a second pass.
    assert clean(result.html) == result.html
    assert result.html.startswith(
        '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">'
    )
    for tag in ("mrow", "mi", "mo", "mn", "mfrac", "msqrt", "mroot", "msubsup", "mtable", "mtd"):
        assert mathml.count(f"<{tag}>") == result.html.count(f"<{tag}>")


# --- pipeline markers ---------------------------------------------------------


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>a \x001\x00<em>b</em>\x00/1\x00 c</p>",
        "<p>\x000\x00\x00/0\x00\x0012345\x00x\x00/12345\x00</p>",
        "<pre><code>\x007\x00x = 1\x00/7\x00</code></pre>",
        '<h2 id="x">\x003\x00T\x00/3\x00</h2>',
        "<ul><li>\x001\x00a\x00/1\x00</li></ul>",
    ],
)
def test_markers_survive_unchanged(fragment: str) -> None:
    assert sanitize_fragment(fragment) == SanitizeResult(fragment, ())


def test_markers_survive_next_to_removed_markup() -> None:
    result = sanitize_fragment('<p>\x001\x00<span onclick="x">t</span>\x00/1\x00</p>')
    assert result.html == "<p>\x001\x00<span>t</span>\x00/1\x00</p>"


def test_markers_cannot_be_forged_with_the_internal_sentinels() -> None:
    out = clean("<p>\ufdd01\ufdd1 \ufdd0/1\ufdd1</p>")
    assert "\x00" not in out and "\ufdd0" not in out and "\ufdd1" not in out


def test_stray_nul_is_not_a_marker_and_does_not_survive() -> None:
    assert "\x00" not in clean("<p>a\x00b \x00x\x00</p>")


# --- helpers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("https://x", "https"),
        ("#Id", None),
        ("../a/", None),
        ("JAVASCRIPT:x", "javascript"),
        ("\x01 java\nscript:x", "javascript"),
        ("a/b:c", None),
        ("%6aavascript:x", None),
    ],
)
def test_url_scheme(url: str, scheme: str | None) -> None:
    assert url_scheme(url) == scheme


def test_filter_attribute_pairs() -> None:
    kept, dropped = filter_attribute_pairs(
        [
            ("data-level", "2"),
            ("onclick", "x()"),
            ("style", "color:red"),
            ("lang", "en"),
            ("href", "javascript:x"),
            ("src", "x.png"),
            ("dir", "rtl"),
            ("title", "T"),
            ("aria-label", "L"),
            ("ONMOUSEOVER", "y"),
            ("data-", "empty"),
            ("width", "50%"),
            ("data-größe", "3"),
        ]
    )
    assert kept == (
        ("data-level", "2"),
        ("lang", "en"),
        ("dir", "rtl"),
        ("title", "T"),
        ("aria-label", "L"),
        ("data-größe", "3"),
    )
    assert dropped == ("onclick", "style", "href", "src", "ONMOUSEOVER", "data-", "width")


def test_filter_attribute_pairs_empty() -> None:
    assert filter_attribute_pairs([]) == ((), ())


def test_output_is_the_same_in_every_process() -> None:
    """nh3 keeps attributes in source order; nothing may depend on hash seeds."""
    fragment = (
        '<ul><li><input class="c" checked="checked" disabled="disabled" type="checkbox"> x</li>'
        '</ul><table><tbody><tr><td style="text-align:right" colspan="2" class="n">1</td></tr>'
        '</tbody></table><a href="#x" title="t" class="c" id="i" data-a="1" data-b="2">x</a>'
        '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">'
        '<mo stretchy="true" fence="true" form="prefix">(</mo></math>'
    )
    code = (
        "import sys; from glossary_build.parse.sanitize import sanitize_fragment; "
        "sys.stdout.write(sanitize_fragment(sys.stdin.read()).html)"
    )
    root = str(ROOT)
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            input=fragment,
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
            env={"PYTHONPATH": root, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in range(4)
    }
    assert len(outputs) == 1
    assert outputs.pop() == fragment


@pytest.mark.parametrize(
    "broken",
    [
        "<a" * 20000,
        "<a title=" * 20000,
        '<a "' * 20000,
        "</" * 50000,
        "<!--" * 50000,
        "<a '" * 10000 + '<a "' * 10000,
        "<p " + "x=1 " * 20000 + ">",
    ],
)
def test_broken_markup_is_handled_in_linear_time(broken: str) -> None:
    start = time.perf_counter()
    sanitize_fragment(broken)
    assert time.perf_counter() - start < 1.0


def test_report_ignores_markup_inside_text_only_elements_and_comments() -> None:
    result = sanitize_fragment(
        '<p>a<!-- <img onerror="x"> --></p><script>document.write("<iframe>")</script>'
        "<textarea><object></textarea>"
    )
    assert result.removed == ("<script> element", "<textarea> element")
