"""Folder names for entry pages.

Every entry gets a folder in the site and its page is ``<folder>/index.html``.
Ids are chosen by authors and may contain anything, while the site must be
writable and servable on Linux, macOS and Windows, on case-insensitive file
systems, and by any web server.  :func:`assign_page_paths` therefore turns
each id into a folder name by these rules, in this order:

1. The id is NFC-normalised (macOS and Linux would otherwise disagree about
   ``Ö`` written as one or two code points).
2. Characters that are unsafe in a file name are escaped as ``~`` plus two
   lower-case hex digits per UTF-8 byte: ``/ \\ < > : " | ? *`` (path
   separators or forbidden on Windows), control and format characters, line
   separators and lone surrogates (``Cc``, ``Cf``, ``Zl``, ``Zp``, ``Cs``:
   invisible, and bidi overrides can disguise a name), ``~`` itself (so
   escapes never collide with text), a leading ``.`` (no hidden folders, no
   ``.`` or ``..``) and trailing dots and spaces (Windows drops them).
   ``Agent:Tool`` becomes ``Agent~3aTool``.
3. A name longer than :data:`MAX_NAME_BYTES` UTF-8 bytes is cut (at a
   character, never inside an escape) and ends in ``~h`` plus the first 10 hex
   digits of the SHA-256 of the NFC id, so a 300-character id gets a
   predictable, distinct, short folder name.
4. Windows device names (``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM0``-``COM9``,
   ``LPT0``-``LPT9``, their superscript-digit forms, ``CONIN$``, ``CONOUT$``;
   any case, also followed by an extension such as ``nul.txt``) get a ``~``
   after the device part: ``CON`` becomes ``CON~``, ``nul.txt`` ``nul~.txt``.
5. Names that are equal when compared the way case-insensitive file systems
   may compare them (:func:`fold`: ``XAI`` and ``xAI``, ids equal after NFC,
   names reserved by the site itself) are made distinct: in sorted order of
   the ids, the first keeps the plain name and the others get ``~2``, ``~3``,
   ... appended.  Each such group is recorded as a :class:`Collision` so the
   pipeline can warn.

The result is pure and deterministic: it depends on the set of ids, not on
their order or on the machine.  Ids that appear more than once map to one
folder (duplicate ids are reported elsewhere).

Old ids of terms (``formerly``) keep their old address as a redirect page:
:func:`former_folders` names each one's folder by rules 1 to 4, and gives
none to an old id whose folder would be a live page's folder or a name the
site uses (compared as in rule 5), or an earlier old id's: a redirect never
takes the place of a page.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
import urllib.parse
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

MAX_NAME_BYTES = 100
"""Longest folder name, in UTF-8 bytes, before it is cut and given a hash.

File systems allow 255 bytes per name; the margin leaves room for the
collision suffix and keeps whole paths under Windows' traditional 260
characters for sites that are not nested deeply."""

_HASH_DIGITS = 10
_UNSAFE = frozenset('/\\<>:"|?*~')
_DEVICE_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{device}{digit}" for device in ("COM", "LPT") for digit in "0123456789¹²³"]
)


SITE_NAMES = (
    "static", "search", "index.html", "404.html", "all.html", "map.html", "sitemap.xml", "graph.json",
    "search-index.js",
)
"""Top-level names the site itself uses; no entry or redirect folder may take them."""


@dataclass(frozen=True, slots=True)
class Collision:
    """Ids that wanted the same folder name and got distinct ones."""

    wanted: str
    """The folder name they would all have had (for a site-reserved name, that name)."""
    ids: tuple[str, ...]
    """The ids, in the order they were served: the first kept ``wanted`` unless it
    is reserved by the site."""
    folders: tuple[str, ...]
    """The folder each id got, parallel to :attr:`ids`."""


@dataclass(frozen=True, slots=True)
class PagePaths:
    """The folder of every entry page."""

    folders: Mapping[str, str]
    """Entry id to folder name (one path segment, no slashes); read-only."""
    collisions: tuple[Collision, ...]
    """Groups of ids whose plain folder names clashed, sorted by wanted name."""

    def folder(self, entry_id: str) -> str:
        """The folder of ``entry_id`` (``KeyError`` for an unknown id)."""
        return self.folders[entry_id]

    def page(self, entry_id: str) -> str:
        """The site-relative path of the entry's page, ``<folder>/index.html``."""
        return f"{self.folders[entry_id]}/index.html"


def assign_page_paths(ids: Sequence[str], *, reserved: Collection[str] = ()) -> PagePaths:
    """Give every id a distinct, safe folder name (rules in the module docstring).

    ``reserved`` names folders the site uses for itself (``static``, ``search``,
    ...); an id whose name would clash with one, compared case-insensitively,
    gets a suffixed name and a :class:`Collision` whose ``ids`` has that id only.
    """
    plain = {entry_id: safe_name(entry_id) for entry_id in sorted(set(ids))}
    groups: dict[str, list[str]] = {}
    for entry_id, name in plain.items():
        groups.setdefault(fold(name), []).append(entry_id)
    reserved_keys = {fold(name) for name in reserved}
    taken = set(groups) | reserved_keys
    folders: dict[str, str] = {}
    collisions: list[Collision] = []
    for key in sorted(groups):
        members = groups[key]
        keep_first = key not in reserved_keys
        for position, entry_id in enumerate(members):
            name = plain[entry_id]
            folders[entry_id] = name if position == 0 and keep_first else _suffixed(name, taken)
        if len(members) > 1 or not keep_first:
            wanted = plain[members[0]]
            collisions.append(Collision(wanted, tuple(members), tuple(folders[i] for i in members)))
    return PagePaths(MappingProxyType(folders), tuple(collisions))


def former_folders(
    old_ids: Collection[str], live_folders: Collection[str], *, reserved: Collection[str] = SITE_NAMES
) -> tuple[dict[str, str], dict[str, str]]:
    """The folder of each old id's redirect page, and the old ids that get none, each with the
    folder name it clashes with (a live page's, a site name, or an earlier old id's).

    ``live_folders`` are the folders of the live pages (:attr:`PagePaths.folders`
    values).  Old ids are served in sorted order, so the first keeps a name
    two old ids would share.
    """
    taken = {fold(name): name for name in reserved}
    taken.update((fold(name), name) for name in live_folders)
    folders: dict[str, str] = {}
    clashes: dict[str, str] = {}
    for old in sorted(set(old_ids)):
        name = safe_name(old)
        key = fold(name)
        if key in taken:
            clashes[old] = taken[key]
        else:
            taken[key] = folders[old] = name
    return folders, clashes


def _suffixed(name: str, taken: set[str]) -> str:
    number = 2
    while fold(f"{name}~{number}") in taken:
        number += 1
    taken.add(fold(f"{name}~{number}"))
    return f"{name}~{number}"


@functools.lru_cache(maxsize=1 << 16)
def safe_name(entry_id: str) -> str:
    """The plain folder name of one id: rules 1 to 4 of the module docstring.

    Cached: the check and the renderer both ask for every id of the glossary.
    """
    nfc = unicodedata.normalize("NFC", entry_id)
    if not nfc:
        return "~"
    name = "".join(_escape(char) if _unsafe(char) else char for char in nfc)
    name = _escape_ends(name)
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        name = _shorten(name, nfc)
    return _avoid_device_name(name)


def _unsafe(char: str) -> bool:
    return char in _UNSAFE or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def _escape(text: str) -> str:
    return "".join(f"~{byte:02x}" for byte in text.encode("utf-8", "surrogatepass"))


def _escape_ends(name: str) -> str:
    """Escape a leading dot and trailing dots and spaces (``name`` is already escaped)."""
    if name.startswith("."):
        name = "~2e" + name[1:]
    stripped = name.rstrip(". ")
    if stripped != name:
        name = stripped + _escape(name[len(stripped) :])
    return name


def _shorten(name: str, nfc: str) -> str:
    digest = hashlib.sha256(nfc.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_DIGITS]
    budget = MAX_NAME_BYTES - len(digest) - 2
    cut, size = 0, 0
    for index, char in enumerate(name):
        size += len(char.encode("utf-8"))
        if size > budget:
            break
        cut = index + 1
    prefix = name[:cut]
    tilde = prefix.rfind("~", max(0, len(prefix) - 2))
    if tilde != -1:  # never cut an escape ``~xx`` in half
        prefix = prefix[:tilde]
    return f"{prefix}~h{digest}"


def _avoid_device_name(name: str) -> str:
    device, dot, rest = name.partition(".")
    if device.rstrip(" ").upper() in _DEVICE_NAMES:
        return f"{device}~{dot}{rest}"
    return name


def fold(name: str) -> str:
    """The form in which names are compared for clashes: NFC of the full case folding.

    No case-insensitive file system folds more than Unicode's full case
    folding (APFS, NTFS and FAT fold as much or less), so names distinct in
    this form are distinct everywhere.  It errs on the safe side: ``Straße``
    and ``STRASSE`` count as a clash although NTFS would keep them apart.
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


@functools.lru_cache(maxsize=1 << 16)  # every page links to a dozen terms: quote each folder once
def url_for_folder(folder: str) -> str:
    """``folder`` percent-encoded (UTF-8) for use as one segment of a relative href.

    Everything except ASCII letters, digits and ``-._~`` is encoded, so the
    result never contains ``/``, ``?``, ``#`` or a ``:`` that would read as a
    URL scheme.  Callers add the slash: ``f"../{url_for_folder(f)}/"``.
    """
    return urllib.parse.quote(folder, safe="")
