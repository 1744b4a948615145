"""Every invalid site's findings, as JSON and SARIF, follow the documented schemas."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.support import INVALID_SITES, ROOT, TESTS, run_cli


@pytest.mark.parametrize("site", INVALID_SITES, ids=[p.name for p in INVALID_SITES])
def test_json_and_sarif_of_each_invalid_site_validate(site: Path) -> None:
    check_schema = json.loads((ROOT / "docs" / "check-json-schema.json").read_text("utf-8"))
    report = json.loads(run_cli("check", "--format", "json", cwd=site).stdout)
    jsonschema.Draft202012Validator(check_schema).validate(report)
    assert report["diagnostics"], "the site shows no finding"
    sarif_schema = json.loads((TESTS / "report" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    log = json.loads(run_cli("check", "--format", "sarif", cwd=site).stdout)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
