"""Ids as paths, through the real CLI: nothing outside the output folder, distinct folders.

Ids come from attribute blocks, whose grammar already keeps ``/``, ``\\``,
spaces and control characters out (such a block stays heading text, with an
``invalid-attributes`` warning); what it lets through (``..`` inside a name,
``:``, trailing dots, 300 characters, ``CON``, ``nul.txt``, case and
Unicode twins, names the site uses itself) must still become safe, distinct
folders.  :mod:`glossary_build.core.page_paths` has the unit tests of the rules.
"""

from __future__ import annotations

import os
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from glossary_build.core.page_paths import MAX_NAME_BYTES, fold
from tests.support import run_cli

from .support import make_glossary, snapshot

NFD = unicodedata.normalize("NFD", "Ökosystem")
NFC = unicodedata.normalize("NFC", "Ökosystem")
LONG = "Langer" + "x" * 294
VALID_IDS = [
    "a..b", "x.", "x...", "Agent:Tool", "CON", "con", "nul.txt", "Com1", "LPT9.md", "AUX.",
    LONG, LONG + "y", "XAI", "xAI", "Xai", "Straße", "STRASSE", "index.html", "static", "Index.HTML",
    "ǅ", "ǆ", "Ω", "Ω",  # title-case digraph and its lower case; Ohm sign and omega (NFC twins)
]
INVALID_IDS = ["a/b", "a\\b", "..", "../../escape", ".hidden", "tab\tid", "a~b", "bell\x07",
               "bidi\u202eevil", "zw\u200bsp", "/abs"]


def _entry(number: int, entry_id: str) -> str:
    return f"## Term {number} {{#{entry_id} .term}}\n\nText [self](#{entry_id}).\n\n----\n\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes | str], str]:
    parent = tmp_path_factory.mktemp("ids")
    text = "".join(_entry(n, i) for n, i in enumerate(VALID_IDS + INVALID_IDS))
    text += '## Id pair {.term id="../../evil"}\n\nAn id given as key=value.\n\n----\n\n'
    glossary = make_glossary(parent / "glossary", {
        "ids.md": text,
        "nfd.md": _entry(100, NFD),
        "nfc.md": _entry(101, NFC),
        "nul.md": _entry(103, "nul\x00byte"),  # a NUL byte: the file is skipped as binary
        unicodedata.normalize("NFD", "Übersicht.md"): _entry(102, "Uebersicht"),
    })
    before = snapshot(parent)
    result = run_cli("build", cwd=glossary)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    return parent, before, result.stderr


def test_nothing_is_written_outside_the_output_folder(built: tuple[Path, dict[str, bytes | str], str]) -> None:
    parent, before, _ = built
    after = snapshot(parent)
    changed = {path for path in set(before) | set(after) if before.get(path) != after.get(path)}
    outside = sorted(p for p in changed if not (p == "glossary/site" or p.startswith("glossary/site/"))
                     and not p.startswith("glossary/.glossary-cache"))  # the tool's cache
    assert outside == []
    assert not [name for name in os.listdir(parent / "glossary") if "glossary-build" in name]


def _term_folders(site: Path) -> list[str]:
    return sorted(
        entry.name for entry in os.scandir(site)
        if entry.is_dir() and entry.name != "static" and os.path.isfile(os.path.join(entry.path, "index.html"))
    )


def test_every_page_has_its_own_safe_folder(built: tuple[Path, dict[str, bytes | str], str]) -> None:
    site = built[0] / "glossary" / "site"
    folders = _term_folders(site)
    for name in folders:
        assert (site / name / "index.html").is_file()
        assert len(name.encode("utf-8")) <= MAX_NAME_BYTES + 8, name
        assert "/" not in name and "\\" not in name and not name.startswith(".")
        assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in name), name
        assert name == unicodedata.normalize("NFC", name)
        device = name.split(".")[0].upper()
        assert device not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT9"}, name
        assert not name.endswith((".", " ")), name
    # distinct even where case and Unicode form are ignored (macOS, Windows)
    assert len({fold(name) for name in folders}) == len(folders)
    # one folder per distinct entry id (NFD and NFC twins are one id after normalising)
    distinct_ids = {unicodedata.normalize("NFC", i) for i in VALID_IDS} | {NFC, "Uebersicht", "id-pair"}
    assert len(folders) == len(distinct_ids)


def test_long_id_gets_a_short_hashed_folder(built: tuple[Path, dict[str, bytes | str], str]) -> None:
    folders = _term_folders(built[0] / "glossary" / "site")
    long = [name for name in folders if name.startswith("Langer")]
    assert len(long) == 2
    assert all(re.fullmatch(r"Langerx+~h[0-9a-f]{10}", name) for name in long)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v or "" for k, v in attrs if k == "href"]


def test_links_lead_to_the_folders_that_were_written(built: tuple[Path, dict[str, bytes | str], str]) -> None:
    site = built[0] / "glossary" / "site"
    parser = _Links()
    parser.feed((site / "index.html").read_text())
    local = [h for h in parser.hrefs if h.endswith("/index.html") and "://" not in h]
    assert len(local) >= len(_term_folders(site))
    for href in local:
        target = (site / unquote(href)).resolve()
        assert target.is_file(), href
        assert target.is_relative_to(site.resolve()), href


def test_twins_and_bad_ids_are_reported(built: tuple[Path, dict[str, bytes | str], str]) -> None:
    stderr = built[2]
    assert re.search(r"warning\[case-collision\]: ids 'xAI' and 'XAI' differ only in case", stderr)
    assert re.search(r"warning\[case-collision\]: ids 'STRASSE' and 'Straße'|'Straße' and 'STRASSE'", stderr)
    assert re.search(
        rf"entries/nfd\.md:1:1: error\[duplicate-id\]: id '{NFC}' is already defined at entries/nfc\.md:1:1", stderr
    )
    assert re.search(r"warning\[case-collision\]: ids '[ǅǆ]' and '[ǅǆ]'", stderr)
    for bad in ("a/b", "..", ".hidden", "../../escape"):
        assert f"'{{#{bad} .term}}' is not a valid attribute block" in stderr, bad
    assert "attribute id removed from the heading" in stderr
    assert "entries/nul.md:1:1: warning[binary-file]" in stderr
    assert "entries/Übersicht.md" in stderr or "Übersicht" not in stderr  # names reported in NFC
    assert unicodedata.normalize("NFD", "Übersicht") not in stderr
