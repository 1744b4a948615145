"""Fixtures shared by all tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support import pandoc_path


@pytest.fixture(scope="session")
def pandoc() -> str:
    """Path of the pandoc binary, or skip when there is none."""
    path = pandoc_path()
    if path is None:
        pytest.skip("pandoc is not installed (the test command installs pypandoc-binary)")
    return path


@pytest.fixture(scope="session", autouse=True)
def cache_key_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The key that seals cache files (glossary_build.store.sealing) lives in a folder of the test
    session, not in the user's cache folder; commands run by the tests inherit it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield
