"""How fast does the language server answer on a large glossary?

    python benchmarks/lsp_latency.py --entries 10000 --rounds 15

Generates (or reuses) a synthetic glossary (``benchmarks/generate.py``),
fills its build cache with one ``check`` (as a glossary someone has built
before), measures the peak memory of a cold ``build --no-cache``, then starts
``glossary-build lsp`` and drives it over stdio with pygls' client, as an
editor would:

- *diagnostics*: a ``didChange`` on an open single-entry file that adds a
  link to a new missing id (so its findings change), until the
  ``publishDiagnostics`` of that version of the file arrives;
- *diagnostics, id changed*: the same for an edit of the entry's ``{#id}``
  (the graph is built again and every rule runs on every entry);
- *completion*: inside ``](#`` with two letters typed;
- *rename*: of the most linked id (the edit is computed, not applied);
- the server's peak memory (``VmHWM``) against the cold build's.

Prints a Markdown table of medians (min–max) and writes
``benchmarks/out/lsp-<entries>-<mode>.json``.  ``--mode workspace`` has the
server publish every file's findings at start, as editors get them by
default; ``open`` (the default here) only those of opened files.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: make the benchmarks package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from benchmarks.generate import generate
from benchmarks.measure import Meter

REPO = Path(__file__).resolve().parent.parent
EDITOR = types.ClientCapabilities(text_document=types.TextDocumentClientCapabilities(
    completion=types.CompletionClientCapabilities(completion_item=types.ClientCompletionItemOptions(
        resolve_support=types.ClientCompletionItemResolveOptions(properties=["documentation", "detail"]),
    )),
))
"""What the client says it can do: like VS Code and Neovim, it resolves completion items' documentation."""
TARGETS = {"diagnostics": 0.100, "completion": 0.050, "rename": 1.0}


class Driver:
    """The client side: one server process, notifications recorded as they arrive."""

    def __init__(self, root: Path, mode: str = "open") -> None:
        self.root = root
        self.mode = mode
        self.client = LanguageClient("lsp-latency", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.waiting: dict[tuple[str, int | None], asyncio.Future[float]] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            key = (params.uri, params.version)
            now = time.perf_counter()
            future = self.waiting.pop(key, None)
            if future is not None and not future.done():
                future.set_result(now)

    async def start(self) -> float:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        await self.client.start_io(sys.executable, "-m", "glossary_build", "lsp", cwd=str(self.root), env=env)
        started = time.perf_counter()
        uri = from_fs_path(str(self.root)) or ""
        await self.client.initialize_async(types.InitializeParams(
            process_id=os.getpid(), root_uri=uri, capabilities=EDITOR,
            workspace_folders=[types.WorkspaceFolder(uri=uri, name="glossary")],
            initialization_options={"diagnostics": self.mode},
        ))
        self.client.initialized(types.InitializedParams())
        await self.client.workspace_symbol_async(types.WorkspaceSymbolParams(query="\u0000"))  # answered once loaded
        return time.perf_counter() - started

    def uri(self, path: Path) -> str:
        return from_fs_path(str(path)) or ""

    def expect(self, uri: str, version: int) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[(uri, version)] = future
        return future

    async def change(self, uri: str, version: int, text: str) -> float:
        """Seconds from sending the full new text to the diagnostics of that version."""
        arrived = self.expect(uri, version)
        sent = time.perf_counter()
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        ))
        return await asyncio.wait_for(arrived, 120) - sent

    async def timed(self, call: Callable[[], Awaitable[Any]]) -> tuple[float, Any]:
        started = time.perf_counter()
        result = await call()
        return time.perf_counter() - started, result

    def server_peak_kb(self) -> int | None:
        server = self.client._server  # the process pygls started
        if server is None:
            return None
        try:
            status = Path(f"/proc/{server.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return None

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def edited_file(root: Path) -> Path:
    """A single-entry file in the middle of the entries, by name (like benchmarks/run.py's edit)."""
    files = sorted((root / "entries").glob("*.md"))
    for file in files[len(files) // 2 :]:
        if file.read_text("utf-8").count(" .term}") == 1:
            return file
    return files[len(files) // 2]


def most_linked(root: Path) -> tuple[Path, str]:
    """The file and id of a much linked entry (ids are counted in link targets)."""
    counts: dict[str, int] = {}
    for file in (root / "entries").rglob("*.md"):
        for part in file.read_text("utf-8").split("](#")[1:]:
            target = part.split(")", 1)[0]
            counts[target] = counts.get(target, 0) + 1
    for target, _ in sorted(counts.items(), key=lambda item: -item[1]):
        for file in (root / "entries").rglob("*.md"):
            if f"{{#{target} " in file.read_text("utf-8"):
                return file, target
    raise SystemExit("no linked entry found")


def summary(seconds: list[float]) -> dict[str, float]:
    return {"median": statistics.median(seconds), "min": min(seconds), "max": max(seconds), "n": len(seconds)}


async def drive(root: Path, rounds: int, mode: str) -> dict[str, Any]:
    driver = Driver(root, mode)
    startup = await driver.start()
    results: dict[str, Any] = {"startup_s": startup}
    file = edited_file(root)
    uri = driver.uri(file)
    original = file.read_text("utf-8")
    driver.client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=original)))
    await driver.client.workspace_symbol_async(types.WorkspaceSymbolParams(query="\u0000"))
    version = 1
    text_edits, id_edits, completions, renames = [], [], [], []
    for round_ in range(rounds):
        version += 1
        changed = original.replace("\n\n", f"\n\nNeu: [noch offen](#Offen-{round_}).\n\n", 1)
        text_edits.append(await driver.change(uri, version, changed))
        line = changed.split("\n").index(f"Neu: [noch offen](#Offen-{round_}).")
        typed = "Neu: [noch offen](#Ab"
        version += 1
        await driver.change(uri, version, changed.replace(f"Neu: [noch offen](#Offen-{round_}).", typed))
        position = types.Position(line=line, character=len(typed))
        asked = types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position)
        seconds, result = await driver.timed(functools.partial(driver.client.text_document_completion_async, asked))
        completions.append(seconds)
        results["completion_items"] = len(result.items) if result is not None else 0
    for round_ in range(max(3, rounds // 3)):
        version += 1
        renamed = re.sub(r"\{#([^\s}]+)", rf"{{#\g<1>-{round_}", original, count=1)
        id_edits.append(await driver.change(uri, version, renamed))
    version += 1
    await driver.change(uri, version, original)
    target_file, target = most_linked(root)
    target_uri = driver.uri(target_file)
    target_text = target_file.read_text("utf-8")
    driver.client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=target_uri, language_id="markdown", version=1, text=target_text)))
    heading = next(number for number, line in enumerate(target_text.split("\n")) if f"{{#{target} " in line)
    column = target_text.split("\n")[heading].index(f"#{target}") + 1
    edits = 0
    for round_ in range(max(3, rounds // 3)):
        asked_rename = types.RenameParams(
            text_document=types.TextDocumentIdentifier(uri=target_uri),
            position=types.Position(line=heading, character=column), new_name=f"Umbenannt-{round_}")
        seconds, edit = await driver.timed(functools.partial(driver.client.text_document_rename_async, asked_rename))
        renames.append(seconds)
        edits = sum(len(found) for found in (edit.changes or {}).values()) if edit is not None else 0
    results.update(
        diagnostics=summary(text_edits), diagnostics_id_changed=summary(id_edits),
        completion=summary(completions), rename=summary(renames), rename_edits=edits, renamed=target,
        server_peak_kb=driver.server_peak_kb(), edited=str(file.relative_to(root)),
    )
    await driver.stop()
    return results


def row(name: str, stats: dict[str, float], target: float | None) -> str:
    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.0f} ms"

    verdict = "" if target is None else ("met" if stats["median"] <= target else "missed")
    aim = f"≤ {ms(target)}" if target is not None else "—"
    return f"| {name} | {ms(stats['median'])} ({ms(stats['min'])}–{ms(stats['max'])}) | {aim} | {verdict} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--dir", type=Path, default=REPO / "benchmarks" / "out" / "lsp")
    parser.add_argument("--mode", choices=["open", "workspace"], default="open",
                        help="the server's diagnostics option: publish opened files only, or every file at start")
    parser.add_argument("--reuse-cold", action="store_true",
                        help="take the cold build's peak memory from the last results instead of building again")
    args = parser.parse_args(argv)
    root = args.dir / f"n{args.entries}"
    if not (root / "entries").is_dir():
        generate(root, args.entries, args.seed)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    meter = Meter()
    log = args.dir / f"n{args.entries}.log"
    command = [sys.executable, "-m", "glossary_build"]
    out = REPO / "benchmarks" / "out" / f"lsp-{args.entries}-{args.mode}.json"
    earlier = sorted(out.parent.glob(f"lsp-{args.entries}*.json"))
    if args.reuse_cold and earlier:
        cold_kb = json.loads(earlier[-1].read_text("utf-8"))["cold_build_peak_kb"]
    else:
        cold_kb = meter.run([*command, "build", "--no-cache", "-q", "--out", str(args.dir / "site")], root, log, env).peak_rss_kb
    meter.run([*command, "check", "-q"], root, log, env)  # fills the cache the server starts from
    results = asyncio.run(drive(root, args.rounds, args.mode))
    results["mode"] = args.mode
    results["cold_build_peak_kb"] = cold_kb
    results["entries"] = args.entries
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), "utf-8")
    server_mb = (results["server_peak_kb"] or 0) / 1024
    cold_mb = (cold_kb or 0) / 1024
    print(f"{args.entries} entries, diagnostics mode '{args.mode}'; server started in "
          f"{results['startup_s']:.1f} s (from the cache)")
    print("| | median (min–max) | target | |")
    print("|---|---:|---:|---|")
    print(row("diagnostics after a change", results["diagnostics"], TARGETS["diagnostics"]))
    print(row("diagnostics after an id change", results["diagnostics_id_changed"], None))
    print(row(f"completion ({results['completion_items']} items)", results["completion"], TARGETS["completion"]))
    print(row(f"rename of '{results['renamed']}' ({results['rename_edits']} edits)", results["rename"], TARGETS["rename"]))
    verdict = "met" if server_mb and cold_mb and server_mb < cold_mb else "missed"
    print(f"| server peak memory | {server_mb:.0f} MB | < cold build {cold_mb:.0f} MB | {verdict} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
