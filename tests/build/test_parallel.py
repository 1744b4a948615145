"""Parsing in a process pool, the codec it uses, and the progress display."""

from __future__ import annotations

import dataclasses
import io
import os

import pytest

from glossary_build.build import parallel
from glossary_build.core.config import Config, load_config
from glossary_build.core.model import ParsedFile
from glossary_build.core.progress import Progress, TerminalProgress, for_terminal
from glossary_build.parse.entries import parse_source
from glossary_build.parse.markdown import create_markdown
from glossary_build.sources.files import Source, discover, read_source
from glossary_build.store import codec
from tests.support import ROOT

OPTIONS = parallel.markdown_options(load_config(cwd=ROOT))


def read_sample(config: Config) -> list[Source]:
    """The sample's entry files, read in path order."""
    found = [read_source(relative, path.read_bytes()) for relative, path in discover(config.entries_dir, config.root)]
    return [source for source in found if isinstance(source, Source)]


def parse_here(sources: list[Source], config: Config) -> list[ParsedFile]:
    """Every source parsed in this process with one parser, without cache."""
    md = create_markdown(**parallel.markdown_options(config))
    return [parse_source(source.path, source.text, md) for source in sources]


@pytest.fixture(scope="module")
def sample() -> tuple[list, list]:  # type: ignore[type-arg]
    config = load_config(cwd=ROOT)
    sources = read_sample(config)
    return sources, parse_here(sources, config)


def test_codec_round_trip(sample: tuple[list, list]) -> None:  # type: ignore[type-arg]
    sources, parsed = sample
    for source, expected in zip(sources, parsed):
        assert codec.decode_file(codec.encode_file(expected), codec.lines_of(source.text)) == expected
    diagnostics = [d for file in parsed for d in file.diagnostics]
    assert codec.decode_diagnostics(codec.encode_diagnostics(diagnostics)) == diagnostics


def test_pool_parses_like_one_process(sample: tuple[list, list], monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[type-arg]
    sources, parsed = sample
    monkeypatch.setattr(parallel, "MIN_FILES_FOR_POOL", 1)
    monkeypatch.setattr(parallel, "CHUNK_FILES", 3)
    counted: list[int] = []
    assert parallel.parse_all(sources, OPTIONS, workers=2, progress=counted.append) == parsed
    assert sum(counted) == len(sources)


def test_few_files_are_parsed_here(sample: tuple[list, list]) -> None:  # type: ignore[type-arg]
    sources, parsed = sample
    assert parallel.parse_all(sources[:3], OPTIONS, workers=8) == parsed[:3]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert type(for_terminal(False, io.StringIO())) is Progress
    assert type(for_terminal(True, FakeTerminal())) is Progress
    assert isinstance(for_terminal(False, FakeTerminal()), TerminalProgress)
    monkeypatch.setenv("CI", "true")
    assert type(for_terminal(False, FakeTerminal())) is Progress


def test_progress_line_is_erased_at_the_end() -> None:
    stream = FakeTerminal()
    progress = TerminalProgress(stream)
    progress.start("parsing", 10)
    progress.advance(4)
    assert stream.getvalue().endswith("parsing 4/10")
    progress.finish()
    assert stream.getvalue().endswith("\r\x1b[K")


def _fails() -> int:
    raise ValueError("no such term")


def test_background_work_runs_in_a_forked_process() -> None:
    import os

    parent = os.getpid()
    job = parallel.Background(os.getpid, workers=2)
    assert job.result() != parent if parallel.can_fork() else job.result() == parent
    assert parallel.Background(os.getpid, workers=1).result() == parent  # one core: here


def test_background_errors_are_raised_by_result() -> None:
    job = parallel.Background(_fails, workers=2)
    with pytest.raises((RuntimeError, ValueError), match="no such term"):
        job.result()


def test_site_file_paths_name_what_site_files_makes() -> None:
    from glossary_build.graph.terms import build_graph
    from glossary_build.render.site import SiteRenderer
    from glossary_build.render.theme import load_theme

    config = load_config(cwd=ROOT)
    graph = build_graph(parse_here(read_sample(config), config))
    for base_url in ("", "https://example.org/glossar/"):
        renderer = SiteRenderer(graph, dataclasses.replace(config, base_url=base_url), load_theme(config.root))
        assert renderer.site_file_paths() == list(renderer.site_files())
        assert ("sitemap.xml" in renderer.site_file_paths()) == bool(base_url)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system: the work runs in this process")
def test_background_work_never_asked_for_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    # Threads other tests left behind would make it refuse to fork; sleeping is safe to fork.
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    job = parallel.Background(lambda: time.sleep(60), workers=2)
    process = job._process
    assert process is not None and process.is_alive()
    del job  # a build that failed before asking for the result
    process.join(5)
    assert not process.is_alive()
