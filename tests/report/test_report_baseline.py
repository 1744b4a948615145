"""Baselines: known findings stay known when lines move; new ones are new; identical ones count."""

from __future__ import annotations

import dataclasses
import json

import pytest

from glossary_build.core.diagnostics import Diagnostic, Span
from glossary_build.report.baseline import (
    Baseline,
    BaselineError,
    filter_new,
    fingerprint,
    fingerprints,
    load_baseline,
    write_baseline,
)

from .support import broken


def moved(diagnostic: Diagnostic, path: str, lines: int) -> Diagnostic:
    """``diagnostic`` as it is reported after ``lines`` lines were inserted at the top of ``path``."""

    def shift(span: Span) -> Span:
        if span.path != path:
            return span
        end = None if span.end_line is None else span.end_line + lines
        return dataclasses.replace(span, line=span.line + lines, end_line=end)

    related = tuple(dataclasses.replace(r, span=shift(r.span)) for r in diagnostic.related)
    return dataclasses.replace(diagnostic, span=shift(diagnostic.span), related=related)


@pytest.fixture
def baseline(tmp_path, diagnostics, sources) -> Baseline:
    path = tmp_path / "baseline.json"
    write_baseline(path, diagnostics, sources)
    return load_baseline(path)


def test_everything_written_is_known(baseline, diagnostics, sources):
    assert len(baseline) == len(diagnostics)
    assert filter_new(diagnostics, baseline, sources) == ([], diagnostics)


def test_known_findings_stay_known_when_lines_move(baseline, diagnostics, sources):
    for path in sources:
        sources[path][:0] = ["## Neu {#Neu .term}", "", "Ein neuer Absatz.", ""]
    shifted = [moved(d, d.span.path, 4) for d in diagnostics]
    assert filter_new(shifted, baseline, sources) == ([], shifted)


def test_indentation_and_columns_do_not_matter(baseline, sources):
    sources["entries/alpha.md"][2] = "    **Alpha** ist der Anfang, siehe [Gamma](#Gamma).   "
    finding = broken("entries/alpha.md", 3, "Gamma", sources=sources)
    assert filter_new([finding], baseline, sources) == ([], [finding])


def test_rewording_a_message_keeps_a_finding_known(baseline, diagnostics, sources):
    reworded = [dataclasses.replace(d, message=d.message.upper()) for d in diagnostics]
    new, _ = filter_new(reworded, baseline, sources)
    assert new == []


def test_a_new_broken_link_is_new(baseline, diagnostics, sources):
    sources["entries/beta.md"].append("Siehe auch [Epsilon](#Epsilon).")
    added = broken("entries/beta.md", 4, "Epsilon", sources=sources)
    new, known = filter_new([*diagnostics, added], baseline, sources)
    assert new == [added]
    assert known == diagnostics


def test_a_new_broken_link_on_a_known_line_is_new(baseline, diagnostics, sources):
    sources["entries/alpha.md"][2] = (
        "**Alpha** ist der Anfang, siehe [Gamma](#Gamma) und [Zeta](#Zeta)."
    )
    old = broken("entries/alpha.md", 3, "Gamma", sources=sources)
    added = broken("entries/alpha.md", 3, "Zeta", sources=sources)
    # The line changed, so the old finding on it is new as well: its text is its identity.
    new, _ = filter_new([old, added], baseline, sources)
    assert added in new


def test_editing_the_line_of_a_finding_makes_it_new(baseline, sources):
    sources["entries/alpha.md"][2] = "**Alpha** ist der Beginn, siehe [Gamma](#Gamma)."
    finding = broken("entries/alpha.md", 3, "Gamma", sources=sources)
    assert filter_new([finding], baseline, sources) == ([finding], [])


def twins(count: int) -> tuple[list[Diagnostic], dict[str, list[str]]]:
    """``count`` identical broken links on identical lines of one file."""
    sources = {"a.md": ["## A {#A .term}"] + ["[Gamma](#Gamma) |"] * count}
    return [broken("a.md", n, "Gamma", sources=sources) for n in range(2, count + 2)], sources


def test_identical_findings_count_as_a_multiset(tmp_path):
    two, sources = twins(2)
    write_baseline(tmp_path / "b.json", two, sources)
    baseline = load_baseline(tmp_path / "b.json")
    assert len(set(baseline.fingerprints)) == 2

    assert filter_new(two, baseline, sources) == ([], two)

    three, sources = twins(3)
    new, known = filter_new(three, baseline, sources)
    assert (len(new), len(known)) == (1, 2)

    one, sources = twins(1)
    assert filter_new(one, baseline, sources) == ([], one)


def test_a_fingerprint_listed_twice_covers_two_findings(tmp_path):
    two, sources = twins(2)
    first = fingerprint(two[0], sources=sources)
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"version": 1, "findings": [{"fingerprint": first}] * 2}))
    # Both findings have the same identity, but occurrence 1 has another fingerprint.
    new, known = filter_new(two, load_baseline(path), sources)
    assert (new, known) == ([two[1]], [two[0]])


def test_fingerprint_ignores_positions_but_not_identity(sources):
    finding = broken("entries/alpha.md", 3, "Gamma")
    same = dataclasses.replace(
        finding, span=dataclasses.replace(finding.span, column=1, end_column=None)
    )
    assert fingerprint(same, sources=sources) == fingerprint(finding, sources=sources)
    other_target = dataclasses.replace(finding, data=(("target", "Delta"), ("kind", "inline")))
    other_code = dataclasses.replace(finding, code="pandoc-incompatible")
    other_path = dataclasses.replace(finding, span=dataclasses.replace(finding.span, path="x.md"))
    prints = {
        fingerprint(d, sources=sources) for d in (finding, other_target, other_code, other_path)
    }
    assert len(prints) == 4
    assert fingerprint(finding, sources=sources, occurrence=1) != fingerprint(
        finding, sources=sources
    )


def test_fingerprints_are_counted_in_report_order(diagnostics, sources):
    forward = dict(zip(map(id, diagnostics), fingerprints(diagnostics, sources=sources)))
    backward = dict(
        zip(map(id, diagnostics[::-1]), fingerprints(diagnostics[::-1], sources=sources))
    )
    assert forward == backward


def test_baseline_file_is_sorted_and_stable(tmp_path, diagnostics, sources):
    write_baseline(tmp_path / "a.json", diagnostics, sources)
    write_baseline(tmp_path / "b.json", diagnostics[::-1], sources)
    text = (tmp_path / "a.json").read_text(encoding="utf-8")
    assert text == (tmp_path / "b.json").read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["version"] == 1
    keys = [(f["path"], f["code"], f["message"], f["fingerprint"]) for f in document["findings"]]
    assert keys == sorted(keys)
    assert list(document["findings"][0]) == ["path", "code", "message", "fingerprint"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", r"b\.json:1:2: baseline is not valid JSON"),
        ("[]", "must be a JSON object"),
        ('{"version": 2, "findings": []}', "unsupported baseline version 2"),
        ('{"findings": []}', "unsupported baseline version None"),
        ('{"version": 1}', "no 'findings' list"),
        ('{"version": 1, "findings": [{"code": "x"}]}', "finding 1 has no 'fingerprint'"),
        ('{"version": 1, "findings": ["abc"]}', "finding 1 has no 'fingerprint'"),
    ],
)
def test_bad_baseline_files(tmp_path, content, reason):
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=reason):
        load_baseline(path)


def test_missing_baseline_file(tmp_path):
    with pytest.raises(BaselineError, match=r"missing\.json: cannot read baseline: No such file"):
        load_baseline(tmp_path / "missing.json")


def test_baseline_that_is_not_utf8(tmp_path):
    path = tmp_path / "b.json"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(BaselineError, match="cannot read baseline"):
        load_baseline(path)
