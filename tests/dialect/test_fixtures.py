"""Fixture-file tests: each case of ``fixtures/*.md`` renders to its expected HTML.

Files ending in ``_en.md`` are read with English quotes, ``_fr.md`` with French ones, all
others German.
A failure names the fixture file and the line of the case's title.
"""

from __future__ import annotations

import re

import pytest

from .support import HERE, Fixture, make_md, read_fixtures

# Pygments releases refine which token class a piece of code gets (s1 or s2)
# and whether '"' in code is written as &quot;; the fixtures state that code is
# highlighted, not a given release's choices.
_TOKEN_CLASS = re.compile(r'<span class="[a-z0-9]{1,3}">')


def _without_token_classes(html: str) -> str:
    return _TOKEN_CLASS.sub("<span>", html).replace("&quot;", '"')


FIXTURES = [f for path in sorted((HERE / "fixtures").glob("*.md")) for f in read_fixtures(path)]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.id for f in FIXTURES])
def test_fixture(fixture: Fixture) -> None:
    language = fixture.path.stem[-2:] if fixture.path.stem[-3:] in ("_en", "_fr") else "de"
    html = make_md(language).render(fixture.source)
    expected = _without_token_classes(fixture.expected)
    assert _without_token_classes(html) == expected, f"{fixture.path}:{fixture.line}: {fixture.title}"


def test_fixture_files_are_not_empty() -> None:
    assert len(FIXTURES) > 40
