"""Features of a document as our plugins read it, for comparison with Pandoc.

A feature is what an author cares about, not markup details: the cells of
tables (text, spans, alignment), code blocks (language, text), math (TeX,
display or inline), footnotes (text), link targets, divs and spans
(attributes), definition lists, figures (caption), line blocks (lines),
superscripts and subscripts (text) and the text of paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from glossary_build.parse.markdown.highlight import parse_info

Attr = tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]
Cell = tuple[str, int, int, str | None]
"""Text, colspan, rowspan, alignment."""
ALIGN = re.compile(r"text-align:\s*(left|right|center)")


def normalize(text: str) -> str:
    """Collapse whitespace, so line breaks in the source do not count."""
    return " ".join(text.split())


@dataclass
class Table:
    """Caption and rows (of ``(text, colspan, rowspan, align)`` cells) per section."""

    caption: str = ""
    head: list[list[Cell]] = field(default_factory=list)
    body: list[list[Cell]] = field(default_factory=list)
    foot: list[list[Cell]] = field(default_factory=list)


@dataclass
class Features:
    """Everything compared with Pandoc.

    Lists are in document order, except that footnote texts come last here
    (our notes are a block at the end) and inline in Pandoc; so the test sorts
    ``links``, ``math`` and ``spans`` before comparing.  ``paragraphs`` leaves
    out table cells and notes, which are compared as ``tables`` and ``footnotes``.
    """

    tables: list[Table] = field(default_factory=list)
    code: list[tuple[str, str]] = field(default_factory=list)
    math: list[tuple[str, str]] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    divs: list[Attr] = field(default_factory=list)
    spans: list[Attr] = field(default_factory=list)
    definitions: list[tuple[str, list[str]]] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    line_blocks: list[list[str]] = field(default_factory=list)
    superscripts: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


def inline_text(token: Token) -> str:
    """Plain text of an inline token: math and code as their source, no raw HTML."""
    return "".join(child_text(child) for child in token.children or [])


def child_text(child: Token) -> str:
    """Plain text of one inline child token."""
    if child.type in ("text", "code_inline", "math_inline", "math_display"):
        return child.content
    if child.type in ("softbreak", "hardbreak"):
        return " "
    if child.type == "image":
        return inline_text(child)
    return ""


def _lines(token: Token) -> list[str]:
    """The lines of a line block's inline token (split at hard breaks)."""
    lines: list[list[Token]] = [[]]
    for child in token.children or []:
        if child.type == "hardbreak":
            lines.append([])
        else:
            lines[-1].append(child)
    return [normalize("".join(child_text(c) for c in line)) for line in lines]


def _flat(children: list[Token]) -> list[Token]:
    """Children with the description of each image after it (Pandoc walks image alts too)."""
    result = []
    for child in children:
        result.append(child)
        if child.type == "image":
            result.extend(_flat(child.children or []))
    return result


def _attr(token: Token) -> Attr:
    attrs = {k: str(v) for k, v in token.attrs.items()}
    classes = tuple(attrs.pop("class", "").split())
    return attrs.pop("id", ""), classes, tuple(sorted(attrs.items()))


class TokenReader:
    """Walks our token stream and collects :class:`Features`.

    Text of table cells, definitions and footnotes is gathered on a stack of
    collectors, so a list inside a cell or a table inside a definition work.
    """

    def __init__(self) -> None:
        self.features = Features()
        self.tables: list[Table] = []
        self.sections: list[str] = []
        self.collectors: list[list[str]] = []
        self.cells: list[Token] = []
        self.in_notes = False

    def read(self, tokens: list[Token]) -> Features:
        """Collect the features of a parsed token stream."""
        for index, token in enumerate(tokens):
            previous = tokens[index - 1] if index else None
            handler = getattr(self, "_" + token.type, None)
            if handler is not None:
                handler(token)
            if token.type == "inline":
                self._read_inline(token, previous)
        return self.features

    def _read_inline(self, token: Token, previous: Token | None) -> None:
        text = normalize(inline_text(token))
        kind = previous.type if previous is not None else ""
        if kind == "caption_open":
            self.tables[-1].caption = text
        elif kind == "figcaption_open":
            self.features.figures.append(text)
            return
        elif kind == "line_block_open":
            self.features.line_blocks.append(_lines(token))
        elif kind == "dt_open":
            self.features.definitions.append((text, []))
        else:
            for collector in self.collectors[-1:]:
                collector.append(text)
        if kind in ("paragraph_open", "figure_open") and not self.in_notes and not self.tables:
            self.features.paragraphs.append(text)
        for child in _flat(token.children or []):
            if child.type in ("math_inline", "math_display"):
                display = "display" if child.type == "math_display" else "inline"
                self.features.math.append((display, normalize(child.content)))
            elif child.type == "link_open":
                self.features.links.append(str(child.attrs["href"]))
            elif child.type == "span_open":
                self.features.spans.append(_attr(child))
            elif child.type in ("sup_open", "sub_open"):
                self.features.superscripts.append((child.tag, ""))
            elif child.type in ("sup_close", "sub_close"):
                tag, _ = self.features.superscripts.pop()
                self.features.superscripts.append((tag, self._since_open(token, child)))

    @staticmethod
    def _since_open(token: Token, closing: Token) -> str:
        """Text between the opening and ``closing`` tokens of a ``sup``/``sub``."""
        children = token.children or []
        end = children.index(closing)
        start = max(i for i in range(end) if children[i].type == closing.type[:3] + "_open")
        return "".join(child_text(c) for c in children[start + 1 : end])

    def _fence(self, token: Token) -> None:
        language, _ = parse_info(token.info)
        self.features.code.append((language, token.content.removesuffix("\n")))
        for collector in self.collectors[-1:]:
            collector.append(token.content)

    def _code_block(self, token: Token) -> None:
        self.features.code.append(("", token.content.removesuffix("\n")))

    def _fenced_div_open(self, token: Token) -> None:
        self.features.divs.append(_attr(token))

    def _table_open(self, token: Token) -> None:
        self.tables.append(Table())
        self.features.tables.append(self.tables[-1])
        self.sections.append("body")

    def _table_close(self, token: Token) -> None:
        self.tables.pop()
        self.sections.pop()

    def _thead_open(self, token: Token) -> None:
        self.sections[-1] = "head"

    def _tbody_open(self, token: Token) -> None:
        self.sections[-1] = "body"

    def _tfoot_open(self, token: Token) -> None:
        self.sections[-1] = "foot"

    def _tr_open(self, token: Token) -> None:
        getattr(self.tables[-1], self.sections[-1]).append([])

    def _td_open(self, token: Token) -> None:
        self.cells.append(token)
        self.collectors.append([])

    _th_open = _td_open

    def _td_close(self, token: Token) -> None:
        opening, text = self.cells.pop(), self.collectors.pop()
        align = ALIGN.search(str(opening.attrs.get("style", "")))
        cell = (normalize(" ".join(text)), int(opening.attrs.get("colspan", 1)),
                int(opening.attrs.get("rowspan", 1)), align.group(1) if align else None)
        getattr(self.tables[-1], self.sections[-1])[-1].append(cell)

    _th_close = _td_close

    def _dd_open(self, token: Token) -> None:
        self.collectors.append([])

    def _dd_close(self, token: Token) -> None:
        self.features.definitions[-1][1].append(normalize(" ".join(self.collectors.pop())))

    def _footnote_block_open(self, token: Token) -> None:
        self.in_notes = True

    def _footnote_open(self, token: Token) -> None:
        self.collectors.append([])

    def _footnote_close(self, token: Token) -> None:
        self.features.footnotes.append(normalize(" ".join(self.collectors.pop())))


def our_features(md: MarkdownIt, text: str) -> Features:
    """The features of ``text`` as our plugins read it."""
    return TokenReader().read(md.parse(text, {}))
