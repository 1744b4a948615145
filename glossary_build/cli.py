"""The command line: parse options, call one library function, print, set the exit code.

Exit codes: 0 success, 1 findings at error level, 2 usage, config or I/O error.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class Context:
    """Options common to all commands."""

    def __init__(self, config_path: Path | None, verbosity: int) -> None:
        self.config_path = config_path
        self.verbosity = verbosity

    def load_config(self) -> Any:
        """The glossary's config; a config error ends the program with exit code 2."""
        from .config import ConfigError, load_config

        try:
            return load_config(self.config_path)
        except ConfigError as error:
            fail(str(error))

    def say(self, message: str, level: int = 0) -> None:
        """Print to stderr unless quieter than ``level``."""
        if self.verbosity >= level:
            click.echo(message, err=True)


def fail(message: str) -> None:
    """Print an error and exit with the usage/config/I-O code."""
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def common_options(command: F) -> F:
    """``--config``, ``-q`` and ``-v``, accepted by every command."""

    @click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                  help="Config file (default: glossary.yml in the current folder).")
    @click.option("-q", "--quiet", count=True, help="Print less (errors only).")
    @click.option("-v", "--verbose", count=True, help="Print more.")
    @functools.wraps(command)
    def wrapper(config_path: Path | None, quiet: int, verbose: int, **kwargs: Any) -> Any:
        parent = click.get_current_context().find_object(Context)
        if config_path is None and parent is not None:
            config_path = parent.config_path
        base = parent.verbosity if parent is not None else 0
        return command(Context(config_path, base + verbose - quiet), **kwargs)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="glossary-build")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (default: glossary.yml in the current folder).")
@click.option("-q", "--quiet", count=True, help="Print less (errors only).")
@click.option("-v", "--verbose", count=True, help="Print more.")
@click.pass_context
def main(ctx: click.Context, config_path: Path | None, quiet: int, verbose: int) -> None:
    """Build and check Pandoc-style Markdown glossaries."""
    ctx.obj = Context(config_path, verbose - quiet)


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: the config's `output`, `site/`).")
@common_options
def build(ctx: Context, out_dir: Path | None) -> None:
    """Build the static site."""
    from .output import OutputError
    from .pipeline import BuildError, build as run_build

    config = ctx.load_config()
    try:
        result = run_build(config, out_dir)
    except (BuildError, OutputError, OSError) as error:
        fail(str(error))
    _print_diagnostics(ctx, result.glossary)
    ctx.say(f"built {len(result.glossary.graph.entries)} terms, {result.files} files into {result.output_dir}", 0)


@main.command()
@common_options
def check(ctx: Context) -> None:
    """Check every entry and cross-reference; exit 1 when there are errors."""
    from .pipeline import BuildError, check as run_check

    config = ctx.load_config()
    try:
        glossary = run_check(config)
    except (BuildError, OSError) as error:
        fail(str(error))
    _print_diagnostics(ctx, glossary, to_stdout=True)
    sys.exit(EXIT_FINDINGS if glossary.has_errors else EXIT_OK)


def _print_diagnostics(ctx: Context, glossary: Any, to_stdout: bool = False) -> None:
    from .diagnostics import Severity

    shown = [d for d in glossary.diagnostics if ctx.verbosity >= 0 or d.severity is Severity.ERROR]
    for diagnostic in shown:
        click.echo(diagnostic.format(), err=not to_stdout)
        if diagnostic.hint and ctx.verbosity >= 0:
            click.echo(f"  = hint: {diagnostic.hint}", err=not to_stdout)
    if ctx.verbosity >= 0:
        counts = {s: sum(1 for d in glossary.diagnostics if d.severity is s) for s in Severity}
        ctx.say(
            f"{counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
            f"{counts[Severity.INFO]} infos in {len(glossary.graph.entries)} entries "
            f"({glossary.reference_count} references)"
        )
