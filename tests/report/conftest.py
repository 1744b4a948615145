"""Fixtures for the report tests: the sample glossary of :mod:`tests.report.support`."""

from __future__ import annotations

import pytest

from glossary_build.core.diagnostics import Diagnostic
from glossary_build.report import Summary

from .support import SOURCES, SUMMARY, sample_diagnostics


@pytest.fixture
def diagnostics() -> list[Diagnostic]:
    """A fresh copy of the sample findings."""
    return sample_diagnostics()


@pytest.fixture
def sources() -> dict[str, list[str]]:
    """A fresh copy of the sample sources."""
    return {path: list(lines) for path, lines in SOURCES.items()}


@pytest.fixture
def summary() -> Summary:
    """The sample summary."""
    return SUMMARY
