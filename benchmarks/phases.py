"""Where a cold build's time goes: the pipeline's stages timed one by one.

    python benchmarks/phases.py GLOSSARY_FOLDER [--repeat 3] [--json]

Runs the stages of a cold ``glossary-build build --no-cache`` in this process,
in the order the pipeline runs them, and reports for each the wall time and
the CPU time of this process and of its finished children (parse and render
pools):

- ``read``: find and read the entry files;
- ``parse``: parse them (a process pool from 200 files on, as ``build`` does);
- ``link``: the term graph;
- ``check``: every rule, levels applied, sorted;
- ``pages``: the term pages and the index;
- ``site-wide``: all.html, the map, the search index, graph.json, ...;
- ``write``: the site written to a fresh folder.

The build itself overlaps some of them (the site-wide files render in forked
processes while the pages render and the checks run), so the sum is the work
done, not the build's wall time.  Medians over ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: the checkout's package comes first
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PHASES = ("read", "parse", "link", "check", "pages", "site-wide", "write")


@contextmanager
def timed(into: dict[str, tuple[float, float]], phase: str) -> Iterator[None]:
    """Record ``(wall, cpu)`` seconds of the block; cpu counts finished child processes too."""
    start_wall, start = time.perf_counter(), os.times()
    yield
    end = os.times()
    cpu = (end.user - start.user) + (end.system - start.system)
    cpu += (end.children_user - start.children_user) + (end.children_system - start.children_system)
    into[phase] = (time.perf_counter() - start_wall, cpu)


def one_run(folder: Path) -> dict[str, tuple[float, float]]:
    """Each phase's ``(wall, cpu)`` seconds for one cold build of ``folder``."""
    from glossary_build.build.parallel import markdown_options, parse_encoded, render_all
    from glossary_build.build.write import write_site
    from glossary_build.checks.run import run_checks
    from glossary_build.core.config import load_config
    from glossary_build.core.diagnostics import sort_key
    from glossary_build.core.rules import apply_levels
    from glossary_build.graph.terms import build_graph
    from glossary_build.render.site import SiteRenderer
    from glossary_build.render.theme import load_theme
    from glossary_build.sources.files import Source
    from glossary_build.sources.inputs import Inputs
    from glossary_build.store import codec
    from glossary_build.store.cache import parse_key

    config = load_config(cwd=folder)
    phases: dict[str, tuple[float, float]] = {}
    with timed(phases, "read"):
        options = markdown_options(config)
        inputs = Inputs().read(config, parse_key(options), set(), {})
        sources = [Source(item.path, item.text or "") for item in inputs if item.problem is None]
    with timed(phases, "parse"):
        files = [codec.decode_file(encoded) for encoded in parse_encoded(sources, options)]
    with timed(phases, "link"):
        graph = build_graph(files)
    with timed(phases, "check"):
        found = [d for parsed in files for d in parsed.diagnostics] + run_checks(graph, levels=config.rules)
        sorted(apply_levels(found, config.rules), key=sort_key)
    renderer = SiteRenderer(graph, config, load_theme(config.root))
    site: dict[str, bytes] = {}
    with timed(phases, "pages"):
        paths = {entry_id: renderer.term_path(entry_id) for entry_id in graph.entries}
        site.update((paths[entry_id], page) for entry_id, page in render_all(renderer.term_page, list(graph.entries)))
        site["index.html"] = renderer.index_page()
    with timed(phases, "site-wide"):
        site.update(renderer.site_files())
        site.update(renderer.static_files())
    out = Path(tempfile.mkdtemp(prefix="phases-")) / "site"
    try:
        with timed(phases, "write"):
            write_site(site, out, glossary_dir=config.root, entries_dir=config.entries_dir)
    finally:
        shutil.rmtree(out.parent, ignore_errors=True)
    return phases


def measure(folder: Path, repeat: int) -> dict[str, Any]:
    """Medians of :func:`one_run` over ``repeat`` runs, and the after-parse share of CPU."""
    runs = [one_run(folder) for _ in range(repeat)]

    def median(phase: str, index: int) -> float:
        return statistics.median(r[phase][index] for r in runs)

    phases = {phase: {"wall_s": round(median(phase, 0), 3), "cpu_s": round(median(phase, 1), 3)} for phase in PHASES}
    after = sum(phases[p]["cpu_s"] for p in ("check", "pages", "site-wide", "write"))
    return {"phases": phases, "after_parse_cpu_over_parse_cpu": round(after / max(phases["parse"]["cpu_s"], 1e-9), 2)}


def markdown(report: dict[str, Any]) -> str:
    """The phases as a Markdown table."""
    lines = ["| phase | wall s | CPU s |", "|---|---:|---:|"]
    for phase, timing in report["phases"].items():
        lines.append(f"| {phase} | {timing['wall_s']:.3f} | {timing['cpu_s']:.3f} |")
    lines.append(f"\nCPU after parsing (check, pages, site-wide, write) / parse CPU: "
                 f"{report['after_parse_cpu_over_parse_cpu']:.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a glossary folder (with entries/)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    report = measure(args.folder.resolve(), args.repeat)
    print(json.dumps(report, indent=2) if args.json else markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
