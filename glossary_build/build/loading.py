"""Read, parse (only what changed) and check a glossary through its build cache.

A :class:`GlossaryLoader` remembers, between calls, what it read: each
entry file's signature, digest and parse result.  Every call goes sources ->
entries -> graph -> diagnostics but skips the work whose inputs did not
change:

- *read* (:mod:`glossary_build.sources.inputs`): every entry file whose
  signature (modification and change time, size, inode) differs from the
  last run's is read and hashed, as git's index does; between dev-server
  rebuilds only the files the watcher named;
- *parse*: a file whose digest is known (in memory, else in the cache) is not
  parsed again; the others are parsed, in a process pool when there are
  many (:mod:`glossary_build.build.parallel`);
- *check*: when no input changed since the last check, its stored findings
  are used (:mod:`glossary_build.store.findings`) and the graph is only built
  if someone asks for it; else only the entries whose findings can have
  changed are checked again (:mod:`glossary_build.checks.incremental`), the
  others' findings coming from memory or the cache
  (:mod:`glossary_build.build.checked`).
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from glossary_build.build.check_findings import CheckFindings
from glossary_build.build.checked import StoredChecked
from glossary_build.build.parallel import markdown_options, parse_encoded
from glossary_build.build.report_parts import report_keys
from glossary_build.checks.dependencies import Checked
from glossary_build.checks.incremental import IncrementalCheck, check_incrementally, entry_basis
from glossary_build.checks.run import run_checks
from glossary_build.checks.terms import Check
from glossary_build.core import diagnostics as diag
from glossary_build.core.config import Config
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.model import ParsedFile
from glossary_build.core.progress import Progress
from glossary_build.core.rules import apply_levels, without_info
from glossary_build.graph.suggest import Suggester, carry_over_suggester
from glossary_build.graph.terms import TermGraph, build_graph
from glossary_build.sources.files import Source, SourceLines
from glossary_build.sources.inputs import Input, Inputs
from glossary_build.store import codec
from glossary_build.store.cache import Cache, State, config_key, digest, parse_key
from glossary_build.store.findings import Counts, StoredFindings, store_findings, stored_findings


@dataclass(eq=False)
class Loaded:
    """What reading produced; the graph may still be unbuilt and the checks unrun."""

    files: list[ParsedFile] | None
    """Parse results in path order (None: not needed, nothing changed since the last run)."""
    checks: Callable[[], CheckFindings]
    """Finds every finding, before configured levels (run once, by :attr:`findings`)."""
    counts: Counts
    """Entries, references, files."""
    sources: SourceLines
    """Each readable file's lines, for reports."""
    inputs: bytes
    """Digest of everything the check depends on."""
    graph: TermGraph | None = None
    """The term graph, when built."""
    stored: bool = False
    """True when the findings are the ones the last check stored (nothing to store again)."""
    problems: list[Diagnostic] = field(default_factory=list)
    """The files that could not be read (found by reading, before any check)."""
    report_keys: dict[str, bytes] | None = None
    """With stored findings: what each file's findings depend on (see :meth:`GlossaryLoader.report_keys`)."""

    @functools.cached_property
    def findings(self) -> CheckFindings:
        """Every finding, before configured levels, the kept ones of entries still encoded.
        The checks run when this is first asked for: a build asks once the site-wide files
        render in other processes."""
        return self.checks()

    @property
    def found(self) -> list[Diagnostic]:
        """Every finding, before configured levels, in one list."""
        return self.findings.flat


@dataclass(eq=False)
class Reading:
    """The entry files as :meth:`GlossaryLoader.read` brought them up to date."""

    key: str
    """The parse key they were read with."""
    inputs: list[Input]
    """Every entry file."""
    digest: bytes
    """Digest of everything the check depends on (code, configuration, every source)."""


def _with_context(inputs: bytes, context: bytes) -> bytes:
    """The digest of the inputs and the context (the inputs' own without one)."""
    return digest(inputs, context) if context else inputs


@dataclass(frozen=True, eq=False)
class _Split:
    """A check's findings as they are stored: the entries' kept per entry, under their keys,
    the others (unreadable files, parse problems, glossary-wide rules) together."""

    findings: CheckFindings
    entries: tuple[bytes, ...]
    """The key of each entry's findings."""
    basis: str
    """What the entries' findings are kept under (:func:`entry_basis`)."""
    report_keys: dict[str, bytes]
    """What each file's findings depend on (:func:`~glossary_build.build.report_parts.report_keys`)."""


def _none_yet() -> CheckFindings:
    """The checks of a :class:`Loaded` made before they are known (then set)."""
    return CheckFindings((), ())


@contextmanager
def paused_gc(*, freeze: bool = False) -> Iterator[None]:
    """No cycle collection while the build allocates its many long-lived small objects.

    A glossary of 10,000 entries holds half a million; with the collector on,
    loading them from the cache takes ten times longer.  Builds make almost
    no cyclic garbage.  With ``freeze`` (a command that ends after the build)
    the objects made are moved out of the collector's sight at the end, so
    the first collection afterwards does not walk all of them again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


class GlossaryLoader:
    """Loads one glossary repeatedly, redoing only what changed (see the module docstring)."""

    def __init__(
        self,
        config: Config,
        cache: Cache,
        *,
        infos: bool = True,
        progress: Progress | None = None,
        workers: int | None = None,
        missing_ok: bool = False,
    ) -> None:
        self.config = config
        self.cache = cache
        self.infos = infos
        self.missing_ok = missing_ok
        """True: no entries folder is no entries (a translation language not started yet)."""
        """False: rules at level ``info`` are not run (the dev server, which shows only
        errors and warnings, saves their time on every save)."""
        self.progress = progress or Progress()
        self.workers = workers
        self.inputs = Inputs(missing_ok=missing_ok)
        """The entry files as last read."""
        self.parse_key = ""
        self.suggester: Suggester | None = None
        """The last graph's suggester, kept for the next graph with the same ids."""
        self.checked: dict[str, Checked] = {}
        """Each entry's findings as the last check found or reused them, by entry id."""
        self.rechecked: tuple[str, ...] = ()
        """The entries whose checks the last check ran (the others' findings were known)."""
        self._split: _Split | None = None
        """The last findings found, split into those kept per entry and the others."""

    @property
    def levels(self) -> Mapping[str, str]:
        """The rule levels applied: the configured ones, infos off unless :attr:`infos`."""
        return self.config.rules if self.infos else without_info(self.config.rules)

    def load(self, hint: Sequence[Path] = (), need_graph: bool = True) -> Loaded:
        """Read, parse (what changed), link and check; with ``need_graph=False`` a run whose inputs
        match the cached state returns the stored findings without parsing anything."""
        return self.load_read(self.read(hint), need_graph)

    def read(self, hint: Sequence[Path] = ()) -> Reading:
        """Read the entry files (those that changed; with a ``hint``, the named ones if the
        watcher named only known files): the first step of :meth:`load`."""
        key = parse_key(markdown_options(self.config))
        if key != self.parse_key:  # another language or HTML setting: nothing known is valid
            self.inputs, self.parse_key = Inputs(missing_ok=self.missing_ok), key
        named = {path.resolve() for path in hint}
        state = self.cache.load_state()
        # In a new process, the last run's signatures: an unchanged file is not read.
        signatures = state.sources if state.sources_key == key and not self.inputs.files else {}
        inputs = self.inputs.read(self.config, key, named, signatures)
        return Reading(key, inputs, self._inputs_digest(key, inputs))

    def load_read(self, reading: Reading, need_graph: bool = True, *, context: bytes = b"") -> Loaded:
        """:meth:`load` after :meth:`read`.  ``context``: the digest of whatever else the
        findings depend on (a multilingual glossary's other languages), part of the inputs."""
        key, inputs = reading.key, reading.inputs
        readable = {item.path: item.text for item in inputs if item.problem is None}
        sources = SourceLines(self.config.root, readable)
        everything = _with_context(reading.digest, context)
        if not need_graph:
            stored = stored_findings(
                self.cache, everything, len(readable), with_infos=self.infos, rules=self.config.rules
            )
            if stored is not None:
                keys = stored.report_keys
                loaded = Loaded(None, _none_yet, stored.counts, sources, everything, stored=True, report_keys=keys)
                loaded.checks = functools.partial(self._stored_or_checked, stored, reading, context, loaded)
                return loaded
        files = self._parse(key, inputs)
        # Again: a trusted file may have been read.
        everything = _with_context(self._inputs_digest(key, inputs), context)
        graph = self._graph(files)
        problems = [item.problem for item in inputs if item.problem is not None]
        checks = functools.partial(self._findings, problems, files, graph, ())
        references = sum(len(entry.references) for entry in graph.entries.values())
        counts = (len(graph.entries), references, len(files))
        return Loaded(files, checks, counts, sources, everything, graph, problems=problems)

    def _stored_or_checked(
        self, stored: StoredFindings, reading: Reading, context: bytes, loaded: Loaded
    ) -> CheckFindings:
        """The stored findings (the entries' decoded when read); when some entries' are gone
        from the cache (a run cut short between writing them), the glossary is checked again
        and ``loaded`` becomes that check's, its findings stored."""
        found = stored.decode()
        if found is not None:
            return CheckFindings(*found)
        fresh = self.load_read(reading, context=context)
        loaded.files, loaded.graph, loaded.problems = fresh.files, fresh.graph, fresh.problems
        loaded.counts, loaded.inputs, loaded.stored, loaded.report_keys = fresh.counts, fresh.inputs, False, None
        self._store_findings(fresh, fresh.findings)
        return fresh.findings

    def relink(self, loaded: Loaded, graph: TermGraph, extra: Sequence[Check] = ()) -> None:
        """Make ``graph`` (``loaded``'s own, with more known: the ids of a multilingual
        glossary's other languages) the one ``loaded``'s checks look at, with the ``extra``
        checks too.  Stored findings (already of these inputs) are kept as they are."""
        files, _ = self.graph_of(loaded)
        loaded.graph = graph
        if not loaded.stored:
            loaded.checks = functools.partial(self._findings, loaded.problems, files, graph, tuple(extra))
            loaded.__dict__.pop("findings", None)  # checks not run yet, or run on the other graph

    def graph_of(self, loaded: Loaded) -> tuple[list[ParsedFile], TermGraph]:
        """The parse results and graph of ``loaded``, parsing or loading them now if needed."""
        if loaded.files is None or loaded.graph is None:
            with paused_gc():
                files = self._parse(parse_key(markdown_options(self.config)), list(self.inputs.files.values()))
                loaded.files, loaded.graph = files, build_graph(files)
        return loaded.files, loaded.graph

    def diagnostics(self, loaded: Loaded) -> list[Diagnostic]:
        """``loaded``'s findings with the configured levels, sorted for reports."""
        return sorted(apply_levels(loaded.found, self.levels), key=diag.sort_key)

    def remember(self, loaded: Loaded, state: State) -> bool:
        """Store ``loaded``'s findings and hints (unless they are the stored ones), and put the
        entry files' trusted signatures into ``state``; True if those changed."""
        if not loaded.stored:
            self._store_findings(loaded, loaded.findings)
        sources = self.inputs.signatures()
        if state.sources_key == self.parse_key and state.sources == sources:
            return False
        state.sources, state.sources_key = sources, self.parse_key
        return True

    def _store_findings(self, loaded: Loaded, findings: CheckFindings) -> None:
        """Keep ``findings``, ``loaded``'s, and the hints for the next run."""
        split = self._split
        if split is not None and split.findings is findings:  # the entries' findings are kept per entry
            self.cache.save_checked(split.entries)
            store_findings(
                self.cache, loaded.inputs, findings.outside, loaded.counts,
                rules=self.config.rules, with_infos=self.infos, entries=split.entries, basis=split.basis,
                report_keys=split.report_keys,
            )
        else:
            store_findings(
                self.cache, loaded.inputs, findings.flat, loaded.counts, rules=self.config.rules,
                with_infos=self.infos,
            )
        if self.suggester is not None:
            self.cache.save_hints(self.suggester.identity, self.suggester.cache, self.suggester.basis)

    def report_keys(self, loaded: Loaded) -> dict[str, bytes] | None:
        """What each file's findings in ``loaded`` depend on, by path, for keeping reports per
        file (:class:`~glossary_build.build.results.ReportMemo`); None when not known."""
        if loaded.stored:
            return loaded.report_keys
        findings, split = loaded.findings, self._split
        return split.report_keys if split is not None and split.findings is findings else None

    def remember_check(self, loaded: Loaded) -> None:
        """Store what :meth:`remember` keeps, so that an unchanged glossary is not checked
        again and unchanged files are not read again."""
        state = self.cache.load_state()
        if self.remember(loaded, state):
            self.cache.save_state(state)

    def _graph(self, files: list[ParsedFile]) -> TermGraph:
        graph = build_graph(files)
        self.suggester = carry_over_suggester(graph, self.suggester)
        if not self.suggester.cache:  # a new process: the hints the last one stored
            self.suggester.remember(self._stored_hints(self.suggester))
        return graph

    def _stored_hints(self, suggester: Suggester) -> Mapping[str, str | None]:
        """The stored hints that hold for ``suggester``: all of them if they were found among
        the same ids, else those a change of the ids cannot alter."""
        same = self.cache.load_hints(suggester.identity)
        if same:
            return same
        earlier = self.cache.earlier_hints()
        if earlier is None:
            return {}
        return Suggester.from_basis(*earlier).hints_still_valid(suggester)

    def _inputs_digest(self, key: str, inputs: Sequence[Input]) -> bytes:
        """Digest of everything the check depends on: code, configuration and every source."""
        return digest(key, config_key(self.config), *[i.path.encode() + i.digest for i in inputs])

    def _findings(
        self, problems: list[Diagnostic], files: list[ParsedFile], graph: TermGraph, extra: tuple[Check, ...]
    ) -> CheckFindings:
        basis = entry_basis(self.levels).hex()
        result = self._check_entries(graph, basis)  # rules that are off are not run
        outside = problems + [d for parsed in files for d in parsed.diagnostics] + result.glossary
        if extra:
            outside += run_checks(graph, extra, levels=self.levels)
        findings = CheckFindings([checked.findings for checked in result.entries.values()], outside)
        keys = tuple(checked.key for checked in result.entries.values())
        digests = {item.parsed.path: item.digest for item in self.inputs.files.values() if item.parsed is not None}
        self._split = _Split(findings, keys, basis, report_keys(result.entries.values(), outside, digests))
        return findings

    def _check_entries(self, graph: TermGraph, basis: str) -> IncrementalCheck:
        """The entry and glossary-wide checks, running the entry checks only for the entries
        whose findings are not known from the last check (in memory or cached)."""
        known = StoredChecked(self.cache, basis, self.checked)
        files = {item.parsed.path: item.digest for item in self.inputs.files.values() if item.parsed is not None}
        result = check_incrementally(graph, files, known, self.levels)
        for entry_id in result.rechecked:
            known.put(result.entries[entry_id])
        self.checked, self.rechecked = result.entries, result.rechecked
        return result

    def _parse(self, key: str, inputs: list[Input]) -> list[ParsedFile]:
        """Each readable input's parse result: from memory, the cache, or parsed now.  A file
        that was not read (its signature was trusted) and whose result is not in the cache is
        read now, and its input updated."""
        self.cache.load_parsed(key)
        missing = [item for item in inputs if self._from_cache(key, item)]
        if missing:
            self.progress.start("parsing", len(missing))
            sources = [Source(item.path, item.text or "") for item in missing]
            options = markdown_options(self.config)
            results = parse_encoded(sources, options, workers=self.workers, progress=self.progress.advance)
            for item, encoded in zip(missing, results):
                if self.cache.enabled:
                    self.cache.put_parsed(item.digest, encoded)
                item.parsed = codec.decode_file(encoded)
            self.progress.finish()
            self.cache.save_parsed(item.digest for item in inputs)
        return [item.parsed for item in inputs if item.parsed is not None]

    def _from_cache(self, key: str, item: Input) -> bool:
        """Fill ``item``'s parse result from the cache if it is there; True if it must be parsed."""
        if item.parsed is not None or item.problem is not None:
            return False
        stored = self.cache.get_parsed(item.digest)
        if stored is not None:
            item.parsed = codec.decode_file(stored)
            return False
        if item.text is None:
            self.inputs.read_again(self.config, key, item)
        return item.problem is None
