"""What rendering produced, for the writer: every file of the site, some still rendering.

:class:`SiteUpdate` maps each site path to its new bytes, to ``None`` (keep the
file of the current site) or to a page still being rendered elsewhere (a
forked pool for the term pages, forked processes for the site-wide files);
:meth:`SiteUpdate.stream` hands them to :func:`glossary_build.build.write.write_site`
in order, so writing starts before rendering ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from glossary_build.build.parallel import Background
from glossary_build.render.pieces import PieceMap, Pieces, merge

SiteFiles = tuple[dict[str, bytes], PieceMap]
"""Site-wide files rendered (path -> bytes) and the pieces rendered for them."""


@dataclass
class SiteUpdate:
    """The result of rendering: what to write and what changed."""

    files: dict[str, bytes | None]
    """Every file of the site; None for a file kept from the last build."""
    rendered: list[str] = field(default_factory=list)
    """Paths rendered (given as bytes)."""
    removed: list[str] = field(default_factory=list)
    """Paths of the last build that are gone."""
    pages: dict[str, bytes] = field(default_factory=dict)
    """Fingerprint of every file."""
    site_paths: tuple[str, ...] = ()
    """Paths of the site-wide files."""
    site_wide_later: Callable[[], dict[str, bytes]] | None = None
    """Renders the site-wide files, when they are out of date but were left for later."""
    site_print: bytes = b""
    """The fingerprint the site-wide files have once rendered."""
    pending: Iterator[tuple[str, bytes]] | None = None
    """Term pages still being rendered: ``(path, bytes)`` in the order of :attr:`files`."""
    waiting: set[str] = field(default_factory=set)
    """Paths of the pending pages."""
    done: Callable[[], None] | None = None
    """Called once every pending page is in."""
    pieces: Pieces | None = None
    """The pieces of the site-wide files, known and rendered (None: not kept, ``--no-cache``)."""

    def stream(self) -> Mapping[str, bytes | None]:
        """:attr:`files` as a mapping that renders pending pages as they are asked for, in order,
        so the writer writes while the workers render."""
        return _StreamedFiles(self)

    def complete(self) -> dict[str, bytes | None]:
        """:attr:`files` with every pending page rendered."""
        for path, page in self.pending or ():
            self.files[path] = page
        self.pending, self.waiting = None, set()
        if self.done is not None:
            self.done()
            self.done = None
        return self.files


class _StreamedFiles(Mapping[str, "bytes | None"]):
    def __init__(self, update: SiteUpdate) -> None:
        self.update = update

    def __getitem__(self, path: str) -> bytes | None:
        update = self.update
        while path in update.waiting and update.pending is not None:
            rendered, page = next(update.pending)
            update.files[rendered] = page
            update.waiting.discard(rendered)
        if not update.waiting and update.pending is not None:
            update.complete()
        return update.files[path]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.update.files))

    def __len__(self) -> int:
        return len(self.update.files)


def site_wide_files(
    jobs: Sequence[Background[SiteFiles]], paths: Sequence[str], pieces: PieceMap
) -> Iterator[tuple[str, bytes]]:
    """The site-wide files the ``jobs`` render, as :attr:`SiteUpdate.pending` items; ``paths``
    are those :meth:`~glossary_build.render.site.SiteRenderer.site_file_paths` promised.
    The pieces the jobs rendered are added to ``pieces``."""
    files: dict[str, bytes] = {}
    for job in jobs:
        rendered, new = job.result()
        files.update(rendered)
        merge(pieces, new)
    if list(files) != list(paths):  # SiteRenderer.site_file_paths must name what site_files makes
        raise RuntimeError(f"site-wide files {list(files)} differ from the expected {list(paths)}")
    yield from files.items()
