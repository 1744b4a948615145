"""Changes to many entry files, planned before any is written: their report and their diff."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from glossary_build.edit.source import SourceFile, TextEdit
from glossary_build.edit.write import FileChange, write_changes


@dataclass(frozen=True, slots=True)
class Note:
    """What one change does (or why something was left as it was), at its place."""

    path: str
    """The file, relative to the glossary folder."""
    line: int
    """1-based line."""
    text: str
    """What was changed."""

    def format(self) -> str:
        """``path:line: text``."""
        return f"{self.path}:{self.line}: {self.text}"


@dataclass
class PlanBuilder:
    """Collects the edits of each file and a note for each change."""

    sources: dict[str, SourceFile] = field(default_factory=dict)
    edits: dict[str, list[TextEdit]] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    skipped: list[Note] = field(default_factory=list)

    def add(self, source: SourceFile, edit: TextEdit, note: str) -> None:
        """Make ``edit`` in ``source``, reported as ``note`` (unless the same edit is planned already)."""
        self.sources[source.path] = source
        planned = self.edits.setdefault(source.path, [])
        if edit not in planned:
            planned.append(edit)
            self.notes.append(Note(source.path, edit.line, note))

    def skip(self, path: str, line: int, why: str) -> None:
        """Report something that is left as it is."""
        self.skipped.append(Note(path, line, why))

    def build(self) -> Plan:
        """The plan: each file's new bytes, computed now."""
        changes = []
        for path, edits in self.edits.items():
            source = self.sources[path]
            data = source.with_edits(edits)
            if data != source.data:
                changes.append(FileChange(source, data))
        notes = sorted(self.notes, key=lambda note: (note.path, note.line))
        return Plan(tuple(changes), tuple(notes), tuple(sorted(self.skipped, key=lambda n: (n.path, n.line))))


@dataclass(frozen=True, slots=True)
class Plan:
    """Every file's new content, what changes, and what was left as it is."""

    changes: tuple[FileChange, ...]
    """The files that change, with their new bytes."""
    notes: tuple[Note, ...]
    """One per change, in file and line order."""
    skipped: tuple[Note, ...] = ()
    """What could not be changed, and why."""

    @property
    def files(self) -> tuple[str, ...]:
        """The paths of the files that change."""
        return tuple(change.source.path for change in self.changes)

    def diff(self) -> str:
        """A unified diff of every change (``a/path``, ``b/path``)."""
        parts: list[str] = []
        for change in self.changes:
            before = change.source.data.decode("utf-8").splitlines(keepends=True)
            after = change.data.decode("utf-8").splitlines(keepends=True)
            path = change.source.path
            parts.extend(_ensure_newline(difflib.unified_diff(before, after, f"a/{path}", f"b/{path}")))
        return "".join(parts)

    def write(self) -> None:
        """Write every change, or none (:class:`~glossary_build.edit.source.EditError`)."""
        write_changes(self.changes)


def _ensure_newline(lines: Iterable[str]) -> Iterable[str]:
    for line in lines:
        yield line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"

