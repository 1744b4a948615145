"""Render the whole site in memory: site-relative path -> bytes.

Rendering writes nothing; :mod:`glossary_build.output` does.  Keeping the
site in memory lets the preview server serve it directly and lets the
writer compare it with what is on disk.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Config
from ..graph import TermGraph
from ..markdown.highlight import pygments_css
from .search import definition_shards, search_index_js
from .structured import graph_json, sitemap_xml
from .theme import Theme
from .urls import Urls, page_paths
from .views import SiteView, ViewBuilder
from .words import WORDS

SITE_PAGES = ("all.html", "map.html")
"""Pages at the site root besides the index (listed in the sitemap)."""


CODE_CSS = "static/code.css"
"""Highlighting styles for code blocks, light and dark, generated from Pygments."""


def render_site(graph: TermGraph, config: Config, theme: Theme) -> dict[str, bytes]:
    """Every file of the site: pages, data files and static files."""
    files = dict(render_pages(graph, config, theme))
    files.update(render_data(graph, config))
    files[CODE_CSS] = pygments_css().encode("utf-8")  # a theme's own code.css replaces it
    for path, source in theme.static_files.items():
        files[path] = source.read_bytes()
    return files


def render_data(graph: TermGraph, config: Config) -> Iterator[tuple[str, bytes]]:
    """The data files: the search index, the term graph and, with a base URL, the sitemap."""
    urls = Urls(page_paths(graph.entries).folders)
    yield "search-index.js", search_index_js(graph, urls.folders).encode("utf-8")
    for path, text in definition_shards(graph):
        yield path, text.encode("utf-8")
    yield "graph.json", graph_json(graph, urls).encode("utf-8")
    if config.base_url:
        yield "sitemap.xml", sitemap_xml(graph, urls, config.base_url, SITE_PAGES).encode("utf-8")


def render_pages(graph: TermGraph, config: Config, theme: Theme) -> Iterator[tuple[str, bytes]]:
    """The HTML pages: the index, one page per term, and the 404 page."""
    urls = Urls(page_paths(graph.entries).folders)
    words = WORDS[config.language]
    site = SiteView(config.title, config.language, words, config.base_url, len(graph.entries))
    views = ViewBuilder(graph, urls, words, title=config.title, base_url=config.base_url)
    environment = theme.environment
    term_template = environment.get_template("term.html")
    for entry_id in graph.order:
        page = views.term(entry_id)
        html = term_template.render(
            site=site, page=page, root="../", canonical=urls.term_href(entry_id, ""), json_ld=page.json_ld,
            previews=page.previews_json,
        )
        yield urls.page_path(entry_id), html.encode("utf-8")
    root_pages: tuple[tuple[str, object, str], ...] = (
        ("index.html", views.index(), views.index_json_ld()),
        ("all.html", views.single_page(), ""),
        ("map.html", views.glossary_map(), ""),
    )
    for name, view, json_ld in root_pages:
        html = environment.get_template(name).render(
            site=site, page=view, root="", canonical=name, json_ld=json_ld or getattr(view, "json_ld", ""),
            previews=getattr(view, "previews_json", ""),
        )
        yield name, html.encode("utf-8")
    not_found = environment.get_template("404.html").render(
        site=site, root=config.base_url, canonical="", json_ld=views.site_json_ld(), previews=""
    )
    yield "404.html", not_found.encode("utf-8")
