"""Finding entry files: the fast folder walk gives what the plain rglob definition gives."""

from __future__ import annotations

from pathlib import Path

from glossary_build.sources import discover, relative_path


def by_rglob(entries_dir: Path, root: Path) -> list[tuple[str, Path]]:
    found = []
    for file in entries_dir.rglob("*.md"):
        if file.is_file() and not any(part.startswith(".") for part in file.relative_to(entries_dir).parts):
            found.append((relative_path(file, root), file))
    return sorted(found)


def test_walk_matches_rglob(tmp_path: Path) -> None:
    root = tmp_path / "glossary"
    entries = root / "entries"
    (entries / "sub" / "deeper").mkdir(parents=True)
    (entries / ".hidden").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in ("a.md", "sub/b.md", "sub/deeper/c.md", ".hidden/d.md", ".e.md", "notes.txt", "f.MD"):
        (entries / name).write_text("## X {#X .term}\n", encoding="utf-8")
    (outside / "g.md").write_text("## G {#G .term}\n", encoding="utf-8")
    (outside / "inner").mkdir()
    (outside / "inner" / "h.md").write_text("## H {#H .term}\n", encoding="utf-8")
    (entries / "linked.md").symlink_to(outside / "g.md")
    (entries / "linked-folder").symlink_to(outside / "inner")
    (entries / "broken.md").symlink_to(outside / "missing.md")
    (entries / "sub" / "folder.md").mkdir()
    assert discover(entries, root) == by_rglob(entries, root)
    assert [path for path, _ in discover(entries, root)] == [
        str((outside / "g.md").resolve()), "entries/a.md", "entries/sub/b.md", "entries/sub/deeper/c.md",
    ]


def test_entries_folder_through_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.md").write_text("## A {#A .term}\n", encoding="utf-8")
    root = tmp_path / "glossary"
    root.mkdir()
    (root / "entries").symlink_to(real)
    assert discover(root / "entries", root) == by_rglob(root / "entries", root)
