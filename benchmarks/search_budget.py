"""Measure the search budget: index size for N terms and query time, with node.

    python benchmarks/search_budget.py [--terms 10000] [--seed 1] [--json]

Writes a synthetic glossary of N entries (German-like words built from
syllables, Zipf-distributed, with umlauts, compounds and cross-references;
about 2 KB of Markdown per entry like real entries; one term in five has an
alias, one in twenty a hidden label, as a misspelling), builds it through the
real pipeline, and reports:

- the size of ``search-index.js``, raw and gzipped (budget: 600 KB gzipped for
  10,000 terms);
- with node: the time to prepare the index on first use, and the time of
  each query in a set of typical ones (umlaut, prefix, typo, compound part,
  one letter, two words; budget: 50 ms per query), median of several runs.

Exits 1 when a budget is exceeded.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE_BUDGET = 600 * 1024
QUERY_BUDGET_MS = 50.0

_ONSETS = ("b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "w", "z",
           "sch", "st", "br", "kr", "tr", "gr", "fl", "pf", "spr")
_VOWELS = ("a", "e", "i", "o", "u", "ä", "ö", "ü", "ei", "au", "ie")
_CODAS = ("", "n", "r", "l", "s", "t", "ng", "ch", "ck", "ß", "nd", "rt")
_ENDINGS = ("ung", "heit", "keit", "er", "en", "e", "ismus", "ität", "modell", "system", "netz")


def _syllable(rng: random.Random) -> str:
    return rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)


def make_lexicon(rng: random.Random, size: int) -> list[str]:
    """Distinct lower-case words, most common first."""
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        word = "".join(_syllable(rng) for _ in range(rng.randint(1, 3))) + rng.choice(_ENDINGS)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def generate(out: Path, terms: int, seed: int) -> None:
    """Write ``glossary.yml`` and ``entries/*.md`` with ``terms`` entries."""
    rng = random.Random(seed)
    lexicon = make_lexicon(rng, 40000)
    weights = [1 / (rank + 10) for rank in range(len(lexicon))]
    titles: list[str] = []
    used: set[str] = set()
    while len(titles) < terms:
        parts = rng.sample(lexicon[:6000], rng.choice((1, 1, 2, 2, 3)))
        if rng.random() < 0.5 and len(parts) > 1:  # a compound: "Vektordatenbank"
            title = (parts[0] + parts[1]).capitalize()
        else:
            title = " ".join(part.capitalize() for part in parts)
        if title.casefold() not in used:
            used.add(title.casefold())
            titles.append(title)
    ids = [title.replace(" ", "-") for title in titles]

    def sentence(count: int) -> str:
        chosen = rng.choices(lexicon, weights, k=count)
        text = " ".join(word.capitalize() if rng.random() < 0.3 else word for word in chosen)
        if rng.random() < 0.6:
            target = rng.randrange(terms)
            text += f" [{titles[target]}](#{ids[target]})"
        return text[0].upper() + text[1:] + "."

    entries = out / "entries"
    entries.mkdir(parents=True)
    (out / "glossary.yml").write_text("title: Budget\nlanguage: de\n", "utf-8")
    for index, (title, entry_id) in enumerate(zip(titles, ids)):
        lines = [f"## {title} {{#{entry_id} .chapter .small .term{concept_keys(rng, title, lexicon)}}}", "",
                 f"**{title}** ist " + sentence(22), ""]
        for section in range(rng.randint(2, 3)):
            lines += [f"### Abschnitt {section} {{.explanation}}", ""]
            lines += [" ".join(sentence(rng.randint(10, 18)) for _ in range(3)), ""]
        lines += ["### Verwandte Themen {.seealso}", ""]
        lines += [f"[{titles[t]}](#{ids[t]}) |" for t in rng.sample(range(terms), 5)]
        lines += ["[Index](#Index) |", "", "----", ""]
        (entries / f"{index:05d}.md").write_text("\n".join(lines), "utf-8")


def concept_keys(rng: random.Random, title: str, lexicon: list[str]) -> str:
    """Aliases for one term in five (an abbreviation of a title of several words, else a
    synonym) and a hidden label for one in twenty (the title with two letters swapped)."""
    keys = ""
    if rng.random() < 0.2:
        words = title.split()
        alias = "".join(word[0] for word in words).upper() if len(words) > 1 else rng.choice(lexicon).capitalize()
        keys += f' aliases="{alias}"'
    if rng.random() < 0.05 and len(title) > 4:
        at = rng.randrange(1, len(title) - 2)
        keys += f' hidden="{title[:at]}{title[at + 1]}{title[at]}{title[at + 2:]}"'
    return keys


NODE_SCRIPT = r"""
const fs = require("fs");
const vm = require("vm");
const [engine, indexFile, queriesJson, runs] = process.argv.slice(1);
const sandbox = { window: {} };
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(indexFile, "utf8"), sandbox);
const api = require(engine);
let t0 = process.hrtime.bigint();
const index = new api.Index(sandbox.window.GLOSSARY_INDEX);
const prepareMs = Number(process.hrtime.bigint() - t0) / 1e6;
const out = { prepare_ms: prepareMs, terms: index.terms.length, vocabulary: index.vocabulary.length, queries: {} };
for (const query of JSON.parse(queriesJson)) {
  const times = [];
  let results = [];
  for (let run = 0; run < Number(runs); run++) {
    t0 = process.hrtime.bigint();
    results = index.search(query, 10);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  out.queries[query] = { median_ms: times[times.length >> 1], max_ms: times[times.length - 1],
                         top: results.slice(0, 3).map(r => r.term.title) };
}
console.log(JSON.stringify(out));
"""


def measure(terms: int, seed: int, runs: int = 7, save: Path | None = None) -> dict[str, object]:
    """Build a synthetic glossary of ``terms`` entries and measure its search index."""
    from glossary_build.build.pipeline import load
    from glossary_build.core.config import load_config
    from glossary_build.render.search import definition_shards, search_index_js
    from glossary_build.render.urls import page_paths

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(root, terms, seed)
        started = time.perf_counter()
        glossary = load(load_config(cwd=root))
        graph = glossary.graph
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        folders = page_paths(graph.entries).folders
        text = search_index_js(graph, folders)
        shards = [shard.encode("utf-8") for _, shard in definition_shards(graph)]
        index_s = time.perf_counter() - started
        data = text.encode("utf-8")
        index_file = root / "search-index.js"
        index_file.write_bytes(data)
        if save is not None:
            save.write_bytes(data)
        sample = [graph.title(entry_id) for entry_id in graph.order[:: max(1, len(graph.order) // 3)]][:3]
        compound = next((t for t in (graph.title(e) for e in graph.order) if " " not in t and len(t) > 12), "")
        queries = ["a", "sch", "über", "ueber", "strasse", sample[0], sample[1].lower(), sample[2][:5],
                   sample[0][:-2] + sample[0][-1], compound[len(compound) // 2:], "modell netz", "zzzzq"]
        result = subprocess.run(
            ["node", "-e", NODE_SCRIPT, str(ROOT / "static" / "search.js"), str(index_file),
             json.dumps(queries), str(runs)],
            capture_output=True, text=True, check=True,
        )
    timing = json.loads(result.stdout)
    return {
        "terms": len(graph.entries),
        "index_bytes": len(data),
        "index_gzip_bytes": len(gzip.compress(data, 9)),
        "shards": len(shards),
        "shard_gzip_bytes_mean": round(sum(len(gzip.compress(s, 9)) for s in shards) / max(len(shards), 1)),
        "build_load_s": round(load_s, 2),
        "build_index_s": round(index_s, 2),
        **timing,
    }


def main() -> int:
    """Run the measurement and print it; exit 1 when over budget."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--terms", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the raw measurement as JSON")
    parser.add_argument("--save-index", type=Path, help="also write the generated search-index.js here")
    args = parser.parse_args()
    report = measure(args.terms, args.seed, save=args.save_index)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(f"terms: {report['terms']}, vocabulary: {report['vocabulary']} tokens")
        print(f"search-index.js: {report['index_bytes'] / 1024:.0f} KB, "
              f"{report['index_gzip_bytes'] / 1024:.0f} KB gzipped (budget {SIZE_BUDGET // 1024} KB)")
        print(f"definitions: {report['shards']} shards of about {report['shard_gzip_bytes_mean'] / 1024:.1f} KB "
              "gzipped, loaded when a result needs one")
        print(f"prepare on first use: {report['prepare_ms']:.0f} ms")
        for query, timing in report["queries"].items():  # type: ignore[union-attr]
            median, most = timing["median_ms"], timing["max_ms"]
            print(f"  {query!r:32} median {median:6.2f} ms  max {most:6.2f} ms  {timing['top']}")
    slowest = max(t["median_ms"] for t in report["queries"].values())  # type: ignore[union-attr]
    over = report["index_gzip_bytes"] > SIZE_BUDGET or slowest > QUERY_BUDGET_MS  # type: ignore[operator]
    if over:
        print("over budget", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
