"""The dev server: a debounced rebuild loop, a watcher and an HTTP server around a builder.

::

    serve(builder, watch_paths=[Path("entries"), Path("templates"), Path("glossary.yml")])

The builder is any function with the :data:`~glossary_build.serve.types.Rebuild`
signature, so the server is tested with fakes and knows nothing about glossaries.
"""

from __future__ import annotations

import errno
import queue
import secrets
import threading
import time
import traceback
import webbrowser
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Self

from glossary_build.core.diagnostics import Severity, sort_key
from glossary_build.serve.handler import DevHTTPServer
from glossary_build.serve.state import LiveSite, Update
from glossary_build.serve.types import BuildOutcome, Rebuild
from glossary_build.serve.watcher import Watcher

PORT_ATTEMPTS = 20
"""How many ports after a busy one are tried."""
MAX_PRINTED = 20
"""Diagnostics printed per build; the browser lists more."""

Echo = Callable[[str], None]


class DevServer:
    """Everything ``serve`` runs, startable and stoppable from code (and from tests).

    ``start()`` runs the first build, binds the port and starts the HTTP, watcher and build
    threads; ``stop()`` ends and joins them.  ``request_build(paths)`` queues a rebuild as
    if the watcher had seen ``paths`` change.  ``force_polling`` is passed to ``watchfiles``;
    at most ``max_streams`` pages follow the live-reload stream at once (more get 503).
    """

    def __init__(
        self,
        builder: Rebuild,
        *,
        watch_paths: Sequence[Path] = (),
        host: str = "127.0.0.1",
        port: int = 8000,
        echo: Echo = print,
        force_polling: bool | None = None,
        max_streams: int = 96,
    ) -> None:
        self.builder = builder
        self.site = LiveSite()
        self.echo = echo
        self._host, self._port = host, port
        self._max_streams = max_streams
        self._pending: queue.Queue[list[Path]] = queue.Queue()
        self._stopping = threading.Event()
        self._watcher = Watcher(
            list(watch_paths), self.request_build, force_polling=force_polling, echo=echo
        )
        self._httpd: DevHTTPServer | None = None
        self._threads: list[threading.Thread] = []
        self._builds_done = threading.Condition()
        self._idle = threading.Event()
        self._follow_up: Callable[[], BuildOutcome | None] | None = None
        """What the first build left for the build thread."""

    @property
    def url(self) -> str:
        """The address of the site, e.g. ``http://127.0.0.1:8000/``."""
        assert self._httpd is not None, "start() first"
        host, port = self._httpd.server_address[:2]
        shown = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(str(host), str(host))
        if ":" in shown and not shown.startswith("["):
            shown = f"[{shown}]"
        return f"http://{shown}:{port}/"

    @property
    def server_id(self) -> str:
        """Identifies this run; pages served by an earlier run reload when they reconnect."""
        assert self._httpd is not None, "start() first"
        return self._httpd.server_id

    def start(self) -> None:
        """First build, then bind the port and start serving and watching."""
        first = self._build(())
        self._apply(first)
        self._follow_up = first.follow_up
        self._httpd = self._bind()
        http_thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.2}, name="serve-http"
        )
        build_thread = threading.Thread(target=self._build_loop, name="serve-build")
        self._threads = [http_thread, build_thread]
        for thread in self._threads:
            thread.start()
        self._watcher.start()

    def stop(self) -> None:
        """Stop watching, building and serving; wait for every thread to end."""
        self._stopping.set()
        self._watcher.stop()
        self.site.close()  # ends the event streams
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.join_threads(timeout=5)
            self._httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=10)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def request_build(self, paths: Sequence[Path]) -> None:
        """Queue a rebuild for ``paths`` (empty: a full build)."""
        self._idle.clear()
        self._pending.put(list(paths))

    def wait_until_idle(self, timeout: float = 60.0) -> bool:
        """Wait until no build is queued or running and no follow-up is left (tests, benchmarks)."""
        return self._idle.wait(timeout)

    def wait_for_generation(self, generation: int, timeout: float = 10.0) -> bool:
        """Wait until build number ``generation`` has been applied (for tests and benchmarks)."""
        with self._builds_done:
            return self._builds_done.wait_for(
                lambda: self.site.snapshot.generation >= generation, timeout
            )

    # Building -------------------------------------------------------------------------------

    def _build_loop(self) -> None:
        follow_up = self._follow_up
        while not self._stopping.is_set():
            try:
                batch = self._pending.get(timeout=0.2 if follow_up is None else 0.0)
            except queue.Empty:
                if follow_up is not None:  # nothing else waiting: finish what the last build left
                    follow_up = self._follow(follow_up)
                elif self._pending.empty():
                    self._idle.set()
                continue
            paths, full = set(batch), not batch
            # Changes that arrived while the last build ran go into this one build.
            while True:
                try:
                    more = self._pending.get_nowait()
                except queue.Empty:
                    break
                paths.update(more)
                full = full or not more
            if not self._stopping.is_set():
                outcome = self._build(() if full else sorted(paths))
                self._apply(outcome)
                follow_up = outcome.follow_up

    def _build(self, paths: Sequence[Path]) -> BuildOutcome:
        started = time.perf_counter()
        try:
            outcome = self.builder(paths)
        except Exception as crash:  # noqa: BLE001 - a builder's bug must not stop the server
            detail = "".join(traceback.format_exception(crash)).rstrip()
            outcome = BuildOutcome(files={}, diagnostics=(), error=detail)
        self._report(outcome, paths, time.perf_counter() - started)
        return outcome

    def _follow(
        self, follow_up: Callable[[], BuildOutcome | None]
    ) -> Callable[[], BuildOutcome | None] | None:
        """Run a build's follow-up; apply and return what it leaves for later in turn."""
        started = time.perf_counter()
        try:
            outcome = follow_up()
        except Exception as crash:  # noqa: BLE001 - as in _build
            outcome = BuildOutcome(files={}, error="".join(traceback.format_exception(crash)).rstrip())
            self._report(outcome, (), time.perf_counter() - started)
        if outcome is None:
            return None
        self._apply(outcome)
        return outcome.follow_up

    def _apply(self, outcome: BuildOutcome) -> Update:
        update = self.site.apply(outcome)
        with self._builds_done:
            self._builds_done.notify_all()
        return update

    def _report(self, outcome: BuildOutcome, paths: Sequence[Path], seconds: float) -> None:
        took = f"{seconds * 1000:.0f} ms"
        if outcome.error is not None:
            last = (outcome.error.strip().splitlines() or ["no message"])[-1]
            self.echo(f"Build crashed after {took}: {last}")
            return
        ordered = sorted(outcome.diagnostics, key=sort_key)
        for diagnostic in ordered[:MAX_PRINTED]:
            self.echo(diagnostic.format())
        if len(ordered) > MAX_PRINTED:
            self.echo(f"... and {len(ordered) - MAX_PRINTED} more")
        what = "Built" if not paths else f"Rebuilt after {len(paths)} change(s)"
        errors = sum(d.severity >= Severity.ERROR for d in ordered)
        if errors:
            self.echo(f"{what} in {took} with {errors} error(s): the browser shows them")
        else:
            self.echo(f"{what} in {took}, {len(outcome.files)} files")

    # Port ----------------------------------------------------------------------------------

    def _bind(self) -> DevHTTPServer:
        server_id = secrets.token_hex(8)
        port = self._port
        for attempt in range(PORT_ATTEMPTS if port else 1):
            try:
                return DevHTTPServer(
                    (self._host, port + attempt),
                    self.site,
                    server_id=server_id,
                    max_streams=self._max_streams,
                )
            except OSError as error:
                if error.errno != errno.EADDRINUSE or attempt == PORT_ATTEMPTS - 1:
                    raise
                self.echo(f"Port {port + attempt} is in use, trying {port + attempt + 1}")
        raise AssertionError("unreachable")


def serve(
    builder: Rebuild,
    *,
    watch_paths: Sequence[Path],
    host: str = "127.0.0.1",
    port: int = 8000,
    open_browser: bool = False,
    echo: Echo = print,
) -> None:
    """Build the site, serve it from memory and rebuild it whenever a watched path changes.

    Pages reload in the browser when their own file changed; errors of a failed build are
    shown over the last good site.  Returns after Ctrl+C, once every thread has ended.
    """
    server = DevServer(builder, watch_paths=watch_paths, host=host, port=port, echo=echo)
    try:
        server.start()
        echo(f"Serving on {server.url} (Ctrl+C to stop)")
        if open_browser:
            webbrowser.open(server.url)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        echo("Stopping")
    finally:
        server.stop()
