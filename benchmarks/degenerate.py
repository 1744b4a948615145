"""Degenerate input through the real command line: time, peak memory, growth.

Each case generates a glossary at a size ``n`` and at ``n / 10`` (or the
sizes given), runs ``glossary-build build`` on it in a subprocess, and reports
wall time, peak memory of the child (``ru_maxrss``), the exit code, the
diagnostic codes printed, and the ratio of the times: a linear tool shows a
ratio of about 10, a quadratic one about 100.  A case fails when the build
crashes (a traceback, or an exit code other than 0/1), exceeds its time bound,
or grows faster than :data:`MAX_RATIO` allows.

    python benchmarks/degenerate.py                 # every case, full size
    python benchmarks/degenerate.py --scale 0.1     # quicker, smaller
    python benchmarks/degenerate.py nested-lists deep-quotes

The same generators at small sizes run as unit tests in
``tests/hostile/test_degenerate.py`` (no timers there).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MAX_RATIO = 25.0
"""Allowed time ratio for a 10x bigger input (10 is linear, 100 quadratic); generous
because the small run is dominated by start-up."""
MIN_TIMED = 3.0
"""Below this many seconds a run is mostly start-up, and its ratio says nothing."""
HEAD = "## Term {#Term .term}\n\n"


def _entry(entry_id: str, body: str = "Text.") -> str:
    return f"## {entry_id} {{#{entry_id} .term}}\n\n{body}\n\n----\n\n"


def empty_file(n: int) -> dict[str, str]:
    """An empty file next to ``n`` ordinary entries."""
    files = {"empty.md": ""}
    files.update({f"e{i}.md": _entry(f"E{i}") for i in range(n)})
    return files


def big_file(n: int) -> dict[str, str]:
    """One file of about ``n`` bytes: many entries with paragraphs and links."""
    chunk = _entry("X", "Ein Absatz mit [Link](#Y) und *Betonung* und `code`. " * 20)
    count = max(1, n // len(chunk))
    parts = [
        _entry(f"T{i}", f"Absatz {i} mit [Verweis](#T{(i + 1) % count}) und *Betonung* und `code`. " * 20)
        for i in range(count)
    ]
    return {"big.md": "".join(parts)}


def long_line(n: int) -> dict[str, str]:
    """One paragraph line of ``n`` bytes (words, emphasis, links)."""
    unit = "Wort *betont* [L](#Term) `c` "
    return {"line.md": HEAD + unit * max(1, n // len(unit)) + "\n"}


def nested_lists(n: int) -> dict[str, str]:
    """Lists nested ``n`` deep: ``- - - ... item`` (bullet and ordered), then a list
    indented one step per line for 200 lines (indenting all ``n`` levels would make the
    file itself quadratic in ``n``)."""
    indented = "\n".join(f"{'  ' * depth}- item {depth}" for depth in range(200))
    return {"lists.md": HEAD + "- " * n + "item\n\n" + "1. " * n + "item\n\n" + indented + "\n"}


def deep_quotes(n: int) -> dict[str, str]:
    """A blockquote nested ``n`` deep."""
    return {"quotes.md": HEAD + ">" * n + " deep\n"}


def many_links(n: int) -> dict[str, str]:
    """``n`` links in one entry, a third of them broken."""
    links = " ".join(
        f"[l{i}](#{'Term' if i % 3 else f'Missing{i % 97}'})" for i in range(n)
    )
    return {"links.md": HEAD + links + "\n"}


def same_id(n: int) -> dict[str, str]:
    """``n`` entries with the same id, spread over 10 files."""
    body = "Kurz.\n\n### Kernkonzept {.explanation}\n\nMehr."
    return {f"dup{f}.md": "".join(_entry("Same", body) for _ in range(n // 10)) for f in range(10)}


def unclosed_divs(n: int) -> dict[str, str]:
    """``n`` unclosed ``<div>`` tags in one entry."""
    return {"divs.md": HEAD + "<div>x\n" * n}


def only_braces(n: int) -> dict[str, str]:
    """A file of ``n`` ``{`` characters (and one with an entry heading)."""
    return {"braces.md": "{" * n + "\n", "brace-heading.md": "## T {" + "{" * n + "\n"}


def nested_emphasis(n: int) -> dict[str, str]:
    """``n`` unclosed ``*`` and ``[`` openers (classic delimiter-stack blow-ups)."""
    return {"emph.md": HEAD + "*a " * n + "\n\n" + "[" * n + "\n\n" + "<" * n + "\n"}


def grid_rows(n: int) -> dict[str, str]:
    """A Pandoc grid table with ``n`` rows."""
    return {"grid.md": HEAD + "+---+---+\n| a | b |\n+===+===+\n" + "| x | y |\n+---+---+\n" * n}


def grid_columns(n: int) -> dict[str, str]:
    """A Pandoc grid table with ``n`` columns and a row spanning all of them."""
    border = "+" + "---+" * n + "\n"
    return {"grid.md": HEAD + border + "|" + " a |" * n + "\n" + border + "|" + " " * (4 * n - 1) + "|\n" + border}


def footnotes(n: int) -> dict[str, str]:
    """``n`` footnotes, half of them never defined."""
    refs = " ".join(f"a[^{i}]" for i in range(n))
    return {"notes.md": HEAD + refs + "\n\n" + "".join(f"[^{i}]: note {i}\n" for i in range(0, n, 2))}


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[int], dict[str, str]]
    n: int
    """Full size."""
    bound: float
    """Seconds allowed at full size."""
    expect: tuple[str, ...] = ()
    """Diagnostic codes that must be reported (the author's mistake)."""


CASES = (
    Case("empty-file", empty_file, 1_000, 60, ("file-without-entry",)),
    Case("20mb-file", big_file, 20_000_000, 600),
    Case("1mb-line", long_line, 1_000_000, 120),
    Case("nested-lists", nested_lists, 10_000, 120),
    Case("deep-quotes", deep_quotes, 10_000, 120),
    Case("100k-links", many_links, 100_000, 120, ("broken-reference",)),
    Case("50k-same-id", same_id, 50_000, 300, ("duplicate-id",)),
    Case("10k-unclosed-divs", unclosed_divs, 10_000, 60),
    Case("only-braces", only_braces, 1_000_000, 60, ("file-without-entry",)),
    Case("unclosed-delimiters", nested_emphasis, 50_000, 120),
    Case("grid-table-rows", grid_rows, 20_000, 120),
    Case("grid-table-columns", grid_columns, 5_000, 120),
    Case("footnotes", footnotes, 20_000, 120),
)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    exit_code: int
    codes: frozenset[str]
    stderr: str


_CODE = re.compile(r": (?:error|warning|info)\[([a-z0-9-]+)\]")


def write_glossary(folder: Path, files: dict[str, str]) -> None:
    """A glossary folder with ``entries/`` holding ``files``."""
    entries = folder / "entries"
    entries.mkdir(parents=True)
    for name, text in files.items():
        (entries / name).write_text(text, encoding="utf-8")


def run_build(folder: Path, timeout: float) -> Run:
    """``glossary-build build`` in ``folder``; wall time and peak memory of the child."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    with tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", _MEASURED_BUILD],
            cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=err, text=True,
        )
        timer = threading.Timer(timeout * 2, child.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    codes = frozenset(_CODE.findall(stderr))
    peak = re.search(r"^peak-kb: ([0-9]+)$", stderr, re.MULTILINE)
    # ru_maxrss includes what the child inherited from this (large) process at fork.
    peak_kb = int(peak.group(1)) if peak else usage.ru_maxrss
    return Run(seconds, peak_kb / 1024, child.returncode, codes, stderr)


_MEASURED_BUILD = """
import atexit, sys, runpy
def peak():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    sys.stderr.write("peak-kb: " + line.split()[1] + "\\n")
    except OSError:
        pass
atexit.register(peak)
sys.argv = ["glossary-build", "build"]
runpy.run_module("glossary_build", run_name="__main__")
"""


def measure(case: Case, n: int, timeout: float) -> Run:
    with tempfile.TemporaryDirectory(prefix="degenerate-") as tmp:
        folder = Path(tmp)
        write_glossary(folder, case.make(n))
        return run_build(folder, timeout)


def problems_of(case: Case, run: Run, bound: float) -> list[str]:
    found = []
    if "Traceback" in run.stderr:
        found.append("crashed: " + run.stderr.strip().splitlines()[-1])
    if run.exit_code not in (0, 1):
        found.append(f"exit code {run.exit_code}: {run.stderr.strip()[-300:]}")
    if run.seconds > bound:
        found.append(f"took {run.seconds:.1f} s, bound {bound:.0f} s")
    missing = set(case.expect) - run.codes
    if missing:
        found.append(f"no {', '.join(sorted(missing))} diagnostic")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    args = parser.parse_args(argv)
    chosen = [c for c in CASES if not args.cases or c.name in args.cases]
    failed = 0
    print(f"{'case':22} {'n':>10} {'time n/10':>10} {'time n':>9} {'ratio':>6} {'peak MB':>8}  codes")
    for case in chosen:
        n = max(10, int(case.n * args.scale))
        small = measure(case, max(1, n // 10), case.bound)
        big = measure(case, n, case.bound)
        ratio = big.seconds / small.seconds if small.seconds else float("inf")
        found = problems_of(case, small, case.bound) + problems_of(case, big, case.bound)
        if ratio > MAX_RATIO and big.seconds > MIN_TIMED:
            found.append(f"time grows {ratio:.0f}x for 10x the input")
        codes = ",".join(sorted(big.codes)) or "-"
        print(f"{case.name:22} {n:>10} {small.seconds:>9.2f}s {big.seconds:>8.2f}s {ratio:>6.1f} "
              f"{big.peak_mb:>8.0f}  {codes}", flush=True)
        for problem in found:
            print(f"    FAIL: {problem}", flush=True)
        failed += bool(found)
    print(f"{len(chosen) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
