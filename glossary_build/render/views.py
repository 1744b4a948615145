"""View models: exactly what the templates get, computed from the term graph.

Templates see only these values (plus the site-wide :class:`SiteView`), so a
theme author can read here what is available, and nothing is derived twice.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from glossary_build.core.collation import LETTERS, OTHER_GROUP, fold, letter_of, sort_key
from glossary_build.core.model import Entry, Reference, Status
from glossary_build.graph.published import successor
from glossary_build.graph.terms import Target, TargetKind, TermGraph
from glossary_build.parse.markdown import placeholders
from glossary_build.render.languages import Languages
from glossary_build.render.search import previews_json, script_json
from glossary_build.render.structured import set_json_ld, term_json_ld
from glossary_build.render.termmap import MAX_MAP_TERMS, Layout, force_layout, glossary_map, neighbourhood_svg
from glossary_build.render.urls import Urls
from glossary_build.render.words import Words


@dataclass(frozen=True, slots=True)
class SiteView:
    """Site-wide values, the same on every page."""

    title: str
    """Site title."""
    language: str
    """``de``, ``en`` or ``fr``: the ``lang`` of every page."""
    words: Words
    """The site's own words in that language."""
    base_url: str
    """Public URL with trailing ``/``, or empty."""
    term_count: int
    """Number of terms."""

    @property
    def count_phrase(self) -> str:
        """``1 Begriff``, ``12 Begriffe``: the number of terms in the site's words."""
        word = self.words.term if self.term_count == 1 else self.words.terms
        return f"{self.term_count} {word}"


@dataclass(frozen=True, slots=True)
class Link:
    """A link to another page."""

    href: str
    """Relative URL."""
    text: str
    """Plain link text."""


@dataclass(frozen=True, slots=True)
class SectionView:
    """One section of a term page."""

    level: int
    """HTML heading level (the entry title is ``h1``)."""
    anchor: str
    """The heading's id."""
    classes: str
    """The heading's classes, space-separated."""
    attributes: tuple[tuple[str, str], ...]
    """The heading's other attributes (``data-*``, ``lang``, ... after filtering)."""
    title_html: str
    """Heading content."""
    body_html: str
    """Section content."""


@dataclass(frozen=True, slots=True)
class SeeAlsoView:
    """The see-also navigation of a term page."""

    heading: SectionView
    """The author's see-also heading (text and classes kept)."""
    items_html: tuple[str, ...]
    """One link (or text) per item, Index link excluded."""
    index_href: str | None
    """Link back to the index when the author listed ``[Index](#Index)``."""


@dataclass(frozen=True, slots=True)
class TermView:
    """Everything a term page shows."""

    id: str
    """Entry id, also the title's id."""
    title_html: str
    """Title with markup."""
    title_text: str
    """Title as plain text (``<title>``)."""
    classes: str
    """Classes of the entry heading (``chapter small term``)."""
    attributes: tuple[tuple[str, str], ...]
    """Other attributes of the entry heading."""
    description: str
    """Short definition as plain text (meta description)."""
    taglines_html: tuple[str, ...]
    """Taglines."""
    lead_html: str
    """Lead without taglines."""
    sections: tuple[SectionView, ...]
    """Sections other than see-also."""
    see_also: SeeAlsoView | None
    """See-also navigation, if the entry has one."""
    stray_html: str
    """Text outside the entry that is kept with it."""
    footnotes_html: str
    """The entry's footnotes."""
    copies: tuple[CopyView, ...]
    """Later entries with the same id (a duplicate-id error), shown so no text is lost."""
    backlinks: tuple[Link, ...]
    """Entries that refer to this one, A–Z (empty on ``all.html``)."""
    previous: Link | None
    """Previous term in A–Z order (None on ``all.html``)."""
    next: Link | None
    """Next term in A–Z order (None on ``all.html``)."""
    source_path: str
    """Source file, relative to the glossary folder."""
    letter: str
    """Index letter of the term."""
    map_svg: str = ""
    """The term's neighbourhood as inline SVG (empty without neighbours or on ``all.html``)."""
    json_ld: str = ""
    """schema.org ``DefinedTerm`` as script-safe JSON."""
    previews_json: str = ""
    """Title, short definition and aliases of every term the page links to (script-safe JSON)."""
    aliases: tuple[str, ...] = ()
    """Other names of the term (``aliases``), shown as "Auch: …"; hidden labels are never shown."""
    status: str = "preferred"
    """``preferred``, ``admitted``, ``deprecated`` or ``draft`` (drafts only with ``--drafts``)."""
    status_label: str = ""
    """The status in the site's words (``Zugelassen``, ``Veraltet``, ``Entwurf``); empty for preferred."""
    replaced_by: str = ""
    """The successor a deprecated term names (``replaced-by``), as written; empty if none."""
    successor: Link | None = None
    """Link to the successor's page (in-page on ``all.html``); None when none is named or it is not on the site."""
    former_ids: tuple[str, ...] = ()
    """Old ids of the term (``formerly``) that get an anchor next to its heading, so ``#Old-Id`` leads here."""


@dataclass(frozen=True, slots=True)
class IndexItem:
    """One term in the A–Z index."""

    href: str
    """Link to the term page."""
    title_html: str
    """Title with markup, links removed."""
    definition_html: str
    """Short definition, links removed."""
    alias_of: str = ""
    """For an alias listed under its own letter: the title of its term (``LLM → Large Language Model``);
    empty for a term."""
    status: str = "preferred"
    """The term's status (``deprecated`` and ``draft`` are marked)."""
    status_label: str = ""
    """``Veraltet`` or ``Entwurf`` for a deprecated or draft term, else empty."""
    successor: Link | None = None
    """A deprecated term's successor."""
    former_ids: tuple[str, ...] = ()
    """Old ids of the term that are anchors here (``index.html#Old-Id``)."""


IndexKey = tuple[str, str | None]
"""One line of the A–Z index: the entry id, and the alias listed there (None: the term itself)."""


class IndexGroup:
    """The terms under one letter.

    The frame (``templates/index.html``) shows :attr:`entries`, each line rendered
    with ``index-entry.html`` (a term's kept between builds, see
    :mod:`glossary_build.render.pieces`).  A theme whose ``index.html`` predates
    that loops over :attr:`items` instead.  Both are made when first asked for.
    """

    def __init__(
        self,
        letter: str,
        anchor: str,
        keys: tuple[IndexKey, ...],
        item: Callable[[IndexKey], IndexItem],
        entry: Callable[[IndexKey], str] | None = None,
    ) -> None:
        self.letter = letter
        """``A``–``Z`` or ``#``."""
        self.anchor = anchor
        """Id of the group's heading."""
        self.keys = keys
        """The lines of the group, A–Z (see :data:`IndexKey`)."""
        self.count = len(keys)
        """How many terms and aliases the group lists."""
        self._item, self._entry = item, entry

    @functools.cached_property
    def items(self) -> tuple[IndexItem, ...]:
        """The terms and aliases, A–Z."""
        return tuple(self._item(key) for key in self.keys)

    @functools.cached_property
    def entries(self) -> tuple[str, ...]:
        """Each line rendered (HTML, marked safe), A–Z; empty without a renderer."""
        return tuple(self._entry(key) for key in self.keys) if self._entry is not None else ()


@dataclass(frozen=True, slots=True)
class LetterLink:
    """One letter of the letter bar; ``href`` is None for letters without terms."""

    letter: str
    href: str | None
    count: int


@dataclass(frozen=True, slots=True)
class IndexView:
    """The A–Z index page."""

    groups: tuple[IndexGroup, ...]
    """Groups in order (``#`` first)."""
    letters: tuple[LetterLink, ...]
    """The letter bar: every letter, disabled where there are no terms."""


class SinglePageView:
    """``all.html``: every term on one page, anchors are the entry ids.

    The frame (``templates/all.html``) shows :attr:`entries`, each term's block
    rendered with ``all-entry.html`` and kept between builds
    (:mod:`glossary_build.render.pieces`).  A theme whose ``all.html`` predates
    that loops over :attr:`terms` instead.  Both are made when first asked for,
    so a page costs only what its template uses.
    """

    def __init__(
        self,
        letters: tuple[LetterLink, ...],
        json_ld: str,
        terms: Callable[[], tuple[TermView, ...]],
        entries: Callable[[], tuple[str, ...]],
    ) -> None:
        self.letters = letters
        """The letter bar, pointing at the first term of each letter."""
        self.json_ld = json_ld
        """schema.org ``DefinedTermSet`` with its terms."""
        self._terms, self._entries = terms, entries

    @functools.cached_property
    def terms(self) -> tuple[TermView, ...]:
        """Every term in A–Z order, links between them in-page (``#Id``)."""
        return self._terms()

    @functools.cached_property
    def entries(self) -> tuple[str, ...]:
        """Every term's block (HTML, marked safe), in A–Z order."""
        return self._entries()


@dataclass(frozen=True, slots=True)
class CopyView:
    """Another entry with the id of this page's entry."""

    source: str
    """Where it is written: ``path:line``."""
    html: str
    """Its title, text and sections."""


@dataclass(frozen=True, slots=True)
class RedirectView:
    """The page at an old id's address (``<Old-Id>/index.html``), which leads to the term."""

    old_id: str
    """The old id (``formerly``)."""
    id: str
    """The term's id now."""
    title_text: str
    """The term's title."""
    href: str
    """Relative link to the term's page (``../Deepfake/index.html``)."""
    canonical: str
    """The term page's address for ``<link rel="canonical">``: absolute with ``base_url``, else ``href``."""

    @property
    def href_json(self) -> str:
        """:attr:`href` as a script-safe JavaScript string."""
        return script_json(self.href)


@dataclass(frozen=True, slots=True)
class MapView:
    """``map.html``: the whole glossary as one picture, for small glossaries."""

    svg: str
    """The map, or empty when the glossary is too big."""
    note: str
    """Why there is no map, when there is none."""
    json_ld: str
    """schema.org ``DefinedTermSet``."""


PAGE_IDS = frozenset({
    "Index", "main", "search-input", "search-panel", "search-results", "search-note", "search-status",
    "random-term", "theme-toggle", "term-preview", "term-previews", "backlinks-heading",
})
"""Element ids of the default theme's pages: no old id is made an anchor with one of them."""


def former_anchors(graph: TermGraph) -> dict[str, tuple[str, ...]]:
    """For each term, its old ids that lead to it (``formerly``, no live id), as anchors for
    ``#Old-Id``: those that are no id the pages use themselves, and have no white space (an
    HTML id cannot, and no link can name one)."""
    found: dict[str, list[str]] = {}
    for old, entry_id in graph.former.items():
        if old not in PAGE_IDS and not old.startswith("letter-") and not any(char.isspace() for char in old):
            found.setdefault(entry_id, []).append(old)
    return {entry_id: tuple(olds) for entry_id, olds in found.items()}


def listed_aliases(graph: TermGraph) -> dict[str, tuple[str, ...]]:
    """For each term, the aliases the A–Z index lists under their own letter: none that is a
    term's title, another term's id or an earlier alias (in path order, as ``alias-clash``
    keeps the first), compared with case ignored.  Its own id may be one (``LLM``)."""
    titles = {entry.title_text.casefold() for entry in graph.entries.values()}
    ids = {entry_id.casefold(): entry_id for entry_id in graph.entries}
    seen: set[str] = set()
    listed: dict[str, tuple[str, ...]] = {}
    for entry_id, entry in graph.entries.items():
        own = []
        for alias in entry.concept.aliases:
            key = alias.casefold()
            if key not in titles and ids.get(key, entry_id) == entry_id and key not in seen:
                seen.add(key)
                own.append(alias)
        if own:
            listed[entry_id] = tuple(own)
    return listed


class SiteViews:
    """Builds view models for one graph; site-wide data is derived once."""

    def __init__(
        self, graph: TermGraph, urls: Urls, words: Words, *, title: str = "", base_url: str = "",
        languages: Languages | None = None,
    ) -> None:
        self.graph = graph
        self.languages = languages
        """The other languages of a multilingual glossary (links to terms only they have lead there)."""
        self.urls = urls
        self.words = words
        self.title = title
        self.base_url = base_url
        self.position = {entry_id: index for index, entry_id in enumerate(graph.order)}
        self.former = former_anchors(graph)
        self._notes: dict[str, str] = {}
        self._status_labels = {status: words.status_label(status.value) for status in Status}

    # -- concepts ----------------------------------------------------------------------

    def successor_link(self, entry_id: str, root: str, single: bool = False) -> Link | None:
        """A link to the successor of a deprecated term, if it has one on the site."""
        found = successor(self.graph, entry_id)
        if found is None:
            return None
        href = f"#{found}" if single else self.urls.term_href(found, root)
        return Link(href, self.graph.title(found))

    def link_note(self, entry_id: str) -> str:
        """What a link to a deprecated or draft term says of it (its title text); empty for others."""
        note = self._notes.get(entry_id)
        if note is None:
            status = self.graph.entries[entry_id].concept.status
            if status is Status.DEPRECATED:
                found = successor(self.graph, entry_id)
                note = (
                    self.words.deprecated_link.format(successor=self.graph.title(found))
                    if found is not None else self.words.status_deprecated
                )
            elif status is Status.DRAFT:
                note = self.words.status_draft
            else:
                note = ""
            self._notes[entry_id] = note
        return note

    # -- links ---------------------------------------------------------------------

    def reference_tags(
        self, entry: Entry, root: str, single: bool = False, targets: Sequence[Target | None] | None = None
    ) -> tuple[list[str], list[str]]:
        """Opening and closing tags of every reference of ``entry`` on a page at ``root``.

        With ``single`` the links are for ``all.html``: in-page ``#Id`` links.
        """
        opens: list[str] = []
        closes: list[str] = []
        resolved = self.graph.resolved[entry.id] if targets is None else targets
        for reference, target in zip(entry.references, resolved):
            opening, closing = self._tags(entry.id, reference, target, root, single)
            opens.append(opening)
            closes.append(closing)
        return opens, closes

    def _tags(
        self, page_id: str, reference: Reference, target: Target | None, root: str, single: bool = False
    ) -> tuple[str, str]:
        if target is None:
            other = self.other_language(reference.target)
            if other is not None:
                return self._other_language_tags(reference.target, other, root)
            title = escape(f"{self.words.not_written}: {reference.target}")
            target_attr = escape(reference.target)
            return f'<span class="xref missing" tabindex="0" title="{title}" data-target="{target_attr}">', "</span>"
        if target.kind is TargetKind.INDEX:
            href = "#Index" if single else self.urls.index_href(root)
            return f'<a class="xref index-link" href="{href}">', "</a>"
        assert target.entry_id is not None
        if single:
            href = f"#{target.anchor or target.entry_id}"
        else:
            href = "" if target.entry_id == page_id else self.urls.term_href(target.entry_id, root)
            if target.anchor:
                href += f"#{target.anchor}"
        term = escape(target.entry_id)
        note = self.link_note(target.entry_id) if target.entry_id != page_id else ""
        if note:
            status = self.graph.entries[target.entry_id].concept.status.value
            return f'<a class="xref {status}" href="{escape(href)}" data-term="{term}" title="{escape(note)}">', "</a>"
        return f'<a class="xref" href="{escape(href)}" data-term="{term}">', "</a>"

    def other_language(self, entry_id: str) -> str | None:
        """The language a link to ``entry_id``, which this language lacks, leads to; None when
        no other language has it, or the site is in one language."""
        languages = self.graph.elsewhere.get(entry_id)
        if self.languages is None or not languages:
            return None
        return self.languages.other_language(entry_id, languages)

    def _other_language_tags(self, entry_id: str, code: str, root: str) -> tuple[str, str]:
        assert self.languages is not None
        # The page exists only in the other language: a real link even on all.html.
        href = self.languages.href(code, entry_id, root)
        title = self.languages.link_title(code, self.words)
        return (
            f'<a class="xref other-language" href="{escape(href)}" hreflang="{code}" '
            f'data-term="{escape(entry_id)}" title="{escape(title)}">',
            "</a>",
        )

    def link(self, entry_id: str, root: str) -> Link:
        """A link to a term page."""
        return Link(self.urls.term_href(entry_id, root), self.graph.title(entry_id))

    # -- term pages ------------------------------------------------------------------

    def term(self, entry_id: str, root: str = "../", single: bool = False) -> TermView:
        """The view of one term page (``single``: the term's part of ``all.html``)."""
        entry = self.graph.entries[entry_id]
        opens, closes = self.reference_tags(entry, root, single)

        def fill(html: str) -> str:
            return placeholders.fill(html, opens, closes)

        sections, see_also = self._sections(entry, fill, root, single)
        # all.html has every term on one page, in order: no backlinks, no previous and next.
        backlinks, previous, following = ((), None, None) if single else self.page_links(entry_id, root)
        concept = entry.concept
        return TermView(
            id=entry.id,
            title_html=fill(entry.heading.title_html),
            title_text=entry.title_text,
            classes=" ".join(entry.heading.classes),
            attributes=entry.heading.pairs,
            description=entry.definition_text,
            taglines_html=tuple(fill(html) for html in entry.taglines_html),
            lead_html=fill(entry.lead_html),
            sections=sections,
            see_also=see_also,
            stray_html=fill(entry.stray_html),
            footnotes_html=fill(entry.footnotes_html),
            copies=self.copies(entry_id, root, single),
            backlinks=backlinks,
            previous=previous,
            next=following,
            source_path=entry.path,
            letter=letter_of(entry.title_text),
            map_svg="" if single else self.term_map(entry_id, root),
            json_ld="" if single else term_json_ld(self.graph, entry_id, self.urls, self.title, self.base_url),
            previews_json="" if single else self.previews(entry),
            aliases=concept.aliases,
            status=concept.status.value,
            status_label=self._status_labels[concept.status],
            replaced_by=(concept.replaced_by or "") if concept.status is Status.DEPRECATED else "",
            successor=self.successor_link(entry_id, root, single) if concept.status is Status.DEPRECATED else None,
            former_ids=self.former.get(entry_id, ()),
        )

    def page_links(self, entry_id: str, root: str) -> tuple[tuple[Link, ...], Link | None, Link | None]:
        """The backlinks of a term page and its previous and next term in A–Z order."""
        index = self.position[entry_id]
        order = self.graph.order
        backlinks = tuple(self.link(source, root) for source in self.graph.backlinks[entry_id])
        previous = self.link(order[index - 1], root) if index > 0 else None
        following = self.link(order[index + 1], root) if index + 1 < len(order) else None
        return backlinks, previous, following

    def linked(self, entry_id: str) -> list[str]:
        """The entries that ``entry_id`` refers to, each once, in order of first reference."""
        found = dict.fromkeys(
            target.entry_id for target in self.graph.resolved[entry_id]
            if target is not None and target.entry_id is not None
        )
        return list(found)

    def previews(self, entry: Entry) -> str:
        """The preview data of a term page: every term it links to, here and elsewhere."""
        return previews_json(self.graph, self.linked(entry.id), self.linked_elsewhere(entry))

    def linked_elsewhere(self, entry: Entry) -> dict[str, tuple[str, str]]:
        """The terms only other languages have that ``entry`` links to, each once in order of
        first reference, with the language its link leads to and the term's title there."""
        found: dict[str, tuple[str, str]] = {}
        if self.languages is None or not self.graph.elsewhere:
            return found
        for reference, target in zip(entry.references, self.graph.resolved[entry.id]):
            code = self.other_language(reference.target) if target is None else None
            if code is not None and reference.target not in found:
                found[reference.target] = (code, self.languages.site(code).titles[reference.target])
        return found

    def term_map(self, entry_id: str, root: str) -> str:
        """The inline SVG map of a term's neighbourhood."""
        return neighbourhood_svg(
            self.graph, entry_id, lambda other: self.urls.term_href(other, root),
            f"{self.words.term_map}: {self.graph.title(entry_id)}", self.words.map_more, self.position,
        )

    def _sections(  # type: ignore[no-untyped-def]
        self, entry: Entry, fill, root: str, single: bool = False
    ) -> tuple[tuple[SectionView, ...], SeeAlsoView | None]:
        base = entry.heading.level - (2 if single else 1)
        sections: list[SectionView] = []
        see_also: SeeAlsoView | None = None
        for section, anchor in zip(entry.sections, self.graph.anchors[entry.id]):
            heading = section.heading
            view = SectionView(
                level=min(heading.level - base, 6),
                anchor=anchor,
                classes=" ".join(heading.classes),
                attributes=heading.pairs,
                title_html=fill(heading.title_html),
                body_html=fill(section.body_html),
            )
            if section.is_see_also and see_also is None:
                see_also = self._see_also(entry, view, fill, "#Index" if single else self.urls.index_href(root))
            else:
                sections.append(view)
        return tuple(sections), see_also

    def copies(self, entry_id: str, root: str, single: bool = False) -> tuple[CopyView, ...]:
        """The later entries with ``entry_id``, each as plain HTML with working links."""
        views = []
        for copy in self.graph.copies.get(entry_id, ()):
            entry = copy.entry
            opens, closes = self.reference_tags(entry, root, single, copy.resolved)
            parts = [f"<p class=\"copy-title\"><strong>{entry.heading.title_html}</strong></p>",
                     *entry.taglines_html, entry.lead_html, entry.stray_html]
            for section, anchor in zip(entry.sections, copy.anchors):
                level = min(section.heading.level - entry.heading.level + 2, 6)
                parts.append(f'<h{level} id="{escape(anchor)}">{section.heading.title_html}</h{level}>')
                parts.append(section.body_html)
            parts.append(entry.footnotes_html)
            html = placeholders.fill("\n".join(parts), opens, closes)
            views.append(CopyView(f"{entry.path}:{entry.heading.span.line}", html))
        return tuple(views)

    def _see_also(self, entry: Entry, heading: SectionView, fill, index_link: str) -> SeeAlsoView:  # type: ignore[no-untyped-def]
        items: list[str] = []
        index_href = None
        targets = self.graph.resolved[entry.id]
        for item in entry.see_also:
            target = targets[item.reference_index] if item.reference_index is not None else None
            if target is not None and target.kind is TargetKind.INDEX:
                index_href = index_link
            else:
                items.append(fill(item.html))
        return SeeAlsoView(heading, tuple(items), index_href)

    # -- index page ----------------------------------------------------------------------

    def index(self, entry: Callable[[IndexKey], str] | None = None) -> IndexView:
        """The view of the A–Z index page (at the site root): every term, and every listed
        alias under its own letter, A–Z.  ``entry`` renders one line (``index-entry.html``);
        the items are made only for a template that asks for them."""
        keys: list[tuple[str, IndexKey]] = [
            (self.graph.entries[entry_id].title_text, (entry_id, None)) for entry_id in self.graph.order
        ]
        aliases = listed_aliases(self.graph)
        if aliases:  # merged into the A–Z order (the terms' keys are needed only then)
            keyed = [(sort_key(title) + (key[0], ""), title, key) for title, key in keys]
            for entry_id, names in aliases.items():
                keyed += [(sort_key(alias) + (entry_id, fold(alias)), alias, (entry_id, alias)) for alias in names]
            keyed.sort(key=lambda found: found[0])
            keys = [(text, key) for _, text, key in keyed]
        groups: dict[str, list[IndexKey]] = {}
        for text, key in keys:
            groups.setdefault(letter_of(text), []).append(key)
        ordered = [letter for letter in (OTHER_GROUP, *LETTERS) if letter in groups]
        ordered += sorted(set(groups) - set(ordered))
        return IndexView(
            groups=tuple(
                IndexGroup(letter, _letter_anchor(letter), tuple(groups[letter]), self.index_item, entry)
                for letter in ordered
            ),
            letters=_letter_bar(groups),
        )

    def index_item(self, key: IndexKey) -> IndexItem:
        """One line of the A–Z index: a term, or an alias listed under its own letter."""
        entry_id, alias = key
        href = self.urls.term_href(entry_id, "")
        if alias is not None:
            return IndexItem(href, escape(alias), "", alias_of=self.graph.title(entry_id))
        entry = self.graph.entries[entry_id]
        item = IndexItem(
            href=href,
            title_html=placeholders.strip(entry.heading.title_html),
            definition_html=placeholders.strip(entry.definition_html),
        )
        if entry.concept.status is not Status.PREFERRED or entry_id in self.former:
            item = self._marked(entry_id, item)
        return item

    def _marked(self, entry_id: str, item: IndexItem) -> IndexItem:
        """An index item with the term's status (deprecated and draft are marked), successor
        and old-id anchors."""
        status = self.graph.entries[entry_id].concept.status
        marked = status in (Status.DEPRECATED, Status.DRAFT)
        return dataclasses.replace(
            item,
            status=status.value,
            status_label=self._status_labels[status] if marked else "",
            successor=self.successor_link(entry_id, "") if status is Status.DEPRECATED else None,
            former_ids=self.former.get(entry_id, ()),
        )

    # -- site-wide pages -----------------------------------------------------------------

    def single_page(self, entries: Callable[[], tuple[str, ...]]) -> SinglePageView:
        """The view of ``all.html`` (at the site root); ``entries`` renders the terms' blocks."""
        first: dict[str, str] = {}
        counts: Counter[str] = Counter()
        for entry_id in self.graph.order:
            letter = letter_of(self.graph.entries[entry_id].title_text)
            first.setdefault(letter, entry_id)
            counts[letter] += 1
        letters = [OTHER_GROUP, *LETTERS] if OTHER_GROUP in first else list(LETTERS)
        bar = tuple(
            LetterLink(letter, f"#{first[letter]}" if letter in first else None, counts[letter]) for letter in letters
        )
        # No preview data: the previews read each term's heading and lead from the page.
        json_ld = set_json_ld(self.graph, self.urls, self.title, self.base_url)
        return SinglePageView(bar, json_ld, self.single_terms, entries)

    def single_terms(self) -> tuple[TermView, ...]:
        """Every term's view on ``all.html``, in A–Z order."""
        return tuple(self.term(entry_id, "", single=True) for entry_id in self.graph.order)

    def glossary_map(self, layout: Layout = force_layout) -> MapView:
        """The view of ``map.html`` (at the site root), its nodes placed by ``layout``."""
        href = functools.partial(self.urls.term_href, root="")
        svg = glossary_map(self.graph, href, self.words.glossary_map, layout)
        note = "" if svg else self.words.map_too_big.format(n=len(self.graph.entries), max=MAX_MAP_TERMS)
        return MapView(svg, note, set_json_ld(self.graph, self.urls, self.title, self.base_url, with_terms=False))

    def index_json_ld(self) -> str:
        """schema.org ``DefinedTermSet`` with its terms, for the index page."""
        return set_json_ld(self.graph, self.urls, self.title, self.base_url)

    def site_json_ld(self) -> str:
        """schema.org ``DefinedTermSet`` without terms, for pages such as 404."""
        return set_json_ld(self.graph, self.urls, self.title, self.base_url, with_terms=False)


def _letter_anchor(letter: str) -> str:
    return "letter-0-9" if letter == OTHER_GROUP else f"letter-{letter}"


def _letter_bar(groups: Mapping[str, Sequence[IndexKey]]) -> tuple[LetterLink, ...]:
    letters = [OTHER_GROUP, *LETTERS] if OTHER_GROUP in groups else list(LETTERS)
    return tuple(
        LetterLink(letter, f"#{_letter_anchor(letter)}" if letter in groups else None, len(groups.get(letter, ())))
        for letter in letters
    )
