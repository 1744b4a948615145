"""The served state: atomic swaps, the last good site kept, which pages changed."""

from glossary_build.core.diagnostics import Severity
from glossary_build.serve.state import MAX_LISTED, LiveSite, Status
from glossary_build.serve.types import BuildOutcome

from .support import diagnostic


def outcome(files: dict[str, bytes], *diagnostics, error=None) -> BuildOutcome:
    return BuildOutcome(files, diagnostics, error)


def test_the_first_good_build_is_served_and_every_page_counts_as_changed() -> None:
    site = LiveSite()
    update = site.apply(outcome({"index.html": b"a", "A/index.html": b"b"}))
    assert update.changed == {"index.html", "A/index.html"}
    assert dict(site.snapshot.files) == {"index.html": b"a", "A/index.html": b"b"}
    assert site.snapshot.generation == 1 and site.snapshot.good


def test_only_pages_whose_bytes_differ_count_as_changed() -> None:
    site = LiveSite()
    site.apply(outcome({"index.html": b"a", "A/index.html": b"b", "Gone/index.html": b"g"}))
    update = site.apply(outcome({"index.html": b"a", "A/index.html": b"B", "New/index.html": b"n"}))
    assert update.changed == {"A/index.html", "Gone/index.html", "New/index.html"}
    snapshot = site.snapshot
    assert snapshot.changed_since(["index.html", "A/index.html"], 1) == ["A/index.html"]
    assert snapshot.changed_since(["index.html", "A/index.html"], 2) == []


def test_a_build_with_errors_keeps_the_last_good_files() -> None:
    site = LiveSite()
    site.apply(outcome({"index.html": b"good"}))
    error = diagnostic(Severity.ERROR, "duplicate id 'A'")
    update = site.apply(outcome({"index.html": b"bad"}, error))
    assert update.changed == frozenset()
    assert site.snapshot.files["index.html"] == b"good"
    assert site.snapshot.status.errors == (error,) and site.snapshot.status.failed
    assert site.snapshot.generation == 2


def test_a_crash_keeps_the_last_good_files() -> None:
    site = LiveSite()
    site.apply(outcome({"index.html": b"good"}))
    site.apply(outcome({}, error="KeyError: 'x'"))
    assert site.snapshot.files["index.html"] == b"good"
    assert site.snapshot.status.crash == "KeyError: 'x'"


def test_warnings_do_not_fail_a_build() -> None:
    site = LiveSite()
    site.apply(outcome({"index.html": b"a"}))
    site.apply(outcome({"index.html": b"b"}, diagnostic(Severity.WARNING, "no see-also section")))
    assert site.snapshot.files["index.html"] == b"b"
    assert not site.snapshot.status.failed and len(site.snapshot.status.warnings) == 1


def test_before_any_good_build_the_files_of_a_failed_one_are_shown() -> None:
    site = LiveSite()
    site.apply(outcome({"index.html": b"with errors"}, diagnostic(Severity.ERROR, "x")))
    assert site.snapshot.files["index.html"] == b"with errors" and not site.snapshot.good
    site.apply(outcome({}, error="boom"))
    assert site.snapshot.files["index.html"] == b"with errors"
    update = site.apply(outcome({"index.html": b"fixed"}))
    assert update.changed == {"index.html"} and site.snapshot.good


def test_the_builders_dict_is_copied() -> None:
    site = LiveSite()
    files = {"index.html": b"a"}
    site.apply(outcome(files))
    files["index.html"] = b"mutated later"
    assert site.snapshot.files["index.html"] == b"a"


def test_status_json_lists_positions_and_caps_long_lists() -> None:
    errors = [diagnostic(Severity.ERROR, f"e{i}", line=i + 1) for i in range(MAX_LISTED + 5)]
    status = Status.of(outcome({}, *reversed(errors), diagnostic(Severity.INFO, "i")))
    data = status.to_json(7)
    assert data["generation"] == 7 and data["failed"] and data["errorCount"] == MAX_LISTED + 5
    assert len(data["errors"]) == MAX_LISTED
    assert data["errors"][0] == {
        "path": "entries/a.md",
        "line": 1,
        "column": 5,
        "severity": "error",
        "code": "broken-reference",
        "message": "e0",
        "hint": None,
    }
    assert data["warningCount"] == 0


def test_waiting_streams_wake_on_a_new_build_and_on_close() -> None:
    site = LiveSite()
    assert site.wait_newer(0, timeout=0.01) is None
    site.apply(outcome({"index.html": b"a"}))
    assert site.wait_newer(0, timeout=0.01) is site.snapshot
    site.close()
    assert site.wait_newer(1, timeout=5) is None and site.closed
