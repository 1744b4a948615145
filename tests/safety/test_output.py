"""Tests for glossary_build.build.write: atomic, contained, recoverable site writing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from glossary_build.build import write as site_writer
from glossary_build.build.write import (
    MARKER_NAME,
    OutputError,
    WriteStats,
    check_site_path,
    recover_site,
    write_site,
)
from tests.support import ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "glossary" / "entries").mkdir(parents=True)
    (tmp_path / "glossary" / "entries" / "a.md").write_text("## A {#A .term}\n")
    return tmp_path / "glossary"


def write(project: Path, files: Mapping[str, bytes | None], out: Path | None = None) -> WriteStats:
    return write_site(
        files,
        out or project / "_site",
        glossary_dir=project,
        entries_dir=project / "entries",
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its content (the marker included)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if "glossary-build-" in p.name)


SITE_V1 = {
    "index.html": b"<h1>Index</h1>",
    "A/index.html": b"<p>A</p>",
    "B/index.html": b"<p>B</p>",
    "static/style.css": b"body{}",
}


# --- writing ------------------------------------------------------------------


def test_first_build_writes_files_and_marker(project: Path) -> None:
    stats = write(project, SITE_V1)
    site = project / "_site"
    assert snapshot(site) == {**SITE_V1, MARKER_NAME: site_writer.MARKER_TEXT}
    assert stats == WriteStats(4, 0, 0, sum(map(len, SITE_V1.values())), site.resolve())
    assert leftovers(project) == []


def test_rebuild_keeps_unchanged_files_and_drops_removed_ones(project: Path) -> None:
    write(project, SITE_V1)
    site = project / "_site"
    inode = (site / "static/style.css").stat().st_ino
    stats = write(project, {"index.html": b"new", "A/index.html": None, "static/style.css": None})
    assert snapshot(site) == {
        "index.html": b"new",
        "A/index.html": b"<p>A</p>",
        "static/style.css": b"body{}",
        MARKER_NAME: site_writer.MARKER_TEXT,
    }
    assert (site / "static/style.css").stat().st_ino == inode  # hard link, not a copy
    assert (stats.written, stats.kept, stats.copied) == (1, 2, 0)
    assert leftovers(project) == []


def test_unchanged_files_are_copied_when_linking_fails(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, SITE_V1)

    def no_link(*args: object, **kwargs: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_link)
    stats = write(project, {"A/index.html": None})
    assert (stats.kept, stats.copied) == (1, 1)
    assert (project / "_site/A/index.html").read_bytes() == b"<p>A</p>"


def test_unchanged_file_missing_from_the_current_site(project: Path) -> None:
    write(project, SITE_V1)
    before = snapshot(project / "_site")
    with pytest.raises(OutputError, match="C/index.html: marked unchanged but the current site"):
        write(project, {"index.html": b"x", "C/index.html": None})
    assert snapshot(project / "_site") == before
    assert leftovers(project) == []


def test_unchanged_file_without_a_previous_site(project: Path) -> None:
    with pytest.raises(OutputError, match="marked unchanged"):
        write(project, {"index.html": None})
    assert not (project / "_site").exists()


def test_unchanged_symlink_in_the_current_site_is_refused(project: Path) -> None:
    write(project, SITE_V1)
    (project / "_site/evil").symlink_to("/etc/passwd")
    with pytest.raises(OutputError, match="not a file"):
        write(project, {"evil": None})


def test_permissions_of_the_output_folder_are_kept(project: Path) -> None:
    write(project, SITE_V1)
    (project / "_site").chmod(0o750)
    write(project, {"index.html": b"v2"})
    assert (project / "_site").stat().st_mode & 0o777 == 0o750


def test_unchanged_file_behind_a_symlinked_folder_is_refused(project: Path, tmp_path: Path) -> None:
    write(project, SITE_V1)
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "key").write_text("secret")
    (project / "_site/static2").symlink_to(tmp_path / "secret")
    with pytest.raises(OutputError, match="static2 is a link"):
        write(project, {"static2/key": None})
    (project / "_site/A/deeper").symlink_to(tmp_path / "secret")
    with pytest.raises(OutputError, match="A/deeper is a link"):
        write(project, {"A/index.html": None, "A/deeper/key": None})


def test_empty_existing_folder_is_used(project: Path) -> None:
    (project / "_site").mkdir()
    write(project, SITE_V1)
    assert (project / "_site" / MARKER_NAME).is_file()


def test_output_folder_behind_a_symlink(project: Path, tmp_path: Path) -> None:
    real = tmp_path / "www" / "site"
    real.parent.mkdir()
    (project / "_site").symlink_to(real)
    stats = write(project, SITE_V1)
    assert (project / "_site").is_symlink()
    assert stats.out_dir == real.resolve()
    assert (real / "A/index.html").read_bytes() == b"<p>A</p>"
    write(project, {"A/index.html": None})
    assert (project / "_site").is_symlink() and (real / "A/index.html").is_file()


def test_out_dir_may_be_created_with_parents(project: Path, tmp_path: Path) -> None:
    write(project, SITE_V1, tmp_path / "deep" / "er" / "site")
    assert (tmp_path / "deep/er/site/index.html").is_file()


# --- failure and kill simulation ------------------------------------------------


class ExplodingFiles(Mapping[str, "bytes | None"]):
    """A site whose ``fail_at``-th file cannot be produced (a crash mid-write)."""

    def __init__(self, files: Mapping[str, bytes | None], fail_at: int) -> None:
        self.files = dict(files)
        self.fail_at = fail_at
        self.produced = 0

    def __getitem__(self, key: str) -> bytes | None:
        self.produced += 1
        if self.produced == self.fail_at:
            raise RuntimeError("renderer crashed")
        return self.files[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)


@pytest.mark.parametrize("fail_at", [1, 2, 3])
def test_failure_mid_write_leaves_the_previous_site_byte_identical(
    project: Path, fail_at: int
) -> None:
    write(project, SITE_V1)
    before = snapshot(project / "_site")
    new = {"index.html": b"v2", "A/index.html": None, "C/index.html": b"c", "D/x": b"d"}
    with pytest.raises(RuntimeError, match="renderer crashed"):
        write(project, ExplodingFiles(new, fail_at))
    assert snapshot(project / "_site") == before
    assert leftovers(project) == []


def test_disk_error_mid_write_leaves_the_previous_site(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, SITE_V1)
    before = snapshot(project / "_site")
    calls = 0
    real_write = site_writer._write_file

    def failing(destination: Path, content: bytes, path: str) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError(28, "No space left on device")
        real_write(destination, content, path)

    monkeypatch.setattr(site_writer, "_write_file", failing)
    with pytest.raises(OSError, match="No space left"):
        write(project, {"index.html": b"v2", "B/index.html": b"b2", "C/index.html": b"c"})
    assert snapshot(project / "_site") == before
    assert leftovers(project) == []


def test_failed_second_rename_puts_the_old_site_back(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, SITE_V1)
    before = snapshot(project / "_site")
    monkeypatch.setattr(site_writer, "_exchange", lambda first, second: False)
    real_rename = os.rename
    calls = 0

    def rename(source: object, destination: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError(16, "Device or resource busy")
        real_rename(source, destination)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OSError, match="busy"):
        write(project, {"index.html": b"v2"})
    monkeypatch.setattr(os, "rename", real_rename)
    assert snapshot(project / "_site") == before
    assert leftovers(project) == []


def test_two_rename_swap_works(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_writer, "_exchange", lambda first, second: False)
    write(project, SITE_V1)
    write(project, {"index.html": b"v2", "A/index.html": None})
    assert set(snapshot(project / "_site")) == {"index.html", "A/index.html", MARKER_NAME}
    assert leftovers(project) == []


def test_atomic_exchange_is_used_on_linux(project: Path) -> None:
    if site_writer._renameat2() is None:
        pytest.skip("renameat2 not available")
    write(project, SITE_V1)
    first, second = project / "x", project / "y"
    first.mkdir()
    second.mkdir()
    (first / "f").write_text("1")
    if not site_writer._exchange(first, second):
        pytest.skip("file system cannot exchange")
    assert (second / "f").read_text() == "1" and not (first / "f").exists()


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_leftovers_of_dead_builds_are_removed_by_the_next_run(project: Path) -> None:
    write(project, SITE_V1)
    pid = _dead_pid()
    stale = project / f"._site.glossary-build-new-{pid}-0123abcd"
    (stale / "A").mkdir(parents=True)
    alive = project / f"._site.glossary-build-new-{os.getppid()}-89abcdef"
    alive.mkdir()
    unrelated = project / "._site.glossary-build-new-notapid"
    unrelated.mkdir()
    write(project, {"index.html": b"v2"})
    assert not stale.exists()
    assert alive.exists()  # a build still running in another process
    assert unrelated.exists()


def test_recover_puts_back_a_site_moved_aside_by_a_killed_build(project: Path) -> None:
    write(project, SITE_V1)
    before = snapshot(project / "_site")
    pid = _dead_pid()
    os.rename(project / "_site", project / f"._site.glossary-build-old-{pid}-0123abcd")
    (project / f"._site.glossary-build-new-{pid}-4567abcd").mkdir()
    recover_site(project / "_site")
    assert snapshot(project / "_site") == before
    assert leftovers(project) == []


CHILD = textwrap.dedent(
    """
    import os, sys, time
    from collections.abc import Mapping
    from pathlib import Path
    from glossary_build.build import write as output

    project = Path(sys.argv[1])
    mode = sys.argv[2]

    class Slow(Mapping):
        def __init__(self):
            self.files = {f"P{i}/index.html": b"v2" * 100 for i in range(20)}
            self.files["A/index.html"] = None
            self.count = 0
        def __getitem__(self, key):
            self.count += 1
            if self.count == 10:
                print("HALF", flush=True)
                time.sleep(60)
            return self.files[key]
        def __iter__(self):
            return iter(self.files)
        def __len__(self):
            return len(self.files)

    if mode == "swap":
        output._exchange = lambda first, second: False
        real_rename = os.rename
        def rename(source, destination):
            real_rename(source, destination)
            if ".glossary-build-old-" in str(destination):
                print("HALF", flush=True)
                time.sleep(60)
        output.os.rename = rename
        files = {"index.html": b"v2"}
    else:
        files = Slow()
    output.write_site(files, project / "_site", glossary_dir=project,
                      entries_dir=project / "entries")
    """
)


@pytest.mark.parametrize("mode", ["write", "swap"])
def test_sigkill_halfway_leaves_the_previous_site_intact(project: Path, mode: str) -> None:
    write(project, SITE_V1)
    before = snapshot(project / "_site")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(project), mode],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "HALF"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert leftovers(project)  # the killed build left its folder behind
    if mode == "write":
        assert snapshot(project / "_site") == before
    else:
        assert not (project / "_site").exists()  # killed between the two renames
    stats = write(project, {"index.html": b"v3", "A/index.html": None})
    assert stats.kept == 1
    assert snapshot(project / "_site") == {
        "index.html": b"v3",
        "A/index.html": b"<p>A</p>",
        MARKER_NAME: site_writer.MARKER_TEXT,
    }
    assert leftovers(project) == []


# --- refusals -------------------------------------------------------------------


def test_non_empty_folder_without_marker_is_refused(project: Path) -> None:
    (project / "_site").mkdir()
    (project / "_site" / "thesis.tex").write_text("precious")
    with pytest.raises(OutputError, match=r"not empty and has no \.glossary-build-site file"):
        write(project, SITE_V1)
    assert (project / "_site" / "thesis.tex").read_text() == "precious"
    assert sorted(os.listdir(project / "_site")) == ["thesis.tex"]
    assert leftovers(project) == []


def test_output_that_is_a_file_is_refused(project: Path) -> None:
    (project / "_site").write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        write(project, SITE_V1)


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("glossary", "is or contains the glossary folder"),
        (".", "is or contains the glossary folder"),
        ("glossary/entries", "the entries folder"),
        ("glossary/entries/site", "the entries folder"),
        ("/", "root of a file system"),
    ],
)
def test_dangerous_output_folders_are_refused(
    project: Path, tmp_path: Path, out: str, message: str
) -> None:
    before = snapshot(tmp_path)
    with pytest.raises(OutputError, match=message):
        write(project, SITE_V1, tmp_path / out)
    assert snapshot(tmp_path) == before


def test_folder_containing_the_entries_folder_is_refused(tmp_path: Path) -> None:
    glossary = tmp_path / "g"
    (tmp_path / "shared" / "entries").mkdir(parents=True)
    glossary.mkdir()
    with pytest.raises(OutputError, match="entries folder"):
        write_site(
            SITE_V1,
            tmp_path / "shared",
            glossary_dir=glossary,
            entries_dir=tmp_path / "shared" / "entries",
        )


def test_home_folder_and_its_parents_are_refused(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home" / "me"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    for out in (home, home.parent):
        with pytest.raises(OutputError, match="home folder"):
            write(project, SITE_V1, out)
    assert list(home.iterdir()) == []


def test_symlink_to_the_glossary_folder_is_refused(project: Path, tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(project)
    with pytest.raises(OutputError, match="glossary folder"):
        write(project, SITE_V1, tmp_path / "link")


@pytest.mark.parametrize(
    "path",
    [
        "",
        "/etc/passwd",
        "../outside.html",
        "a/../../outside.html",
        "a/..",
        "./a",
        "a//b",
        "a/",
        "a\\..\\..\\b",
        "C:evil",
        "a\x00b",
        MARKER_NAME,
    ],
)
def test_unsafe_site_paths_are_rejected_before_anything_is_written(
    project: Path, path: str
) -> None:
    with pytest.raises(OutputError, match="invalid site path"):
        write(project, {"index.html": b"ok", path: b"evil"})
    assert not (project / "_site").exists()
    assert not (project / "outside.html").exists()
    assert leftovers(project) == []


def test_path_that_is_both_file_and_folder_is_rejected(project: Path) -> None:
    with pytest.raises(OutputError, match="both a file and a folder"):
        write(project, {"A": b"x", "A/index.html": b"y"})


def test_marker_in_a_subfolder_is_an_ordinary_file() -> None:
    check_site_path(f"sub/{MARKER_NAME}")
