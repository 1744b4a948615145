"""What the pages of one language know of the other languages of a multilingual glossary.

A multilingual site is one complete site per language, ``<output>/<code>/``, plus
a few files at the top (:func:`root_files`): the language choice page
``index.html`` and, with a ``base_url``, a ``sitemap.xml`` of every language's
pages.  A language's :class:`~glossary_build.render.site.SiteRenderer` gets a
:class:`Languages` value; from it every page gets

- a language switcher (:class:`SwitcherView`): the same page in each other
  language; for a term another language lacks, a "not translated yet" note that
  links the term in the source language;
- ``<link rel="alternate" hreflang>`` for each language the page exists in, and
  ``x-default``: the choice page for the index, the source language's page (or
  the first language's that has it) for the others;
- links to ids that only other languages have (``graph.elsewhere``): to that
  language's page, marked ``xref other-language``;
- on an outdated translation, a banner (:class:`OutdatedView`) that links the
  current source.

Links between languages are relative (``../../en/Embedding/index.html``), so the
whole site works opened from disk, like every single-language site.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

from glossary_build.core.config import Config
from glossary_build.core.page_paths import url_for_folder
from glossary_build.graph.terms import TermGraph
from glossary_build.render.search import script_json
from glossary_build.render.theme import Theme
from glossary_build.render.urls import INDEX_PAGE, page_paths
from glossary_build.render.words import WORDS, Words

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English", "fr": "Français"}
"""Each language's name in itself, as the switcher and the choice page show it."""

LANGUAGE_PAGES = (INDEX_PAGE, "all.html", "map.html")
"""The pages every language's site has besides the term pages, at the same paths."""


@dataclass(frozen=True, slots=True)
class LanguageSite:
    """One language of the glossary, as the other languages' pages see it."""

    code: str
    """The language's code, also its folder in the site (``en``)."""
    folders: Mapping[str, str]
    """Entry id -> folder of its page in that language's site, in A–Z order of that language."""
    titles: Mapping[str, str]
    """Entry id -> plain title there."""

    @classmethod
    def of_graph(cls, code: str, graph: TermGraph) -> LanguageSite:
        """The language site of ``code`` whose terms are ``graph``'s (the graph the site shows)."""
        folders = page_paths(graph.entries).folders
        return cls(
            code,
            {entry_id: folders[entry_id] for entry_id in graph.order},
            {entry_id: graph.title(entry_id) for entry_id in graph.order},
        )


@dataclass(frozen=True, slots=True)
class OutdatedNote:
    """Why a translation is outdated (the translation status computes it; a banner shows it)."""

    changed: tuple[str, ...]
    """Parts of the source entry changed since the translation was marked up to date:
    ``title``, ``definition``, ``sections``, ``see-also``; empty: never marked."""


@dataclass(frozen=True, slots=True)
class Alternate:
    """One ``<link rel="alternate" hreflang>`` of a page."""

    hreflang: str
    """A language code, or ``x-default``."""
    href: str
    """The page in that language: absolute with a ``base_url``, else relative."""


@dataclass(frozen=True, slots=True)
class LanguageChoice:
    """One language in the switcher of a page."""

    code: str
    """The language's code (``lang`` and ``hreflang``)."""
    name: str
    """Its name in itself (``Français``)."""
    href: str
    """The same page in that language; for a term it lacks, that language's index."""
    current: bool
    """True for the language of the page itself."""
    translated: bool
    """False when the page's term is not written in that language."""
    original_href: str = ""
    """For a term not translated into that language: its page in the source language,
    when that is not this page; else empty."""


@dataclass(frozen=True, slots=True)
class SwitcherView:
    """The language switcher and the hreflang alternates of one page."""

    label: str
    """The switcher's accessible name (``Sprachen``)."""
    choices: tuple[LanguageChoice, ...]
    """Every language, in configured order (the source first)."""
    alternates: tuple[Alternate, ...]
    """The page in each language it exists in, then ``x-default`` (none on the 404 page)."""
    source: str
    """The source language's code (``hreflang`` of the links to the original)."""


@dataclass(frozen=True, slots=True)
class OutdatedView:
    """The banner of a translation that may be out of date."""

    text: str
    """What changed in the source, in the page's words."""
    href: str
    """The term's page in the source language."""
    link_text: str
    """The link's text (``Zum aktuellen Original``)."""
    hreflang: str
    """The source language."""


@dataclass(frozen=True)
class Languages:
    """What a language's pages need to know of the other languages."""

    current: str
    """The language of the pages being rendered."""
    sites: tuple[LanguageSite, ...]
    """Every language, in configured order; ``sites[0]`` is the source language."""
    outdated: Mapping[str, OutdatedNote] = field(default_factory=dict)
    """The current language's outdated translations, by entry id."""

    def __post_init__(self) -> None:
        if self.current not in {site.code for site in self.sites}:
            raise ValueError(f"{self.current!r} is none of the languages {[site.code for site in self.sites]}")

    @property
    def source(self) -> LanguageSite:
        """The source language."""
        return self.sites[0]

    def site(self, code: str) -> LanguageSite:
        """The language site of ``code``."""
        return next(site for site in self.sites if site.code == code)

    def path(self, code: str, entry_id: str) -> str:
        """The term's page in language ``code``, below the top of the site (``en/Embedding/index.html``)."""
        return f"{code}/{url_for_folder(self.site(code).folders[entry_id])}/{INDEX_PAGE}"

    def href(self, code: str, entry_id: str, root: str) -> str:
        """The term's page in language ``code``, from a page whose way to its language's root is ``root``."""
        return f"{root}../{self.path(code, entry_id)}"

    @staticmethod
    def page_href(code: str, page: str, root: str) -> str:
        """A page of :data:`LANGUAGE_PAGES` in language ``code``, from a page at ``root``."""
        return f"{root}../{code}/{page}"

    def other_language(self, entry_id: str, languages: Sequence[str] = ()) -> str | None:
        """The language a link to ``entry_id``, which the current language lacks, leads to: the
        first of ``languages`` (``graph.elsewhere``'s, in configured order) that has the term."""
        wanted = set(languages)
        for site in self.sites:
            if site.code in wanted and site.code != self.current and entry_id in site.folders:
                return site.code
        return None

    def link_title(self, code: str, words: Words) -> str:
        """What a link to a term only in language ``code`` says of it (``Nur auf Englisch``)."""
        return words.only_in.format(language=words.language_names[code])

    # -- the switcher ----------------------------------------------------------------------

    def term_switcher(self, entry_id: str, root: str, words: Words, base_url: str = "") -> SwitcherView:
        """The switcher of a term page: the term in each language, or a note where it is missing."""
        source = self.source
        in_source = entry_id in source.folders and source.code != self.current
        choices = []
        for site in self.sites:
            translated = entry_id in site.folders
            href = self.href(site.code, entry_id, root) if translated else self.page_href(site.code, INDEX_PAGE, root)
            original = self.href(source.code, entry_id, root) if not translated and in_source else ""
            choices.append(LanguageChoice(
                site.code, LANGUAGE_NAMES[site.code], href, site.code == self.current, translated, original,
            ))
        having = [site.code for site in self.sites if entry_id in site.folders]
        alternates = [Alternate(code, _address(self.path(code, entry_id), root, base_url)) for code in having]
        alternates.append(Alternate("x-default", _address(self.path(having[0], entry_id), root, base_url)))
        return SwitcherView(words.languages, tuple(choices), tuple(alternates), source.code)

    def page_switcher(
        self, page: str, root: str, words: Words, base_url: str = "", top: str | None = None
    ) -> SwitcherView:
        """The switcher of a page every language has (:data:`LANGUAGE_PAGES`; the 404 page
        switches to the index and has no alternates): the same page in each language.
        ``top``: the way to the top of the site when it is not ``root + "../"`` (the 404 page,
        which is served at any address, links from ``base_url``)."""
        target = page if page in LANGUAGE_PAGES else INDEX_PAGE
        top = f"{root}../" if top is None else top
        choices = tuple(
            LanguageChoice(site.code, LANGUAGE_NAMES[site.code], f"{top}{site.code}/{target}",
                           site.code == self.current, True)
            for site in self.sites
        )
        alternates: list[Alternate] = []
        if page in LANGUAGE_PAGES:
            alternates = [Alternate(site.code, _address(f"{site.code}/{page}", root, base_url)) for site in self.sites]
            default = INDEX_PAGE if page == INDEX_PAGE else f"{self.source.code}/{page}"
            alternates.append(Alternate("x-default", _address(default, root, base_url)))
        return SwitcherView(words.languages, choices, tuple(alternates), self.source.code)

    # -- outdated translations ----------------------------------------------------------------

    def outdated_banner(self, entry_id: str, root: str, words: Words) -> OutdatedView | None:
        """The banner of a term page whose translation may be out of date; None for others."""
        note = self.outdated.get(entry_id)
        source = self.source
        if note is None or self.current == source.code:
            return None
        language = words.language_names[source.code]
        if note.changed:
            parts = ", ".join(words.part_name(part) for part in note.changed)
            text = words.outdated_notice.format(language=language, parts=parts)
        else:
            text = words.never_checked.format(language=language)
        href = (
            self.href(source.code, entry_id, root) if entry_id in source.folders
            else self.page_href(source.code, INDEX_PAGE, root)
        )
        return OutdatedView(text, href, words.current_original, source.code)


def _address(path: str, root: str, base_url: str) -> str:
    """A file below the top of the site (``en/all.html``) as an alternate names it: absolute
    under ``base_url``, else relative to a page whose way to its language's root is ``root``."""
    return f"{base_url}{path}" if base_url else f"{root}../{path}"


# -- the files at the top of the site ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChoiceView:
    """The language choice page at the top of a multilingual site (``index.html``)."""

    title: str
    """The site title."""
    language: str
    """The source language: the page's ``lang``."""
    choices: tuple[LanguageChoice, ...]
    """Every language, in configured order, each linking its index."""
    prompts: tuple[tuple[str, str], ...]
    """(code, "choose a language" in that language), for each language."""
    codes_json: str
    """The codes as a script-safe JSON array, for the script that picks one."""
    source_json: str
    """The source language as a script-safe JSON string."""
    stylesheet: str
    """The source language's stylesheet (``de/static/style.css``)."""
    base_url: str
    """The public URL of the whole site, or empty."""


def choice_view(config: Config, sites: Sequence[LanguageSite]) -> ChoiceView:
    """The view of the language choice page."""
    source = sites[0].code
    choices = tuple(
        LanguageChoice(site.code, LANGUAGE_NAMES[site.code], f"{site.code}/{INDEX_PAGE}", False, True)
        for site in sites
    )
    prompts = tuple((site.code, WORDS[site.code].choose_language) for site in sites)
    codes = [site.code for site in sites]
    return ChoiceView(
        config.title, source, choices, prompts, script_json(codes), script_json(source),
        f"{source}/static/style.css", config.base_url,
    )


def root_files(theme: Theme, config: Config, sites: Sequence[LanguageSite]) -> dict[str, bytes]:
    """The files at the top of a multilingual site: ``index.html``, the language choice (a
    script picks the reader's language from the browser and goes there, keeping ``?q=`` and
    ``#fragment``; without JavaScript it is a list of links), and with a ``base_url``
    ``sitemap.xml``, every language's pages with their hreflang alternates."""
    html = theme.environment.get_template("languages.html").render(page=choice_view(config, sites))
    files = {INDEX_PAGE: html.encode("utf-8")}
    if config.base_url:
        files["sitemap.xml"] = sitemap_xml(config.base_url, sites).encode("utf-8")
    return files


def sitemap_xml(base_url: str, sites: Sequence[LanguageSite]) -> str:
    """The sitemap of every language's pages, each with the page in the other languages
    (``xhtml:link`` alternates, as search engines read them) and ``x-default``."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    source = sites[0].code
    for page in LANGUAGE_PAGES:
        alternates = {site.code: f"{base_url}{site.code}/{page}" for site in sites}
        default = f"{base_url}{INDEX_PAGE}" if page == INDEX_PAGE else alternates[source]
        lines += _sitemap_urls(alternates, default)
    for site in sites:
        for entry_id in site.folders:
            if any(entry_id in earlier.folders for earlier in sites[: sites.index(site)]):
                continue  # listed with the first language that has it
            having = [other for other in sites if entry_id in other.folders]
            alternates = {
                other.code: f"{base_url}{other.code}/{url_for_folder(other.folders[entry_id])}/{INDEX_PAGE}"
                for other in having
            }
            lines += _sitemap_urls(alternates, alternates[having[0].code])
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _sitemap_urls(alternates: Mapping[str, str], default: str) -> list[str]:
    """One ``<url>`` per language of a page, each listing all of them and ``x-default``."""
    links = [f'    <xhtml:link rel="alternate" hreflang="{code}" href="{escape(href)}"/>'
             for code, href in alternates.items()]
    links.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href="{escape(default)}"/>')
    lines: list[str] = []
    for href in alternates.values():
        lines += ["  <url>", f"    <loc>{escape(href)}</loc>", *links, "  </url>"]
    return lines
