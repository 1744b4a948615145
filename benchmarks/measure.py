"""Time one command and read its peak memory.

Peak resident set size comes from GNU ``/usr/bin/time -v`` when it exists,
otherwise from a small Python wrapper process that runs the command and reports
``getrusage(RUSAGE_CHILDREN).ru_maxrss``.  Both give the largest RSS of any
single process in the command's tree (not a sum over worker processes).
Wall time is measured here, around the whole wrapper, with ``perf_counter``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = "/usr/bin/time"
"""GNU time; used when present and it understands ``-v``."""

_WRAPPER = """\
import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as report:
    report.write("Maximum resident set size (kbytes): %d\\n"
                 % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(rc)
"""
_MAXRSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


@dataclass(frozen=True, slots=True)
class Sample:
    """One run of one command."""

    seconds: float
    """Wall-clock time."""
    peak_rss_kb: int | None
    """Peak resident set size in KiB, if it could be read."""
    returncode: int
    """The command's exit status."""


def gnu_time_works() -> bool:
    """Whether ``/usr/bin/time -v`` is usable here."""
    if not os.access(GNU_TIME, os.X_OK):
        return False
    probe = subprocess.run([GNU_TIME, "-v", "true"], capture_output=True, text=True, check=False)
    return probe.returncode == 0 and "Maximum resident set size" in probe.stderr


class Meter:
    """Runs commands under a memory-reporting wrapper and times them."""

    def __init__(self, use_gnu_time: bool | None = None) -> None:
        self.use_gnu_time = gnu_time_works() if use_gnu_time is None else use_gnu_time
        """True: wrap with GNU time; False: wrap with the Python rusage wrapper."""

    @property
    def method(self) -> str:
        """How peak memory is read, for reports."""
        return "/usr/bin/time -v" if self.use_gnu_time else "getrusage(RUSAGE_CHILDREN) wrapper"

    def wrap(self, command: list[str], report: Path) -> list[str]:
        """``command`` wrapped so that its peak RSS lands in ``report``."""
        if self.use_gnu_time:
            return [GNU_TIME, "-v", "-o", str(report), *command]
        return [sys.executable, "-c", _WRAPPER, str(report), *command]

    def run(self, command: list[str], cwd: Path, log: Path,
            env: dict[str, str] | None = None, timeout: float | None = None) -> Sample:
        """Run ``command`` in ``cwd`` with output appended to ``log``; time it."""
        log.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as scratch, log.open("ab") as out:
            report = Path(scratch) / "rusage.txt"
            out.write(f"$ {' '.join(command)}\n".encode())
            out.flush()
            start = time.perf_counter()
            done = subprocess.run(self.wrap(command, report), cwd=cwd, env=env, stdout=out,
                                  stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                  timeout=timeout, check=False)
            seconds = time.perf_counter() - start
            peak = read_peak(report)
        return Sample(seconds, peak, done.returncode)


def read_peak(report: Path) -> int | None:
    """The peak RSS in KiB from a time/wrapper report, if present."""
    try:
        match = _MAXRSS.search(report.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    return int(match.group(1)) if match else None
