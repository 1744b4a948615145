"""Fixtures shared by all tests."""

from __future__ import annotations

import pytest

from support import pandoc_path


@pytest.fixture(scope="session")
def pandoc() -> str:
    """Path of the pandoc binary, or skip when there is none."""
    path = pandoc_path()
    if path is None:
        pytest.skip("pandoc is not installed (the test command installs pypandoc-binary)")
    return path
