"""Benchmark glossary-build against Hugo on synthetic glossaries.

    python benchmarks/run.py --sizes 1000,10000 --repeat 3

For each size: generate (or reuse) the corpus in ``benchmarks/corpus/``, copy
it to a scratch folder, then measure in this one process, ``--repeat`` times
each, the median reported:

- ``hugo``:  Hugo full build of the same files (fresh output folder);
- ``cold``:  ``glossary-build build --no-cache`` into a fresh output folder
  (without that flag: ``.glossary-cache/`` and the output are deleted first);
- ``noop``:  ``glossary-build build`` again with nothing changed;
- ``edit``:  ``glossary-build build`` after appending a sentence to one entry;
- ``idedit``: ``glossary-build build`` after one entry's id changed (a new id each run);
- ``newfile``: ``glossary-build build`` after a new entry file was added (a new one each run);
- ``rmfile``: ``glossary-build build`` after an entry file was removed (another one each run);
- ``check``: ``glossary-build check`` (after an untimed one: the cache is warm);
- ``editcheck``: ``glossary-build check`` after appending a sentence to one entry;
- ``coldcheck``: ``glossary-build check --no-cache``;

each with its peak RSS; with ``--phases`` also a cold build stage by stage
(parse, link, check, pages, site-wide, write: ``benchmarks/phases.py``).  Prints Markdown tables and writes
``benchmarks/out/results-<size>.json``.  If glossary-build cannot run yet, its
rows say so and Hugo is still measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

if not __package__:  # run as a script: make the benchmarks package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.hugo_site import hugo_command
from benchmarks.measure import Meter
from benchmarks.phases import markdown as phases_markdown
from benchmarks.results import Row, SizeResult, markdown_table
from benchmarks.workspace import (
    GlossaryBuild,
    Workspace,
    detect_glossary_build,
    hugo_version,
)

HERE = Path(__file__).resolve().parent
ROW_KEYS = ("hugo", "cold", "noop", "edit", "idedit", "newfile", "rmfile", "check", "editcheck", "coldcheck")


class Bench:
    """Measures every row for one corpus size."""

    def __init__(self, ws: Workspace, gb: GlossaryBuild, meter: Meter,
                 args: argparse.Namespace) -> None:
        self.ws = ws
        """Folders and corpus for this size."""
        self.gb = gb
        """How to run glossary-build (or why it cannot run)."""
        self.meter = meter
        """Timer and memory reader."""
        self.repeat: int = args.repeat
        """Timed runs per row."""
        self.warmup: int = args.warmup
        """Untimed runs before the Hugo, cold and check series."""
        self.timeout: float | None = args.timeout
        """Limit for one run in seconds."""
        self.rows: set[str] = set(args.rows)
        """Row keys to measure."""

    def log(self, message: str) -> None:
        """Progress on stderr (stdout is for the tables)."""
        print(f"[{self.ws.size}] {message}", file=sys.stderr, flush=True)

    def series(self, row: Row, command: list[str], cwd: Path,
               prepare: Callable[[int], None] | None = None, warmup: int = 0,
               env: dict[str, str] | None = None) -> Row:
        """Run ``command`` ``warmup`` times untimed, then ``repeat`` times timed."""
        row.command = command
        log = self.ws.logs / f"{row.key}.log"
        for index in range(warmup + self.repeat):
            if prepare:
                prepare(index)
            sample = self.meter.run(command, cwd, log, env=env, timeout=self.timeout)
            if index >= warmup:
                row.samples.append(sample)
        self.log(f"{row.label}: {row.summary()}")
        return row

    def hugo(self) -> Row:
        """Hugo full build, output folder deleted before each run."""
        row = Row("hugo", "Hugo full build")
        if not shutil.which("hugo"):
            return row.missing("hugo is not on PATH")
        site, out = self.ws.hugo_site(), self.ws.hugo_out
        command = hugo_command(site, out)
        return self.series(row, command, site, lambda _: shutil.rmtree(out, True), self.warmup)

    def cold(self) -> Row:
        """glossary-build build without cache into an empty output folder."""
        label = "glossary-build cold build" + (" (--no-cache)" if self.gb.no_cache else "")
        row = Row("cold", label)
        if not self.gb.available:
            return row.missing(self.gb.reason)

        def reset(_: int) -> None:
            shutil.rmtree(self.ws.gb_out, ignore_errors=True)
            if not self.gb.no_cache:
                shutil.rmtree(self.ws.glossary / ".glossary-cache", ignore_errors=True)

        extra = ["--no-cache"] if self.gb.no_cache else []
        return self.series(row, self.gb.build(self.ws.gb_out, extra), self.ws.glossary, reset,
                           self.warmup, self.gb.env)

    def noop(self) -> Row:
        """A rebuild with nothing changed, after one untimed priming build."""
        row = Row("noop", "glossary-build no-change rebuild")
        if not self.gb.available:
            return row.missing(self.gb.reason)
        return self.series(row, self.gb.build(self.ws.gb_out), self.ws.glossary, warmup=1,
                           env=self.gb.env)

    def edit(self) -> Row:
        """A rebuild after one entry file gained a sentence (a new one each run)."""
        row = Row("edit", "glossary-build one-entry edit rebuild")
        if not self.gb.available:
            return row.missing(self.gb.reason)
        return self.target_series(row, self.gb.build(self.ws.gb_out), self.ws.append_sentence, "edits")

    def idedit(self) -> Row:
        """A rebuild after one entry's id changed (links to the old one break)."""
        row = Row("idedit", "glossary-build rebuild, one id changed")
        if not self.gb.available:
            return row.missing(self.gb.reason)

        def rename(target: Path, original: bytes, index: int) -> None:
            text = re.sub(r"\{#([^\s}]+)", rf"{{#\1-umbenannt-{index + 1}", original.decode("utf-8"), count=1)
            target.write_text(text, encoding="utf-8")

        return self.target_series(row, self.gb.build(self.ws.gb_out), rename, "renames the id in")

    def target_series(
        self, row: Row, command: list[str], change: Callable[[Path, bytes, int], None], what: str = ""
    ) -> Row:
        """:meth:`series` of ``command`` after ``change(target, original_bytes, run)`` of the
        edit target (:meth:`Workspace.edit_target`) before each run; the file is restored after."""
        target = self.ws.edit_target()
        if what:
            row.note = f"{what} {target.relative_to(self.ws.glossary)}"
        original = target.read_bytes()
        try:
            self.series(row, command, self.ws.glossary, lambda i: change(target, original, i), warmup=1,
                        env=self.gb.env)
        finally:
            target.write_bytes(original)
        return row

    def newfile(self) -> Row:
        """A rebuild after a new entry file was added (one more each run, removed at the end)."""
        row = Row("newfile", "glossary-build rebuild, one file added")
        if not self.gb.available:
            return row.missing(self.gb.reason)
        added: list[Path] = []

        def add(index: int) -> None:
            path = self.ws.glossary / "entries" / f"Benchmark-Neu-{index + 1}.md"
            path.write_text(f"## Neu {index + 1} {{#Neu-{index + 1} .term}}\n\n**Neu {index + 1}** ist neu.\n",
                            encoding="utf-8")
            added.append(path)

        try:
            self.series(row, self.gb.build(self.ws.gb_out), self.ws.glossary, add, warmup=1, env=self.gb.env)
        finally:
            for path in added:
                path.unlink(missing_ok=True)
        return row

    def rmfile(self) -> Row:
        """A rebuild after an entry file was removed (another each run, all put back at the end):
        links to its ids break, its page and its pieces of the site-wide files go."""
        row = Row("rmfile", "glossary-build rebuild, one file removed")
        if not self.gb.available:
            return row.missing(self.gb.reason)
        files = sorted((self.ws.glossary / "entries").glob("*.md"))
        # Files after the edit target in name order, one per run (the warm-up's included).
        start = files.index(self.ws.edit_target()) + 1
        removed: dict[Path, bytes] = {}

        def remove(index: int) -> None:
            path = files[start + index]
            removed[path] = path.read_bytes()
            path.unlink()

        row.note = f"removes {files[start].relative_to(self.ws.glossary)} and the files after it"
        try:
            self.series(row, self.gb.build(self.ws.gb_out), self.ws.glossary, remove, warmup=1, env=self.gb.env)
        finally:
            for path, data in removed.items():
                path.write_bytes(data)
        return row

    def check(self) -> Row:
        """glossary-build check (reports the corpus's broken links)."""
        row = Row("check", "glossary-build check", ok_codes=(0, 1))
        if not self.gb.available:
            return row.missing(self.gb.reason)
        # The first check after the edit rows sees the restored file: it is the second check
        # of an unchanged glossary that the cache makes fast.
        return self.series(row, self.gb.check(), self.ws.glossary, warmup=max(1, self.warmup),
                           env=self.gb.env)

    def editcheck(self) -> Row:
        """A check after one entry file gained a sentence (the second check after an edit)."""
        row = Row("editcheck", "glossary-build check after a one-entry edit", ok_codes=(0, 1))
        if not self.gb.available:
            return row.missing(self.gb.reason)

        def append(target: Path, original: bytes, index: int) -> None:
            self.ws.append_sentence(target, original, index + 100)  # sentences the edit row did not write

        return self.target_series(row, self.gb.check(), append)

    def coldcheck(self) -> Row:
        """glossary-build check without the cache: every file parsed (the pull-request case
        when CI keeps no cache)."""
        row = Row("coldcheck", "glossary-build check --no-cache", ok_codes=(0, 1))
        if not self.gb.available:
            return row.missing(self.gb.reason)
        extra = ["--no-cache"] if self.gb.no_cache else []
        return self.series(row, [*self.gb.check(), *extra], self.ws.glossary, warmup=self.warmup,
                           env=self.gb.env)

    def run(self) -> list[Row]:
        """Every selected row, in a fixed order; failures of one row do not stop others."""
        rows = []
        for key in ROW_KEYS:
            if key not in self.rows:
                continue
            try:
                rows.append(getattr(self, key)())
            except (OSError, subprocess.SubprocessError) as error:
                rows.append(Row(key, key).missing(f"error: {error}"))
        return rows


def parse_sizes(text: str) -> list[int]:
    """``"1000,10k"`` -> ``[1000, 10000]``."""
    sizes = []
    for part in text.split(","):
        part = part.strip().lower()
        sizes.append(int(float(part[:-1]) * 1000) if part.endswith("k") else int(part))
    return sizes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=[1000, 10000],
                        help="comma-separated entry counts, e.g. 1000,10000 or 2k (default 1000,10000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per row (median reported)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs before a series")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed")
    parser.add_argument("--cmd", default=None,
                        help='glossary-build command (default: "glossary-build" on PATH, '
                             'else "python -m glossary_build" from this checkout)')
    parser.add_argument("--rows", type=lambda s: s.split(","), default=list(ROW_KEYS),
                        help=f"rows to measure (default {','.join(ROW_KEYS)})")
    parser.add_argument("--timeout", type=float, default=None, help="seconds allowed per run")
    parser.add_argument("--phases", action="store_true",
                        help="also time a cold build stage by stage (benchmarks/phases.py)")
    parser.add_argument("--corpus-dir", type=Path, default=HERE / "corpus")
    parser.add_argument("--out-dir", type=Path, default=HERE / "out")
    return parser.parse_args(argv)


def machine() -> dict[str, object]:
    """What the numbers were measured on."""
    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    return {"cpus": os.cpu_count(), "platform": platform.platform(),
            "python": platform.python_version(), "hugo": hugo_version(),
            "loadavg_at_start": load}


def phase_breakdown(glossary: Path, repeat: int) -> dict[str, object]:
    """:func:`benchmarks.phases.measure` in a process of its own (its pools and memory apart)."""
    command = [sys.executable, str(HERE / "phases.py"), str(glossary), "--repeat", str(repeat), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    report: dict[str, object] = json.loads(done.stdout)
    return report


def main(argv: list[str] | None = None) -> int:
    """Measure every size, print the tables, write the JSON results."""
    args = parse_args(argv)
    gb = detect_glossary_build(args.cmd, HERE.parent)
    meter = Meter()
    if not gb.available:
        print(f"note: glossary-build not measured: {gb.reason}", file=sys.stderr)
    tables = []
    for size in args.sizes:
        ws = Workspace.prepare(size, args.seed, args.corpus_dir, args.out_dir)
        started, host = dt.datetime.now(dt.UTC), machine()
        rows = Bench(ws, gb, meter, args).run()
        host["loadavg_at_end"] = machine()["loadavg_at_start"]
        result = SizeResult(size=size, seed=args.seed, repeat=args.repeat, warmup=args.warmup,
                            date=started.isoformat(timespec="seconds"), machine=host, memory=meter.method,
                            glossary_build=gb.describe(), corpus=ws.stats, rows=rows)
        data = result.to_json()
        table = markdown_table(result)
        if args.phases:
            data["phases"] = phase_breakdown(ws.glossary, args.repeat)
            table += "\n\nCold build by stage:\n\n" + phases_markdown(data["phases"])
        path = args.out_dir / f"results-{size}.json"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        tables.append(table)
        print(f"[{size}] results -> {path}", file=sys.stderr)
    print("\n\n".join(tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
