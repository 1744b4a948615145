"""Fixtures shared by all tests.

Layout: a folder per package of ``glossary_build`` (``core/``, ``sources/``,
``parse/``, ``graph/``, ``checks/``, ``build/``, ``report/``, ``serve/``,
``cli/``; ``site/`` for the site that ``render`` writes), and folders that cut
across the packages (``dialect/``, ``scenarios/``, ``safety/``, ``hostile/``,
``benchmarks/``).  Each folder has at most one helper module, ``support.py``;
``tests/support.py`` holds what several folders need.  ``tests`` is a package,
so every module is imported by its full name (``tests.checks.support``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support import CHROMIUM, CHROMIUM_ARGS, pandoc_path


@pytest.fixture(scope="session")
def pandoc() -> str:
    """Path of the pandoc binary, or skip when there is none."""
    path = pandoc_path()
    if path is None:
        pytest.skip("pandoc is not installed (the test command installs pypandoc-binary)")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for the whole session, or skip when it or Playwright is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (tests/run.sh installs Debian's chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (the test command installs it)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session", autouse=True)
def cache_key_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The key that seals cache files (glossary_build.store.sealing) lives in a folder of the test
    session, not in the user's cache folder; commands run by the tests inherit it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield
