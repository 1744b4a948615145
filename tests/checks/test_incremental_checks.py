"""Incremental checks: after any sequence of edits, the findings of a check that reuses each
entry's findings are those of a check without cache, and one text edit checks one entry again."""

from __future__ import annotations

import functools
import json
import os
import random
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from glossary_build.build.loading import GlossaryLoader
from glossary_build.build.results import Glossary
from glossary_build.core.config import load_config
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.report import Summary, report_check
from glossary_build.store.cache import Cache
from tests.support import run_cli

WORDS = ("Wert", "Modell", "Netz", "Feld", "Raum", "Kern", "Lauf", "Bild", "Maß", "Takt", "Zug", "Ton")
RULE_LEVELS = (
    {},
    {"see-also-unsorted": "warning", "orphan-term": "warning"},
    {"unlinked-mention": "off", "asymmetric-see-also": "warning"},
    {"broken-reference": "warning", "missing-definition": "off", "link-to-draft": "error"},
)


@dataclass
class Term:
    """One entry as the random glossary writes it."""

    id: str
    title: str
    lead: list[str]
    """Words and links (``[text](#id)``) of the lead paragraph."""
    see_also: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    status: str = ""
    formerly: list[str] = field(default_factory=list)
    replaced_by: str = ""
    details: bool = True

    def text(self) -> str:
        attributes = [f"#{self.id}", ".term"]
        if self.aliases:
            attributes.append('aliases="' + "; ".join(self.aliases) + '"')
        if self.status:
            attributes.append(f"status={self.status}")
        if self.formerly:
            attributes.append('formerly="' + " ".join(self.formerly) + '"')
        if self.replaced_by:
            attributes.append(f"replaced-by={self.replaced_by}")
        out = f"## {self.title} {{{' '.join(attributes)}}}\n\n"
        if self.lead:
            out += " ".join(self.lead) + ".\n\n"
        if self.details:
            out += "### Details {.explanation}\n\nMehr Text.\n\n"
        if self.see_also:
            items = "".join(f"[{target}](#{target}) |\n" for target in self.see_also)
            out += f"### Siehe auch {{.seealso}}\n\n{items}\n"
        return out + "----\n"


class RandomGlossary:
    """A glossary of a few files of one or two entries, edited at random."""

    def __init__(self, root: Path, seed: int, size: int = 14) -> None:
        self.root = root
        self.random = random.Random(seed)
        self.files: dict[str, list[Term]] = {}
        self.counter = 0
        self.levels: dict[str, str] = {}
        (root / "entries").mkdir(parents=True)
        for _ in range(size):
            self.files[self._new_name()] = [self._new_term()]
        for terms in self.files.values():
            for term in terms:
                term.lead = self._lead()
                term.see_also = self._see_also(term)
        self.write_all()

    # -- the glossary on disk -------------------------------------------------------

    def write_all(self) -> None:
        for name in list(self.files):
            self.write(name)
        self.write_config()

    def write(self, name: str) -> None:
        path = self.root / "entries" / name
        path.write_text("\n".join(term.text() for term in self.files[name]), encoding="utf-8")
        _bump(path)

    def write_config(self) -> None:
        lines = ["title: Zufall", "language: de"]
        if self.levels:
            lines.append("rules:")
            lines += [f"  {code}: {level}" for code, level in self.levels.items()]
        path = self.root / "glossary.yml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _bump(path)

    # -- random material ------------------------------------------------------------

    def _new_name(self) -> str:
        self.counter += 1
        return f"f{self.counter:03d}.md"

    def _new_term(self) -> Term:
        self.counter += 1
        first, second = self.random.sample(WORDS, 2)
        title = f"{first}{second.lower()} {self.counter}" if self.random.random() < 0.3 else f"{first}{second.lower()}"
        return Term(title.replace(" ", "-"), title, [])

    def terms(self) -> list[Term]:
        return [term for terms in self.files.values() for term in terms]

    def ids(self) -> list[str]:
        return sorted({term.id for term in self.terms()})

    def _target(self) -> str:
        ids = self.ids()
        roll = self.random.random()
        if roll < 0.1 or not ids:
            return f"Fehlt-{self.random.randint(1, 3)}"  # broken
        target = self.random.choice(ids)
        if roll < 0.15:
            return target[:-1] + "x"  # a typo: the hint suggests an id
        if roll < 0.2:
            return "Index"
        return target

    def _lead(self) -> list[str]:
        words: list[str] = []
        titles = [term.title for term in self.terms()]
        for _ in range(self.random.randint(3, 9)):
            roll = self.random.random()
            if roll < 0.25:
                target = self._target()
                words.append(f"[{target}](#{target})")
            elif roll < 0.5 and titles:
                words.append(self.random.choice(titles))  # an unlinked mention
            else:
                words.append(self.random.choice(WORDS).lower())
        return words

    def _see_also(self, term: Term) -> list[str]:
        ids = [ident for ident in self.ids() if ident != term.id]
        return sorted(self.random.sample(ids, min(len(ids), self.random.randint(0, 3))))

    def _pick(self) -> tuple[str, Term]:
        name = self.random.choice(sorted(self.files))
        return name, self.random.choice(self.files[name])

    # -- edits ----------------------------------------------------------------------

    def edit(self) -> str:
        """Make one random edit; returns its kind."""
        kinds = ("text", "link", "see-also", "id", "title", "concept", "new", "remove", "rename", "move",
                 "config", "details")
        weights = (5, 4, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1)
        kind = self.random.choices(kinds, weights)[0]
        if kind in ("remove", "move") and len(self.files) < 4:
            kind = "new"
        getattr(self, "_edit_" + kind.replace("-", "_"))()
        return kind

    def _edit_text(self) -> None:
        name, term = self._pick()
        term.lead = self._lead() if self.random.random() < 0.85 else []  # an empty entry
        self.write(name)

    def _edit_link(self) -> None:
        name, term = self._pick()
        links = [i for i, word in enumerate(term.lead) if word.startswith("[")]
        if links and self.random.random() < 0.4:
            del term.lead[self.random.choice(links)]
        else:
            target = self._target()
            term.lead.insert(self.random.randint(0, len(term.lead)), f"[{target}](#{target})")
        self.write(name)

    def _edit_see_also(self) -> None:
        name, term = self._pick()
        if term.see_also and self.random.random() < 0.4:
            term.see_also.remove(self.random.choice(term.see_also))
        else:
            term.see_also.append(self._target())
            if self.random.random() < 0.7:
                term.see_also.sort()
        self.write(name)

    def _edit_id(self) -> None:
        name, term = self._pick()
        roll = self.random.random()
        others = [ident for ident in self.ids() if ident != term.id]
        if roll < 0.25 and others:
            term.id = self.random.choice(others)  # a duplicate id
        elif roll < 0.45 and others:
            term.id = self.random.choice(others).swapcase()  # a case collision, most likely
        elif roll < 0.6:
            term.formerly.append(term.id)
            term.id = term.id + "-neu"
        else:
            term.id = term.id + "-" + str(self.random.randint(1, 9))
        self.write(name)

    def _edit_title(self) -> None:
        name, term = self._pick()
        titles = [t.title for t in self.terms() if t is not term]
        if titles and self.random.random() < 0.2:
            term.title = self.random.choice(titles)  # two terms with one label
        else:
            first, second = self.random.sample(WORDS, 2)
            term.title = f"{first} {second}" if self.random.random() < 0.5 else f"{first}{second.lower()}"
        self.write(name)

    def _edit_concept(self) -> None:
        name, term = self._pick()
        roll = self.random.random()
        if roll < 0.3:
            term.status = self.random.choice(("", "deprecated", "draft", "admitted"))
        elif roll < 0.4:
            term.replaced_by = "" if term.replaced_by else self._target()
        elif roll < 0.8:
            other = self.random.choice(self.terms())
            term.aliases = [] if term.aliases else [self.random.choice((other.title, other.id, "Wertmaß*"))]
        else:
            term.formerly = [] if term.formerly else [self.random.choice(self.ids())]
        self.write(name)

    def _edit_new(self) -> None:
        name = self._new_name()
        self.files[name] = [self._new_term() for _ in range(self.random.choice((1, 1, 2)))]
        for term in self.files[name]:
            term.lead, term.see_also = self._lead(), self._see_also(term)
        self.write(name)

    def _edit_remove(self) -> None:
        name = self.random.choice(sorted(self.files))
        del self.files[name]
        (self.root / "entries" / name).unlink()

    def _edit_rename(self) -> None:
        name = self.random.choice(sorted(self.files))
        new = self._new_name()
        self.files[new] = self.files.pop(name)
        (self.root / "entries" / name).unlink()
        self.write(new)

    def _edit_move(self) -> None:
        """An entry joins another file, before its entries: their headings move down."""
        source, target = self.random.sample(sorted(self.files), 2)
        term = self.files[source].pop()
        self.files[target].insert(0, term)
        if self.files[source]:
            self.write(source)
        else:
            del self.files[source]
            (self.root / "entries" / source).unlink()
        self.write(target)

    def _edit_details(self) -> None:
        name, term = self._pick()
        term.details = not term.details
        self.write(name)

    def _edit_config(self) -> None:
        self.levels = dict(self.random.choice(RULE_LEVELS))
        self.write_config()


def _bump(path: Path) -> None:
    """A new modification time, so that the change is seen however coarse the file system's clock."""
    _bump.ns = getattr(_bump, "ns", 1_700_000_000_000_000_000) + 3_000_000_000  # type: ignore[attr-defined]
    os.utime(path, ns=(_bump.ns, _bump.ns))  # type: ignore[attr-defined]


def cold(root: Path, *, infos: bool = True) -> list[Diagnostic]:
    loader = GlossaryLoader(load_config(cwd=root), Cache(None), infos=infos)
    return loader.diagnostics(loader.load())


def cached(loader: GlossaryLoader) -> list[Diagnostic]:
    loaded = loader.load()
    found = loader.diagnostics(loaded)
    loader.remember_check(loaded)
    return found


def unchanged(root: Path, *, infos: bool) -> list[Diagnostic]:
    """The findings of a check that finds nothing changed since the last: the stored ones."""
    loader = GlossaryLoader(load_config(cwd=root), Cache(root), infos=infos)
    loaded = loader.load(need_graph=False)
    assert loaded.stored
    return loader.diagnostics(loaded)


@pytest.mark.parametrize("seed", range(6))
def test_incremental_findings_match_a_cold_check_after_random_edits(tmp_path: Path, seed: int) -> None:
    glossary = RandomGlossary(tmp_path / "glossary", seed)
    root = glossary.root
    infos = seed % 3 != 2  # the dev server's quiet checks too
    alive = GlossaryLoader(load_config(cwd=root), Cache(root), infos=infos)  # as the dev server keeps it
    assert cached(alive) == cold(root, infos=infos)
    rechecked = 0
    for step in range(30):
        kind = glossary.edit()
        config = load_config(cwd=root)
        if kind == "config":
            alive = GlossaryLoader(config, Cache(root), infos=infos)
        expected = cold(root, infos=infos)
        assert cached(alive) == expected, (step, kind)
        rechecked += len(alive.rechecked)
        fresh = GlossaryLoader(config, Cache(root), infos=infos)  # as each `check` starts anew
        assert cached(fresh) == expected, (step, kind)
        assert len(fresh.rechecked) == 0, (step, kind)  # the live loader's findings were cached
        assert unchanged(root, infos=infos) == expected, (step, kind)
        if infos:  # a quiet run takes the stored findings, but those of rules at level info
            assert unchanged(root, infos=False) == cold(root, infos=False), (step, kind)
    assert rechecked < 30 * len(glossary.terms())  # not everything, every time


def test_one_text_edit_checks_one_entry_again(tmp_path: Path) -> None:
    glossary = RandomGlossary(tmp_path / "glossary", seed=11)
    root = glossary.root
    first = GlossaryLoader(load_config(cwd=root), Cache(root))
    cached(first)
    ids = [term.id for term in glossary.terms()]
    assert len(first.rechecked) == len(set(ids))
    singles = [name for name, terms in sorted(glossary.files.items()) if len(terms) == 1]
    name = next(name for name in singles if ids.count(glossary.files[name][0].id) == 1)
    term = glossary.files[name][0]
    term.lead.append("und noch ein paar ganz gewöhnliche Wörter")
    glossary.write(name)
    second = GlossaryLoader(load_config(cwd=root), Cache(root))
    assert cached(second) == cold(root)
    assert second.rechecked == (term.id,)


def test_a_new_title_checks_every_entry_again(tmp_path: Path) -> None:
    """Every entry's text may mention the new title: the labels are part of every key."""
    glossary = RandomGlossary(tmp_path / "glossary", seed=12)
    root = glossary.root
    cached(GlossaryLoader(load_config(cwd=root), Cache(root)))
    name = sorted(glossary.files)[0]
    term = glossary.files[name][0]
    term.title = "Ganz Neuer Titel"
    glossary.write(name)
    second = GlossaryLoader(load_config(cwd=root), Cache(root))
    assert cached(second) == cold(root)
    assert len(second.rechecked) == len({t.id for t in glossary.terms()})


def test_without_unlinked_mentions_a_new_title_checks_the_linking_entries_again(tmp_path: Path) -> None:
    """With infos off (``build -q``, the dev server) no rule reads every term's labels: a new
    title re-checks the entries whose links lead to the term (their findings show its title)
    and those with broken links (whose hints name the nearest id), not every entry."""
    glossary = RandomGlossary(tmp_path / "glossary", seed=12)
    root = glossary.root
    cached(GlossaryLoader(load_config(cwd=root), Cache(root), infos=False))
    name = sorted(glossary.files)[0]
    term = glossary.files[name][0]
    term.title = "Ganz Neuer Titel"
    glossary.write(name)
    second = GlossaryLoader(load_config(cwd=root), Cache(root), infos=False)
    assert cached(second) == cold(root, infos=False)
    assert 0 < len(second.rechecked) < len({t.id for t in glossary.terms()})
    assert term.id in second.rechecked


def _json_findings(root: Path, *options: str) -> list[object]:
    result = run_cli("check", "--format", "json", *options, cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return _findings_of(json.loads(result.stdout))


def _findings_of(report: object) -> list[object]:
    assert isinstance(report, dict)
    found = report.get("diagnostics", report.get("findings"))
    assert isinstance(found, list), sorted(report)
    return found


def test_the_command_line_check_matches_a_check_without_cache_after_random_edits(tmp_path: Path) -> None:
    glossary = RandomGlossary(tmp_path / "glossary", seed=5)
    root = glossary.root
    assert _json_findings(root) == _json_findings(root, "--no-cache")
    for step in range(6):
        kind = glossary.edit()
        assert _json_findings(root) == _json_findings(root, "--no-cache"), (step, kind)


def test_a_pull_request_check_matches_one_without_cache_after_random_edits(tmp_path: Path) -> None:
    """``check --changed-since``, which decodes only the kept findings a change may answer
    for, reports what it reports without cache, as edits of every kind pile up on a branch."""
    glossary = RandomGlossary(tmp_path / "glossary", seed=7)
    root = glossary.root
    _branch_off_main(root)
    for step in range(6):
        kind = glossary.edit()
        scoped = _report(root, "--changed-since", "main")
        assert scoped == _report(root, "--changed-since", "main", "--no-cache"), (step, kind)


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=root, check=True, capture_output=True)


def _branch_off_main(root: Path) -> None:
    """The glossary committed on ``main`` and checked there (which fills the cache, as CI
    on main does), then a branch ``change`` for the pull request's edits."""
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "start")
    _report(root)
    _git(root, "checkout", "-q", "-b", "change")


def _report(root: Path, *options: str) -> tuple[str, int]:
    result = run_cli("check", *options, cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout, result.returncode


@pytest.mark.parametrize("seed", range(2))
def test_kept_report_parts_match_a_check_without_cache_after_random_edits(tmp_path: Path, seed: int) -> None:
    """The text and GitHub reports made of kept per-file parts are, byte for byte, those of a
    check without cache, with every option that shapes them, after any edit."""
    glossary = RandomGlossary(tmp_path / "glossary", seed=20 + seed)
    root = glossary.root
    shapes = [("--format", "text"), ("--format", "github"), ("-q",), ("--strict", "--format", "github")]
    for step in range(5):
        for options in shapes:
            assert _report(root, *options) == _report(root, "--no-cache", *options), (step, options)
        glossary.edit()


def test_one_text_edit_formats_one_file_of_the_report_again(tmp_path: Path) -> None:
    """After an edit of one entry's text, the report formats that file's part only."""
    from glossary_build.build import pipeline
    from glossary_build.report import Summary, report_check

    glossary = RandomGlossary(tmp_path / "glossary", seed=11)
    root = glossary.root

    def report(*, use_cache: bool = True, color: bool = False) -> tuple[str, list[str]]:
        checked = pipeline.check(load_config(cwd=root), use_cache=use_cache)
        summary = Summary(checked.entry_count, checked.reference_count, checked.file_count)
        memo = checked.memo
        outcome = report_check(checked.diagnostics, summary, sources=checked.sources, memo=memo, color=color)
        return outcome.output, memo.formatted if memo is not None else []

    first, formatted = report()
    with_findings = sorted({d.span.path for d in cold(root)})
    assert sorted(formatted) == with_findings and len(with_findings) > 3
    assert report() == (first, [])
    name = next(name for name, terms in sorted(glossary.files.items()) if len(terms) == 1)
    glossary.files[name][0].lead.append("und noch ein paar ganz gewöhnliche Wörter")
    glossary.write(name)
    output, formatted = report()
    assert formatted == [f"entries/{name}"]
    assert output == run_cli("check", "--no-cache", cwd=root).stdout
    colored, formatted = report(color=True)  # parts of another shape
    assert "\x1b[" in colored and len(formatted) == len(with_findings)
    assert colored == report(use_cache=False, color=True)[0] and report(color=True) == (colored, [])


def test_an_unchanged_check_prints_its_report_without_decoding_an_entrys_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second check of an unchanged glossary prints the report of kept parts (text, -q)
    or the kept whole report (JSON, SARIF) of the same options, with the same exit code,
    and decodes none of the entries' kept findings (half a million at 10,000 entries)."""
    from glossary_build.store.encoded import EncodedFindings

    glossary = RandomGlossary(tmp_path / "glossary", seed=13)
    root = glossary.root
    shapes = [("--format", "text"), ("--format", "json"), ("--strict", "--format", "sarif"), ("-q",)]
    first = {options: _report(root, *options) for options in shapes}

    def no_decoding(self: EncodedFindings) -> list[Diagnostic]:
        raise AssertionError("an unchanged check decoded an entry's kept findings")

    for options in shapes:
        _report(root, *options)  # each shape's outcome is kept in turn
        monkeypatch.setattr(EncodedFindings, "decoded", no_decoding)
        reported = _report_in_process(root, *options)
        monkeypatch.undo()
        assert reported == first[options], options
        assert first[options] == _report(root, "--no-cache", *options), options


def test_a_check_after_one_edit_decodes_the_findings_of_that_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After one entry's text changed, the text report formats that file's part from the
    findings found now; no other entry's kept findings are decoded."""
    from glossary_build.store.encoded import EncodedFindings

    glossary = RandomGlossary(tmp_path / "glossary", seed=15)
    root = glossary.root
    _report(root)
    name = next(name for name, terms in sorted(glossary.files.items()) if len(terms) == 1)
    glossary.files[name][0].lead.append("und noch ein paar ganz gewöhnliche Wörter")
    glossary.write(name)
    decoded: list[int] = []
    real = EncodedFindings.decoded

    def counted(self: EncodedFindings) -> list[Diagnostic]:
        decoded.append(len(self))
        return real(self)

    monkeypatch.setattr(EncodedFindings, "decoded", counted)
    reported = _report_in_process(root)
    monkeypatch.undo()
    assert reported == _report(root, "--no-cache")
    assert decoded == []
    monkeypatch.setattr(EncodedFindings, "decoded", counted)
    assert _report_in_process(root, "--format", "json") == _report(root, "--no-cache", "--format", "json")
    monkeypatch.undo()
    assert decoded  # a whole report decodes them: the check can fail


def test_a_pull_request_check_decodes_only_the_kept_findings_it_may_answer_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``check --changed-since`` reads of the kept findings only those of entries with a
    finding in a changed file or naming one, or a broken link to an id the change took away;
    it prints what it printed when it read them all (a check without cache)."""
    from click.testing import CliRunner

    from glossary_build.cli import main
    from glossary_build.store.encoded import EncodedFindings

    glossary = RandomGlossary(tmp_path / "glossary", seed=16, size=30)
    root = glossary.root
    _branch_off_main(root)
    name = next(name for name, terms in sorted(glossary.files.items()) if len(terms) == 1)
    glossary.files[name][0].lead.append("und [etwas](#Nirgends-Neu) Neues")
    glossary.write(name)
    _git(root, "commit", "-q", "-am", "edit")
    made: list[EncodedFindings] = []
    decoded: list[EncodedFindings] = []
    real_init, real_decoded = EncodedFindings.__init__, EncodedFindings.decoded

    def kept_group(self: EncodedFindings, *args: Any) -> None:
        made.append(self)
        real_init(self, *args)

    def counted(self: EncodedFindings) -> list[Diagnostic]:
        decoded.append(self)
        return real_decoded(self)

    monkeypatch.setattr(EncodedFindings, "__init__", kept_group)
    monkeypatch.setattr(EncodedFindings, "decoded", counted)
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_COLOR", "1")
    scoped = CliRunner().invoke(main, ["check", "--changed-since", "main"])
    monkeypatch.undo()
    cold = run_cli("check", "--changed-since", "main", "--no-cache", cwd=root)
    assert (scoped.output, scoped.exit_code) == (cold.stdout, cold.returncode)
    assert "Nirgends-Neu" in scoped.output and scoped.exit_code == 1
    assert len(made) > 20  # the entries not checked again
    assert 0 < len(set(map(id, decoded))) < len(made) / 2, (len(decoded), len(made))


def _report_in_process(root: Path, *options: str) -> tuple[str, int]:
    """What ``check OPTIONS`` prints and returns, in this process (as the command line does it)."""
    checked = pipeline_check(root)
    summary = Summary(checked.entry_count, checked.reference_count, checked.file_count)
    quiet = "-q" in options
    outcome = report_check(
        functools.partial(getattr, checked, "diagnostics"), summary, sources=checked.sources, memo=checked.memo,
        format_name=options[-1] if "--format" in options else "text", strict="--strict" in options,
        visible="errors" if quiet else "all",
        by_file=functools.partial(checked.findings_by_file, errors_only=quiet),
    )
    return outcome.output, outcome.exit_code


def test_stored_findings_whose_entries_are_gone_are_found_again(tmp_path: Path) -> None:
    """A findings record that names entries whose kept findings are gone (a run cut short
    between writing the two) is not trusted: the glossary is checked again, and stored."""
    glossary = RandomGlossary(tmp_path / "glossary", seed=14)
    root = glossary.root
    expected = cold(root)
    cached(GlossaryLoader(load_config(cwd=root), Cache(root)))
    cache_folder = next((root / ".glossary-cache").glob("*/checked.pack")).parent
    (cache_folder / "checked.pack").unlink()
    loader = GlossaryLoader(load_config(cwd=root), Cache(root))
    loaded = loader.load(need_graph=False)
    assert loaded.stored  # the findings record still matches the inputs
    assert loader.diagnostics(loaded) == expected
    assert not loaded.stored and loaded.graph is not None
    assert (cache_folder / "checked.pack").exists()
    assert unchanged(root, infos=True) == expected


def pipeline_check(root: Path) -> Glossary:
    from glossary_build.build import pipeline

    return pipeline.check(load_config(cwd=root))


def test_kept_findings_that_are_gone_are_found_again(tmp_path: Path) -> None:
    """Records whose findings were deleted from the cache are not trusted: every entry is
    checked again, the cache is whole again, and the reports stay those without cache."""
    glossary = RandomGlossary(tmp_path / "glossary", seed=16)
    root = glossary.root
    _report(root)
    folder = next((root / ".glossary-cache").glob("*/checked-findings.pack")).parent
    for name in ("checked-findings.pack", "checked-findings.log"):
        (folder / name).unlink()
    name = next(name for name, terms in sorted(glossary.files.items()) if len(terms) == 1)
    glossary.files[name][0].lead.append("und noch ein paar ganz gewöhnliche Wörter")
    glossary.write(name)
    assert _report(root) == _report(root, "--no-cache")
    glossary.files[name][0].lead.append("und noch mehr")
    glossary.write(name)
    assert _report(root) == _report(root, "--no-cache")
    assert _report(root, "--format", "json") == _report(root, "--no-cache", "--format", "json")
