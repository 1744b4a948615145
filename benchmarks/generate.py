"""Generate a synthetic glossary for benchmarks.

    python benchmarks/generate.py --entries 10000 --seed 1 OUT_DIR

writes ``OUT_DIR/glossary.yml`` and ``OUT_DIR/entries/**.md``: N entries in the
entry format of ``FORMAT.md`` (heading ``## Title {#Id .chapter .small .term}``,
a lead with the bold term name, two or three ``{.explanation}`` sections with
paragraphs and lists, a ``{.seealso}`` section, ``----``).  Cross-references
follow a Zipf-like popularity, so a few terms are linked very often; about 3%
of links point to ids that no entry defines ("not yet written" terms).  Most
files hold one entry, some several; some files sit in subfolders.

The output is a pure function of ``(entries, seed)``: the same arguments give
byte-identical files.  ``generate()`` is the importable entry point.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

if not __package__:  # run as a script: make the benchmarks package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.prose import Lexicon

BROKEN_LINK_RATE = 0.03
"""Share of cross-references whose target no entry defines."""
MULTI_ENTRY_FILE_RATE = 0.05
"""Share of files that hold two to four entries."""
SUBFOLDER_RATE = 0.15
"""Share of files placed in a subfolder of ``entries/``."""
ZIPF_EXPONENT = 1.0
"""Exponent s of the link popularity: the term of rank r has weight 1/(r + q)**s."""
ZIPF_OFFSET = 10.0
"""Offset q (Zipf-Mandelbrot): flattens the head, so the most popular term is
linked from a large share of entries rather than several times from each."""

_SUBFOLDERS = ("grundlagen", "methoden", "methoden/training", "anwendungen",
               "archiv/2023", "werkzeuge")
_SECTION_NAMES = ("Kernkonzept", "Funktionsweise", "Anwendungsbereiche", "Grenzen",
                  "Geschichte", "Praxisbeispiele", "Abgrenzung", "Technische Details",
                  "Bedeutung für die Praxis", "Varianten")
_LINK_SUFFIXES = ("s", "-Ansatz", "-Verfahren", "en", "-basiert")


@dataclass(frozen=True, slots=True)
class Term:
    """A term that entries can link to (defined or not)."""

    id: str
    """The ``#Id`` of its heading (case-sensitive)."""
    title: str
    """Plain heading text."""


@dataclass(slots=True)
class Stats:
    """What ``generate`` wrote; handy for tests and benchmark reports."""

    entries: int = 0
    """Entries written."""
    files: int = 0
    """Markdown files written."""
    bytes: int = 0
    """Total size of the entry files in bytes (UTF-8)."""
    links: int = 0
    """Cross-references written, inline and see-also, without ``#Index``."""
    broken_links: int = 0
    """Cross-references whose target is not a defined entry."""
    ids: list[str] = field(default_factory=list)
    """Defined ids in generation order."""


class ZipfPicker:
    """Draws items with weight 1/(rank + q)**s, ranks given by a seeded shuffle."""

    def __init__(self, items: list[Term], rng: random.Random, exponent: float) -> None:
        self.items = list(items)
        """Items ordered by popularity, most popular first."""
        rng.shuffle(self.items)
        total = 0.0
        self.cumulative: list[float] = []
        """Cumulative weights, as ``random.choices`` wants them."""
        for rank in range(1, len(self.items) + 1):
            total += 1.0 / (rank + ZIPF_OFFSET) ** exponent
            self.cumulative.append(total)
        self.rng = rng
        """The shared generator."""

    def pick(self) -> Term:
        """One item."""
        return self.rng.choices(self.items, cum_weights=self.cumulative)[0]


class Linker:
    """Chooses link targets: popular defined terms, sometimes missing ones."""

    def __init__(self, defined: list[Term], missing: list[Term], rng: random.Random) -> None:
        self.defined = ZipfPicker(defined, rng, ZIPF_EXPONENT)
        """Picker over the defined terms."""
        self.missing = ZipfPicker(missing, rng, ZIPF_EXPONENT)
        """Picker over terms no entry defines."""
        self.defined_ids = {term.id for term in defined}
        """Ids that an entry defines."""
        self.rng = rng
        """The shared generator."""
        self.stats = Stats()
        """Link counts so far."""

    def target(self, avoid: str) -> Term:
        """A link target other than the entry ``avoid`` itself."""
        if self.rng.random() < BROKEN_LINK_RATE:
            return self.missing.pick()
        while True:
            term = self.defined.pick()
            if term.id != avoid or len(self.defined.items) == 1:
                return term

    def record(self, term: Term) -> None:
        """Count a link that was written."""
        self.stats.links += 1
        self.stats.broken_links += term.id not in self.defined_ids


def make_terms(lexicon: Lexicon, count: int, taken: set[str]) -> list[Term]:
    """``count`` terms whose ids are unique, also ignoring case, and not in ``taken``."""
    rng = lexicon.rng
    terms: list[Term] = []
    while len(terms) < count:
        title = lexicon.title_word()
        if rng.random() < 0.08:
            title += f" {rng.randint(2, 9)}" + (f".{rng.randint(0, 9)}" if rng.random() < 0.5 else "")
        term_id = title.replace(" ", "_" if rng.random() < 0.05 else "-")
        if term_id.casefold() in taken or term_id.casefold() == "index":
            continue
        taken.add(term_id.casefold())
        terms.append(Term(term_id, title))
    return terms


def link_markup(term: Term, lexicon: Lexicon) -> str:
    """``[text](#id)`` with the variations authors write."""
    rng = lexicon.rng
    pick = rng.random()
    if pick < 0.6:
        return f"[{term.title}](#{term.id})"
    if pick < 0.75:
        return f"[{lexicon.noun()}](#{term.id})"
    if pick < 0.9:
        return f"[{term.title}](#{term.id}){rng.choice(_LINK_SUFFIXES)}"
    return f"**[{term.title}](#{term.id})**"


Slot = list[str]
"""A sentence as tokens; links are inserted as extra tokens before rendering."""


class EntryWriter:
    """Builds the Markdown text of one entry."""

    def __init__(self, term: Term, lexicon: Lexicon, linker: Linker) -> None:
        self.term = term
        """The entry's own term."""
        self.lex = lexicon
        """Word source."""
        self.rng = lexicon.rng
        """The shared generator."""
        self.linker = linker
        """Target source."""
        self.lines: list[str | Slot] = []
        """Output lines; slots are rendered last."""

    def slot(self, tokens: list[str]) -> Slot:
        """Add a sentence line that may receive links."""
        self.lines.append(tokens)
        return tokens

    def lead(self) -> None:
        """Tagline (sometimes), then the lead paragraph with the bold term name."""
        if self.rng.random() < 0.05:
            self.lines += [f"***Kurz gesagt: {self.lex.sentence(6, 10)[:-1]}.***", ""]
        verb = self.rng.choice(("bezeichnet", "ist", "beschreibt", "umfasst", "meint"))
        tokens = self.slot([f"**{self.term.title}**", verb] + self.lex.clause(self.rng.randint(10, 16)))
        tokens[-1] += "."
        self.slot(self.lex.sentence(8, 14).split())
        self.lines.append("")

    def section(self, name: str) -> None:
        """One explanation section: paragraph, maybe a list, maybe a closing line."""
        self.lines += [f"### {name} {{.explanation}}", ""]
        for _ in range(self.rng.randint(1, 3)):
            self.slot(self.lex.sentence().split())
        self.lines.append("")
        if self.rng.random() < 0.7:
            self.items()
        if self.rng.random() < 0.3:
            self.slot(self.lex.sentence().split())
            self.lines.append("")

    def items(self) -> None:
        """A bullet or numbered list of short items."""
        ordered = self.rng.random() < 0.2
        for number in range(1, self.rng.randint(3, 4) + 1):
            marker = f"{number}." if ordered else "-"
            head = f"**{self.lex.noun()}**:"
            self.slot([marker, head] + self.lex.clause(self.rng.randint(4, 8)))
            if not ordered and self.rng.random() < 0.08:
                self.lines.append(f"    - {self.lex.phrase()} {self.lex.verb()}")
        self.lines.append("")

    def see_also(self) -> None:
        """The see-also section: 4-8 distinct links, ``[Index](#Index)``, ``----``."""
        self.lines += ["### Verwandte Themen {.seealso}", ""]
        chosen: dict[str, Term] = {}
        wanted = self.rng.randint(4, 8)
        for _ in range(wanted * 20):  # bounded: tiny glossaries have few distinct targets
            if len(chosen) == wanted:
                break
            term = self.linker.target(self.term.id)
            if term.id not in chosen:
                chosen[term.id] = term
                self.linker.record(term)
        terms = list(chosen.values())
        if self.rng.random() < 0.9:
            terms.sort(key=lambda t: t.title.casefold())
        self.lines += [f"[{t.title}](#{t.id}) |" for t in terms]
        self.lines += ["[Index](#Index) |", "", "----", ""]

    def add_inline_links(self) -> None:
        """Insert 6-10 cross-references into the sentence slots."""
        slots = [line for line in self.lines if isinstance(line, list)]
        for _ in range(self.rng.randint(6, 10)):
            tokens = self.rng.choice(slots)
            term = self.linker.target(self.term.id)
            self.linker.record(term)
            # After the first two tokens (list marker and item head, or the
            # sentence opening) and before the last (which carries the stop).
            tokens.insert(self.rng.randint(min(2, len(tokens) - 1), len(tokens) - 1),
                          link_markup(term, self.lex))

    def write(self) -> str:
        """The whole entry."""
        self.lines += [f"## {self.term.title} {{#{self.term.id} .chapter .small .term}}", ""]
        self.lead()
        for name in self.rng.sample(_SECTION_NAMES, self.rng.randint(2, 3)):
            self.section(name)
        self.add_inline_links()
        self.see_also()
        return "\n".join(_render(line) for line in self.lines)


def _render(line: str | Slot) -> str:
    if isinstance(line, str):
        return line
    return " ".join(line)


def group_files(terms: list[Term], rng: random.Random) -> list[tuple[str, list[Term]]]:
    """Assign entries to files: ``(relative path, entries)``, mostly one per file."""
    order = list(terms)
    rng.shuffle(order)
    files: list[tuple[str, list[Term]]] = []
    position = 0
    while position < len(order):
        size = rng.randint(2, 4) if rng.random() < MULTI_ENTRY_FILE_RATE else 1
        group = order[position:position + size]
        position += size
        folder = rng.choice(_SUBFOLDERS) + "/" if rng.random() < SUBFOLDER_RATE else ""
        files.append((f"{folder}{group[0].id}.md", group))
    return files


def generate(out_dir: Path | str, entries: int, seed: int = 1) -> Stats:
    """Write a glossary of ``entries`` entries to ``out_dir`` (replacing ``entries/``)."""
    out = Path(out_dir)
    rng = random.Random(seed)
    lexicon = Lexicon(rng)
    taken: set[str] = set()
    defined = make_terms(lexicon, entries, taken)
    missing = make_terms(lexicon, max(10, entries // 20), taken)
    linker = Linker(defined, missing, rng)
    stats = linker.stats
    shutil.rmtree(out / "entries", ignore_errors=True)
    for relative, group in group_files(defined, rng):
        text = "\n".join(EntryWriter(term, lexicon, linker).write() for term in group)
        path = out / "entries" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        stats.files += 1
        stats.bytes += len(data)
        stats.entries += len(group)
        stats.ids += [term.id for term in group]
    (out / "glossary.yml").write_text(
        f'title: "Synthetisches Glossar ({entries} Einträge, Seed {seed})"\n'
        'language: de\n', encoding="utf-8")
    return stats


def main(argv: list[str] | None = None) -> int:
    """Command line: ``generate.py --entries N --seed S OUT_DIR``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="glossary folder to write")
    parser.add_argument("--entries", "-n", type=int, default=2000, help="number of entries")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    stats = generate(args.out_dir, args.entries, args.seed)
    print(f"{stats.entries} entries in {stats.files} files, {stats.bytes / 1e6:.1f} MB, "
          f"{stats.links} links ({stats.broken_links} to missing terms) -> {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
