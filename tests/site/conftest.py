"""Fixtures of the site tests: the sample site and a tricky one, built once, a local server; tabs.

Browser tests drive Debian's ``/usr/bin/chromium`` through Playwright (the
session's ``browser`` fixture, in ``tests/conftest.py``); they are skipped,
with the reason, when either is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from glossary_build.build import pipeline
from glossary_build.core.config import load_config
from tests.support import ROOT

from .support import TRICKY_ENTRIES, Tab, serving


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample glossary built through the pipeline (no base URL)."""
    out = tmp_path_factory.mktemp("sample") / "site"
    pipeline.build(load_config(cwd=ROOT), out)
    return out


@pytest.fixture(scope="session")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny glossary with a base URL, umlauts, a compound, an unwritten term and ``</script>`` in a definition."""
    root = tmp_path_factory.mktemp("tricky")
    (root / "entries").mkdir()
    for name, text in TRICKY_ENTRIES.items():
        (root / "entries" / name).write_text(text, "utf-8")
    (root / "glossary.yml").write_text(
        'title: "Wege & <Worte>"\nlanguage: de\nbase_url: "https://example.org/glossar/"\n', "utf-8"
    )
    out = root / "site"
    pipeline.build(load_config(cwd=root), out)
    return out


@pytest.fixture(scope="session")
def served(site: Path) -> Iterator[str]:
    """The sample site from a local HTTP server (the stdlib's, quiet): its address, ending in ``/``."""
    with serving(site) as address:
        yield address


@pytest.fixture()
def tab(browser: Any, site: Path) -> Iterator[Tab]:
    """A fresh desktop-sized tab; the test fails on any console error."""
    opened = Tab(browser, site, viewport={"width": 1100, "height": 900})
    yield opened
    opened.context.close()
    assert opened.errors == []
