"""report_check: baseline, format and exit code together, as the CLI uses them."""

from __future__ import annotations

import pytest

from glossary_build.core.diagnostics import Severity
from glossary_build.report import report_check
from glossary_build.report.baseline import BaselineError


def test_plain_check_fails_on_errors(diagnostics, summary, sources):
    outcome = report_check(diagnostics, summary, sources=sources)
    assert outcome.exit_code == 1
    assert outcome.output.endswith("6 errors, 2 warnings, 1 info in 9 entries (8 references)\n")
    assert outcome.note is None


def test_strict_fails_on_warnings(diagnostics, summary, sources):
    warnings = [d for d in diagnostics if d.severity is Severity.WARNING]
    assert report_check(warnings, summary, sources=sources).exit_code == 0
    assert report_check(warnings, summary, sources=sources, strict=True).exit_code == 1


def test_write_then_use_a_baseline(tmp_path, diagnostics, summary, sources):
    path = tmp_path / "baseline.json"
    written = report_check(diagnostics, summary, sources=sources, write_baseline_to=path)
    assert (written.output, written.exit_code) == ("", 0)
    assert written.note == f"wrote 9 findings to {path}"

    again = report_check(diagnostics, summary, sources=sources, baseline=path, format_name="json")
    assert again.exit_code == 0
    assert '"diagnostics": []' in again.output
    assert again.note == f"9 known findings in {path} not shown"

    fewer = report_check(diagnostics[1:], summary, sources=sources, baseline=path)
    assert fewer.exit_code == 0
    assert fewer.output == "0 errors, 0 warnings, 0 infos in 9 entries (8 references)\n"


def test_new_findings_fail_despite_a_baseline(tmp_path, diagnostics, summary, sources):
    path = tmp_path / "baseline.json"
    report_check(diagnostics[1:], summary, sources=sources, write_baseline_to=path)
    outcome = report_check(
        diagnostics, summary, sources=sources, baseline=path, format_name="github"
    )
    assert outcome.exit_code == 1
    assert outcome.output.startswith("::error file=entries/tabs.md,line=3,")
    assert outcome.note == f"8 known findings in {path} not shown"


def test_bad_baseline_raises(tmp_path, diagnostics, summary, sources):
    with pytest.raises(BaselineError):
        report_check(diagnostics, summary, sources=sources, baseline=tmp_path / "none.json")


def test_unknown_format(diagnostics, summary, sources):
    with pytest.raises(KeyError):
        report_check(diagnostics, summary, sources=sources, format_name="xml")
