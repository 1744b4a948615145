"""A scanner for anything executable in a built site.

Hostile entries call :data:`CANARY` (``pwned``) in every payload.  The
scanner reads every output file by its kind and reports a :class:`Finding`
for anything that would run in a browser:

- HTML (``.html``, ``.htm``, ``.xhtml``) and SVG: every element, read with
  ``html.parser`` and, when installed, again with ``html5lib`` (a browser's
  tree builder, which sees through ``<svg>``/``<math>`` namespace tricks):

  * an ``on*`` event-handler attribute, unless the theme itself wrote it
    (its exact text occurs in a template);
  * a ``javascript:``/``data:``/``vbscript:`` URL (entities decoded, as a
    browser reads it) in ``href``, ``src``, ``xlink:href``, ``action``,
    ``formaction``, ``poster``, ``background``, ``srcset``, ``data``, ``to``,
    ``values``, ``from``, ``by``, or a ``meta refresh`` pointing at one;
  * elements that run or embed code (``iframe``, ``object``, ``embed``,
    ``base``, ``form``, ``frame``, ``applet``, ``meta http-equiv``),
    unless the theme wrote that very tag;
  * a ``style`` attribute or element with :data:`CANARY`, ``expression(``
    or a ``javascript:`` URL;
  * every ``<script>``, split where a browser splits it
    (``</script`` followed by space, ``/`` or ``>``): a JSON script
    (``application/json``, ``application/ld+json``, ``importmap``) must
    parse as JSON in full and may hold no ``<!--`` or ``</script``; any
    other script may hold :data:`CANARY` only inside string literals and
    comments (so entry text put into inline data as an escaped string is
    fine, entry text that breaks out of it is not).

- JavaScript (``.js``, ``.mjs``): :data:`CANARY` only inside string
  literals and comments.
- JSON (``.json``, ``.webmanifest``): must parse.
- CSS: no :data:`CANARY`, no ``expression(``, no ``javascript:``.

The rules are generic: a page, a search index, a JSON-LD block or an SVG map
added to the site later is scanned by the same rules without changes here.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from glossary_build.build.write import MARKER_NAME
from glossary_build.parse.sanitize import url_scheme

CANARY = "pwned"
"""The function every hostile payload calls."""

BAD_SCHEMES = frozenset({"javascript", "data", "vbscript", "livescript", "mocha"})
URL_ATTRIBUTES = frozenset(
    {"href", "src", "xlink:href", "action", "formaction", "poster", "background",
     "data", "to", "values", "from", "by", "srcdoc", "ping", "manifest", "codebase",
     "cite", "longdesc", "lowsrc", "dynsrc"}
)
EMBEDDING_TAGS = frozenset({"iframe", "object", "embed", "base", "form", "frame", "frameset",
                            "applet", "meta", "portal", "link", "script", "style", "template"})
"""Tags that are findings when they carry :data:`CANARY` (an entry wrote them)."""
JSON_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json", "importmap",
                               "speculationrules"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".svg"})
JS_SUFFIXES = frozenset({".js", ".mjs"})
JSON_SUFFIXES = frozenset({".json", ".webmanifest", ".jsonld"})


@dataclass(frozen=True)
class Finding:
    """Something executable found in the site."""

    path: str
    """Site-relative file."""
    what: str
    """What was found."""

    def __str__(self) -> str:
        return f"{self.path}: {self.what}"


class Theme:
    """Text the theme itself wrote, so its own markup is not reported."""

    def __init__(self, folders: Iterable[Path]) -> None:
        texts = []
        for folder in folders:
            if folder.is_dir():
                texts += [p.read_text("utf-8", "replace") for p in sorted(folder.rglob("*")) if p.is_file()]
        self.text = "\n".join(texts)

    def wrote(self, snippet: str) -> bool:
        """True when ``snippet`` occurs verbatim in a theme file (and is not entry text)."""
        return CANARY not in snippet and snippet in self.text


def scan_site(folder: Path, theme: Theme) -> list[Finding]:
    """Every finding in every file below ``folder``."""
    findings: list[Finding] = []
    for file in sorted(folder.rglob("*")):
        if file.is_file() and file.name != MARKER_NAME:
            relative = file.relative_to(folder).as_posix()
            findings += [Finding(relative, what) for what in scan_file(file, theme)]
    return findings


def scan_file(file: Path, theme: Theme) -> Iterator[str]:
    """Findings in one file, chosen by its suffix."""
    text = file.read_bytes().decode("utf-8", "replace")
    suffix = file.suffix.lower()
    if suffix in HTML_SUFFIXES:
        yield from scan_html(text, theme)
    elif suffix in JS_SUFFIXES:
        yield from scan_javascript(text)
    elif suffix in JSON_SUFFIXES:
        yield from scan_json(text)
    elif suffix == ".css":
        yield from scan_css(text)
    elif CANARY in text and suffix not in (".txt", ".xml"):
        yield f"{CANARY} in a {suffix or 'suffix-less'} file"


# --- HTML ---------------------------------------------------------------------


def scan_html(text: str, theme: Theme) -> Iterator[str]:
    """Findings in an HTML or SVG document."""
    seen: set[str] = set()
    for finding in _scan_tags(_parsed_with_html_parser(text), theme):
        seen.add(finding)
        yield finding
    for finding in _scan_tags(_parsed_with_html5lib(text), theme):
        if finding not in seen:
            seen.add(finding)
            yield finding + " (as html5lib reads it)"
    scripting = _RAW_TEXT.sub("", text)  # as a browser with scripting on reads <noscript>
    if scripting != text:
        for finding in _scan_tags(_parsed_with_html_parser(scripting), theme):
            if finding not in seen:
                yield finding + " (raw-text elements read as a browser does)"
    yield from scan_scripts(text)


_RAW_TEXT = re.compile(
    r"<(noscript|noembed|noframes|xmp|iframe)\b[^>]*>.*?(?:</\1|\Z)", re.IGNORECASE | re.DOTALL
)


@dataclass(frozen=True)
class Tag:
    name: str
    attributes: tuple[tuple[str, str], ...]
    raw: str


def _scan_tags(tags: Iterable[Tag], theme: Theme) -> Iterator[str]:
    for tag in tags:
        yield from _tag_findings(tag, theme)


def _tag_findings(tag: Tag, theme: Theme) -> Iterator[str]:
    name = tag.name.split(":")[-1]
    if _embeds_entry_code(name, tag.attributes):
        yield f"<{name}> element from an entry: {tag.raw[:120]!r}"
    for key, value in tag.attributes:
        key = key.lower()
        from_entry = CANARY in value or CANARY in key
        if key.startswith("on") and (from_entry or not theme.wrote(f'{key}="{value}"')):
            yield f"{key} attribute on <{name}>: {value[:80]!r}"
        if key in URL_ATTRIBUTES or key.endswith(":href") or key in ("srcset", "content"):
            for url in _urls(key, value):
                scheme = url_scheme(url)
                if scheme in BAD_SCHEMES and (from_entry or not theme.wrote(value)):
                    yield f"{scheme}: URL in {key} on <{name}>: {value[:80]!r}"
        if key == "style" and _bad_css(value):
            yield f"style with script on <{name}>: {value[:80]!r}"


def _embeds_entry_code(name: str, attributes: tuple[tuple[str, str], ...]) -> bool:
    """An element that loads or runs code, with an entry's :data:`CANARY` where it matters."""
    values = {key.lower(): value for key, value in attributes}
    if name in ("script", "link"):
        return any(CANARY in values.get(key, "") for key in ("src", "href", "xlink:href"))
    if name == "meta":
        return "http-equiv" in values and any(CANARY in v for v in values.values())
    if name == "style":
        return False  # its text is checked as CSS
    return name in EMBEDDING_TAGS and any(CANARY in k or CANARY in v for k, v in attributes)


def _urls(key: str, value: str) -> list[str]:
    if key == "srcset":
        return [part.strip() for part in value.split(",")]
    if key == "content":  # <meta http-equiv="refresh" content="0; url=...">
        match = re.search(r"url\s*=\s*['\"]?(.*)", value, re.IGNORECASE)
        return [match.group(1)] if match else []
    return [value]


def _bad_css(text: str) -> bool:
    lowered = re.sub(r"\s|\\", "", html.unescape(text)).lower()
    return CANARY in lowered or "expression(" in lowered or "javascript:" in lowered or "-moz-binding" in lowered


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self.style_texts: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pairs = tuple((k, v or "") for k, v in attrs)
        self.tags.append(Tag(tag, pairs, self.get_starttag_text() or ""))
        self._in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style_texts.append(data)


def _parsed_with_html_parser(text: str) -> list[Tag]:
    collector = _Collector()
    collector.feed(text)
    collector.close()
    styles = [Tag("style-text", (("style", t),), "") for t in collector.style_texts]
    return collector.tags + styles


def _parsed_with_html5lib(text: str) -> list[Tag]:
    try:
        import html5lib  # type: ignore[import-untyped]
    except ImportError:
        return []
    document = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
    tags = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # comments
        name = element.tag.rsplit("}", 1)[-1]
        pairs = tuple((_attribute_name(k), v) for k, v in element.attrib.items())
        raw = "<" + name + "".join(f' {k}="{html.escape(v)}"' for k, v in pairs) + ">"
        tags.append(Tag(name, pairs, _theme_form(name, pairs)))
        if name == "style" and element.text:
            tags.append(Tag("style-text", (("style", element.text),), raw))
    return tags


def _attribute_name(key: str) -> str:
    if key.startswith("{http://www.w3.org/1999/xlink}"):
        return "xlink:" + key.rsplit("}", 1)[1]
    return key.rsplit("}", 1)[-1]


def _theme_form(name: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """The tag as the theme would have written it (for :meth:`Theme.wrote`)."""
    return "<" + name + "".join(f' {k}="{v}"' for k, v in pairs) + ">"


_SCRIPT_OPEN = re.compile(r"<script\b((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</script[\t\n\f\r />]", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def split_scripts(text: str) -> Iterator[tuple[str, str]]:
    """(type, content) of every script element, ended where a browser ends it."""
    position = 0
    while opened := _SCRIPT_OPEN.search(text, position):
        closed = _SCRIPT_CLOSE.search(text, opened.end())
        end = closed.start() if closed else len(text)
        match = _TYPE.search(opened.group(1))
        kind = html.unescape("".join(match.groups(""))).strip().lower() if match else ""
        yield kind, text[opened.end() : end]
        position = end + 1


def scan_scripts(text: str) -> Iterator[str]:
    """Findings in the ``<script>`` elements of an HTML document."""
    for kind, content in split_scripts(text):
        if kind in JSON_SCRIPT_TYPES:
            lowered = content.lower()
            if "<!--" in lowered or "</script" in lowered:
                yield f"<script type={kind}> holds '<!--' or '</script'"
            yield from (f"<script type={kind}>: {f}" for f in scan_json(content))
        elif kind in ("", "text/javascript", "module", "application/javascript"):
            yield from (f"<script>: {f}" for f in scan_javascript(content))
        elif CANARY in content:
            yield f"<script type={kind}> holds {CANARY}"


# --- JavaScript, JSON, CSS ------------------------------------------------------------

_JS_TOKEN = re.compile(
    r"""//[^\n]*|/\*.*?(?:\*/|\Z)|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?|`""",
    re.DOTALL,
)


def code_outside_strings(source: str) -> str:
    """``source`` with string literals and comments blanked out (template
    literals keep their ``${...}`` parts, which are code)."""
    kept: list[str] = []
    position = 0
    while match := _JS_TOKEN.search(source, position):
        kept.append(source[position : match.start()])
        if match.group() == "`":
            code, position = _template_literal(source, match.end())
            kept.append(code)
        else:
            position = match.end()
    kept.append(source[position:])
    return " ".join(kept)


def _template_literal(source: str, position: int) -> tuple[str, int]:
    """Code inside ``${...}`` of a template literal starting at ``position``; and its end."""
    code: list[str] = []
    while position < len(source):
        char = source[position]
        if char == "\\":
            position += 2
        elif char == "`":
            return " ".join(code), position + 1
        elif source.startswith("${", position):
            depth, start = 1, position + 2
            position = start
            while position < len(source) and depth:
                depth += {"{": 1, "}": -1}.get(source[position], 0)
                position += 1
            code.append(source[start : position - 1])
        else:
            position += 1
    return " ".join(code), position


def scan_javascript(source: str) -> Iterator[str]:
    """:data:`CANARY` in code (not in a string or comment) is a finding."""
    code = code_outside_strings(source)
    if CANARY in code:
        at = code.index(CANARY)
        yield f"{CANARY} runs as code: {code[max(0, at - 60) : at + 40]!r}"


def scan_json(text: str) -> Iterator[str]:
    """A JSON document that does not parse is a finding (entry text broke out of it)."""
    try:
        json.loads(text)
    except ValueError as error:
        yield f"not valid JSON ({error})"


def scan_css(text: str) -> Iterator[str]:
    """Script in a style sheet."""
    if _bad_css(text):
        yield "script in CSS"
