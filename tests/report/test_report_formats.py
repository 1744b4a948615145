"""Every format against its golden file, and the machine formats against their schemas.

Set ``GLOSSARY_UPDATE_GOLDEN=1`` to rewrite the golden files after an
intended change, then review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from glossary_build.report import FORMATS, format_json, format_sarif, format_text
from tests.support import ROOT

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"

CASES = [
    ("text", False, "report.txt"),
    ("text", True, "report-color.txt"),
    ("github", False, "report.github.txt"),
    ("json", False, "report.json"),
    ("sarif", False, "report.sarif"),
]


@pytest.mark.parametrize(("name", "color", "golden"), CASES)
def test_format_matches_golden_file(name, color, golden, diagnostics, summary, sources):
    output = FORMATS[name](diagnostics, summary, sources=sources, color=color)
    path = GOLDEN / golden
    if os.environ.get("GLOSSARY_UPDATE_GOLDEN"):
        path.write_text(output, encoding="utf-8", newline="\n")
    assert output == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_output_does_not_depend_on_input_order(name, diagnostics, summary, sources):
    forward = FORMATS[name](diagnostics, summary, sources=sources)
    backward = FORMATS[name](diagnostics[::-1], summary, sources=sources)
    assert forward == backward


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_no_diagnostics(name, summary, sources):
    output = FORMATS[name]([], summary, sources=sources)
    assert output.endswith("\n")
    if name in ("text", "github"):
        assert output == "0 errors, 0 warnings, 0 infos in 9 entries (8 references)\n"


def test_json_matches_its_schema(diagnostics, summary, sources):
    schema = json.loads((ROOT / "docs" / "check-json-schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    report = json.loads(format_json(diagnostics, summary, sources=sources))
    jsonschema.Draft202012Validator(schema).validate(report)


def test_json_schema_requires_the_details_of_a_broken_reference(diagnostics, summary, sources):
    schema = json.loads((ROOT / "docs" / "check-json-schema.json").read_text(encoding="utf-8"))
    report = json.loads(format_json(diagnostics, summary, sources=sources))
    del report["diagnostics"][0]["target"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(report)


def test_json_key_order_is_fixed(diagnostics, summary, sources):
    report = json.loads(format_json(diagnostics, summary, sources=sources))
    assert list(report) == ["version", "tool", "summary", "diagnostics"]
    assert list(report["diagnostics"][0]) == [
        "code",
        "severity",
        "message",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "hint",
        "related",
        "target",
        "kind",
    ]


def test_sarif_matches_the_official_schema(diagnostics, summary, sources):
    # sarif-schema-2.1.0.json is the OASIS schema (errata01), draft-04.
    schema = json.loads((HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(format_sarif(diagnostics, summary, sources=sources))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)


def test_sarif_fingerprints_are_unique(diagnostics, summary, sources):
    log = json.loads(format_sarif(diagnostics + diagnostics[:2], summary, sources=sources))
    prints = [r["partialFingerprints"]["glossaryBuild/v1"] for r in log["runs"][0]["results"]]
    assert len(set(prints)) == len(prints)


def test_sarif_uri_is_percent_encoded(summary):
    from glossary_build.core.diagnostics import Diagnostic, Severity, Span

    finding = Diagnostic("broken-reference", Severity.ERROR, "m", Span("KI Ökosystem.md", 1))
    log = json.loads(format_sarif([finding], summary, sources={}))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "KI%20%C3%96kosystem.md",
        "uriBaseId": "%SRCROOT%",
    }


def test_text_has_no_escape_codes_without_color(diagnostics, summary, sources):
    assert "\x1b" not in format_text(diagnostics, summary, sources=sources)
    assert "\x1b[1;31m" in format_text(diagnostics, summary, sources=sources, color=True)


def test_json_example_in_the_docs_matches_the_schema():
    schema = json.loads((ROOT / "docs" / "check-json-schema.json").read_text(encoding="utf-8"))
    docs = (ROOT / "docs" / "check-output.md").read_text(encoding="utf-8")
    example = docs.split("### `json`", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    jsonschema.Draft202012Validator(schema).validate(json.loads(example))


def test_sarif_rules_come_from_the_registry(diagnostics, summary, sources):
    from glossary_build.core.rules import RULES

    log = json.loads(format_sarif(diagnostics, summary, sources=sources))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    assert rules[0]["name"] == "BrokenReference"
    for result in log["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
