"""Where each page lives in the site and how pages link to each other.

A term's page is ``<folder>/index.html``; links between pages are relative
and name ``index.html`` explicitly, so the site works opened from disk
(``file://``) and served under any sub-path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

INDEX_PAGE = "index.html"


def folder_for_id(entry_id: str) -> str:
    """A folder name for an entry id (ids are letters, digits and ``-_:.``)."""
    return entry_id.replace("/", "%2F").replace("\\", "%5C").replace(":", "%3A")


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
        return f"{root}{quote(self.folders[entry_id], safe='~@!$&()*+,;=-._')}/{INDEX_PAGE}"

    @staticmethod
    def index_href(root: str) -> str:
        """Link to the A–Z index."""
        return f"{root}{INDEX_PAGE}"
