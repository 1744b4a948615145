"""Watching the sources: entries, templates, static files and config.

``watchfiles`` does the watching: its Rust ``notify`` backend uses inotify/FSEvents/
ReadDirectoryChangesW, it groups changes itself (a batch is yielded once nothing has
changed for ``step`` milliseconds) and it can poll where native events do not work
(network drives, some containers): ``force_polling``.

Editors save in several ways: write in place, write a temporary file and rename it over
the original, delete and recreate, or several writes in a burst.  The ~50 ms grouping
turns each of these into one batch; files that appeared and disappeared within a batch
(the temporary file of a rename-over save) are dropped, and a directory that appeared
(a renamed folder) is replaced by the files inside it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import watchfiles
from watchfiles import Change, DefaultFilter

DEBOUNCE_MS = 50
"""Quiet time that ends a batch of changes."""
MAX_BATCH_MS = 1600
"""Longest a batch may grow while changes keep coming."""

_EDITOR_TEMPORARIES = (
    r"^4913$",  # vim's probe whether it may write the directory
    r"^#.*#$",  # emacs auto-save
    r"\.(tmp|temp|bak|orig|crswap)$",
    r"^\.goutputstream-",  # gedit
    r"\.kate-swp$",
)


class SourceFilter(DefaultFilter):
    """Accepts changes to the watched files and to anything inside the watched directories,
    except version-control folders, caches and editors' temporary files."""

    ignore_entity_patterns = (*DefaultFilter.ignore_entity_patterns, *_EDITOR_TEMPORARIES)

    def __init__(self, files: Iterable[Path], directories: Iterable[Path]) -> None:
        super().__init__()
        self._files = {str(f) for f in files}
        self._directories = tuple(str(d) for d in directories)

    def __call__(self, change: Change, path: str) -> bool:
        if path not in self._files and not any(
            path == d or path.startswith(d.rstrip("/") + "/") for d in self._directories
        ):
            return False
        return bool(super().__call__(change, path))


def batch_paths(changes: Iterable[tuple[Change, str]]) -> list[Path]:
    """The paths a batch of changes reports to the builder, sorted and without duplicates."""
    kinds: dict[str, set[Change]] = {}
    for change, name in changes:
        kinds.setdefault(name, set()).add(change)
    result: set[Path] = set()
    for name, seen in kinds.items():
        path = Path(name)
        if path.is_dir():
            # A folder that appeared (moved in) brings its files; a folder that was only
            # "modified" (polling reports that for every added or removed child) brings nothing.
            if Change.added in seen:
                result.update(p for p in path.rglob("*") if p.is_file())
        elif path.exists() or Change.added not in seen:
            result.add(path)
        # else: created and removed within the batch, e.g. a rename-over save's temp file
    return sorted(result)


class Watcher:
    """Runs ``watchfiles`` in a thread and calls ``on_change`` with each batch of paths."""

    def __init__(
        self,
        paths: Sequence[Path],
        on_change: Callable[[list[Path]], None],
        *,
        force_polling: bool | None = None,
        echo: Callable[[str], None] = print,
    ) -> None:
        self._on_change = on_change
        self._force_polling = force_polling
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        files = [p.resolve() for p in paths if p.is_file()]
        directories = [p.resolve() for p in paths if p.is_dir()]
        for missing in (p for p in paths if not p.exists()):
            echo(f"Not watching {missing}: it does not exist")
        # A single file is watched through its folder: a rename-over save replaces the file
        # (a new inode), which a watch on the file itself would stop seeing.
        self.roots = sorted({*directories, *(f.parent for f in files)})
        self.filter = SourceFilter(files, directories)

    def start(self) -> None:
        """Start watching (returns at once)."""
        if not self.roots:
            return
        self._thread = threading.Thread(target=self._run, name="serve-watch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        for changes in watchfiles.watch(
            *self.roots,
            watch_filter=self.filter,
            step=DEBOUNCE_MS,
            debounce=MAX_BATCH_MS,
            stop_event=self._stop,
            rust_timeout=500,
            raise_interrupt=False,
            force_polling=self._force_polling,
        ):
            paths = batch_paths(changes)
            if paths:
                self._on_change(paths)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop watching and wait for the thread to end."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
