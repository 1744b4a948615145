"""Save-to-browser latency of the dev server: from a file save to the live-reload event.

Each round saves one source file the way editors do (temporary file renamed over it) and
times how long it takes until a client of the event stream receives the event for the
resulting build.  That covers the watcher's debounce, the build, the comparison of old and
new site and the delivery over Server-Sent Events; the build time is reported separately.

Run it today with the fake builder::

    python benchmarks/serve_latency.py --entries 500 --rounds 30

Run it against the real pipeline by naming a builder factory, a function that takes the
glossary folder and returns a ``Rebuild`` (``Callable[[Sequence[Path]], BuildOutcome]``)::

    python benchmarks/serve_latency.py --factory glossary_build.some_module:make_builder \\
        --root path/to/glossary --edit entries/Embedding.md

``--factory real`` measures the real pipeline, as ``glossary-build serve`` runs it.
"""

from __future__ import annotations

import argparse
import http.client
import importlib
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from glossary_build.serve import BuildOutcome, DevServer, Rebuild

RebuildFactory = Callable[[Path], Rebuild]


def real_pipeline(root: Path) -> Rebuild:
    """The real build pipeline, as ``glossary-build serve`` uses it, for the glossary at ``root``."""
    from glossary_build.serve.source import PipelineRebuild

    return PipelineRebuild(None, root)


def fake_pipeline(root: Path) -> Rebuild:
    """A stand-in: every ``entries/*.md`` becomes a page, re-read on every build."""

    def build(paths: Sequence[Path]) -> BuildOutcome:
        files: dict[str, bytes] = {}
        for source in sorted((root / "entries").glob("*.md")):
            text = source.read_text(encoding="utf-8")
            body = "".join(f"<p>{line}</p>" for line in text.splitlines() if line)
            files[f"{source.stem}/index.html"] = f"<html><body>{body}</body></html>".encode()
        files["index.html"] = (
            b"<html><body>"
            + b"".join(f'<a href="{name}">{name}</a>'.encode() for name in files)
            + b"</body></html>"
        )
        return BuildOutcome(files)

    return build


def write_fake_glossary(root: Path, entries: int) -> Path:
    """A glossary of ``entries`` generated entries; returns the file the benchmark edits."""
    (root / "entries").mkdir(parents=True)
    for index in range(entries):
        text = (
            f"## Term {index} {{#Term-{index} .term}}\n\n"
            + f"Term {index} is a made-up word used to give the builder work.\n" * 40
        )
        (root / "entries" / f"Term-{index}.md").write_text(text, encoding="utf-8")
    return root / "entries" / "Term-0.md"


def load_factory(spec: str) -> RebuildFactory:
    """``package.module:function`` -> the function."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def timed(builder: Rebuild, durations: list[float]) -> Rebuild:
    def build(paths: Sequence[Path]) -> BuildOutcome:
        started = time.perf_counter()
        try:
            return builder(paths)
        finally:
            durations.append(time.perf_counter() - started)

    return build


class Events:
    """A client of the event stream, as an open page is: told to reload once ``page`` changed
    (with no page it follows the status events of every build)."""

    def __init__(self, server: DevServer, page: str | None = None) -> None:
        host, port = server.url.removeprefix("http://").rstrip("/").rsplit(":", 1)
        server_id = server.server_id
        self.connection = http.client.HTTPConnection(host.strip("[]"), int(port), timeout=60)
        since = server.site.snapshot.generation
        watched = f"&page={quote(page)}" if page else ""
        self.connection.request("GET", f"/__livereload/events?since={since}&server={server_id}{watched}")
        self.response = self.connection.getresponse()

    def next_generation(self) -> int:
        """Block until the next status or reload event; its build generation."""
        data = None
        while True:
            line = self.response.fp.readline()
            if not line:
                raise EOFError("the event stream ended")
            if line.startswith(b"data: "):
                data = json.loads(line[6:])
            elif line == b"\n" and data is not None:
                return int(data["generation"])

    def close(self) -> None:
        self.connection.close()


def page_of(edited: Path, files: Collection[str]) -> str | None:
    """The site path of the page of the first entry in ``edited``, if it can be told."""
    match = re.search(r"^#{1,2} .*\{#([^\s}]+)", edited.read_text(encoding="utf-8"), re.MULTILINE)
    page = f"{match.group(1)}/index.html" if match else ""
    return page if page in files else None


def save(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def changed(original: str, change: str, round_: int) -> str:
    """The edited file's text for one round: ``text`` appends a sentence, ``link`` a sentence
    linking to a new id each time, ``title`` renames the first entry (which moves it in the
    A–Z order: only then must the whole rebuild come before the page), ``id`` gives the first
    entry a new id (its page moves, links to the old one break)."""
    if change == "id":
        return re.sub(r"\{#([^\s}]+)", rf"{{#\1-v{round_}", original, count=1)
    if change == "title":
        return re.sub(r"^(#{1,2} )(.*?)( \{)", rf"\1\2 {round_}\3", original, count=1, flags=re.MULTILINE)
    addition = f"Edit number {round_}." if change == "text" else f"Edit [number {round_}](#Edit-{round_})."
    return f"{original}\n{addition}\n"


NEW_ENTRY = "## Neu {0} {{#Neu-{0} .term}}\n\n**Neu {0}** ist ein neuer Begriff.\n"
"""The entry of the file ``--change new-file`` adds in each round."""


def measure(factory: RebuildFactory, root: Path, edited: Path, rounds: int, change: str = "text") -> None:
    """Save ``edited`` ``rounds`` times (see :func:`changed` for ``change``)."""
    build_times: list[float] = []
    inner = factory(root)
    # Watch what `serve` watches: a build cache written into the glossary folder is no save.
    watched = inner.watch_paths() if hasattr(inner, "watch_paths") else [root]
    builder = timed(inner, build_times)
    with DevServer(builder, watch_paths=watched, port=0, echo=lambda _: None) as server:
        page = page_of(edited, server.site.snapshot.files)
        original = edited.read_text(encoding="utf-8")
        time.sleep(0.5)  # let the watcher settle
        latencies, settled = [], []
        if change in ("id", "new-file"):  # the edited page moves or stays: follow every build
            page = None
        for round_ in range(rounds):
            events = Events(server, page)
            seen = server.site.snapshot.generation
            started = time.perf_counter()
            if change == "new-file":
                save(edited.with_name(f"Neu-{round_}.md"), NEW_ENTRY.format(round_))
            else:
                save(edited, changed(original, change, round_))
            while events.next_generation() <= seen:
                pass
            latencies.append(time.perf_counter() - started)
            events.close()
            # The builder may leave the site-wide files (search index, all terms) for after the
            # reload; the next save comes once it is done, as an author's next save would.
            server.wait_until_idle()
            settled.append(time.perf_counter() - started)
            time.sleep(0.15)  # a new save, not part of the last burst
        save(edited, original)
        for round_ in range(rounds if change == "new-file" else 0):
            edited.with_name(f"Neu-{round_}.md").unlink()
    label = f"save -> reload of {page}" if page else "save -> SSE event"
    report(label, latencies)
    report("save -> whole site up to date", settled)
    report("build (first is the full one)", build_times[1:] or build_times)


def report(label: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(
        f"{label:32} n={len(ms):3}  min {ms[0]:7.1f} ms  median {statistics.median(ms):7.1f} ms"
        f"  p95 {p95:7.1f} ms  max {ms[-1]:7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--factory",
        help="module:function taking the glossary folder and "
        "returning a Rebuild function (default: the fake one; 'real' for the hook)",
    )
    parser.add_argument("--root", type=Path, help="glossary folder (default: a generated one)")
    parser.add_argument("--edit", type=Path, help="file to edit, relative to --root")
    parser.add_argument("--entries", type=int, default=200, help="generated entries (fake mode)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--change", choices=["text", "link", "title", "id", "new-file"], default="text",
                        help="what each save changes: adds a sentence, a sentence linking to a new id, "
                        "renames the entry, gives it a new id, or adds a new entry file")
    args = parser.parse_args()
    factory: RebuildFactory
    if args.factory is None:
        factory = fake_pipeline
    elif args.factory == "real":
        factory = real_pipeline
    else:
        factory = load_factory(args.factory)
    with tempfile.TemporaryDirectory() as scratch:
        if args.root is None:
            root = Path(scratch) / "glossary"
            edited = write_fake_glossary(root, args.entries)
        else:
            if args.edit is None:
                parser.error("--root needs --edit")
            root, edited = args.root.resolve(), args.root.resolve() / args.edit
        measure(factory, root, edited, args.rounds, args.change)


if __name__ == "__main__":
    main()
