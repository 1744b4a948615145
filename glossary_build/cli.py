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

from glossary_build import __version__

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class Context:
    """Options common to all commands."""

    def __init__(self, config_path: Path | None, verbosity: int) -> None:
        self.config_path = config_path
        self.verbosity = verbosity

    def load_config(self) -> Any:
        """The glossary's config; a config error ends the program with exit code 2."""
        from glossary_build.core.config import ConfigError, load_config

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


no_cache_option = click.option(
    "--no-cache", is_flag=True, help="Neither use nor update the build cache (.glossary-cache/)."
)


drafts_option = click.option(
    "--drafts", is_flag=True, help="Put the entries with status=draft on the site too (they are checked either way)."
)


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: the config's `output`, `site/`).")
@no_cache_option
@drafts_option
@common_options
def build(ctx: Context, out_dir: Path | None, no_cache: bool, drafts: bool = False) -> None:
    """Build the static site."""
    from glossary_build.build.pipeline import BuildError
    from glossary_build.build.pipeline import build as run_build
    from glossary_build.build.write import OutputError
    from glossary_build.core.progress import for_terminal

    config = ctx.load_config()
    try:
        result = run_build(
            config, out_dir, use_cache=not no_cache, progress=for_terminal(ctx.verbosity < 0),
            infos=ctx.verbosity >= 0,  # -q shows errors only: the info rules need not run
            drafts=drafts,
        )
    except (BuildError, OutputError, OSError) as error:
        fail(str(error))
    _print_diagnostics(ctx, result.glossary)
    rendered = len(result.rendered)
    ctx.say(
        f"built {result.glossary.entry_count} terms ({rendered} pages rendered, {result.unchanged} unchanged) "
        f"in {result.seconds:.2f} s into {result.output_dir}",
        0,
    )


@main.command()
@click.option("--format", "format_name", type=click.Choice(["text", "github", "json", "sarif"]),
              default="text", show_default=True, help="Report format.")
@click.option("--output", "output_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE instead of standard output.")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Accept the findings recorded in FILE; fail only on new ones.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record today's findings in FILE and pass.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--wanted", is_flag=True,
              help="List the missing ids, most referenced first, with the entries that refer to them "
                   "(text, or JSON with --format json).")
@no_cache_option
@common_options
def check(
    ctx: Context,
    format_name: str,
    output_file: Path | None,
    baseline: Path | None,
    write_baseline: Path | None,
    strict: bool,
    wanted: bool = False,
    no_cache: bool = False,
) -> None:
    """Check every entry and cross-reference; exit 1 when there are errors."""
    from glossary_build.build.pipeline import BuildError
    from glossary_build.build.pipeline import check as run_check
    from glossary_build.core.progress import for_terminal
    from glossary_build.report import Summary, report_check, should_use_color
    from glossary_build.report.baseline import BaselineError

    if wanted and format_name not in ("text", "json"):
        fail("--wanted prints 'text' or 'json', not '" + format_name + "'")
    if wanted and (baseline or write_baseline or strict):
        fail("--wanted cannot be combined with --baseline, --write-baseline or --strict")
    config = ctx.load_config()
    try:
        glossary = run_check(config, use_cache=not no_cache, progress=for_terminal(ctx.verbosity < 0))
    except (BuildError, OSError) as error:
        fail(str(error))
    if wanted:
        _print_wanted(glossary, format_name, output_file)
        return
    shown = _visible(ctx, glossary.diagnostics)
    summary = Summary(glossary.entry_count, glossary.reference_count, glossary.file_count)
    color = output_file is None and format_name == "text" and should_use_color(sys.stdout)
    try:
        outcome = report_check(
            shown, summary, sources=glossary.sources, format_name=format_name, color=color,
            strict=strict, baseline=baseline, write_baseline_to=write_baseline,
            memo=glossary.memo, visible="errors" if ctx.verbosity < 0 else "all",
        )
    except (BaselineError, OSError) as error:
        fail(str(error))
    if outcome.note:
        ctx.say(outcome.note)
    if output_file is not None:
        output_file.write_text(outcome.output, encoding="utf-8", newline="\n")
    else:
        click.echo(outcome.output, nl=False)
    sys.exit(outcome.exit_code)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in the browser.")
@drafts_option
@common_options
def serve(ctx: Context, host: str, port: int, open_browser: bool, drafts: bool = False) -> None:
    """Serve the site with live reload; rebuild on every save."""
    from glossary_build.serve import serve as run_server
    from glossary_build.serve.source import PipelineRebuild

    ctx.load_config()  # a broken config is reported before anything starts
    builder = PipelineRebuild(ctx.config_path, Path.cwd(), drafts=drafts)
    run_server(builder, watch_paths=builder.watch_paths(), host=host, port=port,
               open_browser=open_browser, echo=lambda line: ctx.say(line))


def _print_wanted(glossary: Any, format_name: str, output_file: Path | None) -> None:
    """``check --wanted``: the missing ids as text or JSON; always exit 0."""
    from glossary_build.graph.wanted import format_wanted_json, format_wanted_text, wanted_terms

    terms = wanted_terms(glossary.graph)
    text = format_wanted_json(terms) if format_name == "json" else format_wanted_text(terms)
    _emit(text, output_file)


def _emit(text: str, output_file: Path | None) -> None:
    """Write ``text`` to ``output_file``, or to standard output; an I/O error exits 2."""
    if output_file is None:
        click.echo(text, nl=False)
        return
    try:
        output_file.write_text(text, encoding="utf-8", newline="\n")
    except OSError as error:
        fail(f"cannot write {output_file}: {error.strerror}")


@main.command()
@click.option("--format", "format_name", type=click.Choice(["json", "dot"]), default="json",
              show_default=True, help="JSON (docs/graph-json-schema.json) or Graphviz DOT.")
@click.option("--output", "output_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the graph to FILE instead of standard output.")
@common_options
def graph(ctx: Context, format_name: str, output_file: Path | None) -> None:
    """Print the term graph: entries, sections and resolved references."""
    from glossary_build.build.pipeline import BuildError
    from glossary_build.build.pipeline import check as run_check
    from glossary_build.graph.export import graph_dot, graph_json

    config = ctx.load_config()
    try:
        glossary = run_check(config)
    except (BuildError, OSError) as error:
        fail(str(error))
    _emit(graph_dot(glossary.graph) if format_name == "dot" else graph_json(glossary.graph), output_file)


def _visible(ctx: Context, diagnostics: Any) -> list[Any]:
    """With ``-q``, only errors are reported."""
    from glossary_build.core.diagnostics import Severity

    return [d for d in diagnostics if ctx.verbosity >= 0 or d.severity is Severity.ERROR]


def _print_diagnostics(ctx: Context, glossary: Any) -> None:
    """Report a build's findings on standard error, in the text format.

    Errors and warnings are shown in full; infos (orphans, one-sided see-also lists) only
    as a count with the command that lists them, so a build's output stays readable
    (``-v`` shows them too; ``check`` always does).
    """
    from glossary_build.core.diagnostics import Severity
    from glossary_build.report import Summary, format_text, should_use_color

    counted = _visible(ctx, glossary.diagnostics)
    if not counted and ctx.verbosity < 0:
        return
    shown = counted if ctx.verbosity > 0 else [d for d in counted if d.severity is not Severity.INFO]
    summary = Summary(glossary.entry_count, glossary.reference_count, glossary.file_count)
    report = format_text(
        shown, summary, sources=glossary.sources, color=should_use_color(sys.stderr), counted=counted
    )
    click.echo(report, err=True, nl=False)
    hidden = len(counted) - len(shown)
    if hidden:
        ctx.say(f"{hidden} info{'s' if hidden > 1 else ''} not shown: "
                "'glossary-build check' lists every finding ('build -v' shows them too)")
