"""Rule levels from ``glossary.yml`` (``rules:``) and ``--strict``, through the real command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from glossary_build.core.diagnostics import Diagnostic, Severity, Span
from glossary_build.core.rules import RULES, apply_levels, default_severity
from tests.support import SITES, run_cli

INVALID = SITES / "invalid"


def site(tmp_path: Path, name: str, config: str = "") -> Path:
    target = tmp_path / name
    shutil.copytree(INVALID / name, target)
    (target / "expected.txt").unlink()
    if config:
        (target / "glossary.yml").write_text(config, "utf-8")
    return target


def diagnostic_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "[" in line and line.startswith("entries/")]


def test_a_warning_passes_by_default(tmp_path: Path) -> None:
    result = run_cli("check", cwd=site(tmp_path, "missing-see-also"))
    assert result.returncode == 0
    assert diagnostic_lines(result.stdout) == [
        "entries/b.md:1:1: warning[missing-see-also]: entry 'Beta' has no see-also section"
    ]


def test_strict_fails_on_a_warning(tmp_path: Path) -> None:
    result = run_cli("check", "--strict", cwd=site(tmp_path, "missing-see-also"))
    assert result.returncode == 1


def test_strict_does_not_fail_on_an_info(tmp_path: Path) -> None:
    result = run_cli("check", "--strict", cwd=site(tmp_path, "orphan-term"))
    assert result.returncode == 0
    assert diagnostic_lines(result.stdout) == ["entries/c.md:1:1: info[orphan-term]: no other entry links to 'Gamma'"]


def test_raising_a_warning_to_error_fails(tmp_path: Path) -> None:
    glossary = site(tmp_path, "missing-see-also", "rules:\n  missing-see-also: error\n")
    result = run_cli("check", cwd=glossary)
    assert result.returncode == 1
    assert diagnostic_lines(result.stdout) == [
        "entries/b.md:1:1: error[missing-see-also]: entry 'Beta' has no see-also section"
    ]


@pytest.mark.parametrize("value", ["off", "'off'"])
def test_off_silences_a_rule(tmp_path: Path, value: str) -> None:
    glossary = site(tmp_path, "missing-see-also", f"rules:\n  missing-see-also: {value}\n")
    result = run_cli("check", "--strict", cwd=glossary)
    assert result.returncode == 0
    assert diagnostic_lines(result.stdout) == []


def test_off_silences_an_error(tmp_path: Path) -> None:
    glossary = site(tmp_path, "broken-reference", "rules:\n  broken-reference: off\n")
    result = run_cli("check", cwd=glossary)
    assert result.returncode == 0
    assert diagnostic_lines(result.stdout) == []


def test_a_rule_that_is_off_by_default_can_be_turned_on(tmp_path: Path) -> None:
    glossary = site(tmp_path, "see-also-unsorted")
    (glossary / "glossary.yml").unlink()
    assert diagnostic_lines(run_cli("check", cwd=glossary).stdout) == []
    (glossary / "glossary.yml").write_text("rules:\n  see-also-unsorted: error\n", "utf-8")
    result = run_cli("check", cwd=glossary)
    assert result.returncode == 1
    assert diagnostic_lines(result.stdout)[0].startswith("entries/a.md:6:1: error[see-also-unsorted]")


def test_lowering_an_error_to_info_passes_strict(tmp_path: Path) -> None:
    glossary = site(tmp_path, "broken-reference", "rules:\n  broken-reference: info\n")
    result = run_cli("check", "--strict", cwd=glossary)
    assert result.returncode == 0
    assert diagnostic_lines(result.stdout) == [
        "entries/b.md:5:12: info[broken-reference]: no entry or heading has id 'Gamma'"
    ]


def test_unknown_rule_in_config_is_a_usage_error(tmp_path: Path) -> None:
    glossary = site(tmp_path, "missing-see-also", "rules:\n  missing-seealso: off\n")
    result = run_cli("check", cwd=glossary)
    assert result.returncode == 2
    assert "unknown rule 'rules.missing-seealso' (did you mean 'missing-see-also'?)" in result.stderr


def test_every_rule_has_a_valid_default() -> None:
    for rule in RULES.values():
        assert rule.default in ("error", "warning", "info", "off"), rule
        assert rule.summary.endswith("."), rule


def test_without_configuration_a_milder_severity_is_kept() -> None:
    mild = Diagnostic("pandoc-incompatible", Severity.INFO, "m", Span("a.md", 1))
    usual = Diagnostic("pandoc-incompatible", default_severity("pandoc-incompatible"), "m", Span("a.md", 2))
    assert [d.severity for d in apply_levels([mild, usual], {})] == [Severity.INFO, Severity.WARNING]
    assert [d.severity for d in apply_levels([mild, usual], {"pandoc-incompatible": "warning"})] == [
        Severity.WARNING, Severity.WARNING,
    ]
    off_by_default = Diagnostic("see-also-unsorted", Severity.WARNING, "m", Span("a.md", 1))
    assert apply_levels([off_by_default], {}) == []
