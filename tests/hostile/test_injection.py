"""No script from entries reaches the site: hostile entries built through the CLI, every file scanned.

Every payload calls ``pwned`` (:data:`~.scan.CANARY`); :mod:`.scan` reports
anything in the built site that would run it.  The scanner is generic: it
reads every output file by kind (HTML, SVG, JS, JSON, CSS) and every
``<script>`` (JSON-LD, inline data), so pages, search indexes and maps added
later are covered without changes here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from glossary_build.render.theme import default_theme_dir
from tests.support import run_cli

from .scan import (
    CANARY,
    Theme,
    scan_html,
    scan_javascript,
    scan_scripts,
    scan_site,
    split_scripts,
)
from .support import make_glossary

# Ids, titles and definitions land in <title>, meta content, title=/data-*
# attributes, JSON-LD, search data and SVG: quotes, "<" and "</script>" in each.
TITLES = """\
## Script `</script><script>pwned()</script>` "dq" 'sq' <b {#Script-Title .term}

Lead `</script><!--<script>pwned()</script>` with "quotes" 'single' & <angle> \\u2028 `${pwned()}` `\\";pwned();//`.

### Siehe auch {.seealso}

[Quotes](#Quote-Title) |
[Index](#Index) |

----

## Quote " onmouseover="pwned() ' onfocus='pwned() {#Quote-Title .term}

"}]},{"@type":"x","name":"</script><script>pwned()</script>

### Verwandt {.seealso}

[Script](#Script-Title) | [<img src=x onerror=pwned()>](#Links) |
[data](data:image/png;base64,iVBORw0KGgo=) | <svg onload=pwned()> |

----

## &lt;/title&gt;&lt;script&gt;pwned()&lt;/script&gt; {#Entity-Title .term}

&lt;/script&gt;&lt;img src=x onerror=pwned()&gt; and `*/pwned();/*` and `--></script><script>pwned()</script>`.

----

## Backtick `` `+pwned()+` `` {#Backtick-Title .term}

`'+pwned()+'` `"+pwned()+"` `</SCRIPT >pwned()` `<\\/script>` `\\x3c/script>`

----
"""

RAW_HTML = """\
## Raw HTML {#Raw-HTML .term}

<script>pwned()</script> <SCRIPT SRC=https://evil.example/pwned.js></SCRIPT>
<img src=x onerror=pwned()> <img src="x" onerror="pwned()">
<svg onload=pwned()><circle r=1 /></svg> <svg><script>pwned()</script></svg>
<svg><a xlink:href="javascript:pwned()"><text>x</text></a></svg>
<svg><animate attributeName=href values="javascript:pwned()" /><set attributeName=href to="javascript:pwned()"/></svg>
<math><mi xlink:href="javascript:pwned()">x</mi></math>
<math><mtext><table><mglyph><style><img src=x onerror=pwned()></style></mglyph></table></mtext></math>
<math><maction actiontype="statusline" xlink:href="javascript:pwned()">x</maction></math>
<a href="javascript:pwned()">a</a> <a href="JaVaScRiPt:pwned()">b</a>
<a href="&#106;avascript:pwned()">c</a> <a href="&#x6A;&#x61;vascript&colon;pwned()">d</a>
<a href="java&#x09;script:pwned()">e</a> <a href=" &#14; javascript:pwned()">f</a>
<a href="vbscript:pwned()">g</a> <a href="data:text/html,<script>pwned()</script>">h</a>
<img src="data:image/svg+xml,<svg onload=pwned()>"> <a href="livescript:pwned()">i</a>
<iframe src="https://evil.example/pwned"></iframe> <iframe srcdoc="<script>pwned()</script>"></iframe>
<object data="javascript:pwned()"></object> <embed src="https://evil.example/pwned.swf">
<form action="javascript:pwned()"><button formaction="javascript:pwned()">x</button></form>
<base href="https://evil.example/pwned/"> <link rel=stylesheet href="https://evil.example/pwned.css">
<meta http-equiv="refresh" content="0;url=javascript:pwned()">
<style>body{background:url(javascript:pwned())}</style>
<div style="background:url(javascript:pwned())">s</div> <span style="x:expression(pwned())">t</span>
<details open ontoggle=pwned()>d</details> <input autofocus onfocus=pwned()>
<video><source onerror=pwned()></video> <body onload=pwned()>
<noscript><p title="</noscript><img src=x onerror=pwned()>"></noscript>
<template><script>pwned()</script></template>
<!--<script>pwned()</script>--> <![CDATA[<script>pwned()</script>]]>
<a href="https://ok.example/" title='"><script>pwned()</script>'>ok</a>
<span title="&quot; onmouseover=&quot;pwned()">q</span>
<p <script>pwned()</script>>x</p> <scr<script>ipt>pwned()</script>
<a href="#Script-Title" onclick="pwned()">internal</a>

Paragraph with <sub>sub</sub>, <kbd>kbd</kbd> and <abbr title="x">abbr</abbr>.

----
"""

LINKS = """\
## Links {#Links .term}

[md js](javascript:pwned()) [md JS](JAVASCRIPT:pwned()) [md vb](vbscript:pwned())
[md data](data:text/html;base64,PHNjcmlwdD5wd25lZCgpPC9zY3JpcHQ+)
[md png](data:image/png;base64,iVBORw0KGgo=) ![img png](data:image/png;base64,iVBORw0KGgo=)
![img js](javascript:pwned()) ![img svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9cHduZWQoKT4=)
[entity](&#106;avascript:pwned()) [spaced](<javascript:pwned()>)
[title](https://ok.example/ "a \\"quote\\" <script>pwned()</script> ' \\" onmouseover=\\"pwned()")
[internal title](#Raw-HTML "\\" onmouseover=\\"pwned()")
[broken](#%22%3E%3Cscript%3Epwned()%3C/script%3E) [broken2](#"onmouseover=pwned()//)
[broken3](#</script><script>pwned()</script>) [broken4](#'-pwned()-')
<javascript:pwned()> <https://ok.example/"onmouseover="pwned()>

----

## Attributes {#Attributes .term onclick="pwned()" style="background:url(javascript:pwned())" href="javascript:pwned()" src="javascript:pwned()" data-x='"><script>pwned()</script>' title='" onmouseover="pwned()' lang="x' onfocus='pwned()" formaction="javascript:pwned()"}

Lead.

### Section {#sec .explanation onmouseover=pwned() data-y="</script><script>pwned()</script>"}

Text [self](#Attributes) and [sec](#sec).

----
"""  # noqa: E501  (one attribute block, as an author would write it)

MATH_AND_DIALECT = r"""## Math {#Math .term}

$\href{javascript:pwned()}{x}$ $\text{</script><script>pwned()</script>}$ $\unicode{<script>}$
$\mathrm{<img src=x onerror=pwned()>}$ $\color{red" onmouseover="pwned()}{x}$ $x^2$

$$\style{background:url(javascript:pwned())}{x} \class{x" onclick="pwned()}{y}$$

Note[^1] and [span <img src=x onerror=pwned()>]{.c onclick=pwned() data-x="\"><script>pwned()</script>"}.

[^1]: Footnote $\text{</script><script>pwned()</script>}$ <img src=x onerror=pwned()> [j](javascript:pwned())

::: {.note onclick=pwned() style="background:url(javascript:pwned())"}
Div <iframe src="https://evil.example/pwned"></iframe>
:::

```{.python onclick=pwned()}
</code></pre><script>pwned()</script>
```

Term <b onclick=pwned()>x</b>
: Definition <img src=x onerror=pwned()>

| Line block <img src=x onerror=pwned()> $\text{</script><script>pwned()</script>}$

![Caption $\text{</script><script>pwned()</script>}$](https://ok.example/i.png "t\" onerror=\"pwned()")

----
"""

CONFIG = """\
title: "Glossar </title></script><script>pwned()</script> \\" '"
language: en
"""

HOSTILE_NAME = '"><svg onload=pwned()>.md'


def hostile_glossary(folder: Path, config: str = CONFIG) -> Path:
    """The hostile glossary: every payload above, one file with a hostile name."""
    return make_glossary(
        folder,
        {"titles.md": TITLES, "raw.md": RAW_HTML, "links.md": LINKS, "math.md": MATH_AND_DIALECT,
         HOSTILE_NAME: "## Named {#Named .term}\n\nText.\n"},
        config,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = hostile_glossary(tmp_path_factory.mktemp("hostile"))
    result = run_cli("build", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    (folder / "stderr.txt").write_text(result.stderr)
    return folder


def theme() -> Theme:
    default = default_theme_dir()
    return Theme([default / "templates", default / "static"])


def test_nothing_executable_from_an_entry_reaches_the_site(built: Path) -> None:
    findings = scan_site(built / "site", theme())
    assert not findings, "\n".join(map(str, findings))


def test_every_entry_got_its_page_and_harmless_markup_stays(built: Path) -> None:
    site = built / "site"
    for folder in ("Script-Title", "Quote-Title", "Entity-Title", "Backtick-Title", "Raw-HTML",
                   "Links", "Attributes", "Named", "Math"):
        assert (site / folder / "index.html").is_file(), folder
    raw = (site / "Raw-HTML" / "index.html").read_text()
    assert "<sub>sub</sub>" in raw and "<kbd>kbd</kbd>" in raw and '<abbr title="x">abbr</abbr>' in raw
    assert ">ok</a>" in raw  # the harmless link stays, its text too


def test_entry_text_lands_escaped_in_attributes_and_title(built: Path) -> None:
    page = (built / "site" / "Quote-Title" / "index.html").read_text()
    head = page.split("</head>")[0]
    # The title is text in <title>: quotes stay, "<" cannot open a tag.
    # (typographic quotes where the dialect turns them so)
    assert re.search(r"<title>Quote (?:&#34;|”) onmouseover=(?:&#34;|”)pwned\(\) .*</title>", head)
    assert "&lt;/title&gt;&lt;/script&gt;&lt;script&gt;pwned()" in head  # the site title from the config


def test_removals_are_reported_with_positions(built: Path) -> None:
    stderr = (built / "stderr.txt").read_text()
    assert re.search(r"entries/raw\.md:3:1: warning\[unsafe-html\]: removed from raw HTML: .*<script> element", stderr)
    assert re.search(
        r"entries/links\.md:\d+:\d+: warning\[unsafe-html\]: attributes onclick, style, href, src.* removed", stderr
    )
    assert re.search(
        r"entries/links\.md:3:1: warning\[unsafe-html\]: removed from math, a link or an image: data: URL", stderr
    )


def test_broken_reference_targets_are_escaped(built: Path) -> None:
    page = (built / "site" / "Links" / "index.html").read_text()
    assert 'data-target="&#34;&gt;&lt;script&gt;pwned()&lt;/script&gt;"' in page or \
        'data-target="&quot;&gt;&lt;script&gt;pwned()&lt;/script&gt;"' in page


def test_trusted_raw_html_passes_through(tmp_path: Path) -> None:
    """``raw_html: trusted`` is the documented switch: the same entries keep their script."""
    folder = hostile_glossary(tmp_path, CONFIG + "raw_html: trusted\n")
    result = run_cli("build", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    assert "unsafe-html" not in result.stderr
    page = (folder / "site" / "Raw-HTML" / "index.html").read_text()
    assert "<script>pwned()</script>" in page
    assert '<img src=x onerror=pwned()>' in page
    findings = scan_site(folder / "site", theme())
    assert any("onerror" in str(f) for f in findings)
    assert any("runs as code" in str(f) for f in findings)
    attributes = (folder / "site" / "Attributes" / "index.html").read_text()
    assert 'onclick="pwned()"' in attributes  # attribute blocks pass through too


# --- the scanner finds what it must ----------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        '<p onclick="pwned()">x</p>',
        '<a href="&#106;avascript:pwned()">x</a>',
        '<img src=" data:text/html,pwned">',
        '<svg><a xlink:href="javascript:pwned()">x</a></svg>',
        '<script>var d = {"t": "</script><script>pwned()</script>"};</script>',
        '<script>var d = {"t": "x"}; pwned();</script>',
        '<script>var d = `${pwned()}`;</script>',
        '<script type="application/ld+json">{"name": "</script ><script>pwned()</script>"}</script>',
        '<script type="application/ld+json">{"name": "<!--<script>"}</script>',
        '<script type="application/ld+json">{"name": "x"}, pwned()</script>',
        '<meta http-equiv="refresh" content="0; url=javascript:pwned()">',
        '<div style="background:url(javascript:pwned())">x</div>',
        '<iframe src="https://evil.example/pwned"></iframe>',
        '<math><mtext><table><mglyph><style><img src=x onerror=pwned()>',
        '<noscript><p title="</noscript><img src=x onerror=pwned()>"></noscript>',
    ],
)
def test_scanner_finds_executable_markup(page: str) -> None:
    assert list(scan_html(page, Theme([]))), page


@pytest.mark.parametrize(
    "page",
    [
        "<p>pwned() as text &lt;script&gt;</p>",
        '<p title="&quot; onclick=&quot;pwned()">x</p>',
        '<script>var d = {"t": "<\\/script><script>pwned()<\\/script>"};</script>',
        '<script>var d = "pwned()"; // pwned()\n/* pwned() */ var e = `pwned()`;</script>',
        '<script type="application/ld+json">{"name": "\\u003c/script>pwned()"}</script>',
        '<a href="https://ok.example/pwned">x</a>',
        '<textarea><script>pwned()</script></textarea>'[:0] + "<p>x</p>",
    ],
)
def test_scanner_accepts_escaped_data(page: str) -> None:
    found = list(scan_html(page, Theme([])))
    assert not found, found


def test_scanner_splits_scripts_like_a_browser() -> None:
    page = '<script>a = "</SCRIPT\t><script>pwned()</script>'
    assert [content for _, content in split_scripts(page)] == ['a = "', "pwned()"]
    assert list(scan_scripts(page))
    assert not list(scan_javascript('x = "pwned()" + \'pwned()\''))
    assert json.loads('{"a": 1}')  # the JSON rule parses JSON, nothing more


def test_theme_handlers_are_not_findings() -> None:
    theme = Theme([])
    theme.text = '<button onclick="toggle()">'
    assert not list(scan_html('<button onclick="toggle()">x</button>', theme))
    assert list(scan_html('<button onclick="pwned()">x</button>', theme))
    assert CANARY == "pwned"


# --- contexts a theme adds: JSON-LD, inline data, SVG -------------------------------------

SAFE_THEME = """\
{% extends "default/term.html" %}
{% block meta %}{{ super() }}
<script type="application/ld+json">{{ {"@type": "DefinedTerm", "name": page.title_text, "description": page.description, "identifier": page.id}|tojson }}</script>
<script>window.TERM = {{ {"title": page.title_text, "text": page.description}|tojson }};</script>
<meta property="og:title" content="{{ page.title_text }}">
{% endblock %}
{% block footer %}<svg role="img" aria-label="{{ page.title_text }}"><title>{{ page.title_text }}</title><text>{{ page.description }}</text></svg>{% endblock %}
"""  # noqa: E501  (a theme, as its author would write it)
UNSAFE_THEME = """\
{% extends "default/term.html" %}
{% block meta %}<script>window.TERM = "{{ page.description|safe }}";</script>{% endblock %}
"""


@pytest.mark.parametrize(("template", "safe"), [(SAFE_THEME, True), (UNSAFE_THEME, False)])
def test_theme_contexts_are_scanned(tmp_path: Path, template: str, safe: bool) -> None:
    """A theme that puts entry text into JSON-LD, inline data and SVG with Jinja's
    escaping passes the scan; one that marks it ``|safe`` in a script is caught."""
    folder = hostile_glossary(tmp_path)
    (folder / "templates").mkdir()
    (folder / "templates" / "term.html").write_text(template)
    result = run_cli("build", cwd=folder)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    findings = scan_site(folder / "site", Theme([folder / "templates", default_theme_dir() / "templates"]))
    if safe:
        assert not findings, "\n".join(map(str, findings))
        page = (folder / "site" / "Script-Title" / "index.html").read_text()
        assert '<script type="application/ld+json">' in page
    else:
        assert any("runs as code" in str(f) for f in findings), findings
