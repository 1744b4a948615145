"""The benchmark corpus generator: deterministic, realistic sizes, valid shape."""

from __future__ import annotations

import re
from pathlib import Path

from benchmarks.generate import generate

HEADING = re.compile(r"^## .+ \{#(\S+) \.chapter \.small \.term\}$", re.MULTILINE)
LINK = re.compile(r"\]\(#([^)\s]+)\)")


def read_tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def split_entries(root: Path) -> list[str]:
    entries = []
    for path in sorted((root / "entries").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        entries += [part for part in re.split(r"(?m)^(?=## )", text) if part.strip()]
    return entries


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    generate(tmp_path / "a", 50, seed=7)
    generate(tmp_path / "b", 50, seed=7)
    generate(tmp_path / "c", 50, seed=8)
    assert read_tree(tmp_path / "a") == read_tree(tmp_path / "b")
    assert read_tree(tmp_path / "a") != read_tree(tmp_path / "c")


def test_entries_are_about_two_kilobytes(tmp_path: Path) -> None:
    stats = generate(tmp_path, 50, seed=1)
    assert stats.entries == 50
    assert 1500 <= stats.bytes / stats.entries <= 2800
    sizes = [len(entry.encode()) for entry in split_entries(tmp_path)]
    assert len(sizes) == 50
    assert all(700 <= size <= 4500 for size in sizes)


def test_every_entry_has_heading_sections_seealso_and_rule(tmp_path: Path) -> None:
    generate(tmp_path, 50, seed=3)
    ids = []
    for entry in split_entries(tmp_path):
        match = HEADING.match(entry)
        assert match, entry[:80]
        ids.append(match.group(1))
        assert 2 <= entry.count("{.explanation}") <= 3
        assert "\n### Verwandte Themen {.seealso}\n" in entry
        seealso = entry.split("{.seealso}\n", 1)[1]
        assert 4 <= seealso.count("](#") - 1 <= 8
        assert "[Index](#Index) |\n" in seealso
        assert entry.rstrip().endswith("----")
        lead = entry.split("\n\n", 2)[1]
        assert lead.startswith(("**", "***Kurz"))
    assert len({i.casefold() for i in ids}) == 50
    assert (tmp_path / "glossary.yml").read_text(encoding="utf-8").startswith("title: ")


def test_link_density_and_broken_ratio(tmp_path: Path) -> None:
    stats = generate(tmp_path, 50, seed=1)
    defined = set(stats.ids)
    targets = [t for e in split_entries(tmp_path) for t in LINK.findall(e) if t != "Index"]
    broken = [t for t in targets if t not in defined]
    assert len(targets) == stats.links
    assert len(broken) == stats.broken_links
    assert 10 * 50 <= len(targets) <= 18 * 50  # 6-10 inline + 4-8 see-also
    assert 0.005 <= len(broken) / len(targets) <= 0.07


def test_some_files_hold_several_entries_and_some_sit_in_subfolders(tmp_path: Path) -> None:
    stats = generate(tmp_path, 300, seed=1)
    files = list((tmp_path / "entries").rglob("*.md"))
    assert stats.files == len(files) < stats.entries
    assert any(f.parent != tmp_path / "entries" for f in files)
