"""Parse and render on every core: process pools, one Markdown parser per worker.

Parsing is a pure function of a file's path and text (see
:mod:`glossary_build.parse.entries`), so files can be parsed anywhere in any order.
Each worker builds its parser once (building costs more than parsing a
file), takes chunks of sources and sends back :mod:`codec` tuples, which
cross the process boundary far faster than pickled dataclasses.

Rendering many term pages works the same way; the forked workers get the
term graph and the compiled templates for free and send back only the
pages' bytes.  Where forking is not safe (other threads run, as in the dev
server) or not possible (not Linux), everything happens in this process.

Below :data:`MIN_FILES_FOR_POOL` files (:data:`MIN_PAGES_FOR_POOL` pages), or
with one core, everything happens in this process: starting workers would
cost more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import traceback
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, cast

from glossary_build.core.config import Config
from glossary_build.core.model import ParsedFile
from glossary_build.sources.files import Source
from glossary_build.store import codec

MIN_FILES_FOR_POOL = 200
"""Fewer files than this are parsed in this process."""
MIN_PAGES_FOR_POOL = 400
"""Fewer pages than this are rendered in this process."""
CHUNK_FILES = 40
"""Files per task sent to a worker: small enough for even load and progress, large enough to
keep the per-task overhead small."""

Progress = Callable[[int], None]
"""Called with the number of files just parsed."""

_worker_markdown: Any = None

T = TypeVar("T")


def markdown_options(config: Config) -> dict[str, Any]:
    """The settings of ``config`` that change parsing: arguments of :func:`create_markdown`."""
    return {"language": config.language, "trusted_html": config.trusted_html}


def worker_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parse_all(
    sources: Sequence[Source], options: Mapping[str, Any], *, workers: int | None = None, progress: Progress | None = None
) -> list[ParsedFile]:
    """Parse ``sources`` (in their order) with ``workers`` processes (default: one per core);
    ``options`` from :func:`markdown_options`."""
    encoded = parse_encoded(sources, options, workers=workers, progress=progress)
    return [codec.decode_file(item, codec.lines_of(source.text)) for item, source in zip(encoded, sources)]


def parse_encoded(
    sources: Sequence[Source], options: Mapping[str, Any], *, workers: int | None = None, progress: Progress | None = None
) -> Iterator[tuple[Any, ...]]:
    """Like :func:`parse_all`, but yield each result as :mod:`codec` tuples (what the cache stores)."""
    count = worker_count() if workers is None else workers
    if count < 2 or len(sources) < MIN_FILES_FOR_POOL or not can_fork():
        return _parse_here(sources, options, progress)
    return _parse_in_pool(sources, options, count, progress)


def _parser() -> tuple[Callable[..., Any], Callable[..., ParsedFile]]:
    """``create_markdown`` and ``parse_source``, imported when something is parsed: a run
    whose parse results are all cached does not load markdown-it."""
    from glossary_build.parse.entries import parse_source
    from glossary_build.parse.markdown import create_markdown

    return create_markdown, parse_source


def _parse_here(sources: Sequence[Source], options: Mapping[str, Any], progress: Progress | None) -> Iterator[tuple[Any, ...]]:
    create_markdown, parse_source = _parser()
    md = create_markdown(**options)
    for source in sources:
        yield codec.encode_file(parse_source(source.path, source.text, md))
        if progress:
            progress(1)


def _parse_in_pool(
    sources: Sequence[Source], options: Mapping[str, Any], count: int, progress: Progress | None
) -> Iterator[tuple[Any, ...]]:
    chunks = [
        [(source.path, source.text) for source in sources[start : start + CHUNK_FILES]]
        for start in range(0, len(sources), CHUNK_FILES)
    ]
    _parser()  # imported once here, not in every worker
    with multiprocessing.get_context("fork").Pool(min(count, len(chunks)), initializer=_start_worker, initargs=(dict(options),)) as pool:
        for encoded in pool.imap(_parse_chunk, chunks):
            yield from encoded
            if progress:
                progress(len(encoded))


def can_fork() -> bool:
    """True where workers can be forked safely: on a system with ``fork``, with no other thread
    running (the dev server has several; forking then can copy a lock in a held state).  Other
    start methods would import the program's main module again in every worker, so without
    ``fork`` the work is done in this process."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _start_worker(options: Mapping[str, Any]) -> None:
    global _worker_markdown
    # Workers keep nothing between files; the cycle collector would only slow them down.
    gc.disable()
    _worker_markdown = _parser()[0](**options)


def _parse_chunk(chunk: Sequence[tuple[str, str]]) -> list[tuple[Any, ...]]:
    parse_source = _parser()[1]
    return [codec.encode_file(parse_source(path, text, _worker_markdown)) for path, text in chunk]


_worker_render: Callable[[str], bytes] | None = None


def render_all(
    render: Callable[[str], bytes], ids: Sequence[str], *, workers: int | None = None, progress: Progress | None = None
) -> Iterator[tuple[str, bytes]]:
    """``(id, render(id))`` for each of ``ids``, in order, on every core when there are many."""
    count = worker_count() if workers is None else workers
    if count < 2 or len(ids) < MIN_PAGES_FOR_POOL or not can_fork():
        for entry_id in ids:
            yield entry_id, render(entry_id)
            if progress:
                progress(1)
        return
    global _worker_render
    _worker_render = render  # inherited by the forked workers
    chunks = [list(ids[start : start + CHUNK_FILES]) for start in range(0, len(ids), CHUNK_FILES)]
    try:
        with multiprocessing.get_context("fork").Pool(min(count, len(chunks))) as pool:
            for chunk, pages in zip(chunks, pool.imap(_render_chunk, chunks)):
                yield from zip(chunk, pages)
                if progress:
                    progress(len(chunk))
    finally:
        _worker_render = None


def _render_chunk(ids: Sequence[str]) -> list[bytes]:
    assert _worker_render is not None
    return [_worker_render(entry_id) for entry_id in ids]


class Background(Generic[T]):
    """``work()`` computed in a forked process while this one goes on; :meth:`result` waits.

    A plain process and a pipe, not a pool: a pool's helper threads would
    make :func:`can_fork` refuse the term pages' pool that runs meanwhile.
    Where forking is not safe or there is one core, ``work`` runs when the
    result is asked for.
    """

    def __init__(self, work: Callable[[], T], *, workers: int | None = None) -> None:
        self._work: Callable[[], T] | None = work
        self._process: Any = None
        self._receiver: Any = None
        count = worker_count() if workers is None else workers
        if count >= 2 and can_fork():
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_run_in_background, args=(work, sender), daemon=True)
            self._process.start()
            sender.close()  # only the child writes: its end closing tells us if it died
            # A build that fails before asking for the result must not leave the worker waiting.
            weakref.finalize(self, _stop, self._process)

    def result(self) -> T:
        """The value of ``work()``; an error of the worker is raised here."""
        if self._process is None:
            assert self._work is not None
            return self._work()
        try:
            ok, value = self._receiver.recv()
        except EOFError:
            raise RuntimeError(f"the background worker died (exit code {self._process.exitcode})") from None
        finally:
            self._receiver.close()
            self._process.join()
        if not ok:
            raise RuntimeError(f"the background worker failed:\n{value}")
        return cast(T, value)


def _stop(process: Any) -> None:
    if process.is_alive():
        process.terminate()
        process.join()


def _run_in_background(work: Callable[[], object], sender: Any) -> None:
    gc.disable()  # like the other workers: nothing is kept, the collector would only slow it
    try:
        message: tuple[bool, object] = (True, work())
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        message = (False, traceback.format_exc())
    sender.send(message)
    sender.close()
