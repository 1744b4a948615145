"""Fixtures shared by all tests, and the rule that marks tests ``slow``, ``browser`` and ``pandoc``.

Layout: a folder per package of ``glossary_build`` (``core/``, ``sources/``,
``parse/``, ``graph/``, ``checks/``, ``export/``, ``build/``, ``report/``,
``serve/``, ``cli/``; ``site/`` for the site that ``render`` writes; ``store``
is tested where it is used: its codec with the process pool in ``build/``, its
sealing in ``safety/``), and folders that cut across the packages
(``dialect/``, ``scenarios/``, ``safety/``, ``hostile/``, ``benchmarks/``; and
``test_architecture.py`` here, on how the stages import one another). Each
folder has at most one helper module, ``support.py``; ``tests/support.py``
holds what several folders need. Besides helpers, two folders keep the
instruments they test with: ``dialect/`` its two feature readers (ours and
Pandoc's) and the list of deliberate differences, ``hostile/`` its scanner for
executable output. ``tests`` is a package, so every module is imported by its
full name (``tests.checks.support``).

The marks: ``pytest -m "not slow"`` is the quick loop (well under a minute on
a 2-core machine); CI runs everything.

- ``browser``: the test drives Chromium through Playwright, that is, it uses
  the ``browser`` fixture below (directly or through another fixture).
- ``pandoc``: the test runs the pandoc binary: it uses the ``pandoc`` fixture
  below, or :data:`PANDOC` lists it (tests that call Pandoc through pypandoc).
- ``slow``: the test costs more than the quick loop can afford:

  * every ``browser`` test;
  * every hypothesis test (``@given``): it runs its body tens to hundreds of
    times;
  * every test outside ``tests/cli/`` that runs the command line itself:
    it calls :func:`tests.support.run_cli`, or a function of its module that
    does (a fixture that does is not counted: its run is shared).  Each run
    starts Python and imports the package (0.3 to 0.6 s); ``tests/cli/``
    keeps the command line in the quick loop;
  * what :data:`SLOW` lists, each with its reason: the HTML checker, stress,
    killed and repeated builds, random search, benchmarks, the real file
    watcher, other ways of starting ``glossary-build``.

  A new test that takes more than about half a second belongs in one of
  these (time the suite with ``--durations=50``).

Entries of :data:`SLOW` and :data:`PANDOC` are paths below ``tests/``: a
folder (``hostile/``), a module, or ``module::test_name`` for one test with
all its parameters.  An entry that matches no folder, module or test is an
error, so the lists cannot go stale.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import CHROMIUM, CHROMIUM_ARGS, TESTS, pandoc_path

SLOW: dict[str, str] = {
    "hostile/": "hostile glossaries through the command line, fuzzing, killed builds, stress",
    "lsp/": "a language server process per test module, driven over stdio by a real client",
    "site/test_site_validate.py": "the Nu HTML Checker (Java) and axe-core over every page",
    "site/test_site_multilingual.py": "the Nu HTML Checker (Java) and axe-core over every language's pages",
    "site/test_site_budget.py": "benchmark: builds and searches a generated 300-term glossary",
    "serve/test_watcher.py": "the real file watcher: every test waits for the file system and the debounce",
    "serve/test_serve.py::test_ctrl_c_stops_serve_cleanly": "starts glossary-build serve and interrupts it",
    "safety/test_cache_sealing.py::test_a_cache_that_came_with_the_glossary_runs_no_code": (
        "runs glossary-build three times"
    ),
    "safety/test_cache_sealing.py::test_another_users_cache_is_not_trusted": "runs glossary-build twice",
    "checks/test_checks.py::test_every_id_one_typo_away_is_a_candidate": (
        "random ids and typos, each compared with every id"
    ),
    "checks/test_checks.py::test_the_suggester_finds_every_deletion_among_10000_ids": "10,000 ids, 2,000 hints",
    "graph/test_suggest_carry_over.py::test_carried_hints_are_those_of_a_new_suggester": (
        "48 random changes of ids, each suggester's hints found again by a new one"
    ),
    "build/test_incremental.py::test_quick_pages_match_cold_builds_after_random_saves": (
        "24 random saves, each compared with a cold build"
    ),
    "build/test_incremental.py::test_edits_bring_the_spare_site_up_to_date": "thirteen builds",
    "build/test_pieces.py::test_random_edits_match_cold_builds": "14 random edits, each compared with a cold build",
}
"""Slow folders, modules and tests that the other rules do not find, with the reason."""

PANDOC: tuple[str, ...] = (
    "dialect/test_against_pandoc.py",
    "dialect/test_grid_random.py",
    "dialect/test_math_random.py",
    "dialect/test_differences.py::test_pandoc",
)
"""Tests that run Pandoc without the ``pandoc`` fixture."""


def _check_listed(entries: Iterable[str]) -> None:
    for entry in entries:
        module, _, name = entry.partition("::")
        path = TESTS / module
        if not (path.is_dir() if module.endswith("/") else path.is_file()):
            raise pytest.UsageError(f"tests/conftest.py lists {entry!r}: there is no tests/{module}")
        if name and not re.search(rf"^def {re.escape(name)}\(", path.read_text("utf-8"), re.MULTILINE):
            raise pytest.UsageError(f"tests/conftest.py lists {entry!r}: tests/{module} has no {name}")


@functools.cache
def _module(path: Path) -> str:
    """``path`` as :data:`SLOW` and :data:`PANDOC` spell it: relative to ``tests/``."""
    resolved = path.resolve()
    return resolved.relative_to(TESTS).as_posix() if resolved.is_relative_to(TESTS) else resolved.as_posix()


def _where(item: pytest.Item) -> tuple[str, str]:
    """The module of ``item`` relative to ``tests/``, and the name of its test function."""
    return _module(item.path), getattr(item, "originalname", item.name)


def _listed(item: pytest.Item, entries: Iterable[str]) -> bool:
    module, name = _where(item)
    return any(
        entry == module or entry == f"{module}::{name}" or (entry.endswith("/") and module.startswith(entry))
        for entry in entries
    )


@functools.cache
def _cli_functions(path: Path) -> frozenset[str]:
    """The module-level functions of a test module that run the command line: those that call
    ``run_cli``, or a function of the module that does."""
    tree = ast.parse(path.read_text("utf-8"))
    calls = {
        node.name: {
            call.func.id for call in ast.walk(node) if isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
        }
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }
    found = {"run_cli"}
    while more := {name for name, called in calls.items() if name not in found and called & found}:
        found |= more
    return frozenset(found)


def _runs_the_cli(item: pytest.Item) -> bool:
    """Whether the test runs the command line itself (not through a fixture), outside ``tests/cli/``."""
    module, name = _where(item)
    return isinstance(item, pytest.Function) and not module.startswith("cli/") and name in _cli_functions(item.path)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Put the marks on by the rule above."""
    _check_listed([*SLOW, *PANDOC])
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if "pandoc" in fixtures or _listed(item, PANDOC):
            item.add_marker(pytest.mark.pandoc)
        hypothesis = getattr(getattr(item, "function", None), "is_hypothesis_test", False)
        if item.get_closest_marker("browser") or hypothesis or _runs_the_cli(item) or _listed(item, SLOW):
            item.add_marker(pytest.mark.slow)


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
