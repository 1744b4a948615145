"""The command line: parse options, call one library function, print, set the exit code.

Exit codes: 0 success, 1 findings at error level, 2 usage, config or I/O error.
"""

from __future__ import annotations

import functools
import os
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
        from glossary_build.store.sealing import key_problem

        if (problem := key_problem()) is not None:
            fail(problem)
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


def single_language(config: Any, what: str) -> None:
    """Exit 2 when ``what`` (a command or option) cannot handle ``config``'s multilingual
    glossary yet, before any work: no result is better than a wrong one."""
    if config.multilingual:
        from glossary_build.build.languages import single_language as refuse
        from glossary_build.sources.inputs import BuildError

        try:
            refuse(config, what)
        except BuildError as error:
            fail(str(error))


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
@click.option("--changed-since", "changed_since", metavar="REF",
              help="Report only what the change since REF (git; its merge base with HEAD) is answerable for: "
                   "findings in changed files, and links anywhere into ids it removed or renamed.")
@click.option("--wanted", is_flag=True,
              help="List the missing ids, most referenced first, with the entries that refer to them "
                   "(text, or JSON with --format json).")
@click.option("--fix", "fix_mode", is_flag=False, flag_value="safe", default=None,
              type=click.Choice(["safe", "deprecated"]),
              help="Fix in place, then report what remains: links to old ids, case-only mismatches, "
                   "missing reciprocal see-also items; --fix=deprecated also points links to deprecated "
                   "terms to their successors.")
@no_cache_option
@common_options
def check(
    ctx: Context,
    format_name: str,
    output_file: Path | None,
    baseline: Path | None,
    write_baseline: Path | None,
    strict: bool,
    changed_since: str | None = None,
    wanted: bool = False,
    no_cache: bool = False,
    fix_mode: str | None = None,
) -> None:
    """Check every entry and cross-reference; exit 1 when there are errors."""
    from glossary_build.build.pipeline import BuildError
    from glossary_build.build.pipeline import check as run_check
    from glossary_build.core.progress import for_terminal
    from glossary_build.report import Summary, report_check, should_use_color
    from glossary_build.report.baseline import BaselineError

    if wanted and format_name not in ("text", "json"):
        fail("--wanted prints 'text' or 'json', not '" + format_name + "'")
    if wanted and (baseline or write_baseline or strict or changed_since):
        fail("--wanted cannot be combined with --baseline, --write-baseline, --strict or --changed-since")
    if wanted and fix_mode:
        fail("--wanted cannot be combined with --fix")
    config = ctx.load_config()
    options = {"check --fix": fix_mode, "check --wanted": wanted, "check --changed-since": changed_since}
    for option, given in options.items():
        if given:
            single_language(config, option)
    try:
        if fix_mode:
            glossary = _fix(ctx, config, fix_mode, use_cache=not no_cache)
        else:
            glossary = run_check(config, use_cache=not no_cache, progress=for_terminal(ctx.verbosity < 0))
    except (BuildError, OSError) as error:
        fail(str(error))
    if wanted:
        _print_wanted(glossary, format_name, output_file)
        return
    def shown() -> list[Any]:  # asked for only when the report is not kept (see report_check)
        if changed_since is not None:
            return _answerable_since(ctx, config, changed_since, glossary)
        return _visible(ctx, glossary.diagnostics)

    summary = Summary(glossary.entry_count, glossary.reference_count, glossary.file_count)
    quiet = ctx.verbosity < 0
    color = output_file is None and format_name == "text" and should_use_color(sys.stdout)
    try:
        outcome = report_check(
            shown, summary, sources=glossary.sources, format_name=format_name, color=color,
            strict=strict, baseline=baseline, write_baseline_to=write_baseline,
            memo=None if changed_since else glossary.memo, visible="errors" if quiet else "all",
            by_file=None if changed_since else functools.partial(glossary.findings_by_file, errors_only=quiet),
        )
    except (BaselineError, OSError) as error:
        fail(str(error))
    if outcome.note:
        ctx.say(outcome.note)
    if output_file is not None:
        output_file.write_bytes(outcome.encoded)
    else:
        click.echo(outcome.encoded, nl=False)
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


def _answerable_since(ctx: Context, config: Any, ref: str, glossary: Any) -> list[Any]:
    """The shown findings the change since ``ref`` is answerable for, decoding only the kept
    ones that may be; a git failure exits 2."""
    from glossary_build.build.pipeline import BuildError, change_scope_since
    from glossary_build.checks.scope import in_scope, may_answer

    try:
        scope = change_scope_since(config, ref)
    except BuildError as error:
        fail(f"--changed-since {ref}: {error}")
    grouped = glossary.findings_by_file(errors_only=ctx.verbosity < 0)
    if grouped is None:
        return in_scope(_visible(ctx, glossary.diagnostics), scope)
    return in_scope(grouped.among(functools.partial(may_answer, scope=scope)), scope)


def _fix(ctx: Context, config: Any, mode: str, *, use_cache: bool) -> Any:
    """``check --fix``: make the fixes, say each on standard error; the glossary checked afterwards."""
    from glossary_build.build.editing import fix
    from glossary_build.core.progress import for_terminal
    from glossary_build.edit.fix import FixMode
    from glossary_build.edit.source import EditError

    try:
        result = fix(config, FixMode(mode), use_cache=use_cache, progress=for_terminal(ctx.verbosity < 0))
    except EditError as error:
        fail(str(error))
    _say_notes(ctx, result.plan)
    changed = len(result.plan.notes)
    ctx.say(f"made {changed} change{'s' * (changed != 1)} in {len(result.plan.changes)} "
            f"file{'s' * (len(result.plan.changes) != 1)}" if changed else "nothing to fix")
    return result.glossary


def _say_notes(ctx: Context, plan: Any, *, out: bool = False) -> None:
    """Each change of an edit (on standard output with ``out``), then what was left as it is."""
    for note in plan.notes:
        _tell(ctx, note.format(), out)
    for note in plan.skipped:
        ctx.say(f"{note.path}:{note.line}: left as it is: {note.text}")


def _tell(ctx: Context, line: str, out: bool) -> None:
    """Print ``line`` on standard output, or (unless ``-q``) on standard error."""
    if out:
        click.echo(line)
    else:
        ctx.say(line)


@main.command()
@click.argument("old")
@click.argument("new")
@click.option("--dry-run", is_flag=True, help="Print the changes as a unified diff; write nothing.")
@no_cache_option
@common_options
def rename(ctx: Context, old: str, new: str, dry_run: bool, no_cache: bool) -> None:
    """Rename the term OLD to NEW: its heading (OLD kept in formerly) and every link to it."""
    from glossary_build.build.editing import rename as run_rename
    from glossary_build.build.pipeline import BuildError
    from glossary_build.edit.rename import RenameError
    from glossary_build.edit.source import EditError

    config = ctx.load_config()
    single_language(config, "rename")
    try:
        renamed = run_rename(config, old, new, dry_run=dry_run, use_cache=not no_cache)
    except (RenameError, EditError, BuildError, OSError) as error:
        fail(str(error))
    if dry_run:
        click.echo(renamed.plan.diff(), nl=False)
    _say_notes(ctx, renamed.plan, out=not dry_run)
    _tell(ctx, renamed.summary(old, new, written=not dry_run), not dry_run)


@main.command()
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default and only way; accepted "
              "because editors pass it).")
@common_options
def lsp(ctx: Context, stdio: bool) -> None:
    """Run the language server for editors, on stdin/stdout."""
    from glossary_build.core.config import ConfigError, load_config
    from glossary_build.lsp.server import run

    try:
        single_language(load_config(ctx.config_path), "lsp")
    except ConfigError:
        pass  # the server reports a broken configuration to the editor
    run(ctx.config_path, Path.cwd())


def _print_wanted(glossary: Any, format_name: str, output_file: Path | None) -> None:
    """``check --wanted``: the missing ids as text or JSON; always exit 0."""
    from glossary_build.graph.wanted import format_wanted_json, format_wanted_text, wanted_terms

    terms = wanted_terms(glossary.graph)
    text = format_wanted_json(terms) if format_name == "json" else format_wanted_text(terms)
    _emit(text, output_file)


def _emit(text: str, output_file: Path | None) -> None:
    """Write ``text`` to ``output_file``, or to standard output; an I/O error exits 2.

    The file is written beside its place and renamed into it, so an interrupted run
    leaves the previous file, never half of a new one.
    """
    if output_file is None:
        click.echo(text, nl=False)
        return
    partial = output_file.with_name(f".{output_file.name}.{os.getpid()}.partial")
    try:
        partial.write_text(text, encoding="utf-8", newline="\n")
        os.replace(partial, output_file)
    except OSError as error:
        partial.unlink(missing_ok=True)
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
    single_language(config, "graph")
    try:
        glossary = run_check(config)
    except (BuildError, OSError) as error:
        fail(str(error))
    _emit(graph_dot(glossary.graph) if format_name == "dot" else graph_json(glossary.graph), output_file)


EXPORT_FORMATS = ("skos", "jsonld", "tbx", "csv", "json")
"""``export --format``: the keys of :data:`glossary_build.export.FORMATS` (not imported here,
so the command line starts without loading the exporters)."""


@main.command()
@click.option("--format", "format_name", type=click.Choice(EXPORT_FORMATS), required=True,
              help="skos: SKOS in Turtle; jsonld: SKOS in JSON-LD; tbx: TBX-Basic (TBX v3); "
                   "csv: one row per term; json: docs/export-json-schema.json.")
@click.option("--output", "output_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the export to FILE instead of standard output.")
@click.option("--drafts", is_flag=True, help="Export draft terms too (left out, as by build).")
@common_options
def export(ctx: Context, format_name: str, output_file: Path | None, drafts: bool) -> None:
    """Export the terms for terminology tools: SKOS, TBX-Basic, CSV or JSON."""
    from glossary_build.build.pipeline import BuildError
    from glossary_build.build.pipeline import check as run_check
    from glossary_build.core.diagnostics import Severity
    from glossary_build.export import export_terms

    config = ctx.load_config()
    single_language(config, "export")
    try:
        glossary = run_check(config)
    except (BuildError, OSError) as error:
        fail(str(error))
    exported = export_terms(glossary.graph, config, format_name, drafts=drafts)
    _emit(exported.text, output_file)
    errors = sum(1 for d in glossary.diagnostics if d.severity is Severity.ERROR)
    if errors:
        ctx.say(f"note: the glossary has {errors} error{'s' if errors > 1 else ''}; "
                "'glossary-build check' lists them")
    if exported.left_out:
        count = len(exported.left_out)
        shown = ", ".join(exported.left_out[:5]) + (", ..." if count > 5 else "")
        ctx.say(f"left out {count} draft{'s' if count > 1 else ''} ({shown}); --drafts exports them")
    ctx.say(f"exported {exported.terms} terms as {format_name}", 1)


@main.command()
@click.option("--format", "format_name", type=click.Choice(["text", "json", "markdown"]),
              help="Report format (default: text); markdown suits a CI job summary, json follows "
              "docs/translations-json-schema.json.")
@click.option("--output", "output_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE instead of standard output.")
@click.option("--mark", "mark_language", metavar="LANG",
              help="Record that the translations ID... of LANG follow their source entries as they are now.")
@click.option("--all", "mark_all", is_flag=True, help="With --mark: every translated entry of LANG.")
@click.argument("ids", nargs=-1, metavar="[ID]...")
@common_options
def translations(
    ctx: Context, format_name: str | None, output_file: Path | None, mark_language: str | None, mark_all: bool,
    ids: tuple[str, ...],
) -> None:
    """Show which translations are current, outdated or missing; --mark records them up to date."""
    from glossary_build.build.translations import TranslationsError, translation_status
    from glossary_build.edit.source import EditError
    from glossary_build.report.translations import FORMATS
    from glossary_build.sources.inputs import BuildError

    if mark_language is None and (ids or mark_all):
        fail("ids and --all go with --mark LANG: glossary-build translations --mark LANG ID...")
    if mark_language is not None and bool(ids) == mark_all:
        if mark_all:
            fail("--mark LANG takes the ids to mark, or --all (not both)")
        fail("--mark LANG needs the ids to mark, or --all for every translated entry")
    if mark_language is not None and (format_name or output_file):
        fail("--format and --output are for the report; --mark prints what it marked")
    config = ctx.load_config()
    try:
        if mark_language is not None:
            _mark(ctx, config, mark_language, None if mark_all else ids)
            return
        status = translation_status(config)
    except (TranslationsError, EditError, BuildError, OSError) as error:
        fail(str(error))
    _emit(FORMATS[format_name or "text"](status.coverage), output_file)


def _mark(ctx: Context, config: Any, language: str, ids: tuple[str, ...] | None) -> None:
    """``translations --mark``: mark, then say what was marked (and what was left out)."""
    from glossary_build.build.translations import mark
    from glossary_build.graph.translations import Status, changed_phrase

    result = mark(config, language, ids)
    for finding in result.dropped:
        ctx.say(f"left out the record of '{finding.get('id')}' ({finding.get('language')}): {finding.get('gone')}")
    for state in result.states:
        if state.status is Status.CURRENT:
            click.echo(f"{language}/{state.id}: already up to date")
        elif state.marked:
            click.echo(f"{language}/{state.id}: marked up to date (the source had changed its "
                       f"{changed_phrase(state.changed)})")
        else:
            click.echo(f"{language}/{state.id}: marked up to date (never marked before)")
    if not result.states:
        ctx.say(f"{language} has no translations to mark")
    elif not result.written:
        ctx.say("translations.yml already says so; nothing was written")


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
    from glossary_build.report import Summary, format_text, report_check, should_use_color

    color = should_use_color(sys.stderr)
    if ctx.verbosity < 0:  # errors only: the report of `check -q`, made of its kept parts
        summary = Summary(glossary.entry_count, glossary.reference_count, glossary.file_count)
        outcome = report_check(
            lambda: _visible(ctx, glossary.diagnostics), summary, sources=glossary.sources, color=color,
            memo=glossary.memo, visible="errors",
            by_file=functools.partial(glossary.findings_by_file, errors_only=True),
        )
        if outcome.exit_code:  # there are errors
            click.echo(outcome.encoded, err=True, nl=False)
        return
    counted = _visible(ctx, glossary.diagnostics)
    shown = counted if ctx.verbosity > 0 else [d for d in counted if d.severity is not Severity.INFO]
    summary = Summary(glossary.entry_count, glossary.reference_count, glossary.file_count)
    report = format_text(shown, summary, sources=glossary.sources, color=color, counted=counted)
    click.echo(report, err=True, nl=False)
    hidden = len(counted) - len(shown)
    if hidden:
        ctx.say(f"{hidden} info{'s' if hidden > 1 else ''} not shown: "
                "'glossary-build check' lists every finding ('build -v' shows them too)")
