"""Features of a document as Pandoc reads it (``pandoc -f markdown -t json``).

The features are the ones :mod:`tests.dialect.features` extracts from our
tokens, in the same shapes, so a test can compare them with ``==``.
"""

from __future__ import annotations

import json
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pypandoc

from .features import Features, Table, normalize

QUOTES = {"de": ("„", "“", "‚", "‘"), "en": ("“", "”", "‘", "’"), "fr": ("«\u00a0", "\u00a0»", "“", "”")}
ALIGN = {"AlignLeft": "left", "AlignRight": "right", "AlignCenter": "center"}


@cache
def pandoc_json(path: Path) -> dict[str, Any]:
    """Pandoc's AST of a file (cached: the corpus is read by several tests)."""
    result = subprocess.run(
        [pypandoc.get_pandoc_path(), "-f", "markdown", "-t", "json", str(path)],
        capture_output=True, check=True, text=True, encoding="utf-8",
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


class PandocReader:
    """Walks a Pandoc AST and collects :class:`Features`."""

    def __init__(self, language: str) -> None:
        self.quotes = QUOTES[language]
        self.features = Features()

    def text(self, inlines: list[dict[str, Any]]) -> str:
        """Plain text of inlines, quotes in the language's marks, math as TeX."""
        return "".join(self._inline_text(i) for i in inlines)

    def _inline_text(self, node: dict[str, Any]) -> str:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            return str(content)
        if kind in ("Space", "SoftBreak", "LineBreak"):
            return " "
        if kind in ("Code", "Math"):
            return str(content[1])
        if kind in ("RawInline", "Note"):
            return ""
        if kind == "Quoted":
            double = content[0]["t"] == "DoubleQuote"
            opening, closing = self.quotes[0:2] if double else self.quotes[2:4]
            return opening + self.text(content[1]) + closing
        if kind in ("Link", "Image", "Span", "Cite"):
            return self.text(content[1])
        return self.text(content)  # Emph, Strong, Strikeout, Superscript, ...

    def blocks_text(self, blocks: list[dict[str, Any]]) -> str:
        """Plain text of blocks, joined by spaces."""
        parts: list[str] = []
        for block in blocks:
            kind, content = block["t"], block.get("c")
            if kind in ("Para", "Plain"):
                parts.append(self.text(content))
            elif kind == "Header":
                parts.append(self.text(content[2]))
            elif kind in ("BulletList", "OrderedList"):
                items = content if kind == "BulletList" else content[1]
                parts.extend(self.blocks_text(item) for item in items)
            elif kind in ("BlockQuote", "Div"):
                parts.append(self.blocks_text(content if kind == "BlockQuote" else content[1]))
            elif kind == "CodeBlock":
                parts.append(content[1])
        return normalize(" ".join(parts))

    def walk_blocks(self, blocks: list[dict[str, Any]]) -> None:
        for block in blocks:
            self._block(block["t"], block.get("c"))

    def _block(self, kind: str, content: Any) -> None:
        if kind in ("Para", "Plain"):
            self.features.paragraphs.append(normalize(self.text(content)))
            self.walk_inlines(content)
        elif kind == "Header":
            self.walk_inlines(content[2])
        elif kind == "CodeBlock":
            classes = content[0][1]
            self.features.code.append((classes[0] if classes else "", content[1]))
        elif kind in ("BulletList",):
            for item in content:
                self.walk_blocks(item)
        elif kind == "OrderedList":
            for item in content[1]:
                self.walk_blocks(item)
        elif kind == "BlockQuote":
            self.walk_blocks(content)
        elif kind == "Div":
            self.features.divs.append(_attr(content[0]))
            self.walk_blocks(content[1])
        elif kind == "DefinitionList":
            self._deflist(content)
        elif kind == "Table":
            self._table(content)
        elif kind == "LineBlock":
            self.features.line_blocks.append([normalize(self.text(line)) for line in content])
            for line in content:
                self.walk_inlines(line)
        elif kind == "Figure":
            self.features.figures.append(self.blocks_text(content[1][1]))
            self.walk_blocks(content[2])

    def _deflist(self, items: list[Any]) -> None:
        for term, definitions in items:
            texts = [self.blocks_text(d) for d in definitions]
            self.features.definitions.append((normalize(self.text(term)), texts))
            self.walk_inlines(term)
            for definition in definitions:
                self.walk_blocks(definition)

    def walk_inlines(self, inlines: list[dict[str, Any]]) -> None:
        for node in inlines:
            kind, content = node["t"], node.get("c")
            if kind == "Math":
                display = content[0]["t"] == "DisplayMath"
                self.features.math.append(("display" if display else "inline",
                                           normalize(content[1])))
            elif kind == "Link":
                self.features.links.append(content[2][0])
                self.walk_inlines(content[1])
            elif kind == "Span":
                self.features.spans.append(_attr(content[0]))
                self.walk_inlines(content[1])
            elif kind == "Note":
                self._note(content)
            elif kind == "Quoted":
                self.walk_inlines(content[1])
            elif kind in ("Superscript", "Subscript"):
                tag = "sup" if kind == "Superscript" else "sub"
                self.features.superscripts.append((tag, self.text(content)))
                self.walk_inlines(content)
            elif kind in ("Emph", "Strong", "Strikeout", "SmallCaps", "Underline"):
                self.walk_inlines(content)
            elif kind == "Image":
                self.walk_inlines(content[1])

    def _note(self, blocks: list[dict[str, Any]]) -> None:
        text = self.blocks_text(blocks)
        if text not in self.features.footnotes:  # one note per label: see DIFFERENCES
            self.features.footnotes.append(text)
            saved, self.features.paragraphs = self.features.paragraphs, []
            self.walk_blocks(blocks)
            self.features.paragraphs = saved

    def _table(self, content: list[Any]) -> None:
        _, caption, colspecs, head, bodies, foot = content
        aligns = [ALIGN.get(spec[0]["t"]) for spec in colspecs]
        table = Table(caption=self.blocks_text(caption[1]))
        table.head = self._rows(head[1], aligns)
        table.body = [r for body in bodies for r in self._rows(body[2] + body[3], aligns)]
        table.foot = self._rows(foot[1], aligns)
        self.features.tables.append(table)
        saved, self.features.paragraphs = self.features.paragraphs, []
        self.walk_blocks(caption[1])
        self.features.paragraphs = saved
        for section in [head[1], *[b[2] + b[3] for b in bodies], foot[1]]:
            for row in section:
                for cell in row[1]:
                    saved, self.features.paragraphs = self.features.paragraphs, []
                    self.walk_blocks(cell[4])
                    self.features.paragraphs = saved

    def _rows(self, rows: list[Any], aligns: list[str | None]) -> list[list[Any]]:
        taken: set[tuple[int, int]] = set()
        result = []
        for y, row in enumerate(rows):
            x, cells = 0, []
            for cell in row[1]:
                while (y, x) in taken:
                    x += 1
                _, align, rowspan, colspan, blocks = cell
                for dy in range(rowspan):
                    for dx in range(colspan):
                        taken.add((y + dy, x + dx))
                cell_align = ALIGN.get(align["t"]) or (aligns[x] if x < len(aligns) else None)
                cells.append((self.blocks_text(blocks), colspan, rowspan, cell_align))
                x += colspan
            result.append(cells)
        return result


def _attr(attr: list[Any]) -> tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]:
    identifier, classes, pairs = attr
    return identifier, tuple(classes), tuple(sorted((k, v) for k, v in pairs))


def pandoc_features(path: Path, language: str) -> Features:
    """The features of ``path`` as Pandoc reads it."""
    reader = PandocReader(language)
    reader.walk_blocks(pandoc_json(path)["blocks"])
    return reader.features
