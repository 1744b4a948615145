"""Sanitising rendered HTML fragments and Pandoc attribute pairs.

Entries are Markdown written by people, and Markdown lets them write raw
HTML.  Before a rendered fragment goes into a page it passes
:func:`sanitize_fragment`, which runs `nh3`_ (Python bindings of the Rust
crate *ammonia*, an HTML5-parser based allow-list sanitiser) with the
allow-list below: everything markdown-it and the glossary extensions produce
is kept (text markup, links, images, tables, footnotes, definition lists,
MathML as latex2mathml emits it, ``class``/``id``/``lang``/``dir``/``title``/
``role``/``data-*``/``aria-*`` attributes); scripts, styles, frames, plug-ins,
forms, event handlers, ``style`` attributes (except ``text-align`` on table
cells) and ``javascript:``/``data:``/``vbscript:`` URLs are removed.  HTML
comments are dropped silently: authors use them for notes, they are not a
finding.

The pipeline marks places in a fragment with ``\\x00<n>\\x00`` and
``\\x00/<n>\\x00`` (NUL, digits, NUL).  An HTML parser turns NUL into U+FFFD
or drops it, so the markers are swapped for noncharacters before ``nh3`` and
back afterwards; they come out unchanged.  Markers inside removed content
(a ``<script>`` element, say) disappear with it.

``raw_html: trusted``: a glossary whose authors are trusted may switch
sanitising off in its configuration.  Nothing in this module reads
configuration; the caller decides.  With ``trusted`` the pipeline does not
call :func:`sanitize_fragment` and uses the rendered HTML as it is (markers
included).  It may skip :func:`filter_attribute_pairs` as well: an author who
may write ``<span onclick>`` gains nothing from ``{onclick=...}``.

.. _nh3: https://github.com/messense/nh3
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import unescape
from types import MappingProxyType

import nh3

# --- the allow-list ---------------------------------------------------------


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TEXT_TAGS = _names(
    "p em strong b i u a code pre ul ol li blockquote h1 h2 h3 h4 h5 h6 hr br img"
    " dl dt dd div span sup sub abbr kbd samp var mark del ins s small q cite dfn"
    " time data bdi bdo ruby rt rp wbr figure figcaption section details summary input"
)
_TABLE_TAGS = _names("table caption colgroup col thead tbody tfoot tr th td")
_MATHML_TAGS = _names(
    "math mrow mi mn mo ms mtext mspace msup msub msubsup mfrac msqrt mroot mover"
    " munder munderover mtable mtr mtd mlabeledtr mstyle mpadded mphantom menclose"
    " merror mfenced mmultiscripts mprescripts none semantics annotation"
)
ALLOWED_TAGS: frozenset[str] = _TEXT_TAGS | _TABLE_TAGS | _MATHML_TAGS
"""Elements kept by :func:`sanitize_fragment`; others are unwrapped (their text stays)."""

CONTENT_REMOVED_TAGS: frozenset[str] = frozenset(
    {"script", "style", "template", "iframe", "noembed", "noframes"}
)
"""Elements removed together with everything inside them."""

GENERIC_ATTRIBUTES: frozenset[str] = frozenset({"class", "id", "lang", "dir", "title", "role"})
"""Attributes allowed on every allowed element."""

GENERIC_ATTRIBUTE_PREFIXES: frozenset[str] = frozenset({"data-", "aria-"})
"""Attribute name prefixes allowed on every allowed element."""

_MATHML_ATTRIBUTES = _names(
    "xmlns alttext display mathvariant mathsize mathcolor mathbackground displaystyle"
    " scriptlevel stretchy fence separator separators form accent accentunder"
    " movablelimits largeop symmetric lspace rspace minsize maxsize linethickness"
    " bevelled numalign denomalign columnalign rowalign columnspacing rowspacing"
    " columnlines rowlines columnspan rowspan frame framespacing equalrows"
    " equalcolumns width height depth voffset notation open close encoding"
    " align side"
)

TAG_ATTRIBUTES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "a": frozenset({"href", "hreflang"}),
        "img": frozenset({"src", "alt", "width", "height", "loading"}),
        "th": frozenset({"colspan", "rowspan", "style", "scope", "abbr"}),
        "td": frozenset({"colspan", "rowspan", "style"}),
        "col": frozenset({"span", "width"}),
        "colgroup": frozenset({"span"}),
        "ol": frozenset({"start", "type", "reversed"}),
        "li": frozenset({"value"}),
        "time": frozenset({"datetime"}),
        "data": frozenset({"value"}),
        "q": frozenset({"cite"}),
        "blockquote": frozenset({"cite"}),
        "del": frozenset({"cite", "datetime"}),
        "ins": frozenset({"cite", "datetime"}),
        "details": frozenset({"open"}),
        "input": frozenset({"checked", "disabled"}),
        **{tag: _MATHML_ATTRIBUTES for tag in _MATHML_TAGS},
    }
)
"""Attributes allowed on particular elements, besides :data:`GENERIC_ATTRIBUTES`."""

FORCED_ATTRIBUTES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"input": MappingProxyType({"type": "checkbox"})}
)
"""Attributes set on every such element, whatever it said: the only input kept
is the check box of a task list item (``- [x] done``).  One attribute per
element only: nh3 adds several in an order that changes from run to run."""

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel", "ftp"})
"""URL schemes kept in ``href``/``src``/``cite``; relative URLs are always kept."""

_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
_STYLE_PROPERTIES = frozenset({"text-align"})


@functools.cache
def _cleaner() -> nh3.Cleaner:
    """The one configured sanitiser (immutable; built on first use)."""
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(CONTENT_REMOVED_TAGS),
        attributes={"*": set(GENERIC_ATTRIBUTES), **{t: set(a) for t, a in TAG_ATTRIBUTES.items()}},
        generic_attribute_prefixes=set(GENERIC_ATTRIBUTE_PREFIXES),
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(_STYLE_PROPERTIES),
        set_tag_attribute_values={t: dict(a) for t, a in FORCED_ATTRIBUTES.items()},
        strip_comments=True,
        link_rel=None,
    )


# --- fragments --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SanitizeResult:
    """A sanitised fragment and what sanitising took out of it."""

    html: str
    """The safe HTML."""
    removed: tuple[str, ...]
    """What was removed, each once, in order of appearance, e.g. ``<script> element``,
    ``onclick attribute on <span>``, ``javascript: URL in href on <a>``; empty when
    nothing was.  Found by a second look at the input, made only when the output
    differs from it.  That look uses Python's HTML parser, which can read badly
    broken markup differently from the sanitiser's HTML5 parser, so for such
    input the list may be incomplete; the HTML is safe either way."""


_MARKER = re.compile("\x00(/?)([0-9]+)\x00")
_OPEN, _CLOSE = "\ufdd0", "\ufdd1"  # noncharacters: no meaning in HTML, kept by nh3
_SENTINEL = re.compile("\ufdd0(/?)([0-9]+)\ufdd1")


def sanitize_fragment(html: str) -> SanitizeResult:
    """Sanitise one rendered HTML fragment (see the module docstring for the policy)."""
    if _OPEN in html or _CLOSE in html:
        # Keep our sentinels unforgeable: these noncharacters mean nothing in HTML.
        html = html.replace(_OPEN, "\ufffd").replace(_CLOSE, "\ufffd")
    protected = _MARKER.sub(_OPEN + r"\1\2" + _CLOSE, html) if "\x00" in html else html
    cleaned = _cleaner().clean(protected)
    if _OPEN in cleaned:
        cleaned = _pair_markers(_SENTINEL.sub("\x00\\1\\2\x00", cleaned))
    if cleaned == html:
        return SanitizeResult(cleaned, ())
    return SanitizeResult(cleaned, tuple(dict.fromkeys(_problems(html))))


_SERIALISED_TAG = re.compile(
    r"""<(/?)([a-zA-Z][^\s/>]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*(/?)>|\x00(/?)([0-9]+)\x00"""
)
_VOID = _names("area base br col embed hr img input link meta param source track wbr")


def _pair_markers(html: str) -> str:
    """Keep a reference's two markers only where they can become ``<a>`` and ``</a>``.

    Both must be present (``[<style>](#A)`` loses its closing marker inside
    the removed ``<style>``) and sit inside the same element: the sanitiser
    closes an element opened in the link text after the closing marker
    (``[x <details>y](#A)`` gives ``x <details>y</a></details>``).  Otherwise
    both are dropped and the link text stays as text.  ``html`` is the
    sanitiser's output, so every element is closed and ``<`` in text is escaped.
    """
    stack: list[str] = []
    opened: dict[str, tuple[str, ...]] = {}
    kept: set[str] = set()
    markers = 0
    for match in _SERIALISED_TAG.finditer(html):
        slash, name, _, self_closing, marker_slash, number = match.groups()
        if number is not None:
            markers += 1
            if not marker_slash:
                opened[number] = tuple(stack)
            elif opened.get(number) == tuple(stack):
                kept.add(number)
        elif slash:
            if name.lower() in stack:
                while stack.pop() != name.lower():
                    pass
        elif not self_closing and name.lower() not in _VOID:
            stack.append(name.lower())
    if markers == 2 * len(kept):
        return html
    return _MARKER.sub(lambda m: m.group() if m.group(2) in kept else "", html)


# A tokenizer just good enough to name what the sanitiser removed.  Linear
# time on any input (Python's HTMLParser is quadratic on some broken markup).
_TOKEN = re.compile(
    r"""<!--.*?(?:-->|\Z)
      | <[!?/][^<>]*>?
      | <([a-zA-Z][^\s/<>]*)((?:"[^"]*"|'[^']*'|[^'"<>])*)>?""",
    re.DOTALL | re.VERBOSE,
)
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_TEXT_ONLY_TAGS = frozenset(
    {"script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title"}
)


def _problems(html: str) -> Iterator[str]:
    """What the allow-list rejects in ``html``, in order, as readable descriptions."""
    lowered = html.lower()
    position = 0
    while match := _TOKEN.search(html, position):
        position = match.end()
        name = (match.group(1) or "").lower()
        if not name:
            continue  # comment, end tag, declaration
        if name not in ALLOWED_TAGS:
            yield f"<{name}> element"
        else:
            for attribute in _ATTRIBUTE.finditer(match.group(2)):
                value = unescape("".join(attribute.groups("")[1:]))
                problem = _attribute_problem(name, attribute.group(1).lower(), value)
                if problem:
                    yield problem
        if name in _TEXT_ONLY_TAGS:  # their content is text, not markup
            end = lowered.find(f"</{name}", position)
            position = len(html) if end == -1 else end


def _attribute_problem(tag: str, name: str, value: str) -> str | None:
    forced = FORCED_ATTRIBUTES.get(tag, {}).get(name)
    if forced is not None:
        return None if value.lower() == forced else f"{name}={value} on <{tag}> (set to {forced})"
    if not _attribute_allowed(tag, name):
        return f"{name} attribute on <{tag}>"
    if name in _URL_ATTRIBUTES:
        scheme = url_scheme(value)
        if scheme is not None and scheme not in URL_SCHEMES:
            return f"{scheme}: URL in {name} on <{tag}>"
    if name == "style":
        properties = {p.split(":", 1)[0].strip().lower() for p in value.split(";") if p.strip()}
        if properties - _STYLE_PROPERTIES:
            return f"style other than text-align on <{tag}>"
    return None


def _attribute_allowed(tag: str, name: str) -> bool:
    if name in GENERIC_ATTRIBUTES or name in TAG_ATTRIBUTES.get(tag, ()):
        return True
    return any(
        name.startswith(prefix) and len(name) > len(prefix) for prefix in GENERIC_ATTRIBUTE_PREFIXES
    )


_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_URL_IGNORED = re.compile(r"[\t\n\r]")


def url_scheme(url: str) -> str | None:
    """The lower-case scheme of ``url`` as a browser reads it, or None for a relative URL.

    Like the WHATWG URL parser: leading and trailing control characters and
    spaces are ignored, tabs and newlines anywhere are removed.
    """
    if url.startswith("#"):
        return None  # a fragment (most links in a glossary): no scheme, and no need to clean it
    url = _URL_IGNORED.sub(
        "",
        url.strip(
            "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e"
            "\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a"
            "\x1b\x1c\x1d\x1e\x1f \t\n\r"
        ),
    )
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else None


# --- Pandoc attribute pairs --------------------------------------------------

_KEPT_KEYS = frozenset({"lang", "dir", "title"})


def filter_attribute_pairs(
    pairs: Sequence[tuple[str, str]],
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Split the ``key=value`` pairs of a Pandoc attribute block into kept and dropped.

    Kept: ``data-*``, ``aria-*``, ``lang``, ``dir`` and ``title`` (keys compared
    case-insensitively, order preserved).  Everything else is dropped, notably
    ``on*`` event handlers, ``style``, ``href`` and ``src``: an attribute block
    must not be a way around :func:`sanitize_fragment`.  Values are returned
    unchanged; the template engine escapes them.  Returns ``(kept, dropped
    keys)``.
    """
    kept: list[tuple[str, str]] = []
    dropped: list[str] = []
    for key, value in pairs:
        if _pair_allowed(key.lower()):
            kept.append((key, value))
        else:
            dropped.append(key)
    return tuple(kept), tuple(dropped)


_DATA_KEY = re.compile(r"(data|aria)-[\w.\-:]+\Z")


def _pair_allowed(key: str) -> bool:
    return key in _KEPT_KEYS or _DATA_KEY.match(key) is not None
