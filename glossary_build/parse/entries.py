"""Parse one source file into entries: a pure function of the file's path and text.

A file is parsed with markdown-it once; its top-level blocks are then
grouped into entries:

- an *entry heading* is a heading with class ``term``; it starts an entry.
  In a file without any such heading, its top-level headings with an
  explicit id are the entry headings (authors forget the class; their
  Pandoc book shows these headings like all others), each reported
  (``missing-term-class``);
- headings below it (a higher level) start *sections*; the one with class
  ``seealso`` is the see-also section;
- the blocks between the entry heading and the first section are the *lead*;
- the entry ends at the next entry heading, a thematic break (``----``) or
  the end of the file.

Text that belongs to no entry (after a closing rule, or a heading of the
entry's level without ``term``) is kept with the entry before it, shown on
its page, and reported.  Text before a file's first entry is kept with that
entry the same way.  Nothing the author wrote is dropped.

References are recorded as data (:class:`~glossary_build.core.model.Reference`);
nothing is looked up here.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from glossary_build.core.diagnostics import Diagnostic, Span
from glossary_build.core.model import (
    Attributes,
    Concept,
    Entry,
    Heading,
    ParsedFile,
    Passage,
    Reference,
    ReferenceKind,
    Section,
    SeeAlsoItem,
)
from glossary_build.core.rules import default_severity
from glossary_build.parse.concept import read_concept
from glossary_build.parse.markdown.attributes import auto_identifier
from glossary_build.parse.markdown.heading_attrs import AttributeProblem
from glossary_build.parse.markdown.implicit_refs import LOCAL_TITLE
from glossary_build.parse.markdown.tokens import (
    Block,
    Locator,
    heading_level,
    matching_close,
    plain_text,
    render_inline,
    top_level_blocks,
)
from glossary_build.parse.pandoc_differences import pandoc_differences
from glossary_build.parse.prose import prose_passages
from glossary_build.parse.sanitize import (
    URL_SCHEMES,
    filter_attribute_pairs,
    sanitize_fragment,
    url_scheme,
)
from glossary_build.parse.seealso import items_of_inline
from glossary_build.parse.taglines import split_taglines

RAW_HTML = ("html_block", "html_inline")


@dataclass
class _Draft:
    """An entry while its blocks are being collected."""

    heading: Block
    lead: list[Block] = field(default_factory=list)
    sections: list[tuple[Block, list[Block]]] = field(default_factory=list)
    stray: list[Block] = field(default_factory=list)
    footnotes: list[Block] = field(default_factory=list)
    closed: bool = False
    last_line: int = 0


def parse_source(path: str, text: str, md: MarkdownIt) -> ParsedFile:
    """Read one file's entries.

    ``text`` must already be normalised (:func:`~glossary_build.sources.files.normalize_text`).
    """
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    is_entry_heading = _entry_heading_test(tokens)
    tokens = _footnotes_per_entry(tokens, is_entry_heading)
    lines = text.split("\n")
    reader = _FileReader(path, lines, tokens, md, env, is_entry_heading)
    return reader.read()


EntryHeadingTest = Callable[[Token], bool]
"""Whether a top-level token opens an entry heading (decided once per file)."""


def _entry_heading_test(tokens: Sequence[Token]) -> EntryHeadingTest:
    """``.term`` headings; in a file with none, its top-level headings with an explicit id.

    "Top level" is the smallest heading level that carries an explicit id, so
    ``## Title {#Id}`` with ``### Section`` below it is one entry with a section.
    """
    headings = [token for token in tokens if token.level == 0 and token.type == "heading_open"]
    if any(_has_term_class(token) for token in headings):
        return _has_term_class
    levels = [heading_level(token) for token in headings if _explicit_id(token) is not None]
    if not levels:
        return _has_term_class
    top = min(levels)
    return lambda token: (
        token.type == "heading_open" and heading_level(token) == top and _explicit_id(token) is not None
    )


def _footnotes_per_entry(tokens: list[Token], is_entry_heading: EntryHeadingTest) -> list[Token]:
    """Give each entry its own footnote block, right after the entry's tokens.

    markdown-it collects all notes of a file in one block at its end; each
    entry's page shows only its own notes, numbered from 1.
    """
    if not any(token.type == "footnote_block_open" for token in tokens):
        return tokens
    from glossary_build.parse.markdown.footnotes import split_footnotes

    starts = [i for i, token in enumerate(tokens) if token.level == 0 and is_entry_heading(token)]
    ids = [_heading_id(tokens[i], tokens[i + 1]) for i in starts]
    return [token for part in split_footnotes(tokens, starts, ids) for token in part]


class _FileReader:
    """Groups one file's blocks into entries and renders them."""

    def __init__(
        self,
        path: str,
        lines: list[str],
        tokens: list[Token],
        md: MarkdownIt,
        env: dict[str, Any],
        is_entry_heading: EntryHeadingTest,
    ) -> None:
        self.path = path
        self.is_entry_heading = is_entry_heading
        self.lines = lines
        self.tokens = tokens
        self.md = md
        self.env = env
        self.locator = Locator(lines)
        self.diagnostics: list[Diagnostic] = []
        self.trusted_html = bool(md.options.get("trusted_html"))
        # Every fragment handed to _sanitized is made of this file's top-level tokens,
        # so when the file as a whole holds no raw HTML, math or unsafe URL (almost
        # every file), no fragment needs the per-fragment checks.
        self.may_need_sanitizing = not self.trusted_html and _may_need_sanitizing(tokens)

    def read(self) -> ParsedFile:
        drafts, preamble = self._group(top_level_blocks(self.tokens))
        if preamble and drafts:
            self._report_stray(preamble[0], None)
            drafts[0].stray[:0] = preamble
        entries = tuple(self._entry(draft) for draft in drafts)
        if not entries:
            self._report_no_entry()
        self._report_attribute_problems()
        self.diagnostics.extend(pandoc_differences(self.path, self.tokens, self.lines))
        return ParsedFile(self.path, entries, tuple(self.diagnostics), tuple(self.lines))

    # -- grouping -----------------------------------------------------------

    def _group(self, blocks: list[Block]) -> tuple[list[_Draft], list[Block]]:
        drafts: list[_Draft] = []
        preamble: list[Block] = []
        for block in blocks:
            if self.is_entry_heading(block.first):
                drafts.append(_Draft(block, last_line=block.last_line))
                self._report_missing_term_class(block)
            elif not drafts:
                preamble.append(block)
            else:
                self._add(drafts[-1], block)
        return drafts, preamble

    def _add(self, draft: _Draft, block: Block) -> None:
        token = block.first
        if token.type == "footnote_block_open":
            draft.footnotes.append(block)
            return
        if token.type == "hr" and not draft.stray:
            draft.closed = True
            return
        is_heading = token.type == "heading_open"
        inside = not draft.closed and not draft.stray
        if inside and is_heading and heading_level(token) > heading_level(draft.heading.first):
            draft.sections.append((block, []))
        elif inside and not is_heading:
            (draft.sections[-1][1] if draft.sections else draft.lead).append(block)
        else:
            if not draft.stray:
                self._report_stray(block, draft)
            draft.stray.append(block)
        draft.last_line = block.last_line

    # -- building entries -----------------------------------------------------

    def _entry(self, draft: _Draft) -> Entry:
        # Rendering records references, so render in source order.
        references: list[Reference] = []
        heading, concept = self._entry_heading(draft.heading, references)
        taglines, rest = split_taglines(self.tokens, draft.lead)
        inline = ReferenceKind.INLINE
        taglines_html = tuple(self._render([block], references, inline) for block in taglines)
        lead_html = self._render(rest, references, inline)
        sections: list[Section] = []
        see_also: list[SeeAlsoItem] = []
        for heading_block, body in draft.sections:
            section_heading = self._heading(heading_block, references)
            is_see_also = "seealso" in section_heading.classes
            kind = ReferenceKind.SEE_ALSO if is_see_also else inline
            sections.append(Section(section_heading, self._render(body, references, kind)))
            if is_see_also:
                see_also.extend(self._see_also_items(body, references))
        definition_html, definition_text = self._definition(_first_paragraph(rest))
        return Entry(
            heading=heading,
            taglines_html=taglines_html,
            lead_html=lead_html,
            definition_html=definition_html,
            definition_text=definition_text,
            sections=tuple(sections),
            see_also=tuple(see_also),
            stray_html=self._render(draft.stray, references, inline),
            footnotes_html=self._render(draft.footnotes, references, inline),
            references=tuple(references),
            end_line=draft.last_line,
            concept=concept,
            prose=self._prose(draft),
        )

    def _prose(self, draft: _Draft) -> tuple[Passage, ...]:
        """The entry's running text, see-also section and headings left out."""
        blocks = [*draft.lead]
        for heading_block, body in draft.sections:
            attributes: Attributes | None = heading_block.first.meta.get("attributes")
            if attributes is None or "seealso" not in attributes.classes:
                blocks.extend(body)
        blocks.extend(draft.stray)
        blocks.extend(draft.footnotes)
        tokens = [token for block in blocks for token in self.tokens[block.start : block.end]]
        return tuple(prose_passages(tokens, self.locator))

    def _entry_heading(self, block: Block, references: list[Reference]) -> tuple[Heading, Concept]:
        """The entry heading and the concept its attribute block describes (whose keys are
        read, not put on the element)."""
        attributes: Attributes = block.first.meta.get("attributes") or Attributes()
        concept, others, problems = read_concept(attributes.pairs)
        for problem in problems:
            line, column = self._key_position(block.first_line, problem.key)
            self._report("invalid-concept", line, column, problem.message, problem.hint)
        return self._heading(block, references, others), concept

    def _key_position(self, line: int, key: str) -> tuple[int, int]:
        """1-based line and column of ``key=`` on a heading line (the line start if not found)."""
        text = self.lines[line] if line < len(self.lines) else ""
        found = text.rfind(f" {key}=")
        return line + 1, found + 2 if found >= 0 else 1

    def _heading(
        self, block: Block, references: list[Reference], own_pairs: tuple[tuple[str, str], ...] | None = None
    ) -> Heading:
        token = block.first
        inline = self.tokens[block.start + 1]
        self._record_references(self.tokens[block.start : block.end], references, ReferenceKind.INLINE)
        attributes: Attributes = token.meta.get("attributes") or Attributes()
        all_pairs = attributes.pairs if own_pairs is None else own_pairs
        text = plain_text(inline.children).strip()
        line = block.first_line
        column = len(self.lines[line]) - len(self.lines[line].lstrip()) + 1 if line < len(self.lines) else 1
        pairs, dropped = filter_attribute_pairs(all_pairs)
        if dropped and not self.trusted_html:
            self._report(
                "unsafe-html", line + 1, column,
                f"attribute{'s' if len(dropped) > 1 else ''} {', '.join(dropped)} removed from the heading",
                "attribute blocks may set id, classes, data-*, aria-*, lang, dir and title",
            )
        title_html = self._inline_html(inline.children or [])
        return Heading(
            level=heading_level(token),
            id=attributes.id if attributes.id is not None else auto_identifier(text),
            explicit_id=attributes.id is not None,
            classes=attributes.classes,
            pairs=all_pairs if self.trusted_html else pairs,
            title_html=self._sanitized(title_html, [inline], line),
            title_text=text,
            span=Span(self.path, line + 1, column),
        )

    def _inline_html(self, children: Sequence[Token]) -> str:
        return render_inline(self.md, children, self.env)

    def _definition(self, block: Block | None) -> tuple[str, str]:
        if block is None:
            return "", ""
        inline = self.tokens[block.start + 1]
        html = self._inline_html(inline.children or [])
        # Sanitised like the lead it comes from; removals were reported there.
        html = self._sanitized(html, [inline], block.first_line, report=False)
        return html, " ".join(plain_text(inline.children).split())

    def _render(self, blocks: Sequence[Block], references: list[Reference], kind: ReferenceKind) -> str:
        if not blocks:
            return ""
        parts: list[str] = []
        for block in blocks:
            tokens = self.tokens[block.start : block.end]
            self._record_references(tokens, references, kind)
            html = self.md.renderer.render(tokens, self.md.options, self.env)
            parts.append(self._sanitized(html, tokens, block.first_line))
        return "".join(parts)

    def _sanitized(self, html: str, tokens: Sequence[Token], line: int, report: bool = True) -> str:
        """Sanitise ``html`` when its tokens hold raw HTML or a URL outside the allow-list;
        report what was removed.

        Other fragments need no sanitising: markdown-it escapes text and
        refuses ``javascript:`` links on its own (but lets ``data:image/png``
        through, which the allow-list does not).
        """
        if not self.may_need_sanitizing:
            return html
        raw = _has_raw_html(tokens)
        if not raw and not _has_unsafe_url(tokens):
            return html
        result = sanitize_fragment(html)
        if result.removed and report:
            where = "raw HTML" if raw else "math, a link or an image"
            self._report(
                "unsafe-html", line + 1, 1, f"removed from {where}: " + ", ".join(result.removed),
                "raw HTML may use formatting tags such as <sub>, <sup>, <abbr>, <kbd>, <mark>; "
                "set raw_html: trusted in glossary.yml only for a trusted glossary",
            )
        return result.html

    # -- references -------------------------------------------------------------

    def _record_references(
        self, tokens: Sequence[Token], references: list[Reference], kind: ReferenceKind
    ) -> None:
        """Give every internal link a reference index (once) and record it."""
        for token in tokens:
            if token.type != "inline" or not token.children:
                continue
            open_links: list[Token] = []
            for position, child in enumerate(token.children):
                if child.type == "link_open":
                    open_links.append(child)
                    if "ref" not in child.meta:
                        self._maybe_reference(token, position, references, kind)
                elif child.type == "link_close" and open_links:
                    opened = open_links.pop()
                    if "ref" in opened.meta:
                        child.meta["ref"] = opened.meta["ref"]

    def _maybe_reference(
        self, inline: Token, position: int, references: list[Reference], kind: ReferenceKind
    ) -> None:
        link = (inline.children or [])[position]
        href = str(link.attrGet("href") or "")
        if not href.startswith("#"):
            return
        target = unicodedata.normalize("NFC", unquote(href[1:]))
        local = link.attrGet("title") == LOCAL_TITLE
        if local:
            del link.attrs["title"]
        link.meta["ref"] = len(references)
        references.append(
            Reference(target, _link_text(inline, position), kind, self._link_span(inline, link), local)
        )

    def _link_span(self, inline: Token, link: Token) -> Span:
        offset = link.meta.get("offset")
        if offset is None or link.meta.get("src") is not inline.content:
            offset = _guess_offset(inline.content, str(link.attrGet("href")))
        line, column = self.locator.position(inline, offset)
        end = link.meta.get("end")
        if end is None or link.meta.get("src") is not inline.content:
            return Span(self.path, line, column)
        end_line, end_column = self.locator.position(inline, end)
        return Span(self.path, line, column, end_line, end_column)

    def _see_also_items(self, body: Sequence[Block], references: Sequence[Reference]) -> list[SeeAlsoItem]:
        items: list[SeeAlsoItem] = []
        for block in body:
            tokens = self.tokens[block.start : block.end]
            if not all(token.type == "inline" or not token.content for token in tokens):
                # A code block, raw HTML block or math block among the links (also inside a
                # list or definition list): the whole block is kept as an item of its own.
                html = self.md.renderer.render(tokens, self.md.options, self.env)
                html = self._sanitized(html, tokens, block.first_line, report=False)
                items.append(SeeAlsoItem(None, html, Span(self.path, block.first_line + 1, 1)))
                continue
            for token in tokens:
                if token.type == "inline":
                    line = token.map[0] if token.map else block.first_line
                    for item in items_of_inline(
                        token, self.md, self.env, self._text_locator(token),
                        functools.partial(self._item_span, token, references),
                    ):
                        html = self._sanitized(item.html, [token], line, report=False)
                        items.append(item if html is item.html else replace(item, html=html))
        return items

    def _item_span(self, inline: Token, references: Sequence[Reference], link: Token) -> Span:
        """A see-also link's span: its reference's (already located), else located now."""
        index: int | None = link.meta.get("ref")
        if index is not None and index < len(references):
            return references[index].span
        return self._link_span(inline, link)

    def _text_locator(self, inline: Token) -> Callable[[int, str], Span]:
        """Where a piece of text on the ``n``-th line of ``inline`` is."""

        def locate(line_offset: int, piece: str) -> Span:
            index = min((inline.map[0] if inline.map else 0) + line_offset, max(len(self.lines) - 1, 0))
            source = self.lines[index] if self.lines else ""
            found = source.find(piece)
            column = found + 1 if found >= 0 else len(source) - len(source.lstrip()) + 1
            return Span(self.path, index + 1, column)

        return locate

    # -- diagnostics --------------------------------------------------------------

    def _report(self, code: str, line: int, column: int, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(
            Diagnostic(code, default_severity(code), message, Span(self.path, line, column), hint)
        )

    def _report_stray(self, block: Block, draft: _Draft | None) -> None:
        if draft is None:
            message = "text before the first entry heading belongs to no entry; it is shown on the first entry's page"
        else:
            owner = _heading_id(draft.heading.first, self.tokens[draft.heading.start + 1])
            message = f"text after the end of entry '{owner}' has no entry heading; it is shown with '{owner}'"
        self._report(
            "content-outside-entry", block.first_line + 1, 1, message,
            "give it an entry heading ('## Title {#Id .term}') or move it into an entry",
        )

    def _report_missing_term_class(self, block: Block) -> None:
        if _has_term_class(block.first):
            return
        heading = self.lines[block.first_line].rstrip() if block.first_line < len(self.lines) else ""
        owner = _heading_id(block.first, self.tokens[block.start + 1])
        self._report(
            "missing-term-class", block.first_line + 1, 1,
            f"heading '{owner}' has an id but no class .term; it is read as an entry, "
            "as the file has no .term heading",
            f"add the class: '{_with_term_class(heading)}'",
        )

    def _report_no_entry(self) -> None:
        if not "".join(self.lines).strip():
            self._report("file-without-entry", 1, 1, "file is empty")
            return
        self._report(
            "file-without-entry", 1, 1,
            "file has no entry heading (a heading with class .term or an {#id}); its text is not in the site",
            "add an entry heading such as '## Title {#Id .term}'",
        )

    def _report_attribute_problems(self) -> None:
        problems: list[AttributeProblem] = self.env.get("attribute_problems", [])
        for problem in problems:
            self._report(problem.code, problem.line + 1, problem.column + 1, problem.message, problem.hint)
        for problem in self.env.get("math_errors", []):
            self._report(
                "math-error", problem["line"] + 1, 1,
                f"formula cannot be rendered, its TeX source is shown: {problem['message']}",
                "check the TeX; supported is what latex2mathml converts",
            )


def _may_need_sanitizing(tokens: Sequence[Token]) -> bool:
    """True when :func:`_has_raw_html` or :func:`_has_unsafe_url` may be true for some of
    ``tokens`` (one walk over a whole file; raw HTML is looked for at any depth)."""
    for token in tokens:
        if token.type in RAW_HTML or _is_unsafe(token):
            return True
        if token.children and _may_need_sanitizing(token.children):
            return True
    return False


def _has_raw_html(tokens: Sequence[Token]) -> bool:
    for token in tokens:
        if token.type in RAW_HTML:
            return True
        if token.children and any(child.type in RAW_HTML for child in token.children):
            return True
    return False


def _has_unsafe_url(tokens: Sequence[Token]) -> bool:
    """True when a link or image has a URL scheme the sanitiser removes, or there is math.

    Math is rendered by latex2mathml, which copies TeX arguments into the
    MathML as they are: ``\\text{</script><script>...}``, ``\\href{javascript:...}``,
    ``\\unicode{<script>}``.  Such fragments are sanitised like raw HTML.
    """
    for token in tokens:
        if _is_unsafe(token):
            return True
        if token.children and _has_unsafe_url(token.children):
            return True
    return False


def _is_unsafe(token: Token) -> bool:
    """True for math, and for a link or image whose URL scheme the sanitiser removes."""
    if token.type.startswith("math"):
        return True
    if token.type in ("link_open", "image"):
        scheme = url_scheme(str(token.attrGet("href") or token.attrGet("src") or ""))
        return scheme is not None and scheme not in URL_SCHEMES
    return False


def _has_term_class(token: Token) -> bool:
    attributes = token.meta.get("attributes") if token.type == "heading_open" else None
    return attributes is not None and "term" in attributes.classes


def _explicit_id(token: Token) -> str | None:
    attributes: Attributes | None = token.meta.get("attributes")
    return attributes.id if attributes is not None else None


def _with_term_class(heading_line: str) -> str:
    """The heading line with ``.term`` added as the last class of its attribute block."""
    if heading_line.endswith("}"):
        return heading_line[:-1].rstrip() + " .term}"
    if heading_line.rfind("{") > heading_line.rfind("}"):  # an unclosed block, read as closed
        return heading_line.rstrip() + " .term}"
    return heading_line + " {.term}"


def _heading_id(token: Token, inline: Token) -> str:
    attributes: Attributes = token.meta.get("attributes") or Attributes()
    return attributes.id or auto_identifier(plain_text(inline.children))


def _first_paragraph(blocks: Sequence[Block]) -> Block | None:
    for block in blocks:
        if block.first.type == "paragraph_open":
            return block
    return None


def _link_text(inline: Token, position: int) -> str:
    children = inline.children or []
    end = matching_close(children, position)
    return " ".join(plain_text(children[position + 1 : end]).split())


def _guess_offset(content: str, href: str) -> int:
    """Best effort when a link was parsed out of another text (image alt, footnote)."""
    found = content.find(f"]({href}")
    if found < 0:
        return 0
    return max(content.rfind("[", 0, found), 0)
