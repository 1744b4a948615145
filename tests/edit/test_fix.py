"""``glossary-build check --fix``: the mechanical fixes, made in place, each reported."""

from __future__ import annotations

import json
from pathlib import Path

from tests.edit.support import (
    assert_pandoc_reads_every_id,
    copy_sample,
    findings,
    snapshot,
    write_glossary,
)
from tests.support import run_cli

FIXED_CODES = {"link-to-former-id", "asymmetric-see-also", "link-to-deprecated"}


def see_also(*targets: str, index: bool = True) -> str:
    items = "".join(f"[{target}](#{target}) |\n" for target in targets)
    return "\n### Siehe auch {.seealso}\n" + items + ("[Index](#Index) |\n" if index else "")


def term(ident: str, text: str, *targets: str, attributes: str = "", index: bool = True) -> str:
    return f"## {ident} {{#{ident} .term{attributes}}}\n\n{text}\n" + see_also(*targets, index=index)


def codes(folder: Path) -> list[str]:
    return sorted(str(f["code"]) for f in findings(folder))


def test_links_to_old_ids_and_case_only_mismatches_are_rewritten(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path, {
        "a.md": term("Alpha", "Siehe [das alte](#Beta-Alt), [klein](#beta) und [vertippt](#Betta).", "Beta"),
        "b.md": term("Beta", "Siehe [Alpha](#Alpha).", "Alpha", attributes=' formerly="Beta-Alt"'),
    })
    result = run_cli("check", "--fix", cwd=folder)
    text = (folder / "entries" / "a.md").read_text("utf-8")
    assert "Siehe [das alte](#Beta), [klein](#Beta) und [vertippt](#Betta)." in text
    assert "entries/a.md:3: [das alte](#Beta-Alt) -> #Beta (link-to-former-id)" in result.stderr
    assert "entries/a.md:3: [klein](#beta) -> #Beta (broken-reference)" in result.stderr
    assert "made 2 changes in 1 file" in result.stderr
    # What remains is reported as check reports it, and decides the exit code.
    assert "error[broken-reference]: no entry or heading has id 'Betta'" in result.stdout
    assert "beta" not in result.stdout.replace("'Betta'", "")
    assert result.returncode == 1


def test_a_missing_reciprocal_see_also_item_is_added_in_order(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path, {
        "a.md": term("Alpha", "A.", "Delta", "Omega"),
        "d.md": term("Delta", "D.", "Beta", "Gamma", "Omega"),  # sorted: Alpha goes first
        "g.md": term("Gamma", "G.", "Delta", "Omega"),
        "b.md": term("Beta", "B.", "Delta", "Omega"),
        "o.md": term("Omega", "O.", "Zeta", "Beta", index=True),  # not sorted: before Index
        "z.md": term("Zeta", "Z.", "Omega"),
    })
    result = run_cli("check", "--fix", cwd=folder)
    assert result.returncode == 0, result.stderr
    entries = folder / "entries"
    assert (entries / "d.md").read_text("utf-8").endswith(
        see_also("Alpha", "Beta", "Gamma", "Omega"))
    assert (entries / "o.md").read_text("utf-8").endswith(
        see_also("Zeta", "Beta", "Alpha", "Delta", "Gamma"))
    added = "entries/d.md:6: added [Alpha](#Alpha) to the see-also section of 'Delta' (asymmetric-see-also)"
    assert added in result.stderr
    assert "asymmetric-see-also" not in result.stdout


def test_the_section_style_is_kept(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path, {
        "a.md": "## Alpha {#Alpha .term}\n\nA.\n\n### Siehe auch {.seealso}\n- [Beta](#Beta)\n- [Gamma](#Gamma)\n",
        "b.md": "## Beta {#Beta .term}\n\nB.\n\n### Siehe auch {.seealso}\n[Alpha](#Alpha) | [Zeta](#Zeta)\n",
        "c.md": "## Gamma {#Gamma .term}\n\nG.\n\n### Siehe auch {.seealso}\n[Zeta](#Zeta) |\n[Beta](#Beta)\n",
        "z.md": "## Zeta {#Zeta .term}\n\nZ.\n\n### Siehe auch {.seealso}\n[Alpha](#Alpha) |\n",
    }, config="rules:\n  see-also-unsorted: warning\n")
    assert run_cli("check", "--fix", cwd=folder).returncode == 0
    entries = folder / "entries"
    # a list stays a list, sorted
    assert (entries / "a.md").read_text("utf-8").endswith("- [Beta](#Beta)\n- [Gamma](#Gamma)\n- [Zeta](#Zeta)\n")
    # links on one line: the new one joins them with the same separator
    assert (entries / "b.md").read_text("utf-8").endswith("[Alpha](#Alpha) | [Gamma](#Gamma) | [Zeta](#Zeta)\n")
    # unsorted, no Index: at the end; the last item had no " |", so the new last one has none
    assert (entries / "c.md").read_text("utf-8").endswith("[Zeta](#Zeta) |\n[Beta](#Beta) |\n[Alpha](#Alpha)\n")
    assert (entries / "z.md").read_text("utf-8").endswith("[Alpha](#Alpha) |\n[Beta](#Beta) |\n[Gamma](#Gamma) |\n")
    assert "asymmetric-see-also" not in codes(folder)


def test_an_entry_without_see_also_section_is_left_and_said_so(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path, {
        "a.md": term("Alpha", "A.", "Beta"),
        "b.md": "## Beta {#Beta .term}\n\nB, siehe [Alpha](#Alpha).\n",
    })
    before = snapshot(folder)
    result = run_cli("check", "--fix", cwd=folder)
    assert snapshot(folder) == before
    assert ("entries/b.md:1: left as it is: 'Beta' has no see-also section: [Alpha](#Alpha) not added"
            in result.stderr)
    assert "nothing to fix" in result.stderr


def test_links_to_deprecated_terms_are_rewritten_only_when_asked(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path, {
        "a.md": term("Alpha", "Siehe [alt](#Alt) und [sehr alt](#Uralt).", "Neu"),
        "alt.md": term("Alt", "Alt.", attributes=" status=deprecated replaced-by=Neu"),
        "ur.md": term("Uralt", "Uralt.", attributes=" status=deprecated replaced-by=Alt"),
        "neu.md": term("Neu", "Neu, nicht [alt](#Alt).", "Alpha"),
    })
    assert run_cli("check", "--fix", cwd=folder).returncode == 0
    assert "[alt](#Alt) und [sehr alt](#Uralt)" in (folder / "entries" / "a.md").read_text("utf-8")
    result = run_cli("check", "--fix=deprecated", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "Siehe [alt](#Neu) und [sehr alt](#Neu)." in (folder / "entries" / "a.md").read_text("utf-8")
    assert "entries/a.md:3: [sehr alt](#Uralt) -> #Neu (link-to-deprecated)" in result.stderr
    assert "link-to-deprecated" not in codes(folder)


def test_a_rule_that_is_off_is_not_fixed(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path, {
        "a.md": term("Alpha", "A.", "Beta"),
        "b.md": term("Beta", "B.", "Gamma"),
        "g.md": term("Gamma", "G.", "Beta"),
    }, config="rules:\n  asymmetric-see-also: off\n")
    before = snapshot(folder)
    assert run_cli("check", "--fix", cwd=folder).returncode == 0
    assert snapshot(folder) == before


def test_crlf_files_stay_crlf(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path, {
        "a.md": term("Alpha", "A, [B](#Beta-Alt).", "Beta").replace("\n", "\r\n"),
        "b.md": term("Beta", "B.", "Gamma", attributes=" formerly=Beta-Alt").replace("\n", "\r\n"),
        "g.md": term("Gamma", "G.", "Beta"),
    })
    assert run_cli("check", "--fix", cwd=folder).returncode == 0
    a, b = ((folder / "entries" / name).read_bytes() for name in ("a.md", "b.md"))
    assert b"\n" not in a.replace(b"\r\n", b"") and b"\n" not in b.replace(b"\r\n", b"")
    assert b"A, [B](#Beta)." in a
    assert b.endswith(b"[Alpha](#Alpha) |\r\n[Gamma](#Gamma) |\r\n[Index](#Index) |\r\n")


def test_fixed_glossary_checks_clean_and_a_second_fix_changes_nothing(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    assert "asymmetric-see-also" in codes(folder)
    first = run_cli("check", "--fix", cwd=folder)
    assert first.returncode == 0, first.stderr
    assert "asymmetric-see-also" not in first.stdout
    assert not FIXED_CODES & set(codes(folder))
    after = snapshot(folder)
    second = run_cli("check", "--fix", cwd=folder)
    assert second.returncode == 0
    assert "nothing to fix" in second.stderr
    assert snapshot(folder) == after
    assert_pandoc_reads_every_id(folder)


def test_fix_reports_in_any_format(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path, {"a.md": term("Alpha", "A.", "Beta"), "b.md": term("Beta", "B.", "Gamma"),
                                       "g.md": term("Gamma", "G.", "Beta")})
    result = run_cli("check", "--fix", "--format", "json", cwd=folder)
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert "asymmetric-see-also" not in {d["code"] for d in report["diagnostics"]}
    assert "added [Alpha](#Alpha) to the see-also section of 'Beta'" in result.stderr


def test_fix_and_wanted_do_not_go_together(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path, {"a.md": term("Alpha", "A.")})
    result = run_cli("check", "--fix", "--wanted", cwd=folder)
    assert result.returncode == 2
    assert "--wanted cannot be combined with --fix" in result.stderr


def test_an_empty_see_also_section_gets_the_item_under_its_heading(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path, {
        "a.md": term("Alpha", "A.", "Beta"),
        "b.md": "## Beta {#Beta .term}\n\nB.\n\n### Siehe auch {.seealso}\n\n----\n",
    })
    assert run_cli("check", "--fix", cwd=folder).returncode == 0
    text = (folder / "entries" / "b.md").read_text("utf-8")
    assert text == "## Beta {#Beta .term}\n\nB.\n\n### Siehe auch {.seealso}\n[Alpha](#Alpha) |\n\n----\n"
    assert not {"asymmetric-see-also", "empty-see-also"} & set(codes(folder))


def test_a_case_only_mismatch_with_two_candidates_is_left(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path, {
        "a.md": term("Alpha", "Siehe [x](#xai).", "XAI", "xAI"),
        "x.md": term("XAI", "X.", "Alpha"),
        "y.md": term("xAI", "Y.", "Alpha"),
    })
    before = snapshot(folder)
    result = run_cli("check", "--fix", cwd=folder)
    assert snapshot(folder) == before
    assert "no entry or heading has id 'xai'" in result.stdout
