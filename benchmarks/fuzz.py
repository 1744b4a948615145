"""The long fuzz run, for use before a release.

Runs the property tests of ``tests/hostile/test_fuzz.py`` (parser, resolver,
renderer: never an exception, every diagnostic at a valid position, every
page well-formed and free of entry script) with many more examples than the
default test run's 100::

    python benchmarks/fuzz.py                      # 20,000 examples per property
    python benchmarks/fuzz.py --examples 2000      # quicker
    python benchmarks/fuzz.py --seed 12345         # reproduce a run
    python benchmarks/fuzz.py -- -k resolver       # extra pytest arguments

Hypothesis keeps every failing example in ``.hypothesis/`` and replays it
first on the next run, also in the ordinary test run; a failure prints the
shrunk input.  Install ``html5lib`` for the browser-like well-formedness
check (without it only the tag-balance check runs).  3,000 examples of each
property take about five minutes on one core, 20,000 about forty;
``-n auto`` with pytest-xdist installed spreads them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=20_000, help="examples per property")
    parser.add_argument("--seed", type=int, help="hypothesis seed (default: random)")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    args = parser.parse_args(argv)
    env = {**os.environ, "FUZZ_EXAMPLES": str(args.examples), "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "pytest", "tests/hostile/test_fuzz.py", "-q",
               "--hypothesis-show-statistics", *args.pytest_args]
    if args.seed is not None:
        command.append(f"--hypothesis-seed={args.seed}")
    return subprocess.call(command, cwd=REPO, env=env)


if __name__ == "__main__":
    sys.exit(main())
