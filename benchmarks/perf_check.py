"""Measure what the build cache saves, next to Hugo, on one glossary folder.

    python benchmarks/perf_check.py GLOSSARY_DIR [--hugo-site DIR] [--repeat 3]

Runs, each ``--repeat`` times (median printed), in a scratch copy of the
glossary: ``check --no-cache`` (first check), ``check`` (second check, cache
warm), ``build --no-cache`` (cold), ``build`` with nothing changed, and
``build`` after one entry file gained a sentence; and ``hugo`` on
``--hugo-site`` when given (e.g. a site made by the benchmark runner).
``benchmarks/run.py`` is the full benchmark; this script adds the first and
second ``check`` and needs nothing but a glossary folder.  glossary-build is
run as ``python -m glossary_build`` from this checkout.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent


def timed(command: list[str], cwd: Path, prepare: Callable[[], None] | None = None) -> float:
    """Seconds one run of ``command`` takes (after ``prepare``, which is not timed)."""
    if prepare:
        prepare()
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT)}
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def series(label: str, repeat: int, run: Callable[[], float]) -> float:
    """Median of ``repeat`` runs, printed with ``label``."""
    median = statistics.median(run() for _ in range(repeat))
    print(f"{label:<34} {median:8.2f} s", flush=True)
    return median


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("glossary", type=Path)
    parser.add_argument("--hugo-site", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    gb = [sys.executable, "-m", "glossary_build"]
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch) / "glossary"
        shutil.copytree(args.glossary, work, ignore=shutil.ignore_patterns(".glossary-cache"))
        out = Path(scratch) / "site"
        cache = work / ".glossary-cache"
        results: dict[str, float] = {}
        if args.hugo_site:
            hugo_out = Path(scratch) / "hugo"
            results["hugo"] = series("hugo", args.repeat, lambda: timed(
                ["hugo", "--quiet", "-s", str(args.hugo_site), "-d", str(hugo_out)], work,
                lambda: shutil.rmtree(hugo_out, ignore_errors=True)))
        results["check1"] = series("check --no-cache (first check)", args.repeat,
                                   lambda: timed([*gb, "check", "--no-cache"], work))
        timed([*gb, "check"], work)
        results["check2"] = series("check (second check)", args.repeat, lambda: timed([*gb, "check"], work))
        results["cold"] = series("build --no-cache (cold)", args.repeat, lambda: timed(
            [*gb, "build", "-q", "--no-cache", "--out", str(out)], work,
            lambda: (shutil.rmtree(out, ignore_errors=True), shutil.rmtree(cache, ignore_errors=True))))
        timed([*gb, "build", "-q", "--out", str(out)], work)
        results["noop"] = series("build, nothing changed", args.repeat,
                                 lambda: timed([*gb, "build", "-q", "--out", str(out)], work))
        files = sorted((work / "entries").glob("*.md"))
        target = files[len(files) // 2]
        original = target.read_text(encoding="utf-8")
        count = iter(range(1_000_000))

        def edit() -> None:
            """The lead paragraph (the first line starting with ``**``) gains a sentence."""
            lines = original.split("\n")
            lead = next((i for i, line in enumerate(lines) if line.startswith("**")), len(lines) - 1)
            lines[lead] += f" Nachtrag {next(count)}."
            target.write_text("\n".join(lines), encoding="utf-8")

        results["edit"] = series("build, one entry edited", args.repeat,
                                 lambda: timed([*gb, "build", "-q", "--out", str(out)], work, edit))
        if "hugo" in results:
            for key in ("cold", "noop", "edit", "check1", "check2"):
                print(f"{key:<8} {results[key] / results['hugo']:6.2f} x Hugo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
