"""Parsing in a process pool, the codec it uses, and the progress display."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from glossary_build import codec, parallel, pipeline
from glossary_build.config import load_config
from glossary_build.progress import Progress, TerminalProgress, for_terminal

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = parallel.markdown_options(load_config(cwd=ROOT))


@pytest.fixture(scope="module")
def sample() -> tuple[list, list]:  # type: ignore[type-arg]
    config = load_config(cwd=ROOT)
    sources, _ = pipeline.read_sources(config)
    return sources, pipeline.parse_sources(sources, config)


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
