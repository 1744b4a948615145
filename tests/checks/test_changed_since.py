"""``check --changed-since REF``: a pull request answers for what it changed, nothing else."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support import run_cli

DIAGNOSTIC = ": error[", ": warning[", ": info["


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder, check=True, capture_output=True,
    )


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A glossary on a main branch with one old broken link (in b.md), and a branch off it."""
    entries = tmp_path / "entries"
    entries.mkdir()
    (entries / "a.md").write_text(
        "## Alpha {#Alpha .term}\n\nAlpha kennt [Beta](#Beta).\n\n### Siehe auch {.seealso}\n[Beta](#Beta) |\n", "utf-8"
    )
    (entries / "b.md").write_text(
        "## Beta {#Beta .term}\n\nBeta kennt [Alpha](#Alpha) und [Omega](#Omega).\n\n"
        "### Siehe auch {.seealso}\n[Alpha](#Alpha) |\n", "utf-8",
    )
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "start")
    git(tmp_path, "checkout", "-q", "-b", "change")
    return tmp_path


def findings(folder: Path, *args: str) -> tuple[list[str], int]:
    result = run_cli("check", "--changed-since", "main", *args, cwd=folder)
    lines = [line for line in result.stdout.splitlines() if any(mark in line for mark in DIAGNOSTIC)]
    return lines, result.returncode


def test_an_unchanged_glossary_answers_for_nothing(repo: Path) -> None:
    assert findings(repo) == ([], 0)
    assert run_cli("check", cwd=repo).returncode == 1  # the old broken link is still there


def test_a_new_broken_link_in_a_changed_file_is_reported_the_old_one_elsewhere_is_not(repo: Path) -> None:
    path = repo / "entries" / "a.md"
    path.write_text(path.read_text("utf-8").replace("[Beta](#Beta).", "[Beta](#Beta) und [Gamma](#Gamma)."), "utf-8")
    lines, code = findings(repo)
    assert lines == ["entries/a.md:3:31: error[broken-reference]: no entry or heading has id 'Gamma'"]
    assert code == 1


def test_links_elsewhere_into_a_renamed_id_are_the_changes_doing(repo: Path) -> None:
    path = repo / "entries" / "a.md"
    path.write_text(path.read_text("utf-8").replace("{#Alpha .term}", "{#Alpha-neu .term}"), "utf-8")
    git(repo, "commit", "-q", "-am", "rename")  # committed changes count as well as uncommitted ones
    lines, code = findings(repo)
    elsewhere = [line for line in lines if not line.startswith("entries/a.md:")]
    assert elsewhere == [
        "entries/b.md:3:12: error[broken-reference]: no entry or heading has id 'Alpha'",
        "entries/b.md:6:1: error[broken-reference]: no entry or heading has id 'Alpha'",
    ]
    assert code == 1


def test_a_deleted_file_answers_for_the_links_into_it_and_the_orphans_it_leaves(repo: Path) -> None:
    (repo / "entries" / "a.md").unlink()
    lines, _ = findings(repo)
    codes = sorted(line.split("[", 1)[1].split("]", 1)[0] for line in lines)
    assert codes == ["broken-reference", "broken-reference", "orphan-term"]
    assert all(line.startswith("entries/b.md:") for line in lines)


def test_a_new_file_with_a_copy_of_an_id_reports_the_duplicate(repo: Path) -> None:
    (repo / "entries" / "0-copy.md").write_text("## Beta {#Beta .term}\n\nNoch einmal.\n", "utf-8")
    lines, _ = findings(repo)
    duplicates = [line for line in lines if "duplicate-id" in line]
    # The copy sorts first, so the finding sits at the unchanged file and names the new one.
    assert duplicates == [
        "entries/b.md:1:1: error[duplicate-id]: id 'Beta' is already defined at entries/0-copy.md:1:1"
    ]


def test_outside_a_git_repository_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "a.md").write_text("## Alpha {#Alpha .term}\n\nA.\n", "utf-8")
    result = run_cli("check", "--changed-since", "main", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: --changed-since main: git merge-base failed")


def test_a_malformed_cache_key_variable_is_a_usage_error(repo: Path) -> None:
    import os

    env_before = os.environ.get("GLOSSARY_BUILD_CACHE_KEY")
    os.environ["GLOSSARY_BUILD_CACHE_KEY"] = "not-hex"
    try:
        result = run_cli("check", cwd=repo)
    finally:
        if env_before is None:
            del os.environ["GLOSSARY_BUILD_CACHE_KEY"]
        else:
            os.environ["GLOSSARY_BUILD_CACHE_KEY"] = env_before
    assert result.returncode == 2
    assert "GLOSSARY_BUILD_CACHE_KEY must be 64 hex digits" in result.stderr
