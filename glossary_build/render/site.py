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
from .theme import Theme
from .urls import Urls, page_paths
from .views import SiteView, ViewBuilder
from .words import WORDS


CODE_CSS = "static/code.css"
"""Highlighting styles for code blocks, light and dark, generated from Pygments."""


def render_site(graph: TermGraph, config: Config, theme: Theme) -> dict[str, bytes]:
    """Every file of the site: pages and static files."""
    files = dict(render_pages(graph, config, theme))
    files[CODE_CSS] = pygments_css().encode("utf-8")  # a theme's own code.css replaces it
    for path, source in theme.static_files.items():
        files[path] = source.read_bytes()
    return files


def render_pages(graph: TermGraph, config: Config, theme: Theme) -> Iterator[tuple[str, bytes]]:
    """The HTML pages: the index, one page per term, and the 404 page."""
    urls = Urls(page_paths(graph.entries).folders)
    words = WORDS[config.language]
    site = SiteView(config.title, config.language, words, config.base_url, len(graph.entries))
    views = ViewBuilder(graph, urls, words)
    environment = theme.environment
    term_template = environment.get_template("term.html")
    for entry_id in graph.order:
        page = views.term(entry_id)
        html = term_template.render(site=site, page=page, root="../", canonical=urls.page_path(entry_id))
        yield urls.page_path(entry_id), html.encode("utf-8")
    index_html = environment.get_template("index.html").render(
        site=site, page=views.index(), root="", canonical="index.html"
    )
    yield "index.html", index_html.encode("utf-8")
    not_found = environment.get_template("404.html").render(site=site, root=config.base_url, canonical="")
    yield "404.html", not_found.encode("utf-8")
