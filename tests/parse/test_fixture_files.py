"""Fixture files for the entry parser and for the findings of ``check``.

Both kinds are markdown-it style fixture files, read by the dialect tests'
``read_fixtures``: a title line, ``.``, the input, ``.``, the expected
output, ``.``.  A failing case is named ``file.md:line: title``, the line of
its title.

``fixtures/parser/cases/*.md`` (a folder of their own: ``fixtures/parser/*.md``
are the YAML-pair fixtures of ``test_parser_fixtures.py``): the input is one
entry file, read as ``entries/a.md``; the output is what the parser reads
out of it, one fact a line (section ids are the final anchors, de-duplicated
over the file as Pandoc does)::

    entry <id> h<level> @<first line>-<last line> [.<class> ...]
      title: <plain text>                 (then "title html:" when it has markup)
      tagline: <html>
      definition: <plain text>
      section h<level> @<line> #<anchor> [(auto)] [.<class> ...]
      see-also <target> @<line>:<col>     (or "see-also text <html> @<line>:<col>")
      ref <inline|see-also> <target> "<link text>" @<line>:<col> [local]
      stray: <html>
    <line>:<col>: <level>[<code>]         (the file's own findings, in report order)

``fixtures/diagnostics/*.md``: the input is a glossary.  A line
``=== <name>`` starts a file: ``glossary.yml`` is the configuration, any
other name a file in ``entries/``.  Input without such a line is
``entries/a.md``.  Blank lines before the next ``===`` line are not part
of the file.  The output is every finding as ``glossary-build check``
prints it (path relative to the glossary, hints and notes below it; no
source excerpts); an empty output means that ``check`` finds nothing.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from glossary_build.build.pipeline import check
from glossary_build.core.config import load_config
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.model import Entry, ParsedFile, SeeAlsoItem
from glossary_build.graph.terms import TermGraph, build_graph
from glossary_build.parse.entries import parse_source
from glossary_build.parse.markdown import create_markdown
from glossary_build.parse.markdown.placeholders import PLACEHOLDER
from glossary_build.report.common import ordered
from glossary_build.sources.files import normalize_text
from tests.dialect.support import Fixture, read_fixtures
from tests.support import FIXTURES

PARSER = [f for p in sorted((FIXTURES / "parser" / "cases").glob("*.md")) for f in read_fixtures(p)]
DIAGNOSTICS = [f for p in sorted((FIXTURES / "diagnostics").glob("*.md")) for f in read_fixtures(p)]
FILE_HEADER = re.compile(r"^=== (\S+)$")


@pytest.mark.parametrize("fixture", PARSER, ids=[f.id for f in PARSER])
def test_parser_fixture(fixture: Fixture) -> None:
    parsed = parse_source("entries/a.md", normalize_text(fixture.source), markdown())
    where = f"{fixture.path}:{fixture.line}: {fixture.title}"
    assert describe_file(parsed) == expected_text(fixture), where


@pytest.mark.parametrize("fixture", DIAGNOSTICS, ids=[f.id for f in DIAGNOSTICS])
def test_diagnostics_fixture(fixture: Fixture, tmp_path: Path) -> None:
    for name, text in split_files(fixture.source).items():
        path = tmp_path / name if name == "glossary.yml" else tmp_path / "entries" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    glossary = check(load_config(cwd=tmp_path), use_cache=False)
    printed = "".join(report_lines(d) for d in ordered(glossary.diagnostics))
    assert printed == expected_text(fixture), f"{fixture.path}:{fixture.line}: {fixture.title}"


def test_there_are_enough_cases() -> None:
    assert len(PARSER) >= 40
    assert len(DIAGNOSTICS) >= 30


@functools.cache
def markdown() -> MarkdownIt:
    """One parser for all cases: building it costs more than parsing a case."""
    return create_markdown()


def expected_text(fixture: Fixture) -> str:
    """The expected output; an empty block (read as one line break) means none."""
    return "" if fixture.expected == "\n" else fixture.expected


def split_files(source: str) -> dict[str, str]:
    """The files of a diagnostics fixture's input, by name (see the module docstring)."""
    files: dict[str, list[str]] = {}
    current = files.setdefault("a.md", []) if not source.startswith("=== ") else []
    for line in source.rstrip("\n").split("\n"):
        header = FILE_HEADER.match(line)
        if header:
            current = files.setdefault(header.group(1), [])
        else:
            current.append(line)
    return {name: "\n".join(lines).rstrip("\n") + "\n" for name, lines in files.items()}


def report_lines(diagnostic: Diagnostic) -> str:
    """A finding as ``check`` prints it, without the source excerpt."""
    text = diagnostic.format() + "\n"
    if diagnostic.hint:
        text += f"  = hint: {diagnostic.hint}\n"
    for related in diagnostic.related:
        text += f"  = note: {related.span}: {related.message}\n"
    return text


def describe_file(parsed: ParsedFile) -> str:
    """Everything a parser fixture states about one file, as its expected text."""
    graph = build_graph([parsed])
    lines = [line for entry in parsed.entries for line in describe_entry(entry, graph)]
    for diagnostic in ordered(parsed.diagnostics):
        span = diagnostic.span
        lines.append(f"{span.line}:{span.column}: {diagnostic.severity.label}[{diagnostic.code}]")
    return "".join(line + "\n" for line in lines)


def describe_entry(entry: Entry, graph: TermGraph) -> list[str]:
    """The lines of one entry (see the module docstring)."""
    heading = entry.heading
    where = f"@{heading.span.line}-{entry.end_line}"
    lines = [
        f"entry {entry.id} h{heading.level} {where}{_classes(heading.classes)}",
        f"  title: {entry.title_text}",
    ]
    if heading.title_html != html.escape(heading.title_text, quote=False):
        lines.append(f"  title html: {_shown(heading.title_html)}")
    lines += [f"  tagline: {_shown(tagline)}" for tagline in entry.taglines_html]
    if entry.definition_text:
        lines.append(f"  definition: {entry.definition_text}")
    for section, anchor in zip(entry.sections, _anchors(entry, graph)):
        auto = "" if section.heading.explicit_id else " (auto)"
        lines.append(
            f"  section h{section.heading.level} @{section.heading.span.line} #{anchor}{auto}"
            f"{_classes(section.heading.classes)}"
        )
    lines += [f"  {_see_also(entry, item)}" for item in entry.see_also]
    for ref in entry.references:
        local = " local" if ref.local else ""
        where = f"@{ref.span.line}:{ref.span.column}"
        lines.append(f'  ref {ref.kind.value} {ref.target} "{ref.text}" {where}{local}')
    if entry.stray_html:
        lines.append(f"  stray: {_shown(entry.stray_html)}")
    return lines


def _anchors(entry: Entry, graph: TermGraph) -> tuple[str, ...]:
    """The final anchors of the entry's sections, also for a later copy of an id."""
    if graph.entries.get(entry.id) is entry:
        return graph.anchors[entry.id]
    copies = (copy for group in graph.copies.values() for copy in group)
    return next(copy.anchors for copy in copies if copy.entry is entry)


def _see_also(entry: Entry, item: SeeAlsoItem) -> str:
    where = f"@{item.span.line}:{item.span.column}" if item.span else "@?"
    if item.reference_index is None:
        return f"see-also text {_shown(item.html)} {where}"
    return f"see-also {entry.references[item.reference_index].target} {where}"


def _classes(classes: tuple[str, ...]) -> str:
    return "".join(f" .{name}" for name in classes)


def _shown(fragment: str) -> str:
    """HTML on one line, a reference's placeholders shown as ``<ref n>`` ... ``</ref>``."""
    marked = PLACEHOLDER.sub(lambda m: "</ref>" if m.group(1) else f"<ref {m.group(2)}>", fragment)
    return marked.strip().replace("\n", " ")
