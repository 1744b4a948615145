"""The glossary as the editor sees it: the files on disk, overlaid by the open documents'
unsaved text, parsed, linked and checked.

:meth:`GlossaryState.load` reads the glossary through the build cache, as
``check`` does.  :meth:`GlossaryState.update` takes one document's new text:
it parses that file alone, patches the term graph when the edit kept every id
(else builds it again from the parse results, which is cheap next to
parsing), finds the findings of the files the edit can concern and returns
the paths whose findings changed.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from glossary_build.build.loading import GlossaryLoader, paused_gc
from glossary_build.build.parallel import markdown_options
from glossary_build.core.config import Config
from glossary_build.core.diagnostics import Diagnostic, Severity, Span, sort_key
from glossary_build.core.model import ParsedFile
from glossary_build.graph.suggest import carry_over_suggester, suggester_for
from glossary_build.graph.terms import TermGraph, build_graph
from glossary_build.lsp.findings import (
    WHOLE_GLOSSARY_RULES,
    Findings,
    all_findings,
    by_path,
    scoped_findings,
    whole_glossary_findings,
)
from glossary_build.lsp.incremental import linked_entries, patched
from glossary_build.sources.files import PATTERN, Source, normalize_text, read_source, relative_path
from glossary_build.store.cache import Cache


class GlossaryState:
    """Parse results, term graph and findings of one glossary, kept up to date with every edit."""

    def __init__(self, config: Config, *, use_cache: bool = True) -> None:
        self.config = config
        self.loader = GlossaryLoader(config, Cache(config.root if use_cache else None), infos=True)
        self.files: dict[str, ParsedFile] = {}
        """Parse results by path: of the open document's text where one is open."""
        self.problems: dict[str, tuple[Diagnostic, ...]] = {}
        """Files that could not be read (``io-error``, ``invalid-utf8``, ...), by path."""
        self.open: dict[str, tuple[str, ...]] = {}
        """The lines of each open document (normalised as the parser reads them)."""
        self.graph: TermGraph = build_graph([])
        self.findings: Findings = {}
        self._disk_lines: Any = {}
        self._markdown: Any = None
        self._whole_named: set[str] | None = None
        """The paths that findings of the whole-glossary rules are at or name (None: not known)."""

    @property
    def levels(self) -> dict[str, str]:
        """The configured rule levels (``check`` runs every rule, infos included)."""
        return dict(self.loader.levels)

    def load(self) -> None:
        """Read, parse and check the whole glossary from disk (through the build cache)."""
        with paused_gc():
            loaded = self.loader.load(need_graph=True)
            files, graph = self.loader.graph_of(loaded)
            self.files = {parsed.path: parsed for parsed in files}
            self.problems = by_path(item.problem for item in self.loader.inputs.files.values() if item.problem)
            self.graph = graph
            self.findings = by_path(self.loader.diagnostics(loaded))
            self._disk_lines = loaded.sources
            self._warm_up()
        gc.freeze()  # half a million long-lived objects: keep the collector from walking them again

    def _warm_up(self) -> None:
        """Build now what the first edit would otherwise wait for: the Markdown parser and the
        indexes of the did-you-mean hints."""
        self._parse("entries/warm-up.md", "## Warm-up {#Warm-up .term}\n\nText.\n")
        suggester = self.graph.derived(suggester_for)
        suggester.loose, suggester.grams, suggester.lengths  # noqa: B018 - cached properties

    # -- paths and text ---------------------------------------------------------------

    def path_of(self, file: Path) -> str | None:
        """The glossary path of ``file`` when it is an entry file (``entries/**/*.md``)."""
        entries = self.config.entries_dir
        try:
            parts = file.resolve().relative_to(entries).parts
        except ValueError:
            return None
        if not parts or any(part.startswith(".") for part in parts) or not file.name.endswith(PATTERN[1:]):
            return None
        return relative_path(file, self.config.root)

    def file_of(self, path: str) -> Path:
        """The file of glossary path ``path``."""
        return self.config.root / path

    def lines(self, path: str) -> Sequence[str]:
        """The current lines of ``path``: the open document's, else the file's on disk."""
        if path in self.open:
            return self.open[path]
        parsed = self.files.get(path)
        if parsed is not None and parsed.lines:
            return parsed.lines
        try:
            return tuple(self._disk_lines[path])
        except KeyError:
            return ()

    # -- edits ------------------------------------------------------------------------

    def update(self, path: str, text: str) -> set[str]:
        """Take ``text`` as the content of ``path`` (an open document); the paths whose findings changed."""
        text = normalize_text(text)
        self.open[path] = tuple(text.split("\n"))
        self.problems.pop(path, None)  # the editor holds readable text for it
        return self._replace(path, self._parse(path, text))

    def close(self, path: str) -> set[str]:
        """Forget the open document ``path``: the file on disk counts again."""
        self.open.pop(path, None)
        return self.reload_from_disk([path])

    def reload_from_disk(self, paths: Iterable[str]) -> set[str]:
        """Read ``paths`` from disk again (changed by another program); open documents are kept."""
        changed: set[str] = set()
        for path in paths:
            if path in self.open:
                continue
            changed |= self._replace(path, self._read(path))
        return changed

    def _read(self, path: str) -> ParsedFile | None:
        file = self.file_of(path)
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            self.problems.pop(path, None)
            return None
        except OSError as error:
            self.problems[path] = (self._io_error(path, error),)
            return None
        source = read_source(path, data)
        if isinstance(source, Diagnostic):
            self.problems[path] = (source,)
            return None
        self.problems.pop(path, None)
        return self._parse(path, source.text)

    def _io_error(self, path: str, error: OSError) -> Diagnostic:
        return Diagnostic("io-error", Severity.ERROR, f"cannot read file: {error.strerror}", Span(path, 1, 1))

    def _parse(self, path: str, text: str) -> ParsedFile:
        from glossary_build.parse.entries import parse_source

        if self._markdown is None:
            from glossary_build.parse.markdown import create_markdown

            self._markdown = create_markdown(**markdown_options(self.config))
        return parse_source(Source(path, text).path, text, self._markdown)

    def _replace(self, path: str, parsed: ParsedFile | None) -> set[str]:
        """Put ``parsed`` in place of ``path``'s parse result (None: the file is gone) and find
        the findings anew where they can have changed."""
        old = self.files.get(path)
        if parsed is None:
            self.files.pop(path, None)
        else:
            self.files[path] = parsed
        graph = patched(self.graph, old, parsed) if old is not None and parsed is not None else None
        if graph is None or _labels_changed(old, parsed):
            return self._rebuild()
        assert old is not None and parsed is not None
        scope = {path} | self._paths_of(linked_entries(self.graph, old) | linked_entries(graph, parsed))
        if [e.heading.span for e in old.entries] != [e.heading.span for e in parsed.entries]:
            # Findings elsewhere name these headings as "defined here".
            scope |= self._paths_of(s for e in parsed.entries for s in graph.backlinks.get(e.id, ()))
        fresh = scoped_findings(graph, self.files, self.problems, scope, self.levels, self.findings)
        if self._names_file(path):  # its headings may have moved: these findings are found anew
            self._whole_named = None
            whole = whole_glossary_findings(graph, self.levels)
            for other in set(whole) | {p for p, found in self.findings.items() if _has_whole(found)}:
                rest = [d for d in fresh.get(other, self.findings.get(other, ())) if d.code not in WHOLE_GLOSSARY_RULES]
                fresh[other] = tuple(sorted((*rest, *whole.get(other, ())), key=sort_key))
                scope.add(other)
        self.graph = graph
        return self._take(fresh, scope)

    def _names_file(self, path: str) -> bool:
        """Whether a finding of the whole-glossary rules is at or names ``path``."""
        if self._whole_named is None:
            self._whole_named = {
                place.path
                for found in self.findings.values() for d in found if d.code in WHOLE_GLOSSARY_RULES
                for place in (d.span, *(r.span for r in d.related))
            }
        return path in self._whole_named

    def _rebuild(self) -> set[str]:
        with paused_gc():
            graph = build_graph(list(self.files.values()))
            carry_over_suggester(graph, self.graph.derived(suggester_for))
            fresh = all_findings(graph, self.files.values(), (d for f in self.problems.values() for d in f), self.levels)
        self.graph = graph
        self._whole_named = None
        return self._take(fresh, set(fresh) | set(self.findings))

    def _take(self, fresh: Findings, scope: set[str]) -> set[str]:
        changed = set()
        for path in scope:
            now = fresh.get(path, ())
            if now != self.findings.get(path, ()):
                changed.add(path)
            if now:
                self.findings[path] = now
            else:
                self.findings.pop(path, None)
        return changed

    def _paths_of(self, entry_ids: Iterable[str]) -> set[str]:
        entries = self.graph.entries
        return {entries[entry_id].path for entry_id in entry_ids if entry_id in entries}


def _labels_changed(old: ParsedFile | None, new: ParsedFile | None) -> bool:
    """Whether a title or the concept (aliases, status, successor) of an entry changed: links to it
    from anywhere (link-to-deprecated, link-to-draft) and mentions of it in any entry's text
    (unlinked-mention) can then change, which the scoped path does not look at."""
    if old is None or new is None:
        return False
    before = [(e.title_text, e.concept) for e in old.entries]
    return before != [(e.title_text, e.concept) for e in new.entries]


def _has_whole(found: Iterable[Diagnostic]) -> bool:
    return any(d.code in WHOLE_GLOSSARY_RULES for d in found)
