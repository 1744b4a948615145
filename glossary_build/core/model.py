"""The glossary's data model: what the parser reads out of one source file.

Everything here is a small frozen value, picklable, and independent of other
files: parsing one file is a pure function of its path and text, so files can
be parsed in parallel and cached.  Looking references up happens later, in
:mod:`glossary_build.graph.terms`.

Rendered HTML fragments (``*_html``) contain, for each cross-reference, a
placeholder pair ``\\x00<n>\\x00 ... \\x00/<n>\\x00`` around the link text, where
``n`` indexes :attr:`Entry.references`.  NUL never survives Markdown parsing
(markdown-it replaces it with U+FFFD), so placeholders cannot clash with
author text.  The renderer fills them in once references are resolved.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from glossary_build.core.diagnostics import Diagnostic, Span


class ReferenceKind(enum.Enum):
    """Where a cross-reference was written."""

    INLINE = "inline"
    """In running text (lead, sections, headings)."""
    SEE_ALSO = "see-also"
    """In the entry's see-also section."""


@dataclass(frozen=True, slots=True)
class Attributes:
    """A Pandoc attribute block ``{#id .class key=value}``."""

    id: str | None = None
    """The last ``#id`` of the block, if any."""
    classes: tuple[str, ...] = ()
    """All ``.class`` names in order (``{-}`` gives ``unnumbered``)."""
    pairs: tuple[tuple[str, str], ...] = ()
    """``key=value`` pairs in order."""


@dataclass(frozen=True, slots=True)
class Reference:
    """A link written as ``[text](#target)``: recorded, not yet looked up."""

    target: str
    """The id after ``#``, exactly as written."""
    text: str
    """The link's text without markup."""
    kind: ReferenceKind
    """Inline or see-also."""
    span: Span
    """From the ``[`` to the closing ``)``."""
    local: bool = False
    """An implicit header reference (``[Kernkonzept]``): resolved within its entry first."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading inside an entry (a section heading) or the entry heading itself."""

    level: int
    """1 to 6."""
    id: str
    """The explicit id, or the auto identifier before de-duplication."""
    explicit_id: bool
    """True when the id came from the attribute block."""
    classes: tuple[str, ...]
    """Classes from the attribute block."""
    pairs: tuple[tuple[str, str], ...]
    """``key=value`` attributes from the attribute block."""
    title_html: str
    """The heading's inline content as HTML (with reference placeholders)."""
    title_text: str
    """The heading's inline content as plain text."""
    span: Span
    """Where the heading starts."""


@dataclass(frozen=True, slots=True)
class Section:
    """A heading below the entry heading and the blocks up to the next one."""

    heading: Heading
    """The section's heading."""
    body_html: str
    """The blocks of the section as HTML (with reference placeholders)."""

    @property
    def is_see_also(self) -> bool:
        """True for the see-also section (class ``seealso``)."""
        return "seealso" in self.heading.classes


@dataclass(frozen=True, slots=True)
class SeeAlsoItem:
    """One item of a see-also section: a reference, or text that is not a link."""

    reference_index: int | None
    """Index into :attr:`Entry.references`, or None for plain text."""
    html: str
    """The item as HTML (with the reference placeholder, for a link)."""
    span: Span | None = None
    """Where the item is written (a link: the reference's span), when known."""


class Status(enum.Enum):
    """A term's standing, as terminology practice (ISO 704, TBX) names it."""

    PREFERRED = "preferred"
    """The term to use (the default)."""
    ADMITTED = "admitted"
    """An accepted term beside the preferred one."""
    DEPRECATED = "deprecated"
    """A term not to use any more; its successor is named by ``replaced-by``."""
    DRAFT = "draft"
    """Not yet published: left out of a build unless drafts are asked for."""


@dataclass(frozen=True, slots=True)
class Concept:
    """What an entry heading's attribute block says of its term as a concept:
    ``aliases="LLM; Sprachmodell" hidden="Large Langauge Model" status=deprecated
    replaced-by=Deepfake formerly="Deep-Fake"``."""

    aliases: tuple[str, ...] = ()
    """Alternative labels (synonyms, abbreviations, plurals): shown, searched, listed A–Z."""
    hidden: tuple[str, ...] = ()
    """Labels for search only (common misspellings)."""
    status: Status = Status.PREFERRED
    """The term's standing."""
    replaced_by: str | None = None
    """The id of a deprecated term's successor."""
    formerly: tuple[str, ...] = ()
    """Old ids of the term: links to them lead here, and their old addresses too."""
    prefixes: tuple[str, ...] = ()
    """The aliases written with a trailing ``*`` (``Embedding*``, kept in :attr:`aliases` without
    it): their last word matches, as an unlinked mention, every word it begins (``Embeddings``)."""


Piece = tuple[int, int, str]
"""A piece of running text as ``(line, column, text)``: where its first character is written
(1-based), and the text as read (quotes curled, escapes and entities resolved)."""

Passage = tuple[Piece, ...]
"""Running text with no code, link, math, raw HTML or image in it: pieces that follow each
other in the text (a line break is a piece of one space)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One glossary entry: an entry heading (class ``term``) and what follows it."""

    heading: Heading
    """The entry heading; ``heading.id`` is the entry's id."""
    taglines_html: tuple[str, ...]
    """Bold-italic taglines at the start of the lead, as HTML."""
    lead_html: str
    """The rest of the lead (between heading and first section) as HTML."""
    definition_html: str
    """The first ordinary paragraph of the lead, as inline HTML (no ``<p>``)."""
    definition_text: str
    """The same as plain text, for previews, search and page descriptions."""
    sections: tuple[Section, ...]
    """Sections in source order, see-also section included."""
    see_also: tuple[SeeAlsoItem, ...]
    """Items of the see-also section, in source order."""
    stray_html: str
    """Text that followed the entry's closing rule without a heading of its own."""
    footnotes_html: str
    """The entry's footnotes (numbered per entry, with back links), or empty."""
    references: tuple[Reference, ...]
    """Every cross-reference in the entry, in source order."""
    end_line: int
    """Last source line that belongs to the entry."""
    concept: Concept = Concept()
    """Labels, status, successor and old ids from the heading's attribute block."""
    prose: tuple[Passage, ...] = ()
    """The running text of the lead, the sections but the see-also section, stray text and
    footnotes, with positions: where unlinked mentions of other terms are looked for."""

    @property
    def id(self) -> str:
        """The entry's id."""
        return self.heading.id

    @property
    def title_text(self) -> str:
        """The entry's title as plain text."""
        return self.heading.title_text

    @property
    def path(self) -> str:
        """The source file, relative to the glossary folder."""
        return self.heading.span.path

    @property
    def has_see_also(self) -> bool:
        """True when the entry has a see-also section."""
        return any(section.is_see_also for section in self.sections)


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """What one source file yields: its entries and the problems found while reading it."""

    path: str
    """Path relative to the glossary folder, with ``/`` separators."""
    entries: tuple[Entry, ...]
    """The entries in source order."""
    diagnostics: tuple[Diagnostic, ...]
    """Problems found in this file alone."""
    lines: tuple[str, ...] = ()
    """The file's lines, kept for showing source excerpts in reports."""
