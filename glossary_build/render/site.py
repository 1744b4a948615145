"""Render the whole site in memory: site-relative path -> bytes.

Rendering writes nothing; :mod:`glossary_build.output` does.  Keeping the
site in memory lets the preview server serve it directly and lets the
writer compare it with what is on disk.

:class:`SiteRenderer` prepares what every page shares once (URLs, words,
the site view, compiled templates) and renders any single page on demand,
so an incremental build renders only the pages whose inputs changed.  Files
come in three kinds, which :mod:`glossary_build.incremental` tracks
separately:

- a term page per entry (:meth:`SiteRenderer.term_page`);
- the index page (:meth:`SiteRenderer.index_page`);
- site-wide files that depend on the whole glossary
  (:meth:`SiteRenderer.site_files`: the 404 page, and any file made from
  all entries, such as a search index);

plus the theme's static files.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Config
from ..graph import TermGraph
from .theme import Theme
from .urls import INDEX_PAGE, Urls, page_paths
from .views import SiteView, ViewBuilder
from .words import WORDS


class SiteRenderer:
    """Renders the pages of one term graph; shared data is derived once."""

    def __init__(self, graph: TermGraph, config: Config, theme: Theme) -> None:
        self.graph = graph
        self.config = config
        self.theme = theme
        self.urls = Urls(page_paths(graph.entries).folders)
        self.site = SiteView(
            config.title, config.language, WORDS[config.language], config.base_url, len(graph.entries)
        )
        self.views = ViewBuilder(graph, self.urls, self.site.words)
        self._term_template = theme.environment.get_template("term.html")

    def term_path(self, entry_id: str) -> str:
        """Site-relative path of a term page."""
        return self.urls.page_path(entry_id)

    def term_page(self, entry_id: str) -> bytes:
        """The page of one term."""
        html = self._term_template.render(
            site=self.site, page=self.views.term(entry_id), root="../", canonical=self.urls.page_path(entry_id)
        )
        return html.encode("utf-8")

    def index_page(self) -> bytes:
        """The A–Z index page."""
        html = self.theme.environment.get_template("index.html").render(
            site=self.site, page=self.views.index(), root="", canonical=INDEX_PAGE
        )
        return html.encode("utf-8")

    def site_files(self) -> dict[str, bytes]:
        """Files made from the glossary as a whole, other than the index page."""
        not_found = self.theme.environment.get_template("404.html").render(
            site=self.site, root=self.config.base_url, canonical=""
        )
        return {"404.html": not_found.encode("utf-8")}

    def static_files(self) -> dict[str, bytes]:
        """The theme's static files."""
        return {path: source.read_bytes() for path, source in self.theme.static_files.items()}


def render_site(graph: TermGraph, config: Config, theme: Theme) -> dict[str, bytes]:
    """Every file of the site: pages and static files."""
    files = dict(render_pages(graph, config, theme))
    files.update(SiteRenderer(graph, config, theme).static_files())
    return files


def render_pages(graph: TermGraph, config: Config, theme: Theme) -> Iterator[tuple[str, bytes]]:
    """The HTML pages: one page per term, the index, and the site-wide files."""
    renderer = SiteRenderer(graph, config, theme)
    for entry_id in graph.order:
        yield renderer.term_path(entry_id), renderer.term_page(entry_id)
    yield INDEX_PAGE, renderer.index_page()
    yield from renderer.site_files().items()
