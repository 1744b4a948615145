"""Benchmark results: one row per measured command, as JSON and Markdown."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from benchmarks.measure import Sample


@dataclass
class Row:
    """The timed runs of one command."""

    key: str
    """Short name: hugo, cold, noop, edit, check."""
    label: str
    """What the row measures, for the table."""
    ok_codes: tuple[int, ...] = (0,)
    """Exit codes that count as success (check may exit 1 on findings)."""
    command: list[str] | None = None
    """The command line (without the memory wrapper)."""
    samples: list[Sample] = field(default_factory=list)
    """Timed runs."""
    status: str = "ok"
    """``ok``, ``failed`` (an exit code outside ``ok_codes``) or ``not run``."""
    note: str = ""
    """Why the row was not run, or what it did."""

    def missing(self, reason: str) -> Row:
        """Mark the row as not run."""
        self.status, self.note = "not run", reason
        return self

    @property
    def median(self) -> float | None:
        """Median wall time in seconds."""
        return statistics.median(s.seconds for s in self.samples) if self.samples else None

    @property
    def peak_rss_kb(self) -> int | None:
        """Largest peak RSS over the runs, KiB."""
        peaks = [s.peak_rss_kb for s in self.samples if s.peak_rss_kb is not None]
        return max(peaks) if peaks else None

    @property
    def bad_codes(self) -> list[int]:
        """Exit codes outside ``ok_codes``."""
        return [s.returncode for s in self.samples if s.returncode not in self.ok_codes]

    def settle(self) -> None:
        """Set ``status`` from the exit codes."""
        if self.status == "ok" and self.bad_codes:
            self.status = "failed"
            failure = f"exit {sorted(set(self.bad_codes))}, see logs/{self.key}.log"
            self.note = f"{self.note}; {failure}" if self.note else failure

    def summary(self) -> str:
        """One line for progress output."""
        self.settle()
        if self.median is None:
            return self.status
        peak = self.peak_rss_kb
        memory = f", peak {peak / 1024:.0f} MB" if peak else ""
        return f"median {self.median:.2f} s{memory} ({self.status})"

    def to_json(self, hugo: float | None) -> dict[str, object]:
        """The row with its raw samples and ratio to Hugo."""
        self.settle()
        times = [round(s.seconds, 4) for s in self.samples]
        return {"key": self.key, "label": self.label, "status": self.status, "note": self.note,
                "command": self.command, "seconds": times,
                "median": round(self.median, 4) if self.median is not None else None,
                "min": min(times, default=None), "max": max(times, default=None),
                "ratio_to_hugo": ratio(self.median, hugo),
                "peak_rss_kb": self.peak_rss_kb,
                "returncodes": [s.returncode for s in self.samples]}


def ratio(value: float | None, base: float | None) -> float | None:
    """``value / base`` rounded, or None."""
    if value is None or not base:
        return None
    return round(value / base, 3)


@dataclass
class SizeResult:
    """Everything measured for one corpus size."""

    size: int
    """Entries in the corpus."""
    seed: int
    """Corpus seed."""
    repeat: int
    """Timed runs per row."""
    warmup: int
    """Untimed runs before a series."""
    date: str
    """UTC time of the run."""
    machine: dict[str, object]
    """CPUs, platform, Python and Hugo versions."""
    memory: str
    """How peak RSS was read."""
    glossary_build: dict[str, object]
    """The glossary-build command and its detected flags."""
    corpus: dict[str, object]
    """Generator statistics."""
    rows: list[Row]
    """Measured rows."""

    @property
    def hugo_median(self) -> float | None:
        """The Hugo full-build median, base of every ratio."""
        return next((r.median for r in self.rows if r.key == "hugo"), None)

    def to_json(self) -> dict[str, object]:
        """The whole result as JSON-ready data."""
        data = {k: v for k, v in vars(self).items() if k != "rows"}
        data["rows"] = [row.to_json(self.hugo_median) for row in self.rows]
        return data


def _cell(value: float | None, pattern: str) -> str:
    return "–" if value is None else pattern.format(value)


def markdown_table(result: SizeResult) -> str:
    """A heading, a corpus line and the table of rows."""
    c = result.corpus
    heading = (f"### {result.size:,} entries (seed {result.seed}, median of {result.repeat}, "
               f"{result.machine.get('cpus')} CPUs)")
    corpus = (f"Corpus: {c.get('entries', 0):,} entries in {c.get('files', 0):,} files, "
              f"{int(str(c.get('bytes', 0))) / 1e6:.1f} MB, {c.get('links', 0):,} "
              f"cross-references ({c.get('broken_links', 0):,} to missing terms). "
              f"Peak RSS via {result.memory}; load average at start "
              f"{result.machine.get('loadavg_at_start')}, at end "
              f"{result.machine.get('loadavg_at_end')}.")
    lines = [
        heading,
        "",
        corpus,
        "",
        "| Measurement | Median (s) | Min–max (s) | vs. Hugo | Peak RSS (MB) | Note |",
        "|---|---:|---:|---:|---:|---|",
    ]
    previous_note = None
    for row in result.rows:
        row.settle()
        times = [s.seconds for s in row.samples]
        spread = f"{min(times):.2f}–{max(times):.2f}" if times else "–"
        ratio_value = ratio(row.median, result.hugo_median)
        peak = row.peak_rss_kb / 1024 if row.peak_rss_kb else None
        note = row.note
        if row.status == "not run":
            note = "not run: as above" if row.note == previous_note else f"not run: {row.note}"
            previous_note = row.note
        lines.append(f"| {row.label} | {_cell(row.median, '{:.2f}')} | {spread} | "
                     f"{_cell(ratio_value, '{:.2f}×')} | {_cell(peak, '{:.0f}')} | {note} |")
    return "\n".join(lines)
