"""Finding entry files: the fast folder walk gives what the plain rglob definition gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_build.sources.files import SourceLines, discover, relative_path


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


def test_source_lines_read_only_the_files_asked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Report excerpts: a file the build did not read (None) is read when its lines are asked
    for, normalised like every source; asking whether a file is known reads nothing."""
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "a.md").write_bytes(b"\xef\xbb\xbf## A\r\nText\r\n")
    lines = SourceLines(tmp_path, {"entries/a.md": None, "entries/b.md": "## B\nmore", "entries/gone.md": None})
    read: list[Path] = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path) or read_bytes(path))
    assert "entries/a.md" in lines and "entries/c.md" not in lines
    assert read == []
    assert lines["entries/a.md"] == ("## A", "Text", "")
    assert lines["entries/a.md"] == ("## A", "Text", "")
    assert read == [tmp_path / "entries" / "a.md"]  # once
    assert lines["entries/b.md"] == ("## B", "more")
    assert lines["entries/gone.md"] == ("",)  # removed since the build: no excerpt, no error
    assert lines.get("entries/c.md") is None
    assert sorted(lines) == ["entries/a.md", "entries/b.md", "entries/gone.md"]
