"""The real pipeline as the server's builder: the whole site in memory, nothing written."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..config import Config, load_config
from .types import BuildOutcome


class PipelineBuilder:
    """Builds the glossary in memory for :func:`glossary_build.serve.serve`.

    The config is read again on every build, so edits to ``glossary.yml``
    take effect without a restart; a config error becomes a crash message in
    the browser overlay instead of ending the server.
    """

    def __init__(self, config_path: Path | None, cwd: Path) -> None:
        self.config_path = config_path
        self.cwd = cwd

    def config(self) -> Config:
        """The current configuration."""
        return load_config(self.config_path, cwd=self.cwd)

    def __call__(self, changed: Sequence[Path]) -> BuildOutcome:
        from .. import pipeline

        glossary = pipeline.load(self.config())
        return BuildOutcome(pipeline.render(glossary), glossary.diagnostics)

    def watch_paths(self) -> list[Path]:
        """Entries, the glossary's own templates and static files, and the config."""
        config = self.config()
        paths = [config.entries_dir, config.root / "templates", config.root / "static"]
        config_file = self.config_path or config.root / "glossary.yml"
        return [*paths, config_file.resolve()]
