"""The search budget benchmark runs, and its queries find what they should (small size here).

No timing is asserted: speed targets are checked by running the benchmark by hand.

The full measurement (10,000 terms) is ``python benchmarks/search_budget.py``;
it takes a few minutes, so the suite runs the same code on 300 terms.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys

import pytest

from tests.support import ROOT


def test_search_budget_benchmark_on_a_small_glossary() -> None:
    if shutil.which("node") is None:
        pytest.skip("node is missing")
    # Loaded by path: a "benchmarks" package installed elsewhere must not shadow this one.
    spec = importlib.util.spec_from_file_location("search_budget", ROOT / "benchmarks" / "search_budget.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["search_budget"] = module
    spec.loader.exec_module(module)

    report = module.measure(300, seed=3, runs=3)
    assert report["terms"] == 300
    queries = report["queries"]
    assert isinstance(queries, dict)
    # The budget itself is the benchmark's verdict, not the suite's: timings on a shared
    # machine are noise, so here the measurement only has to have happened.
    assert all(timing["median_ms"] > 0 for timing in queries.values())
    exact, typo = list(queries.values())[5], list(queries.values())[8]
    assert exact["top"] and typo["top"] and exact["top"][0] == typo["top"][0]  # one typo finds the same term
    assert report["index_gzip_bytes"] < 600 * 1024 * 300 / 10000 * 2  # small glossaries compress worse
