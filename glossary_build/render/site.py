"""Render the whole site in memory: site-relative path -> bytes.

Rendering writes nothing; :mod:`glossary_build.build.write` does.  Keeping the
site in memory lets the preview server serve it directly and lets the
writer compare it with what is on disk.

:class:`SiteRenderer` prepares what every page shares once (URLs, words,
the site view, compiled templates) and renders any single page on demand,
so an incremental build renders only the pages whose inputs changed.  Files
come in kinds that :mod:`glossary_build.build.fingerprints` tracks separately:

- a term page per entry (:meth:`SiteRenderer.term_page`);
- the index page (:meth:`SiteRenderer.index_page`);
- site-wide files made from the whole glossary (:meth:`SiteRenderer.site_files`:
  ``all.html``, ``map.html``, the 404 page, the search index, the term graph,
  the sitemap, and the redirect page at each old id's address,
  ``<Old-Id>/index.html``): a new site-wide file belongs there;
- static files (:meth:`SiteRenderer.static_files`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterator, Mapping, Sequence

from markupsafe import Markup

from glossary_build.core.config import Config
from glossary_build.core.page_paths import former_folders
from glossary_build.graph.terms import TermGraph
from glossary_build.parse.markdown.highlight import pygments_css
from glossary_build.render.languages import Languages, OutdatedView, SwitcherView
from glossary_build.render.pieces import ALL_ENTRY, GRAPH_ENTRY, INDEX_ENTRY, MAP_LAYOUT, SEARCH_WORDS, Pieces
from glossary_build.render.search import (
    SHARD_SIZE,
    WordCounts,
    definition_shards,
    entry_word_counts,
    search_index_js,
)
from glossary_build.render.structured import GraphPiece, graph_json, graph_piece, sitemap_xml
from glossary_build.render.termmap import force_layout
from glossary_build.render.theme import Theme
from glossary_build.render.urls import INDEX_PAGE, Urls, page_paths
from glossary_build.render.views import IndexKey, RedirectView, SiteView, SiteViews
from glossary_build.render.words import WORDS

SITE_PAGES = ("all.html", "map.html")
"""Pages at the site root besides the index (listed in the sitemap)."""


CODE_CSS = "static/code.css"
"""Highlighting styles for code blocks, light and dark, generated from Pygments."""


class SiteRenderer:
    """Renders the pages of one term graph; shared data is derived once.

    The graph is the one the site shows: without drafts unless they are asked
    for (:func:`glossary_build.graph.published.rendered_graph`).

    With ``languages`` the site is one language of a multilingual glossary, written to
    ``<output>/<code>/``: its pages get a language switcher and hreflang alternates, links
    to terms only other languages have lead there, outdated translations a banner (see
    :mod:`glossary_build.render.languages`); ``config.base_url`` is the whole site's, so
    this language's is ``<base_url><code>/``, and the sitemap is the top one
    (:func:`~glossary_build.render.languages.root_files`).  Without, the output is the
    single-language site's, byte for byte.
    """

    def __init__(self, graph: TermGraph, config: Config, theme: Theme, languages: Languages | None = None) -> None:
        self.graph = graph
        self.languages = languages
        self.top_url = config.base_url
        """The public URL of the whole site (of every language), or empty."""
        if languages is not None and config.base_url:
            config = dataclasses.replace(config, base_url=f"{config.base_url}{languages.current}/")
        self.config = config
        self.theme = theme
        self.urls = Urls(page_paths(graph.entries).folders)
        self.redirects, self.redirect_clashes = former_folders(graph.former, self.urls.folders.values())
        """The folder of each old id's redirect page; the old ids whose address is a live
        page's (or another old id's, or a name of the site) get none (``formerly-clash``)."""
        self.site = SiteView(
            config.title, config.language, WORDS[config.language], config.base_url, len(graph.entries)
        )
        self.views = SiteViews(
            graph, self.urls, self.site.words, title=config.title, base_url=config.base_url, languages=languages
        )
        self._term_template = theme.environment.get_template("term.html")
        self.pieces = Pieces()
        """The per-entry pieces of the site-wide files: set by an incremental build to
        those of the last build, so only the changed ones are rendered."""

    def term_path(self, entry_id: str) -> str:
        """Site-relative path of a term page."""
        return self.urls.page_path(entry_id)

    def term_page(self, entry_id: str) -> bytes:
        """The page of one term."""
        page = self.views.term(entry_id)
        languages: SwitcherView | None = None
        outdated: OutdatedView | None = None
        if self.languages is not None:
            languages = self.languages.term_switcher(entry_id, "../", self.site.words, self.top_url)
            outdated = self.languages.outdated_banner(entry_id, "../", self.site.words)
        html = self._term_template.render(
            site=self.site, page=page, root="../", canonical=self.urls.term_href(entry_id, ""),
            json_ld=page.json_ld, previews=page.previews_json, languages=languages, outdated=outdated,
        )
        return html.encode("utf-8")

    def index_page(self) -> bytes:
        """The A–Z index page: a frame around each term's line (``index-entry.html``), the
        last build's where what it shows is unchanged."""
        template = self.theme.environment.get_template("index-entry.html")

        def entry(key: IndexKey) -> str:
            def render() -> str:
                return template.render(site=self.site, item=self.views.index_item(key))

            entry_id, alias = key
            return Markup(render() if alias is not None else self.pieces.get(INDEX_ENTRY, entry_id, render))

        return self._root_page(INDEX_PAGE, self.views.index(entry), self.views.index_json_ld())

    def site_files(self) -> dict[str, bytes]:
        """Files made from the glossary as a whole, other than the index page."""
        files: dict[str, bytes] = {}
        for group in self.site_file_groups():
            files.update(group())
        return files

    def site_file_groups(self) -> list[Callable[[], dict[str, bytes]]]:
        """:meth:`site_files` in two parts of about equal work (at 10,000 entries the search
        index costs about what the other files together cost), to be rendered in parallel.
        The last, the search index, needs only the pieces kept by each entry's source
        (:data:`~glossary_build.render.pieces.SEARCH_WORDS`), so an incremental build starts it
        before the pages' fingerprints are known."""
        return [self._site_pages, self._search_files]

    def _site_pages(self) -> dict[str, bytes]:
        files = {
            "all.html": self._root_page("all.html", self.views.single_page(self.all_entries), ""),
            "map.html": self._root_page("map.html", self.views.glossary_map(self._map_layout), ""),
        }
        not_found = self.theme.environment.get_template("404.html").render(
            site=self.site, root=self.config.base_url, canonical="", json_ld=self.views.site_json_ld(), previews="",
            languages=self._switcher("404.html", self.config.base_url, self.top_url or "../"),
        )
        files["404.html"] = not_found.encode("utf-8")
        files["graph.json"] = graph_json(self.graph, self.urls, self._graph_piece).encode("utf-8")
        if self.config.base_url and self.languages is None:  # else the top sitemap lists every language
            sitemap = sitemap_xml(self.graph, self.urls, self.config.base_url, SITE_PAGES)
            files["sitemap.xml"] = sitemap.encode("utf-8")
        files.update(self.redirect_pages())
        return files

    def all_entries(self) -> tuple[str, ...]:
        """Each term's block on ``all.html`` (``templates/all-entry.html``), in A–Z order:
        the pieces of the last build where what they show is unchanged."""
        template = self.theme.environment.get_template("all-entry.html")

        def render(entry_id: str) -> Callable[[], str]:
            return lambda: template.render(site=self.site, term=self.views.term(entry_id, "", single=True), root="")

        get = self.pieces.get
        return tuple(Markup(get(ALL_ENTRY, entry_id, render(entry_id))) for entry_id in self.graph.order)

    def _map_layout(
        self, nodes: Sequence[str], links: Sequence[tuple[str, str]]
    ) -> Mapping[str, tuple[float, float]]:
        """The map's layout: the last build's where its nodes and links are the same."""
        return self.pieces.get(MAP_LAYOUT, "", lambda: force_layout(nodes, links))

    def _graph_piece(self, entry_id: str) -> GraphPiece:
        """An entry's part of ``graph.json``: the last build's where what it shows is unchanged."""
        return self.pieces.get(GRAPH_ENTRY, entry_id, lambda: graph_piece(self.graph, self.urls, entry_id))

    def redirect_pages(self) -> dict[str, bytes]:
        """The page at each old id's address (``<Old-Id>/index.html``): it sends the reader
        on to the term's page, fragment kept (see ``templates/redirect.html``)."""
        template = self.theme.environment.get_template("redirect.html")
        pages: dict[str, bytes] = {}
        for old, folder in self.redirects.items():
            entry_id = self.graph.former[old]
            href = self.urls.term_href(entry_id, "../")
            canonical = self.config.base_url + self.urls.term_href(entry_id, "") if self.config.base_url else href
            view = RedirectView(old, entry_id, self.graph.title(entry_id), href, canonical)
            html = template.render(site=self.site, page=view, root="../", canonical="", json_ld="", previews="")
            pages[f"{folder}/{INDEX_PAGE}"] = html.encode("utf-8")
        return pages

    def _search_files(self) -> dict[str, bytes]:
        """The search index and the shards of short definitions its results show."""
        forms: dict[str, str | None] = {}

        def counted(entry_id: str) -> WordCounts:
            entry = self.graph.entries[entry_id]
            return self.pieces.get(SEARCH_WORDS, entry_id, lambda: entry_word_counts(entry, forms))

        files = {"search-index.js": search_index_js(self.graph, self.urls.folders, counted).encode("utf-8")}
        files.update((path, text.encode("utf-8")) for path, text in definition_shards(self.graph))
        return files

    def site_file_paths(self) -> list[str]:
        """The paths :meth:`site_files` makes, in its order, without rendering anything."""
        shards = [f"search/d{n}.js" for n in range(math.ceil(len(self.graph.order) / SHARD_SIZE))]
        sitemap = ["sitemap.xml"] if self.config.base_url and self.languages is None else []
        redirects = [f"{folder}/{INDEX_PAGE}" for folder in self.redirects.values()]
        return ["all.html", "map.html", "404.html", "graph.json", *sitemap, *redirects, "search-index.js", *shards]

    def static_files(self) -> dict[str, bytes]:
        """The code highlighting styles and the theme's static files (which may replace them)."""
        files = {CODE_CSS: pygments_css().encode("utf-8")}
        files.update((path, source.read_bytes()) for path, source in self.theme.static_files.items())
        return files

    def _root_page(self, name: str, view: object, json_ld: str) -> bytes:
        html = self.theme.environment.get_template(name).render(
            site=self.site, page=view, root="", canonical=name, json_ld=json_ld or getattr(view, "json_ld", ""),
            previews=getattr(view, "previews_json", ""), languages=self._switcher(name, ""),
        )
        return html.encode("utf-8")

    def _switcher(self, page: str, root: str, top: str | None = None) -> SwitcherView | None:
        """The language switcher of a page at the top of this language's site; None in one language."""
        if self.languages is None:
            return None
        return self.languages.page_switcher(page, root, self.site.words, self.top_url, top)


def render_site(graph: TermGraph, config: Config, theme: Theme) -> dict[str, bytes]:
    """Every file of the site: pages, data files and static files."""
    renderer = SiteRenderer(graph, config, theme)
    files = dict(render_pages(graph, config, theme, renderer))
    files.update(renderer.static_files())
    return files


def render_pages(
    graph: TermGraph, config: Config, theme: Theme, renderer: SiteRenderer | None = None
) -> Iterator[tuple[str, bytes]]:
    """The pages and data files: one page per term, the index, and the site-wide files."""
    renderer = renderer or SiteRenderer(graph, config, theme)
    for entry_id in graph.order:
        yield renderer.term_path(entry_id), renderer.term_page(entry_id)
    yield INDEX_PAGE, renderer.index_page()
    yield from renderer.site_files().items()
