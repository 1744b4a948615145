"""The CI workflow and the pre-commit hook definition shipped for users."""

from __future__ import annotations

import re

import yaml

from tests.support import ROOT


def test_pre_commit_hook():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "glossary-build-check"
    assert hook["entry"] == "glossary-build check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("entries/KI-Ökosystem.md")
    assert files.search("glossary.yml")
    assert not files.search("other.yml")


def test_github_workflow():
    text = (ROOT / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    steps = workflow["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any("glossary-build check --format github" in run for run in runs)
    assert any("--format sarif --output glossary.sarif" in run for run in runs)
    upload = next(
        s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")
    )
    assert upload["with"]["sarif_file"] == "glossary.sarif"
    assert workflow["jobs"]["check"]["permissions"]["security-events"] == "write"


def test_github_workflow_checks_what_a_pull_request_changed_with_mains_cache():
    workflow = yaml.safe_load((ROOT / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["check"]
    steps = job["steps"]
    assert job["env"]["GLOSSARY_BUILD_CACHE_KEY"] == "${{ secrets.GLOSSARY_BUILD_CACHE_KEY }}"
    assert steps[0]["with"]["fetch-depth"] == 0
    restore = next(s for s in steps if s.get("uses", "").startswith("actions/cache/restore"))
    save = next(s for s in steps if s.get("uses", "").startswith("actions/cache/save"))
    assert restore["with"]["path"] == save["with"]["path"] == ".glossary-cache"
    assert "pull_request" in restore["if"] and "!=" in save["if"]  # only main's cache is saved
    pr_check = next(s for s in steps if "--changed-since" in s.get("run", ""))
    assert pr_check["if"] == "github.event_name == 'pull_request'"
