"""The live-reload stream: status after every build, reload only for changed pages."""

from __future__ import annotations

import threading
import time

from glossary_build.core.diagnostics import Severity
from glossary_build.serve import BuildOutcome, DevServer

from .support import (
    EventStream,
    FakeBuilder,
    config_of,
    diagnostic,
    get,
    page,
    rebuild,
)


def test_a_stream_starts_with_the_current_status(server: DevServer) -> None:
    stream = EventStream(server, ["Alpha/index.html"])
    assert stream.response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
    name, data = stream.next()
    assert name == "status" and data["generation"] == 1 and not data["failed"]
    stream.close()


def test_only_the_page_that_changed_reloads(server: DevServer, fake: FakeBuilder) -> None:
    alpha = EventStream(server, ["Alpha/index.html"])
    beta = EventStream(server, ["Beta/index.html"])
    assert alpha.next()[0] == beta.next()[0] == "status"
    fake.files["Alpha/index.html"] = page("alpha, edited")
    rebuild(server)
    assert alpha.next() == ("reload", {"generation": 2, "changed": ["Alpha/index.html"]})
    name, data = beta.next()
    assert name == "status" and data["generation"] == 2
    fake.files["Beta/index.html"] = page("beta, edited")
    rebuild(server)
    assert beta.next()[0] == "reload"
    alpha.close()
    beta.close()


def test_an_identical_rebuild_reloads_nothing(server: DevServer) -> None:
    stream = EventStream(server, ["index.html"])
    stream.next()
    rebuild(server)
    assert stream.next()[0] == "status"
    stream.close()


def test_errors_arrive_as_status_and_clear_on_the_next_good_build(
    server: DevServer, fake: FakeBuilder
) -> None:
    stream = EventStream(server, ["Alpha/index.html"])
    stream.next()
    fake.diagnostics = [
        diagnostic(Severity.ERROR, "unclosed attribute block", line=7, column=12, code="syntax"),
        diagnostic(Severity.WARNING, "entry has no see-also section", code="no-see-also"),
    ]
    fake.files["Alpha/index.html"] = page("broken")
    rebuild(server)
    name, data = stream.next()
    assert name == "status" and data["failed"]
    assert data["errors"] == [
        {
            "path": "entries/a.md",
            "line": 7,
            "column": 12,
            "severity": "error",
            "code": "syntax",
            "message": "unclosed attribute block",
            "hint": None,
        }
    ]
    assert data["warningCount"] == 1
    # A fresh page load shows the same state.
    assert config_of(get(server, "/Alpha/").text)["status"] == data
    fake.diagnostics = []
    fake.files["Alpha/index.html"] = page("alpha")  # the fix restores the served bytes
    rebuild(server)
    name, data = stream.next()
    assert name == "status" and not data["failed"] and data["errors"] == []
    stream.close()


def test_a_fix_that_changes_the_page_reloads_it(server: DevServer, fake: FakeBuilder) -> None:
    stream = EventStream(server, ["Alpha/index.html"])
    stream.next()
    fake.error = "boom"
    rebuild(server)
    assert stream.next()[1]["crash"] == "boom"
    fake.error = None
    fake.files["Alpha/index.html"] = page("alpha, fixed")
    rebuild(server)
    assert stream.next()[0] == "reload"
    stream.close()


def test_a_client_that_missed_builds_catches_up_on_connect(
    server: DevServer, fake: FakeBuilder
) -> None:
    loaded_at = server.site.snapshot.generation
    fake.files["Alpha/index.html"] = page("changed while the tab was hidden")
    rebuild(server)
    rebuild(server)
    assert EventStream(server, ["Alpha/index.html"], since=loaded_at).next()[0] == "reload"
    assert EventStream(server, ["Beta/index.html"], since=loaded_at).next()[0] == "status"


def test_a_restarted_server_reloads_its_old_pages(server: DevServer) -> None:
    stream = EventStream(server, ["index.html"], server_id="an-earlier-run")
    assert stream.next() == ("reload", {"reason": "server restarted"})


def test_many_streams_get_the_event_and_end_on_stop(fake: FakeBuilder) -> None:
    server = DevServer(fake, port=0, echo=lambda _: None)
    server.start()
    streams = [EventStream(server, ["index.html"]) for _ in range(40)]
    for stream in streams:
        assert stream.next()[0] == "status"
    fake.files["index.html"] = page("new home")
    rebuild(server)
    for stream in streams:
        assert stream.next()[0] == "reload"
    idle = [EventStream(server, ["Beta/index.html"]) for _ in range(20)]
    for stream in idle:
        stream.next()
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 5
    for stream in idle:
        try:
            while True:
                stream.next()
        except (EOFError, OSError):
            pass
    assert not [t for t in threading.enumerate() if t.name.startswith("serve-")]


def test_streams_beyond_the_limit_are_refused_not_queued(fake: FakeBuilder) -> None:
    server = DevServer(fake, port=0, echo=lambda _: None, max_streams=2)
    server.start()
    try:
        first, second = EventStream(server, ["index.html"]), EventStream(server, ["index.html"])
        first.next(), second.next()
        assert EventStream(server, ["index.html"]).response.status == 503
        assert get(server, "/").status == 200
    finally:
        server.stop()


def test_a_follow_up_is_applied_after_the_build_that_left_it(fake: FakeBuilder) -> None:
    later = threading.Event()

    def builder(paths: object) -> BuildOutcome:
        outcome = fake([])

        def follow_up() -> BuildOutcome:
            later.wait(10)
            files = dict(outcome.files, **{"all.html": page("all terms")})
            return BuildOutcome(files, outcome.diagnostics)

        return BuildOutcome(outcome.files, outcome.diagnostics, follow_up=follow_up)

    with DevServer(builder, port=0, echo=lambda _: None) as server:
        assert server.wait_until_idle(0.3) is False  # the first build's follow-up is waiting
        stream = EventStream(server, ["all.html"])
        assert stream.next()[0] == "status"
        later.set()
        assert stream.next() == ("reload", {"generation": 2, "changed": ["all.html"]})
        assert server.wait_until_idle(10)
        assert get(server, "/all.html").status == 200
        stream.close()


def test_a_waiting_change_goes_before_the_follow_up(fake: FakeBuilder) -> None:
    builds: list[int] = []
    followed: list[int] = []

    def builder(paths: object) -> BuildOutcome:
        number = len(builds)
        builds.append(number)
        return BuildOutcome(fake([]).files, follow_up=lambda: followed.append(number) or None)

    server = DevServer(builder, port=0, echo=lambda _: None)
    server.request_build([])  # a change queued while the first build runs
    server.start()
    try:
        assert server.wait_until_idle(10)
        assert builds == [0, 1] and followed == [1]  # the first build's follow-up was superseded
    finally:
        server.stop()
