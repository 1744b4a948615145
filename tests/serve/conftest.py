"""Fixtures: a fake builder and a dev server running it on an ephemeral port."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from glossary_build.serve import DevServer

from .support import FakeBuilder


@pytest.fixture
def fake() -> FakeBuilder:
    return FakeBuilder()


@pytest.fixture
def echoed() -> list[str]:
    """What the server printed."""
    return []


@pytest.fixture
def server(fake: FakeBuilder, echoed: list[str]) -> Iterator[DevServer]:
    dev = DevServer(fake, port=0, echo=echoed.append)
    dev.start()
    try:
        yield dev
    finally:
        dev.stop()
