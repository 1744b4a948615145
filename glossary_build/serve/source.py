"""The real pipeline as the server's rebuild function: the whole site in memory, nothing written."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from glossary_build.core.config import Config, load_config
from glossary_build.serve.types import BuildOutcome
from glossary_build.sources.translation_lock import LOCK_FILE


class PipelineRebuild:
    """Rebuilds the glossary in memory for :func:`glossary_build.serve.serve`.

    The config is read again on every build, so edits to ``glossary.yml``
    take effect without a restart; a config error becomes a crash message in
    the browser overlay instead of ending the server.  Between builds a
    :class:`~glossary_build.serve.session.PreviewSession` keeps the parse
    results, the site and each page's fingerprint, so a save re-renders only
    the pages that show something of the changed file.
    """

    def __init__(self, config_path: Path | None, cwd: Path, *, drafts: bool = False) -> None:
        self.config_path = config_path
        self.cwd = cwd
        self.drafts = drafts
        """Show the entries with ``status=draft`` (``serve --drafts``)."""
        self._session: Any = None

    def config(self) -> Config:
        """The current configuration."""
        return load_config(self.config_path, cwd=self.cwd)

    def __call__(self, changed: Sequence[Path]) -> BuildOutcome:
        from glossary_build.serve.session import MultilingualSession, PreviewSession

        config = self.config()
        if self._session is None or self._session.config != config:
            # A new configuration renders everything; parse results still come from the cache.
            # Infos off: the browser shows errors and warnings.
            session = MultilingualSession if config.multilingual else PreviewSession
            self._session = session(config, drafts=self.drafts)
            changed = ()
        session = self._session
        if changed:
            quick = session.quick(changed)  # the saved entry's page first, when it can be
            if quick is not None:
                rebuild = functools.partial(session.rebuild, changed, site_wide_later=True)
                return BuildOutcome(quick.files, quick.diagnostics, follow_up=lambda: _outcome(rebuild()))
        return _outcome(session.rebuild(changed, site_wide_later=bool(changed)))

    def watch_paths(self) -> list[Path]:
        """Entries, the glossary's own templates and static files, and the config; in a
        multilingual glossary also the translation record, when there is one (its banners)."""
        config = self.config()
        paths = [config.entries_dir, config.root / "templates", config.root / "static"]
        config_file = self.config_path or config.root / "glossary.yml"
        record = config.root / LOCK_FILE
        if config.multilingual and record.is_file():
            paths.append(record.resolve())
        return [*paths, config_file.resolve()]


def _outcome(rebuilt: Any) -> BuildOutcome:
    follow_up = rebuilt.follow_up
    if follow_up is None:
        return BuildOutcome(rebuilt.files, rebuilt.diagnostics)

    def finish() -> BuildOutcome | None:
        done = follow_up()
        return None if done is None else _outcome(done)

    return BuildOutcome(rebuilt.files, rebuilt.diagnostics, follow_up=finish)
