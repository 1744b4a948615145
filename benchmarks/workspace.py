"""Folders, corpora and commands for one benchmark run.

The generated corpus is cached in ``benchmarks/corpus/n<size>-s<seed>/`` (with
a stamp holding the generator's fingerprint, so editing the generator
regenerates it).  Each run works on a fresh copy under
``benchmarks/out/work/n<size>/``, so the edit row and glossary-build's cache
never touch the cached corpus.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import hugo_site
from benchmarks.generate import generate

HERE = Path(__file__).resolve().parent
STAMP = ".benchmark-stamp.json"
_LEAD = re.compile(r"^\*\*[^*].*$", re.MULTILINE)


def fingerprint(*names: str) -> str:
    """A hash of the named source files next to this one."""
    digest = hashlib.sha256()
    for name in names:
        digest.update((HERE / name).read_bytes())
    return digest.hexdigest()[:16]


def cached(folder: Path, key: Mapping[str, object],
           make: Callable[[Path], dict[str, object]]) -> dict[str, Any]:
    """Run ``make(folder)`` unless ``folder``'s stamp matches ``key``; return the stamp."""
    stamp_path = folder / STAMP
    if stamp_path.is_file():
        stamp: dict[str, Any] = json.loads(stamp_path.read_text(encoding="utf-8"))
        if stamp.get("key") == key:
            return stamp
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    stamp = {"key": key, "info": make(folder)}
    stamp_path.write_text(json.dumps(stamp, indent=2), encoding="utf-8")
    return stamp


@dataclass
class Workspace:
    """Corpus and scratch folders for one size."""

    size: int
    """Number of entries."""
    seed: int
    """Corpus seed."""
    corpus: Path
    """The cached, never modified corpus."""
    work: Path
    """Scratch folder of this run."""
    stats: dict[str, object] = field(default_factory=dict)
    """What the generator wrote (entries, files, bytes, links, broken_links)."""

    @classmethod
    def prepare(cls, size: int, seed: int, corpus_dir: Path, out_dir: Path) -> Workspace:
        """Generate or reuse the corpus and lay out a fresh scratch copy."""
        corpus = corpus_dir / f"n{size}-s{seed}"
        key = {"entries": size, "seed": seed, "generator": fingerprint("generate.py", "prose.py")}
        print(f"[{size}] corpus {corpus}", file=sys.stderr)
        stamp = cached(corpus, key, lambda folder: _generate_stats(folder, size, seed))
        ws = cls(size, seed, corpus, out_dir / "work" / f"n{size}", dict(stamp["info"]))
        shutil.rmtree(ws.work, ignore_errors=True)
        shutil.copytree(corpus, ws.glossary, ignore=shutil.ignore_patterns(STAMP))
        ws.logs.mkdir(parents=True)
        return ws

    @property
    def glossary(self) -> Path:
        """The scratch copy of the corpus that glossary-build works in."""
        return self.work / "glossary"

    @property
    def gb_out(self) -> Path:
        """glossary-build's output folder."""
        return self.work / "site-glossary-build"

    @property
    def hugo_out(self) -> Path:
        """Hugo's output folder."""
        return self.work / "site-hugo"

    @property
    def logs(self) -> Path:
        """Output of every measured command, one file per row."""
        return self.work / "logs"

    def hugo_site(self) -> Path:
        """The Hugo site for this corpus (cached next to it)."""
        site = self.corpus.with_name(self.corpus.name + "-hugo")
        key = {"corpus": self.corpus.name, "generator": fingerprint("generate.py", "prose.py"),
               "site": fingerprint("hugo_site.py")}
        cached(site, key, lambda folder: {"pages": hugo_site.write_site(self.corpus, folder)})
        return site

    def edit_target(self) -> Path:
        """A top-level file with a single entry, the middle one in name order."""
        files = sorted((self.glossary / "entries").glob("*.md"))
        single = [f for f in files if f.read_text(encoding="utf-8").count(" .term}") == 1]
        return single[len(single) // 2]

    def append_sentence(self, target: Path, original: bytes, index: int) -> None:
        """Rewrite ``target``: its lead paragraph gains sentence number ``index``."""
        text = original.decode("utf-8")
        match = _LEAD.search(text)
        end = match.end() if match else len(text)
        sentence = f" Nachtrag {index + 1}: diese Zeile ändert den Eintrag für den Benchmark."
        target.write_text(text[:end] + sentence + text[end:], encoding="utf-8")


def _generate_stats(folder: Path, size: int, seed: int) -> dict[str, object]:
    stats = generate(folder, size, seed)
    return {"entries": stats.entries, "files": stats.files, "bytes": stats.bytes,
            "links": stats.links, "broken_links": stats.broken_links}


@dataclass
class GlossaryBuild:
    """How to invoke glossary-build, and what it supports."""

    argv: list[str]
    """The command prefix, e.g. ``["glossary-build"]``."""
    env: dict[str, str] | None = None
    """Environment for it (``None``: inherit)."""
    available: bool = False
    """Whether ``argv --help`` and ``argv build --help`` succeed."""
    reason: str = ""
    """Why it is not available."""
    no_cache: bool = False
    """Whether ``build`` accepts ``--no-cache``."""
    quiet: bool = False
    """Whether ``build`` accepts ``-q``."""
    version: str | None = None
    """Output of ``--version``, if any."""

    def build(self, out: Path, extra: list[str] | None = None) -> list[str]:
        """The build command line writing to ``out``."""
        return [*self.argv, "build", "--out", str(out), *(["-q"] if self.quiet else []),
                *(extra or [])]

    def check(self) -> list[str]:
        """The check command line."""
        return [*self.argv, "check"]

    def describe(self) -> dict[str, object]:
        """For the JSON results."""
        return {"command": self.argv, "available": self.available, "reason": self.reason,
                "no_cache_flag": self.no_cache, "quiet_flag": self.quiet, "version": self.version}


def _probe(argv: list[str], env: dict[str, str] | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, check=False)


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def detect_glossary_build(cmd: str | None, repo_root: Path) -> GlossaryBuild:
    """Find a runnable glossary-build: ``cmd``, else on PATH, else ``python -m``."""
    if cmd:
        argv = shlex.split(cmd)
    elif shutil.which("glossary-build"):
        argv = ["glossary-build"]
    else:
        argv = [sys.executable, "-m", "glossary_build"]
    env = None
    if argv[1:3] == ["-m", "glossary_build"]:  # run from this checkout, nothing installed
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(repo_root), env.get("PYTHONPATH")]))
    gb = GlossaryBuild(argv, env)
    shown = " ".join(["python" if a == sys.executable else a for a in argv])
    try:
        helped = _probe([*argv, "--help"], env)
        if helped.returncode != 0:
            gb.reason = f"`{shown} --help` failed: {_last_line(helped.stderr) or helped.returncode}"
            return gb
        build_help = _probe([*argv, "build", "--help"], env)
    except (OSError, subprocess.SubprocessError) as error:
        gb.reason = f"`{shown}` cannot run: {error}"
        return gb
    if build_help.returncode != 0:
        gb.reason = f"`{shown} build --help` failed: {_last_line(build_help.stderr)}"
        return gb
    gb.available = True
    gb.no_cache = "--no-cache" in build_help.stdout
    gb.quiet = bool(re.search(r"(^|[\s,])-q\b", build_help.stdout))
    version = _probe([*argv, "--version"], env)
    gb.version = version.stdout.strip() or None if version.returncode == 0 else None
    return gb


def hugo_version() -> str | None:
    """``hugo version`` output, if Hugo is installed."""
    if not shutil.which("hugo"):
        return None
    done = _probe(["hugo", "version"], None)
    return done.stdout.strip() or None
