"""The pipeline, as a library: sources -> entries -> term graph -> diagnostics -> pages -> output.

:func:`load` gathers and checks everything without rendering; ``check`` is
exactly that.  :func:`build` goes on to render the site in memory and only
then writes it, so a glossary with errors in one file still gets every file
checked, and nothing is written before everything is known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import diagnostics as diag
from .checks import run_checks
from .config import Config
from .diagnostics import Diagnostic, Span
from .graph import TermGraph, build_graph
from .markdown import create_markdown
from .model import ParsedFile
from .parser import parse_source
from .render.site import render_site
from .render.theme import load_theme
from .rules import apply_levels
from .sources import Source, discover, outside_link, read_source


class BuildError(Exception):
    """The build cannot go on (no entries folder, output not writable, ...)."""


@dataclass(frozen=True)
class Glossary:
    """A glossary read and checked: the result of :func:`load`."""

    config: Config
    """The configuration it was read with."""
    files: tuple[ParsedFile, ...]
    """Every parsed file, in path order."""
    graph: TermGraph
    """The term graph."""
    diagnostics: tuple[Diagnostic, ...]
    """Every finding, configured levels applied, sorted by position."""

    @property
    def sources(self) -> dict[str, tuple[str, ...]]:
        """Lines of each file, for source excerpts in reports."""
        return {parsed.path: parsed.lines for parsed in self.files}

    @property
    def reference_count(self) -> int:
        """Number of cross-references in all entries."""
        return sum(len(entry.references) for entry in self.graph.entries.values())

    @property
    def has_errors(self) -> bool:
        """True when any finding is an error."""
        return diag.worst(list(self.diagnostics)) == diag.Severity.ERROR


@dataclass(frozen=True)
class BuildResult:
    """What :func:`build` did."""

    glossary: Glossary
    """The glossary that was built."""
    output_dir: Path
    """Where the site was written."""
    files: int
    """Number of files in the site."""


def read_sources(config: Config) -> tuple[list[Source], list[Diagnostic]]:
    """Read every entry file; undecodable files become diagnostics."""
    if not config.entries_dir.is_dir():
        raise BuildError(f"entries folder '{config.entries}' not found in {config.root}")
    sources: list[Source] = []
    problems: list[Diagnostic] = []
    for relative, absolute in discover(config.entries_dir, config.root):
        if (outside := outside_link(absolute, config.root, config.entries_dir)) is not None:
            problems.append(outside)
            continue
        try:
            data = absolute.read_bytes()
        except OSError as error:
            problems.append(_unreadable(relative, error))
            continue
        result = read_source(relative, data)
        (problems if isinstance(result, Diagnostic) else sources).append(result)  # type: ignore[arg-type]
    return sources, problems


def _unreadable(path: str, error: OSError) -> Diagnostic:
    return Diagnostic("io-error", diag.Severity.ERROR, f"cannot read file: {error.strerror}", Span(path, 1, 1))


def parse_sources(sources: Sequence[Source], config: Config) -> list[ParsedFile]:
    """Parse every source with one parser instance."""
    md = create_markdown(config.language, trusted_html=config.trusted_html)
    return [parse_source(source.path, source.text, md) for source in sources]


def load(config: Config) -> Glossary:
    """Read, parse, link and check the glossary; render nothing."""
    sources, problems = read_sources(config)
    files = parse_sources(sources, config)
    graph = build_graph(files)
    found = problems + [d for parsed in files for d in parsed.diagnostics] + run_checks(graph)
    ordered = sorted(apply_levels(found, config.rules), key=diag.sort_key)
    return Glossary(config, tuple(files), graph, tuple(ordered))


def check(config: Config) -> Glossary:
    """``glossary-build check``: the build without rendering and writing."""
    return load(config)


def render(glossary: Glossary) -> dict[str, bytes]:
    """The whole site in memory."""
    return render_site(glossary.graph, glossary.config, load_theme(glossary.config.root))


def build(config: Config, output_dir: Path | None = None) -> BuildResult:
    """Load, render and write the site to ``output_dir`` (default: the configured output)."""
    glossary = load(config)
    files = render(glossary)
    target = (output_dir or config.output_dir).resolve()
    from .output import write_site

    write_site(files, target, glossary_dir=config.root, entries_dir=config.entries_dir)
    return BuildResult(glossary, target, len(files))
