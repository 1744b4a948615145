"""The contract between the dev server and the build pipeline.

The server knows nothing about entries, templates or Markdown: it calls a
builder and serves whatever site the builder returns, from memory.  The real
pipeline and the tests' fakes both fit this contract.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from glossary_build.core.diagnostics import Diagnostic


@dataclass(frozen=True)
class BuildOutcome:
    """What one build produced."""

    files: Mapping[str, bytes]
    """The whole site in memory: site-relative POSIX path -> bytes, e.g. ``index.html``,
    ``Embedding/index.html``, ``static/style.css``, ``404.html``.  Empty when the build crashed."""
    diagnostics: Sequence[Diagnostic] = field(default=())
    """Every finding of the build; those with severity ERROR make the build a failed one."""
    error: str | None = None
    """Set when the build crashed (the message or traceback); ``files`` is then empty."""
    follow_up: Callable[[], BuildOutcome | None] | None = None
    """Work the builder left for later to serve the changed pages sooner (e.g. the site-wide
    files): the server applies this outcome, then calls ``follow_up`` unless another change
    is waiting, and applies what it returns (None: nothing to apply)."""


Rebuild = Callable[[Sequence[Path]], BuildOutcome]
"""Builds the site.  Called with the source paths that changed since the last call, or with
an empty sequence for a full build (the first call is always a full build).  A path that no
longer exists was deleted (it may have been a directory).  The paths are a hint: a builder
may always rebuild everything.  An exception raised by the builder counts as a crash."""
