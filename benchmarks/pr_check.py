"""The pull-request check as the GitHub Actions job runs it, next to Hugo's full build.

    python benchmarks/pr_check.py --sizes 2000,10000 --repeat 3

For each size: the benchmark corpus is committed to a git repository (branch
``main``) and checked once there, which fills ``.glossary-cache/``, as the job
on a push to main does.  Then, as in a pull request: a fresh clone (new
inodes and file times, so no signature is trusted), the cache copied in (the
job's restore step), one entry edited and committed on a branch, and timed:

- ``pr``: ``glossary-build check --changed-since main`` with the restored cache;
- ``full``: ``glossary-build check`` with the restored cache (everything reported);
- ``cold``: ``glossary-build check --no-cache`` (a job that keeps no cache);
- ``hugo``: Hugo's full build of the same entries.

The same ``GLOSSARY_BUILD_CACHE_KEY`` is given to every run, as the CI secret
would be.  Medians; ratios to Hugo's median from the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.hugo_site import hugo_command
from benchmarks.run import parse_sizes
from benchmarks.workspace import Workspace

HERE = Path(__file__).resolve().parent
KEY = "5e" * 32


def run(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Wall seconds of ``command``; exit codes 0 and 1 (findings) count as success."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr[-500:]}")
    return time.perf_counter() - started


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=b", "-c", "user.email=b@example.org", *args],
                   cwd=cwd, check=True, capture_output=True)


def pull_request(ws: Workspace, main: Path, index: int) -> Path:
    """A fresh clone of ``main`` with main's cache and one committed edit on a branch."""
    clone = ws.work / f"pr-{index}"
    shutil.rmtree(clone, ignore_errors=True)
    git(ws.work, "clone", "-q", str(main), str(clone))
    shutil.copytree(main / ".glossary-cache", clone / ".glossary-cache")
    target = clone / ws.edit_target().relative_to(ws.glossary)
    ws.append_sentence(target, target.read_bytes(), index)
    git(clone, "checkout", "-q", "-b", "change")
    git(clone, "commit", "-q", "-am", "edit")
    return clone


def measure(size: int, repeat: int) -> dict[str, float | None]:
    ws = Workspace.prepare(size, 1, HERE / "corpus", HERE / "out")
    env = {**os.environ, "GLOSSARY_BUILD_CACHE_KEY": KEY, "PYTHONPATH": str(HERE.parent), "CI": "true"}
    gb = [sys.executable, "-m", "glossary_build"]
    main = ws.glossary
    git(main, "init", "-q", "-b", "main")
    git(main, "add", ".")
    git(main, "commit", "-q", "-m", "corpus")
    run([*gb, "check"], main, env)  # the push to main fills the cache
    times: dict[str, list[float]] = {"pr": [], "full": [], "cold": [], "hugo": []}
    rows = {"pr": ["check", "--changed-since", "main"], "full": ["check"], "cold": ["check", "--no-cache"]}
    for index in range(repeat):
        for row, args in rows.items():  # each in a fresh clone: the first run there reads every file
            clone = pull_request(ws, main, index)
            times[row].append(run([*gb, *args], clone, env))
            shutil.rmtree(clone, ignore_errors=True)
        if shutil.which("hugo"):
            shutil.rmtree(ws.hugo_out, ignore_errors=True)
            times["hugo"].append(run(hugo_command(ws.hugo_site(), ws.hugo_out), ws.hugo_site(), env))
    return {row: statistics.median(values) if values else None for row, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print("| entries | check --changed-since (s) | check, cache restored (s) | check --no-cache (s) "
          "| Hugo full build (s) | --changed-since vs Hugo |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        medians = measure(size, args.repeat)
        hugo, pr = medians["hugo"], medians["pr"]
        ratio = f"{pr / hugo:.2f}x" if hugo and pr else "–"
        cells = [f"{medians[row]:.2f}" if medians[row] is not None else "–" for row in ("pr", "full", "cold", "hugo")]
        print(f"| {size:,} | {' | '.join(cells)} | {ratio} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
