"""The README documents every rule: a table row with its default and an example."""

from __future__ import annotations

import json
import re

import jsonschema

from glossary_build.core.rules import RULES
from tests.support import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def test_every_rule_has_a_table_row_with_its_default():
    rows = dict(re.findall(r"^\| `([a-z0-9-]+)` \| (error|warning|info|off) \|", README, re.MULTILINE))
    assert rows == {code: rule.default for code, rule in RULES.items()}


def test_every_rule_has_an_example():
    headings = README.split("### Examples", 1)[1]
    for code in RULES:
        assert re.search(rf"^#### .*`{code}`", headings, re.MULTILINE), code
        assert f"[{code}]" in headings, code


def test_graph_json_example_follows_the_schema():
    schema = json.loads((ROOT / "docs" / "graph-json-schema.json").read_text("utf-8"))
    example = README.split("### The term graph as data", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    jsonschema.Draft202012Validator(schema).validate(json.loads(example))
