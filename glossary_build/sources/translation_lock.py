"""Read ``translations.yml``: which version of each source entry a translation was made from.

The file sits next to ``glossary.yml`` and is written by
``glossary-build translations --mark`` (:mod:`glossary_build.edit.translations`)::

    en:
      Embedding: {title: 1a2b3c4d5e6f, definition: 0c1d2e3f4a5b, sections: 77aa01bc9e3d, see-also: 5e6f7a8b9c0d}

Per translation language, per entry id, a 12-hex-digit digest of each part of
the source entry (title, definition, sections, see-also).  The file is read
as YAML nodes, so every problem (a YAML error, a wrong shape, an unknown
language or part, a bad digest, a repeated key) is a diagnostic at
``translations.yml:line:col``; what can still be used is used.  Nothing here
raises for bad input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from glossary_build.core.diagnostics import Diagnostic, Severity, Span

LOCK_FILE = "translations.yml"
"""The record's name, at the glossary root."""
CODE = "invalid-translations"
"""The rule of every problem with the file."""
PARTS = ("title", "definition", "sections", "see-also")
"""The parts a record holds (the same as :data:`glossary_build.graph.translations.PARTS`,
which is a stage above this one)."""
DIGEST = re.compile(r"[0-9a-f]{12}")
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when PyYAML has it: fifteen times faster on a record of thousands of
translations, with the same nodes and positions."""


@dataclass(frozen=True, slots=True)
class Record:
    """One translation's recorded source version."""

    language: str
    """The translation's language."""
    id: str
    """The entry id."""
    parts: Mapping[str, str]
    """The digest of each part of the source entry when the translation was marked (the
    parts that were readable)."""
    span: Span
    """Where the id is written in the file."""


@dataclass(frozen=True, slots=True)
class TranslationLock:
    """What ``translations.yml`` says, and what is wrong with it."""

    records: tuple[Record, ...]
    """Every usable record, in file order."""
    diagnostics: tuple[Diagnostic, ...]
    """Problems with the file, at their positions."""
    data: bytes | None
    """The file's bytes as read; None when there is no file."""

    def by_language(self) -> dict[str, dict[str, Mapping[str, str]]]:
        """Language -> id -> recorded parts."""
        lock: dict[str, dict[str, Mapping[str, str]]] = {}
        for record in self.records:
            lock.setdefault(record.language, {})[record.id] = record.parts
        return lock


def read_lock(root: Path, languages: Sequence[str]) -> TranslationLock:
    """Read ``translations.yml`` in ``root``; ``languages`` are the glossary's, source first.
    A missing file is an empty record."""
    path = root / LOCK_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return TranslationLock((), (), None)
    except OSError as error:
        return TranslationLock((), (_problem(1, 1, f"cannot read {LOCK_FILE}: {error.strerror}"),), None)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return TranslationLock((), (_problem(1, 1, f"{LOCK_FILE} is not UTF-8 (byte {error.start})"),), data)
    reader = _Reader(tuple(languages))
    return TranslationLock(tuple(reader.read(text)), tuple(reader.problems), data)


def _problem(line: int, column: int, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(CODE, Severity.ERROR, message, Span(LOCK_FILE, line, column), hint)


def _span(node: yaml.Node) -> Span:
    return Span(LOCK_FILE, node.start_mark.line + 1, node.start_mark.column + 1)


class _Reader:
    """Walks the YAML nodes, collecting records and problems."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.languages = languages
        self.problems: list[Diagnostic] = []

    def report(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        span = _span(node)
        self.problems.append(_problem(span.line, span.column, message, hint))

    def read(self, text: str) -> Iterator[Record]:
        try:
            root = _compose(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            self.problems.append(_problem(line, column, f"invalid YAML: {getattr(error, 'problem', error)}"))
            return
        if root is None or _is_null(root):
            return
        for key, value in self._mapping(root, "the file", "language"):
            if self._language(key):
                yield from self._records(key.value, value)

    def _mapping(self, node: yaml.Node, what: str, keys: str) -> Iterator[tuple[yaml.ScalarNode, yaml.Node]]:
        """The entries of a mapping node, each key once (a repeated key is reported, the first
        kept); a node of another kind is reported."""
        if not isinstance(node, yaml.MappingNode):
            self.report(node, f"{what} must be a mapping of {keys}s to their records")
            return
        seen: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.report(key, f"a {keys} must be a plain name, not a {type(key).__name__.removesuffix('Node')}")
            elif key.value in seen:
                self.report(key, f"{keys} '{key.value}' is written twice in {what}; the first is used")
            else:
                seen.add(key.value)
                yield key, value

    def _language(self, key: yaml.ScalarNode) -> bool:
        translations = self.languages[1:]
        listed = ", ".join(translations)
        if key.value not in self.languages:
            self.report(key, f"'{key.value}' is not one of the glossary's languages ({', '.join(self.languages)})",
                        f"the translation languages are {listed}" if translations else None)
            return False
        if key.value == self.languages[0]:
            self.report(key, f"'{key.value}' is the source language: only translations are recorded",
                        f"the translation languages are {listed}" if translations else None)
            return False
        return True

    def _records(self, language: str, node: yaml.Node) -> Iterator[Record]:
        if _is_null(node):
            return
        for key, value in self._mapping(node, f"language '{language}'", "entry id"):
            parts = dict(self._parts(language, key.value, value))
            if parts:
                yield Record(language, key.value, parts, _span(key))

    def _parts(self, language: str, entry_id: str, node: yaml.Node) -> Iterator[tuple[str, str]]:
        what = f"the record of '{entry_id}' ({language})"
        if not isinstance(node, yaml.MappingNode):
            self.report(node, f"{what} must be a mapping of parts to digests, like "
                        "{title: 1a2b3c4d5e6f, definition: ..., sections: ..., see-also: ...}")
            return
        written: set[str] = set()
        for key, value in self._mapping(node, what, "part"):
            if key.value not in PARTS:
                self.report(key, f"unknown part '{key.value}' in {what}", f"the parts are {', '.join(PARTS)}")
                continue
            written.add(key.value)
            if not isinstance(value, yaml.ScalarNode) or not DIGEST.fullmatch(value.value):
                self.report(value, f"the {key.value} digest of '{entry_id}' ({language}) is not 12 hex digits",
                            "the record is written by `glossary-build translations --mark`, not by hand")
            else:
                yield key.value, value.value
        lacking = [part for part in PARTS if part not in written]
        if lacking:
            self.report(node, f"{what} lacks {', '.join(lacking)}; counted as changed since it was marked")


def _compose(text: str) -> yaml.Node | None:
    """The file's YAML nodes; a YAML error is raised by the pure-Python loader, whose
    messages and positions are the ones the tests and the README show."""
    try:
        return yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"
