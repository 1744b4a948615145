"""Tests for glossary_build.core.page_paths: safe, distinct, deterministic page folders."""

from __future__ import annotations

import hashlib
import os
import random
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary_build.core.page_paths import (
    MAX_NAME_BYTES,
    Collision,
    PagePaths,
    assign_page_paths,
    fold,
    safe_name,
    url_for_folder,
)


@pytest.mark.parametrize(
    ("entry_id", "folder"),
    [
        ("Embedding", "Embedding"),
        ("KI-Ökosystem", "KI-Ökosystem"),
        ("GPT-4.5", "GPT-4.5"),
        ("68_95_997_rule", "68_95_997_rule"),
        ("a/b", "a~2fb"),
        ("a\\b", "a~5cb"),
        ("..", "~2e~2e"),
        (".", "~2e"),
        (".hidden", "~2ehidden"),
        ("../../etc/passwd", "~2e.~2f..~2fetc~2fpasswd"),
        ("Agent:Tool", "Agent~3aTool"),
        ('<>:"|?*', "~3c~3e~3a~22~7c~3f~2a"),
        ("a~b", "a~7eb"),
        ("tab\there", "tab~09here"),
        ("nul\x00byte", "nul~00byte"),
        ("bidi\u202eevil", "bidi~e2~80~aeevil"),
        ("trailing.", "trailing~2e"),
        ("trailing. .", "trailing~2e~20~2e"),
        ("CON", "CON~"),
        ("con", "con~"),
        ("Nul.txt", "Nul~.txt"),
        ("com1", "com1~"),
        ("LPT9.x.y", "LPT9~.x.y"),
        ("COM¹", "COM¹~"),
        ("CONIN$", "CONIN$~"),
        ("CONSOLE", "CONSOLE"),
        ("COM10", "COM10"),
        ("", "~"),
    ],
)
def test_safe_name(entry_id: str, folder: str) -> None:
    assert safe_name(entry_id) == folder


def test_nfc_normalisation() -> None:
    decomposed = "KI-O\u0308kosystem"
    assert safe_name(decomposed) == "KI-\u00d6kosystem"


def test_long_id_is_cut_with_a_stable_hash() -> None:
    long_id = "Sehr-langer-Begriff-" * 15  # 300 characters
    name = safe_name(long_id)
    digest = hashlib.sha256(long_id.encode()).hexdigest()[:10]
    assert name.endswith(f"~h{digest}")
    assert len(name.encode()) <= MAX_NAME_BYTES
    assert name.startswith("Sehr-langer-Begriff-")
    assert safe_name(long_id + "x") != name


def test_long_id_is_never_cut_inside_an_escape() -> None:
    for pad in range(6):
        name = safe_name("x" * pad + "/" * 200)
        prefix = name.rsplit("~h", 1)[0]
        assert prefix.replace("x", "").replace("~2f", "") == ""


def test_long_non_ascii_id_respects_the_byte_limit() -> None:
    name = safe_name("Ö" * 300)
    assert len(name.encode()) <= MAX_NAME_BYTES


def test_case_collisions_get_distinct_folders_and_are_recorded() -> None:
    paths = assign_page_paths(["xAI", "XAI", "Other"])
    assert paths.folder("XAI") == "XAI"
    assert paths.folder("xAI") == "xAI~2"
    assert paths.folder("Other") == "Other"
    assert paths.collisions == (Collision("XAI", ("XAI", "xAI"), ("XAI", "xAI~2")),)


def test_three_way_collision_and_nfc_collision() -> None:
    composed, decomposed = "\u00c4rger", "A\u0308rger"
    paths = assign_page_paths(["abc", "ABC", "Abc", composed, decomposed])
    assert [paths.folder(i) for i in ("ABC", "Abc", "abc")] == ["ABC", "Abc~2", "abc~3"]
    assert {paths.folder(composed), paths.folder(decomposed)} == {"Ärger", "Ärger~2"}
    assert len(paths.collisions) == 2


def test_suffix_does_not_steal_an_existing_name() -> None:
    paths = assign_page_paths(["a", "A", "a~2"])
    assert paths.folder("a~2") == "a~7e2"  # escaped, so never equal to a suffix
    assert len(set(paths.folders.values())) == 3


def test_device_name_collision() -> None:
    paths = assign_page_paths(["CON", "con"])
    assert paths.folder("CON") == "CON~"
    assert paths.folder("con") == "con~~2"


def test_full_case_folding_counts_as_a_clash() -> None:
    paths = assign_page_paths(["Straße", "STRASSE", "Ǆ", "ǆ"])
    assert paths.folder("STRASSE") == "STRASSE"
    assert paths.folder("Straße") == "Straße~2"
    assert {paths.folder("Ǆ"), paths.folder("ǆ")} == {"Ǆ", "ǆ~2"}
    assert len(paths.collisions) == 2


def test_reserved_site_names() -> None:
    paths = assign_page_paths(["Static", "Index", "Embedding"], reserved=["static", "index"])
    assert paths.folder("Static") == "Static~2"
    assert paths.folder("Index") == "Index~2"
    assert paths.folder("Embedding") == "Embedding"
    assert Collision("Static", ("Static",), ("Static~2",)) in paths.collisions


def test_duplicate_ids_share_a_folder() -> None:
    paths = assign_page_paths(["A", "A"])
    assert dict(paths.folders) == {"A": "A"}
    assert paths.collisions == ()


def test_page_and_read_only_mapping() -> None:
    paths = assign_page_paths(["A"])
    assert paths.page("A") == "A/index.html"
    with pytest.raises(TypeError):
        paths.folders["B"] = "B"  # type: ignore[index]


@pytest.mark.parametrize(
    ("folder", "url"),
    [
        ("Embedding", "Embedding"),
        ("KI-Ökosystem", "KI-%C3%96kosystem"),
        ("a b#c?d%e&f", "a%20b%23c%3Fd%25e%26f"),
        ("Agent~3aTool", "Agent~3aTool"),
        ("x:y", "x%3Ay"),
    ],
)
def test_url_for_folder(folder: str, url: str) -> None:
    assert url_for_folder(folder) == url


# --- properties ---------------------------------------------------------------

ids_strategy = st.lists(st.text(min_size=0, max_size=120), max_size=30)
WINDOWS_FORBIDDEN = set('<>:"|?*/\\')


def _is_safe(folder: str) -> bool:
    return (
        bool(folder)
        and not WINDOWS_FORBIDDEN & set(folder)
        and all(unicodedata.category(c) not in ("Cc", "Cf", "Cs") for c in folder)
        and not folder.startswith(".")
        and not folder.endswith((".", " "))
        and len(folder.encode()) <= MAX_NAME_BYTES + 12
        and folder == unicodedata.normalize("NFC", folder)
        and folder.split(".")[0].rstrip(" ").upper()
        not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
    )


@settings(max_examples=300, deadline=None)
@given(ids_strategy)
def test_folders_are_safe_distinct_and_order_independent(ids: list[str]) -> None:
    paths = assign_page_paths(ids)
    assert set(paths.folders) == set(ids)
    folders = list(paths.folders.values())
    assert len({fold(f) for f in folders}) == len(folders)
    assert all(_is_safe(f) for f in folders)
    shuffled = list(ids)
    random.Random(0).shuffle(shuffled)
    assert assign_page_paths(shuffled) == paths
    for collision in paths.collisions:
        assert len({fold(safe_name(i)) for i in collision.ids}) == 1


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "A", "ä", "a\u0308", "CON", "con", "a~2", "A~2"]), max_size=8)
)
def test_small_alphabet_collisions_stay_distinct(ids: list[str]) -> None:
    paths = assign_page_paths(ids)
    assert len({fold(f) for f in paths.folders.values()}) == len(paths.folders)


def test_folders_can_really_be_created(tmp_path: Path) -> None:
    ids = ["a/b", "..", "CON", "x" * 300, "tab\there", "Ö", "O\u0308", "xAI", "XAI", "a:b"]
    paths = assign_page_paths(ids)
    for folder in paths.folders.values():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.html").write_text("x")
    assert sorted(os.listdir(tmp_path)) == sorted(paths.folders.values())


def test_type_of_result() -> None:
    assert isinstance(assign_page_paths([]), PagePaths)
    assert assign_page_paths([]).collisions == ()
