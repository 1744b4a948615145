"""The watcher with real files: editors' ways of saving become one batch with the right paths."""

from __future__ import annotations

import os
import queue
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from watchfiles import Change

from glossary_build.serve import DevServer
from glossary_build.serve.watcher import Watcher, batch_paths

from .support import FakeBuilder


class Batches:
    """Collects the batches a watcher reports."""

    def __init__(self) -> None:
        self.queue: queue.Queue[list[Path]] = queue.Queue()

    def __call__(self, paths: list[Path]) -> None:
        self.queue.put(paths)

    def next(self, timeout: float = 5.0) -> list[Path]:
        return self.queue.get(timeout=timeout)

    def quiet(self, seconds: float = 0.8) -> bool:
        """True when no batch arrives for ``seconds``."""
        try:
            self.queue.get(timeout=seconds)
        except queue.Empty:
            return True
        return False


@pytest.fixture
def site_sources(tmp_path: Path) -> Path:
    for folder in ("entries", "templates", "static"):
        (tmp_path / folder).mkdir()
    (tmp_path / "entries" / "entry.md").write_text("## Alpha {#Alpha .term}\n")
    (tmp_path / "templates" / "page.html").write_text("{{ body }}")
    (tmp_path / "glossary.yml").write_text("title: Test\n")
    (tmp_path / "README.md").write_text("not watched\n")
    return tmp_path


def ready(watcher: Watcher, batches: Batches, probe_dir: Path) -> None:
    """Wait until the watcher sees changes (it starts asynchronously), then drain."""
    probe = probe_dir / "probe-ready"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        probe.write_text(str(time.monotonic()))
        try:
            if probe.resolve() in batches.next(timeout=0.2):
                break
        except queue.Empty:
            continue
    probe.unlink()
    while not batches.quiet():
        pass


@pytest.fixture(params=[False, True], ids=["native", "polling"])
def watching(request: pytest.FixtureRequest, site_sources: Path) -> Iterator[Batches]:
    batches = Batches()
    paths = [
        site_sources / "entries",
        site_sources / "templates",
        site_sources / "static",
        site_sources / "glossary.yml",
    ]
    watcher = Watcher(paths, batches, force_polling=request.param, echo=lambda _: None)
    watcher.start()
    try:
        ready(watcher, batches, site_sources / "entries")
        yield batches
    finally:
        watcher.stop()


def test_a_rename_over_save_reports_the_file_not_the_temporary(
    site_sources: Path, watching: Batches
) -> None:
    entry = site_sources / "entries" / "entry.md"
    temporary = site_sources / "entries" / "tmpk3j2x9"  # like tempfile.mkstemp(dir=...)
    temporary.write_text("## Alpha {#Alpha .term}\n\nEdited.\n")
    os.replace(temporary, entry)
    assert watching.next() == [entry.resolve()]
    assert watching.quiet()


def test_delete_and_recreate_is_one_change(site_sources: Path, watching: Batches) -> None:
    entry = site_sources / "entries" / "entry.md"
    entry.unlink()
    entry.write_text("## Alpha {#Alpha .term}\n\nRecreated.\n")
    assert watching.next() == [entry.resolve()]
    assert watching.quiet()


def test_a_deleted_file_is_reported(site_sources: Path, watching: Batches) -> None:
    entry = site_sources / "entries" / "entry.md"
    entry.unlink()
    assert watching.next() == [entry.resolve()]


def test_a_renamed_file_reports_both_names(site_sources: Path, watching: Batches) -> None:
    old, new = site_sources / "entries" / "entry.md", site_sources / "entries" / "alpha.md"
    old.rename(new)
    assert watching.next() == sorted([old.resolve(), new.resolve()])


def test_a_burst_of_writes_is_one_batch_with_every_path(
    site_sources: Path, watching: Batches
) -> None:
    written = []
    for index in range(8):
        path = site_sources / "entries" / f"term-{index}.md"
        path.write_text(f"## T{index} {{#T{index} .term}}\n")
        written.append(path.resolve())
    (site_sources / "static" / "style.css").write_text("body {}")
    written.append((site_sources / "static" / "style.css").resolve())
    assert watching.next() == sorted(written)
    assert watching.quiet()


def test_the_config_file_is_watched_but_not_its_neighbours(
    site_sources: Path, watching: Batches
) -> None:
    (site_sources / "README.md").write_text("changed, but not a source\n")
    assert watching.quiet()
    config = site_sources / "glossary.yml"
    temporary = site_sources / ".glossary.yml.tmp"
    temporary.write_text("title: Changed\n")
    os.replace(temporary, config)
    assert watching.next() == [config.resolve()]


def test_editor_temporaries_are_ignored(site_sources: Path, watching: Batches) -> None:
    entries = site_sources / "entries"
    for name in ("4913", ".entry.md.swp", "entry.md~", "#entry.md#", ".#entry.md"):
        (entries / name).write_text("x")
    assert watching.quiet()


def test_a_folder_moved_in_reports_its_files(
    site_sources: Path, watching: Batches, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "one.md").write_text("## One {#One .term}\n")
    (outside / "two.md").write_text("## Two {#Two .term}\n")
    moved = site_sources / "entries" / "more"
    outside.rename(moved)
    assert watching.next() == sorted([(moved / "one.md").resolve(), (moved / "two.md").resolve()])


def test_batch_paths_drops_files_that_came_and_went(tmp_path: Path) -> None:
    kept, gone = tmp_path / "kept.md", tmp_path / "deleted.md"
    kept.write_text("x")
    changes = {
        (Change.added, str(tmp_path / "transient")),
        (Change.deleted, str(tmp_path / "transient")),
        (Change.modified, str(kept)),
        (Change.deleted, str(gone)),
        (Change.modified, str(tmp_path)),  # polling reports the folder of an added file
    }
    assert batch_paths(changes) == sorted([kept, gone])


def test_missing_watch_paths_are_reported_not_fatal(tmp_path: Path) -> None:
    said: list[str] = []
    watcher = Watcher([tmp_path / "no-such-folder"], lambda _: None, echo=said.append)
    watcher.start()
    watcher.stop()
    assert said == [f"Not watching {tmp_path / 'no-such-folder'}: it does not exist"]


def test_a_burst_of_saves_is_one_rebuild_with_all_paths(site_sources: Path) -> None:
    """Through the server: the builder gets one call with every changed path."""
    fake = FakeBuilder()
    entries = site_sources / "entries"
    with DevServer(fake, watch_paths=[entries], port=0, echo=lambda _: None) as server:
        probe_generation = server.site.snapshot.generation
        deadline = time.monotonic() + 10
        while not server.wait_for_generation(probe_generation + 1, timeout=0.2):
            (entries / "probe-ready").write_text(str(time.monotonic()))
            assert time.monotonic() < deadline
        (entries / "probe-ready").unlink()
        time.sleep(0.5)
        before = len(fake.calls)
        generation = server.site.snapshot.generation
        paths = [entries / f"burst-{i}.md" for i in range(6)]
        for path in paths:
            path.write_text("## Burst {#Burst .term}\n")
        (entries / "entry.md").write_text("## Alpha {#Alpha .term}\n\nEdited.\n")
        assert server.wait_for_generation(generation + 1)
        time.sleep(0.4)
        assert fake.calls[before:] == [sorted(p.resolve() for p in [*paths, entries / "entry.md"])]
