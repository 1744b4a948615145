"""``glossary-build rename OLD NEW``: the heading, every link, ``formerly``; all files or none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.edit.support import (
    assert_pandoc_reads_every_id,
    copy_sample,
    finding_keys,
    findings,
    snapshot,
    write_glossary,
)
from tests.support import run_cli

ALPHA = (
    "\ufeff## Alpha {#Alpha .term aliases=A1 formerly=Uralt}\r\n\r\n"
    "Alpha ist der Anfang, [Beta](#Beta) folgt.\r\n\r\n"
    "### Siehe auch {.seealso}\r\n[Beta](#Beta) |\r\n"
)
BETA = (
    "## Beta [zu Alpha](#Alpha) {#Beta .term}\n\n"
    'Beta folgt auf [Alpha](#Alpha "Der Anfang") und [das A](<#Alpha>), siehe [A][ref] und [ref].\n'
    "Code: `[x](#Alpha)` bleibt, [der Teil](#Alpha-Teil) auch, [Ä](#Alph%61) nicht.\n\n"
    "```\n[x](#Alpha)\n```\n\n~~~ markdown\n[y](#Alpha)\n~~~\n\n    [z](#Alpha) eingerückt\n\n"
    "Über [zwei\nZeilen](#Alpha) hinweg, Fußnote[^1].\n\n"
    "[ref]: #Alpha\n\n"
    "[^1]: Mit [Alpha](#Alpha).\n\n"
    "### Siehe auch {.seealso}\n[Alpha](#Alpha) |\n"
)
BETA_RENAMED = (
    "## Beta [zu Alpha](#Anfang) {#Beta .term}\n\n"
    'Beta folgt auf [Alpha](#Anfang "Der Anfang") und [das A](<#Anfang>), siehe [A][ref] und [ref].\n'
    "Code: `[x](#Alpha)` bleibt, [der Teil](#Alpha-Teil) auch, [Ä](#Anfang) nicht.\n\n"
    "```\n[x](#Alpha)\n```\n\n~~~ markdown\n[y](#Alpha)\n~~~\n\n    [z](#Alpha) eingerückt\n\n"
    "Über [zwei\nZeilen](#Anfang) hinweg, Fußnote[^1].\n\n"
    "[ref]: #Anfang\n\n"
    "[^1]: Mit [Alpha](#Anfang).\n\n"
    "### Siehe auch {.seealso}\n[Alpha](#Anfang) |\n"
)
GAMMA_NFD = "## Gamma {#Gamma .term status=deprecated replaced-by=Alpha}\n\nCafe\u0301 [Alpha](#Alpha).\n"


def scenario(tmp_path: Path) -> Path:
    return write_glossary(tmp_path, {
        "a.md": ALPHA, "b.md": BETA, "c.md": GAMMA_NFD,
        "d.md": '## Delta {#Delta .term formerly="Delta-Alt"}\n\nDelta, siehe [Beta](#Beta).\n',
    })


def test_rename_changes_the_heading_every_link_and_nothing_else(tmp_path: Path) -> None:
    folder = scenario(tmp_path)
    result = run_cli("rename", "Alpha", "Anfang", cwd=folder)
    assert result.returncode == 0, result.stderr
    entries = folder / "entries"
    assert (entries / "b.md").read_text("utf-8") == BETA_RENAMED
    assert (entries / "a.md").read_bytes() == ALPHA.replace(
        "{#Alpha .term aliases=A1 formerly=Uralt}", '{#Anfang .term aliases=A1 formerly="Uralt; Alpha"}'
    ).encode("utf-8")  # BOM and CRLF kept
    assert (entries / "c.md").read_bytes() == GAMMA_NFD.replace("=Alpha}", "=Anfang}").replace(
        "(#Alpha)", "(#Anfang)").encode("utf-8")  # the decomposed é is kept as written
    assert "entries/b.md:4: [Ä](#Alpha) -> #Anfang" in result.stdout
    assert "entries/c.md:1: replaced-by=Alpha -> replaced-by=Anfang" in result.stdout
    assert "entries/a.md:1: heading: {#Alpha} -> {#Anfang}" in result.stdout
    assert result.stdout.splitlines()[-1] == "renamed 'Alpha' to 'Anfang': the heading and 9 links in 3 files"


def test_after_a_rename_check_finds_nothing_new_and_the_old_id_still_leads_to_the_term(tmp_path: Path) -> None:
    folder = scenario(tmp_path)
    before = finding_keys(findings(folder), ("Alpha", "Anfang"))
    assert run_cli("rename", "Alpha", "Anfang", cwd=folder).returncode == 0
    assert finding_keys(findings(folder)) == before
    (folder / "entries" / "e.md").write_text("## Epsilon {#Epsilon .term}\n\nWie [früher](#Alpha).\n", "utf-8")
    late = [f for f in findings(folder) if f["path"] == "entries/e.md" and f["code"] != "orphan-term"]
    assert sorted((f["code"], f["message"]) for f in late) == [
        ("link-to-former-id", "'Alpha' is an old id of 'Anfang'"),
        ("missing-see-also", "entry 'Epsilon' has no see-also section"),
    ]


def test_pandoc_reads_every_id_after_a_rename(tmp_path: Path) -> None:
    folder = scenario(tmp_path)
    assert run_cli("rename", "Alpha", "Anfang", cwd=folder).returncode == 0
    assert_pandoc_reads_every_id(folder)


def test_dry_run_prints_a_diff_and_writes_nothing(tmp_path: Path) -> None:
    folder = scenario(tmp_path)
    before = snapshot(folder)
    result = run_cli("rename", "Alpha", "Anfang", "--dry-run", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert snapshot(folder) == before
    assert "--- a/entries/b.md\n+++ b/entries/b.md\n" in result.stdout
    assert "-[ref]: #Alpha\n+[ref]: #Anfang\n" in result.stdout
    assert "+[x](#Alpha)" not in result.stdout  # code is no link
    assert "would rename 'Alpha' to 'Anfang'" in result.stderr
    assert not [p for p in (folder / "entries").iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(("old", "new", "message"), [
    ("Omega", "Neu", "no entry has the id 'Omega'"),
    ("alpha", "Neu", "no entry has the id 'alpha' (did you mean 'Alpha'?)"),
    ("Uralt", "Neu", "'Uralt' is an old id of 'Alpha', not an entry's id"),
    ("siehe-auch", "Neu", "'siehe-auch' is the id of a section of 'Alpha', not of an entry"),
    ("Alpha", "1abc", "'1abc' is not a valid id"),
    ("Alpha", "a/b", "'a/b' is not a valid id"),
    ("Alpha", "zwei Worte", "'zwei Worte' is not a valid id"),
    ("Alpha", "Beta", "'Beta' is already the id of an entry (entries/b.md:1:1)"),
    ("Alpha", "siehe-auch-1", "'siehe-auch-1' is already the id of a section of 'Beta'"),
    ("Alpha", "beta", "'beta' differs from the id 'Beta' only in case"),
    ("Alpha", "Delta-Alt", "'Delta-Alt' is an old id of 'Delta'"),
    ("Alpha", "Index", "'Index' is the id of the generated index"),
    ("Alpha", "Alpha", "'Alpha' already has that id"),
])
def test_refusals_exit_2_with_a_message_and_write_nothing(tmp_path: Path, old: str, new: str, message: str) -> None:
    folder = scenario(tmp_path)
    before = snapshot(folder)
    result = run_cli("rename", old, new, cwd=folder)
    assert result.returncode == 2
    assert result.stderr.startswith("error: " + message), result.stderr
    assert snapshot(folder) == before


def test_a_duplicate_id_is_not_renamed(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path, {"a.md": "## A {#A .term}\n\nA.\n", "b.md": "## A {#A .term}\n\nB.\n"})
    result = run_cli("rename", "A", "B", cwd=folder)
    assert result.returncode == 2
    assert "'A' is defined more than once (entries/a.md:1:1, entries/b.md:1:1)" in result.stderr


def test_renaming_back_takes_the_id_out_of_formerly(tmp_path: Path) -> None:
    folder = scenario(tmp_path)
    assert run_cli("rename", "Alpha", "Anfang", cwd=folder).returncode == 0
    result = run_cli("rename", "Anfang", "Alpha", cwd=folder)
    assert result.returncode == 0, result.stderr
    heading = (folder / "entries" / "a.md").read_text("utf-8").splitlines()[0]
    assert heading == '\ufeff## Alpha {#Alpha .term aliases=A1 formerly="Uralt; Anfang"}'
    assert (folder / "entries" / "b.md").read_text("utf-8") == BETA.replace("#Alph%61", "#Alpha")


def test_rename_on_the_sample_glossary(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    before = finding_keys(findings(folder), ("Embedding", "Einbettung"))
    result = run_cli("rename", "Embedding", "Einbettung", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "the heading and 23 links in 14 files" in result.stdout
    assert finding_keys(findings(folder)) == before
    text = (folder / "entries" / "Embedding.md").read_text("utf-8")
    assert text.startswith('## Embedding {#Einbettung .chapter .small .term formerly="Embedding"}\n')
    assert_pandoc_reads_every_id(folder)


def test_nothing_is_written_when_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    from glossary_build.build.pipeline import check
    from glossary_build.core.config import load_config
    from glossary_build.edit.rename import plan_rename
    from glossary_build.edit.source import EditError
    from glossary_build.parse.markdown import create_markdown

    folder = scenario(tmp_path)
    config = load_config(cwd=folder)
    glossary = check(config, use_cache=False)
    renamed = plan_rename(glossary.files, glossary.graph, folder, create_markdown("de"), "Alpha", "Anfang")
    (folder / "entries" / "c.md").write_text(GAMMA_NFD + "\nNeu.\n", "utf-8")  # an editor saved it
    before = snapshot(folder)
    with pytest.raises(EditError, match="entries/c.md changed while it was being edited"):
        renamed.plan.write()
    assert snapshot(folder) == before


def test_a_failed_replace_restores_the_files_already_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from glossary_build.build.pipeline import check
    from glossary_build.core.config import load_config
    from glossary_build.edit.rename import plan_rename
    from glossary_build.edit.source import EditError
    from glossary_build.parse.markdown import create_markdown

    folder = scenario(tmp_path)
    config = load_config(cwd=folder)
    glossary = check(config, use_cache=False)
    renamed = plan_rename(glossary.files, glossary.graph, folder, create_markdown("de"), "Alpha", "Anfang")
    assert len(renamed.plan.changes) == 3
    before = snapshot(folder)
    real_replace = os.replace
    calls: list[str] = []

    def failing_replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        calls.append(str(target))
        if len(calls) == 2:
            raise PermissionError(13, "Permission denied")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(EditError, match="cannot replace entries/b.md: Permission denied; the files changed before"):
        renamed.plan.write()
    monkeypatch.undo()
    assert snapshot(folder) == before
    assert not [p for p in (folder / "entries").iterdir() if p.name.startswith(".")]


def test_an_entry_whose_id_comes_from_its_title_gets_one_written(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path, {
        "a.md": "## Große Wörter {.term}\n\nText.\n",
        "b.md": "## Beta {#Beta .term}\n\nSiehe [Wörter](#große-wörter).\n",
    })
    result = run_cli("rename", "große-wörter", "Grosse-Woerter", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "entries" / "a.md").read_text("utf-8").startswith(
        '## Große Wörter {#Grosse-Woerter .term formerly="große-wörter"}\n')
    assert "[Wörter](#Grosse-Woerter)" in (folder / "entries" / "b.md").read_text("utf-8")
    assert_pandoc_reads_every_id(folder)


def test_a_linked_entry_file_stays_a_link_and_its_target_changes(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path, {"a.md": "## Alpha {#Alpha .term}\n\nA.\n"})
    (folder / "shared").mkdir()
    (folder / "shared" / "b.md").write_text("## Beta {#Beta .term}\n\nSiehe [A](#Alpha).\n", "utf-8")
    (folder / "entries" / "b.md").symlink_to(folder / "shared" / "b.md")
    assert run_cli("rename", "Alpha", "Anfang", cwd=folder).returncode == 0
    assert (folder / "entries" / "b.md").is_symlink()
    assert (folder / "shared" / "b.md").read_text("utf-8") == "## Beta {#Beta .term}\n\nSiehe [A](#Anfang).\n"


def test_an_id_that_another_term_claims_as_old_id_is_not_renamed(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path, {
        "a.md": "## Alpha {#Alpha .term}\n\nA.\n",
        "b.md": '## Beta {#Beta .term formerly="Alpha"}\n\nB.\n',
    })
    result = run_cli("rename", "Alpha", "Anfang", cwd=folder)
    assert result.returncode == 2
    assert "error: 'Alpha' is also written as an old id of 'Beta'" in result.stderr
