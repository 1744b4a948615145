"""Property tests over parser, resolver (graph + checks) and renderer.

Random glossaries are built from glossary-ish fragments: entry and section
headings with attribute blocks (valid, invalid, unclosed), links to random
ids, see-also sections, ``----``, raw and hostile HTML, emphasis, lists,
code fences (closed or not), tables, ``$`` math, blockquotes, stray braces,
CR line ends and a BOM.  Properties:

- parsing, resolving and rendering never raise;
- every diagnostic (and every related position) points into its file:
  ``1 <= line <= number of lines`` and ``1 <= column <= len(line) + 1``;
- every page is well-formed (html5lib when installed; always a strict
  tag-balance check of the page skeleton with ``html.parser``) and holds
  nothing executable from an entry (:mod:`.scan`).

The default run is short (``FUZZ_EXAMPLES``, default 100 examples per
property); ``python benchmarks/fuzz.py --examples 20000`` runs the long one.
"""

from __future__ import annotations

import html as html_module
import os
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from glossary_build.checks.run import run_checks
from glossary_build.core.config import Config
from glossary_build.core.diagnostics import Diagnostic, Span
from glossary_build.core.model import ParsedFile
from glossary_build.graph.terms import build_graph
from glossary_build.parse.entries import parse_source
from glossary_build.parse.markdown import create_markdown
from glossary_build.render.site import render_pages
from glossary_build.render.theme import default_theme_dir, load_theme
from glossary_build.sources.files import normalize_text

from .scan import Theme, scan_html, scan_javascript, scan_json

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MD = create_markdown("de")

IDS = [
    "A", "B", "Embedding", "XAI", "xAI", "Ökosystem", "LLM", "a.b", "Agent:Tool", "CON", "Index", "kernkonzept",
    "x" * 120,
]
ids = st.sampled_from(IDS) | st.text(alphabet="abAB-_.:/\\<>\"'{}# 0é\u0301\t", min_size=0, max_size=8)
words = st.sampled_from(["Wort"] * 8 + [
    "Ähnlichkeit", "ß", "`code`", "*em*", "**strong**", "***both***", "_u_", "*open",
    "**open", "[", "]", "(", ")", "{", "}", "\\", "&amp;", "&#0;", "&lt;", "<", ">", '"', "'",
    "$x^2$", "$$", "$", "|", "$\\text{</script><script>pwned()</script>}$", "$\\href{javascript:pwned()}{x}$",
    "~~del~~", "\u202e", "\u0000", "\t", "  ", "pwned()", "<br>",
])
html = st.sampled_from([
    "<script>pwned()</script>", "<img src=x onerror=pwned()>", "<svg onload=pwned()>", "<sub>2</sub>",
    '<a href="javascript:pwned()">x</a>', "<div>", "</div>", "<!-- note -->", "<!--", "<span title='\"'>",
    "<math><mi xlink:href='javascript:pwned()'>x</mi></math>", "</script>", "<style>", "<p", "<",
    '<a href="data:text/html,pwned()">d</a>', "<details open ontoggle=pwned()>", "<kbd>K</kbd>", "&#106;",
])


@st.composite
def attribute_blocks(draw: st.DrawFn) -> str:
    items = draw(st.lists(st.sampled_from([
        "#" + draw(ids), ".term", ".seealso", ".explanation", ".chapter", "-", "key=value", 'k="a b"',
        "onclick=pwned()", "style=x", "data-x='\"><script>pwned()</script>'", "title='\" onmouseover=pwned()'",
        "{", "}", "#", ".",
    ]), max_size=5))
    closing = draw(st.sampled_from(["}", "}", "}", "", " ##", "} ##", "}}"]))
    return "{" + " ".join(items) + closing


inline_text = st.lists(words | html | st.text(max_size=6), max_size=8).map(" ".join)


@st.composite
def links(draw: st.DrawFn) -> str:
    target = draw(ids)
    text = draw(inline_text)
    form = draw(st.sampled_from(["[{t}](#{i})", "[{t}](#{i} \"ti\\\"tle\")", "[{t}](#{i}){{.c}}",
                                 "**[{t}](#{i})**", "[{t}](#{i})s", "[{t}](https://e.x/{i})", "[{t}](javascript:{i})",
                                 "![{t}](#{i})", "[{t}][{i}]", "[{i}]: #{i}", "<#{i}>", "[{t}](<#{i}>)"]))
    return form.format(t=text, i=target)


@st.composite
def blocks(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 15))
    text = draw(inline_text)
    if kind == 0:
        return f"{'#' * draw(st.integers(1, 7))} {text} {draw(attribute_blocks())}"
    if kind == 1:
        return f"## {text} {{#{draw(ids)} .term}}"
    if kind == 2:
        return "### Siehe auch {.seealso}\n" + " |\n".join(draw(st.lists(links(), max_size=5)))
    if kind == 3:
        return draw(st.sampled_from(["----", "---", "***", "- - -", "___"]))
    if kind == 4:
        return "\n".join(draw(st.lists(html, min_size=1, max_size=4)))
    if kind == 5:
        depth = draw(st.integers(0, 6))
        marker = draw(st.sampled_from(["-", "*", "1.", "2)", "+"]))
        return "\n".join(f"{'  ' * d}{marker} {text}" for d in range(depth + 1))
    if kind == 6:
        fence = draw(st.sampled_from(["```", "~~~", "````"]))
        close = draw(st.sampled_from([fence, "", "```"]))
        return f"{fence}{draw(st.sampled_from(['', 'python', '{.c}']))}\n{text}\n{close}"
    if kind == 7:
        cells = draw(st.lists(inline_text, min_size=1, max_size=3))
        return "| " + " | ".join(cells) + " |\n|" + "---|" * len(cells) + "\n| " + " | ".join(reversed(cells)) + " |"
    if kind == 8:
        return "+---+---+\n| a | b |\n+===+===+\n| " + text[:3] + " | c |\n+---+---+\n: Caption"
    if kind == 9:
        return f"$${text}$$" if draw(st.booleans()) else f"${text}$"
    if kind == 10:
        return ">" * draw(st.integers(1, 12)) + " " + text
    if kind == 11:
        return " ".join(draw(st.lists(links(), min_size=1, max_size=4)))
    if kind == 12:
        return "{" * draw(st.integers(1, 30))
    if kind == 13:
        return f"Term\n: {text}" if draw(st.booleans()) else f"::: {{.note}}\n{text}\n:::"
    if kind == 14:
        return f"***{text}***\n\n- ***„{text}“***\n  (Quelle)"
    return text


@st.composite
def documents(draw: st.DrawFn) -> str:
    parts = draw(st.lists(blocks(), max_size=14))
    separators = [draw(st.sampled_from(["\n\n", "\n", "\n\n\n"])) for _ in parts]
    text = "".join(part + sep for part, sep in zip(parts, separators))
    if draw(st.booleans()):
        text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\n"])))
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text


def _parse(texts: list[str]) -> list[ParsedFile]:
    return [parse_source(f"entries/f{n}.md", normalize_text(text), MD) for n, text in enumerate(texts)]


def assert_position(span: Span, lines: dict[str, tuple[str, ...]]) -> None:
    assert span.path in lines, span
    file_lines = lines[span.path]
    # "a\n" is one line: the empty string after the last line end is no line of its own.
    count = max(len(file_lines) - (len(file_lines) > 1 and file_lines[-1] == ""), 1)
    assert 1 <= span.line <= count, (span, count)
    line = file_lines[span.line - 1] if file_lines else ""
    assert 1 <= span.column <= len(line) + 1, (span, line)
    if span.end_line is not None:
        assert span.line <= span.end_line <= count, span
        end = file_lines[span.end_line - 1] if file_lines else ""
        assert span.end_column is not None and 1 <= span.end_column <= len(end) + 1, (span, end)


def assert_positions(
    diagnostics: list[Diagnostic] | tuple[Diagnostic, ...], files: list[ParsedFile] | Mapping[str, tuple[str, ...]]
) -> None:
    """Every span of ``diagnostics`` lies within the lines of ``files`` (parse results, or
    each path's lines)."""
    lines = files if isinstance(files, Mapping) else {parsed.path: parsed.lines for parsed in files}
    for diagnostic in diagnostics:
        assert_position(diagnostic.span, lines)
        for related in diagnostic.related:
            assert_position(related.span, lines)


@FUZZ
@given(documents())
def test_parser_never_raises_and_positions_are_valid(text: str) -> None:
    files = _parse([text])
    assert_positions(files[0].diagnostics, files)


@FUZZ
@given(st.lists(documents(), min_size=1, max_size=4))
def test_resolver_never_raises_and_positions_are_valid(texts: list[str]) -> None:
    files = _parse(texts)
    graph = build_graph(files)
    found = run_checks(graph)
    assert_positions(found, files)
    for entry_id, entry in graph.entries.items():
        assert len(graph.resolved[entry_id]) == len(entry.references)


THEME = load_theme(Path("/nonexistent-glossary"))
SCAN_THEME = Theme([default_theme_dir() / "templates", default_theme_dir() / "static"])
CONFIG = Config(root=Path("/nonexistent-glossary"), title="Fuzz </title><script>pwned()</script>")


@FUZZ
@given(st.lists(documents(), min_size=1, max_size=3))
@example(["## A {#A .term}\n\n### Siehe auch {.seealso}\n[<style>](#A)\n"])  # found by the long run
@example(["## A {#A .term}\n\nSee [<script>x](#A) and [ok](#A).\n"])
@example(["## A {#A .term}\n\n### Siehe auch {.seealso}\n[Wort <details open> Wort](#A) |\n"])  # long run
@example(["## A {#A .term}\n\nSee [a <b>x](#A) y</b> and [<sub>2</sub>](#A).\n"])
def test_rendered_pages_are_well_formed_and_hold_no_script(texts: list[str]) -> None:
    graph = build_graph(_parse(texts))
    for path, content in render_pages(graph, CONFIG, THEME):
        page = content.decode("utf-8")
        if path.endswith(".html"):
            assert_well_formed(page, path)
            findings = list(scan_html(page, SCAN_THEME))
        elif path.endswith((".js", ".mjs")):
            findings = list(scan_javascript(page))
        elif path.endswith(".json"):
            findings = list(scan_json(page))
        else:
            findings = list(scan_html(page, SCAN_THEME)) if path.endswith(".svg") else []
        assert not findings, (path, findings)


VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)
SKELETON = ("html", "head", "body", "header", "main", "footer")


class _Balance(HTMLParser):
    """Strict nesting: every end tag closes the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.seen: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKELETON and len(self.stack) <= 2:  # html > body > header/main/footer
            self.seen.append(tag)
        if tag not in VOID and not tag.startswith(("m", "svg")) or tag in ("main", "mark", "meter", "menu"):
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKELETON:
            self.problems.append(f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag.startswith(("m", "svg")) and tag not in ("main", "mark", "meter", "menu"):
            return  # MathML: serialised by the sanitiser, checked by html5lib
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
        else:
            self.stack.pop()


def assert_well_formed(page: str, path: str) -> None:
    checker = _Balance()
    checker.feed(page)
    checker.close()
    assert not checker.problems, (path, checker.problems[:5])
    assert checker.stack == [], (path, checker.stack)
    assert checker.seen == list(SKELETON), (path, checker.seen)
    try:
        import html5lib  # type: ignore[import-untyped]
    except ImportError:
        return
    document = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    body = document.find("body")
    assert body is not None, path
    children = [child.tag for child in body]
    assert "main" in children and "footer" in children and "header" in children, (path, children)


byte_fragments = st.sampled_from([b"\xff", b"\xc3", b"\xc3\xa4", b"\xe2\x80", b"\xef\xbb\xbf", b"\r\n", b"\r", b"\n",
                                  b"\x00", b"## A {#A .term}", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"text "])


@FUZZ
@given(st.lists(byte_fragments | st.binary(max_size=8), max_size=30).map(b"".join))
def test_reading_bytes_never_raises_and_positions_are_valid(data: bytes) -> None:
    from glossary_build.sources.files import Source, read_source

    result = read_source("entries/x.md", data)
    if isinstance(result, Source):
        files = _parse([result.text])
        assert_positions(files[0].diagnostics, files)
        assert "\r" not in result.text
        assert not result.text.startswith("\ufeff") or data.startswith(b"\xef\xbb\xbf" * 2)
        return
    raw_lines = data.split(b"\n")
    assert 1 <= result.span.line <= len(raw_lines)
    assert 1 <= result.span.column <= len(raw_lines[result.span.line - 1]) + 1
    offset = int(result.get("offset") or -1)
    assert 0 <= offset < len(data)


# --- nothing the author wrote is lost ------------------------------------------------------

_SWALLOWING = re.compile(
    r"<(?=[!?]|/?(?:script|style|template|iframe|noembed|noframes|textarea|xmp|title|plaintext|noscript|svg|math)\b)",
    re.IGNORECASE,
)


@st.composite
def marked_documents(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A document with an entry heading first, whose ordinary words are marker words
    ``zqN``, and without HTML that swallows the text after it (``<script``, ``<!--``, ...;
    and ``<svg>``/``<math>``, whose foreign content the sanitiser removes, reported)."""
    # A "<" that opens no complete tag would make the words after it attributes (<p Wort).
    text = re.sub(r"<(?![^<>]*>)", "&lt;", draw(documents()).replace("\ufeff", ""))
    text = "## Start {#Start .term}\n\n" + _SWALLOWING.sub("&lt;", text)
    marks: list[str] = []

    def mark(match: re.Match[str]) -> str:
        marks.append(f"zq{len(marks)}")
        return marks[-1]

    # Words in table rows are not marked: like Pandoc and GFM, a row's cells beyond the
    # header's count are dropped (two tables in a row can make such rows).
    # Nor words on lines linking to #Index: in a see-also list that link is the site's own
    # "back to the index" link, with the site's words.
    lines = [line if line.lstrip().startswith("|") or re.search(r"\(<?#Index", line) else re.sub("Wort", mark, line)
             for line in text.split("\n")]
    return "\n".join(lines), marks


def _visible_text(pages: list[str]) -> str:
    # alt text counts, and so does a formula's TeX source (a TeX comment shows only there)
    joined = re.sub(r"""<(?:img|math)\b[^>]*\balt(?:text)?="([^"]*)"[^>]*>""", r" \1 ", "\n".join(pages))
    return html_module.unescape(re.sub(r"<[^>]*>", "", joined))


@FUZZ
@given(marked_documents())
@example(("## Start {#Start .term}\n\n" + "- " * 30 + "zq0\n\n## B {#B .term}\n\nzq1\n", ["zq0", "zq1"]))
@example(("## Start {#Start .term}\n\n### Siehe auch {.seealso}\n\n$$zq0$$ ![zq1](#A)\n", ["zq0", "zq1"]))
def test_no_text_is_lost(document: tuple[str, list[str]]) -> None:
    """Every marker word is on some page, except in a later copy of a duplicate id
    (reported as duplicate-id; its page is the first copy's)."""
    text, marks = document
    files = _parse([text])
    graph = build_graph(files)
    lines = normalize_text(text).split("\n")
    excused: set[str] = set()
    for entry in files[0].entries:
        if graph.entries.get(entry.id) is not entry:  # a later copy of a duplicate id
            for line in lines[entry.heading.span.line - 1 : entry.end_line]:
                excused.update(re.findall(r"zq[0-9]+", line))
    visible = _visible_text([content.decode() for _, content in render_pages(graph, CONFIG, THEME)])
    missing = [mark for mark in marks if mark not in visible and mark not in excused]
    assert not missing, (missing, text)
