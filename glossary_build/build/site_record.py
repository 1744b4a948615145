"""What the cache knows of the site on disk and of the spare: which build made them.

A build renders only what changed since the site in the output folder was
written, so it must know that site is still the one the cache describes: the
marker file's identity (inode, modification time) is recorded after each
write and compared before the next.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from glossary_build.build import fingerprints
from glossary_build.build.site_update import SiteUpdate
from glossary_build.build.write import MARKER_NAME, Spare
from glossary_build.store.cache import Cache, State

SPARE_SITE = "spare-site"
"""The folder in the cache that keeps the site before the current one (:class:`Spare`)."""


def previous_build(cache: Cache, out_dir: Path, theme_digest: bytes) -> State:
    """The cached state if the site it describes is still in ``out_dir``, else an empty one.

    Its ``theme`` is emptied when the templates or static files changed since
    (``theme_digest``): then every page must be rendered again.
    """
    state = cache.load_state()
    if state.output_dir != str(out_dir) or state.marker is None or state.marker != _marker(out_dir):
        return State()
    if state.theme != theme_digest:
        state.theme = b""
    return state


def forget_site(cache: Cache) -> None:
    """Record that the site on disk and the spare are no longer known (before they change)."""
    state = cache.load_state()
    state.marker = state.spare_marker = None
    cache.save_state(state)


def spare(cache: Cache, pages: Mapping[str, bytes]) -> Spare | None:
    """Where the site replaced by the next write is kept (None without a cache), and what
    the spare kept there last time holds compared with the current site's ``pages``."""
    if cache.folder is None:
        return None
    path = cache.folder / SPARE_SITE
    state = cache.load_state()
    known = state.spare_pages
    if known is None or state.spare_marker != _marker(path) or not pages:
        return Spare(path)
    files = frozenset(known) - {fingerprints.SITE_FILES}
    return Spare(path, files, frozenset(path for path in files if known[path] != pages.get(path)))


def record_site(
    state: State,
    cache: Cache,
    out_dir: Path,
    update: SiteUpdate | None,
    *,
    built_from: bytes,
    theme_digest: bytes,
    replaced: Mapping[str, bytes] | None = None,
) -> None:
    """Put into ``state`` the fingerprints of the site just written to ``out_dir`` (from
    ``update``) and its marker; ``replaced``: those of the site put aside as the spare."""
    if update is not None:
        state.pages, state.site_paths, state.built_from = update.pages, update.site_paths, built_from
        state.theme = theme_digest
    if replaced is not None and cache.folder is not None:
        state.spare_pages = dict(replaced) if replaced else None
        state.spare_marker = _marker(cache.folder / SPARE_SITE)
    state.output_dir, state.marker = str(out_dir), _marker(out_dir)


def _marker(out_dir: Path) -> tuple[int, int] | None:
    try:
        stat = (out_dir / MARKER_NAME).stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns)
