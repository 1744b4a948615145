"""``rename`` and ``check --fix`` through the pipeline: load, plan the edits, write them all or
none, and (for a fix) check again."""

from __future__ import annotations

from dataclasses import dataclass

from glossary_build.build.languages import single_language
from glossary_build.build.parallel import markdown_options
from glossary_build.build.pipeline import Glossary, check
from glossary_build.core.config import Config
from glossary_build.core.progress import Progress
from glossary_build.edit.fix import FixMode, plan_fixes
from glossary_build.edit.plan import Plan
from glossary_build.edit.rename import Renamed, plan_rename
from glossary_build.parse.markdown import create_markdown

__all__ = ["FixResult", "fix", "rename"]


def rename(config: Config, old: str, new: str, *, dry_run: bool = False, use_cache: bool = True) -> Renamed:
    """Rename entry ``old`` to ``new`` in every entry file (with ``dry_run``, only plan it).

    Raises :class:`~glossary_build.edit.rename.RenameError` when refused and
    :class:`~glossary_build.edit.source.EditError` when a file cannot be edited;
    either way nothing is written; :class:`~glossary_build.sources.inputs.BuildError` for a
    multilingual glossary (not supported yet).
    """
    single_language(config, "rename")
    glossary = check(config, use_cache=use_cache)
    md = create_markdown(**markdown_options(config))
    renamed = plan_rename(glossary.files, glossary.graph, config.root, md, old, new)
    if not dry_run:
        renamed.plan.write()
    return renamed


@dataclass(frozen=True)
class FixResult:
    """What ``check --fix`` changed, and the glossary checked afterwards."""

    plan: Plan
    """The changes made (and what was left as it was)."""
    glossary: Glossary
    """The glossary as checked after the changes."""


def fix(
    config: Config, mode: FixMode = FixMode.SAFE, *, use_cache: bool = True, progress: Progress | None = None
) -> FixResult:
    """Apply the mechanical fixes of the findings in place, then check again (a multilingual
    glossary is not supported yet: :class:`~glossary_build.sources.inputs.BuildError`)."""
    single_language(config, "check --fix")
    glossary = check(config, use_cache=use_cache, progress=progress)
    md = create_markdown(**markdown_options(config))
    plan = plan_fixes(glossary.diagnostics, glossary.graph, config.root, md, mode)
    if not plan.changes:
        return FixResult(plan, glossary)
    plan.write()
    return FixResult(plan, check(config, use_cache=use_cache, progress=progress))
