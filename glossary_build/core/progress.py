"""Progress of long work on a terminal: ``parsing 2400/10000 files``.

Shown on stderr only when it is a terminal, the user did not ask for quiet
output and the ``CI`` variable is not set; otherwise :class:`Progress` does
nothing.  The line is redrawn at most ten times a second and erased when
the stage ends, so the summary line that follows stands alone.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

INTERVAL = 0.1
"""Seconds between redraws."""


class Progress:
    """Counts the steps of the current stage; the base class shows nothing."""

    def __init__(self) -> None:
        self.stage = ""
        self.total = 0
        self.done = 0

    def start(self, stage: str, total: int) -> None:
        """A stage of ``total`` steps begins, e.g. ``("parsing", 10000)``."""
        self.stage, self.total, self.done = stage, total, 0

    def advance(self, steps: int = 1) -> None:
        """``steps`` more steps are done."""
        self.done += steps

    def finish(self) -> None:
        """The stage is over."""


class TerminalProgress(Progress):
    """Redraws one status line on a terminal."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self.shown = False
        self.last = 0.0

    def start(self, stage: str, total: int) -> None:
        super().start(stage, total)
        self.last = 0.0

    def advance(self, steps: int = 1) -> None:
        super().advance(steps)
        now = time.monotonic()
        if now - self.last >= INTERVAL:
            self.last = now
            self.stream.write(f"\r\x1b[K{self.stage} {self.done}/{self.total}")
            self.stream.flush()
            self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def for_terminal(quiet: bool, stream: TextIO | None = None) -> Progress:
    """A progress display for ``stream`` (default stderr), or a silent one when it is not a
    terminal, output is quiet or ``CI`` is set."""
    stream = stream or sys.stderr
    if quiet or os.environ.get("CI") or not stream.isatty():
        return Progress()
    return TerminalProgress(stream)
