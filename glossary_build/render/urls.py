"""Where each page lives in the site and how pages link to each other.

A term's page is ``<folder>/index.html``; links between pages are relative
and name ``index.html`` explicitly, so the site works opened from disk
(``file://``) and served under any sub-path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from glossary_build.core.page_paths import SITE_NAMES, PagePaths, assign_page_paths, url_for_folder

INDEX_PAGE = "index.html"
__all__ = ["INDEX_PAGE", "SITE_NAMES", "Urls", "page_paths"]


def page_paths(entry_ids: Iterable[str]) -> PagePaths:
    """Safe, distinct folders for all entry ids (see :mod:`glossary_build.core.page_paths`)."""
    return assign_page_paths(sorted(entry_ids), reserved=SITE_NAMES)


@dataclass(frozen=True, slots=True)
class Urls:
    """Site-relative paths of term pages, and relative links between pages."""

    folders: Mapping[str, str]
    """Folder of each entry id's page."""

    def page_path(self, entry_id: str) -> str:
        """Site-relative file path of a term page."""
        return f"{self.folders[entry_id]}/{INDEX_PAGE}"

    def term_href(self, entry_id: str, root: str) -> str:
        """Link to a term page from a page whose way to the site root is ``root``."""
        return f"{root}{url_for_folder(self.folders[entry_id])}/{INDEX_PAGE}"

    @staticmethod
    def index_href(root: str) -> str:
        """Link to the A–Z index."""
        return f"{root}{INDEX_PAGE}"
