"""Bytes as editors on every system write them: BOM, CRLF, CR, NFD names and ids."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from tests.support import run_cli

ENTRY = "## Über {#Über .term}\n\nText mit [Link](#Über).\n\nZweite [Zeile](#Fehlt).\n"


def check_output(tmp_path: Path, name: str, data: bytes) -> str:
    entries = tmp_path / "entries"
    entries.mkdir(parents=True)
    (entries / name).write_bytes(data)
    result = run_cli("check", cwd=tmp_path)
    return result.stdout


def test_bom_crlf_and_cr_give_the_same_positions(tmp_path: Path) -> None:
    variants = {
        "plain": ENTRY.encode(),
        "bom": b"\xef\xbb\xbf" + ENTRY.encode(),
        "crlf": ENTRY.replace("\n", "\r\n").encode(),
        "cr": ENTRY.replace("\n", "\r").encode(),
    }
    outputs = {name: check_output(tmp_path / name, "a.md", data) for name, data in variants.items()}
    expected = "entries/a.md:5:8: error[broken-reference]: no entry or heading has id 'Fehlt'"
    for name, output in outputs.items():
        assert expected in output.splitlines(), name


def test_nfd_ids_and_file_names_are_nfc(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", ENTRY)
    assert nfd != ENTRY
    output = check_output(tmp_path, unicodedata.normalize("NFD", "Übersicht.md"), nfd.encode())
    broken = [line for line in output.splitlines() if "[broken-reference]" in line]
    assert broken[0].startswith("entries/Übersicht.md:5:8: error[broken-reference]")  # NFC: one Ü
    result = run_cli("build", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "Über" / "index.html").is_file()


def test_invalid_utf8_reports_offset_and_other_files_still_checked(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    entries.mkdir()
    (entries / "bad.md").write_bytes(b"## A {#A .term}\n\nGr\xfc\xdfe\n")
    (entries / "good.md").write_text("## B {#B .term}\n\nSiehe [C](#C).\n", "utf-8")
    output = run_cli("check", cwd=tmp_path).stdout
    assert "entries/bad.md:3:3: error[invalid-utf8]: file is not valid UTF-8: byte 0xfc at offset 19" in output
    assert "entries/good.md:3:7: error[broken-reference]" in output
