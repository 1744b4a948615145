"""Shared helpers for the dialect tests: the Markdown instance and fixture files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from glossary_build.parse.markdown import create_markdown
from glossary_build.parse.markdown.dialect import plugin as use_pandoc_dialect

HERE = Path(__file__).parent


def make_md(language: str = "de") -> MarkdownIt:
    """The instance the parser factory builds: every test runs the real configuration."""
    return create_markdown(language)


def make_dialect_md(language: str = "de") -> MarkdownIt:
    """CommonMark plus this package's plugins only, without the factory's other rules."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    use_pandoc_dialect(md, language=language)
    return md


@dataclass(frozen=True)
class Fixture:
    """One case of a fixture file."""

    path: Path
    line: int
    """1-based line of the title in the fixture file."""
    title: str
    source: str
    expected: str

    @property
    def id(self) -> str:
        """Test id that points at the fixture: ``file.md:12: title``."""
        return f"{self.path.name}:{self.line}: {self.title}"


def read_fixtures(path: Path) -> list[Fixture]:
    """Read markdown-it style fixtures: a title line, then input and expected, each ended by ``.``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    fixtures: list[Fixture] = []
    index = 0
    while index + 1 < len(lines):
        if lines[index].strip() and lines[index + 1] == ".":
            title_line = index
            source_end = lines.index(".", index + 2)
            expected_end = lines.index(".", source_end + 1)
            fixtures.append(Fixture(
                path, title_line + 1, lines[title_line],
                "\n".join(lines[index + 2 : source_end]) + "\n",
                "\n".join(lines[source_end + 1 : expected_end]) + "\n",
            ))
            index = expected_end + 1
        else:
            index += 1
    return fixtures
