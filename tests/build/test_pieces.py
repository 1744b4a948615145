"""Site-wide files from per-entry pieces: an edit renders only the pieces of the entries whose
shown data changed, the output stays that of a build without cache, byte for byte, and a theme
that overrides only ``all.html`` (the contract before pieces) keeps working."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from glossary_build.build import pipeline
from glossary_build.core.config import load_config
from glossary_build.render.pieces import ALL_ENTRY, GRAPH_ENTRY, INDEX_ENTRY, MAP_LAYOUT, SEARCH_WORDS
from glossary_build.serve.session import PreviewSession
from tests.build.test_incremental import ENTRIES, bump_mtime, tree, write_entry

OLD_STYLE_ALL = """{% extends "base.html" %}
{% block content %}
<h1>Alle (eigenes Thema)</h1>
{% for term in page.terms %}
<section id="{{ term.id }}">{{ term.title_html|safe }}: {{ term.description }}</section>
{% endfor %}
{% endblock %}
"""
"""An ``all.html`` of a theme made before ``all-entry.html``: it loops over ``page.terms``."""

OWN_ENTRY = """<div class="own-entry" id="{{ term.id }}">{{ term.title_html|safe }} – {{ term.description }}</div>
"""
"""An ``all-entry.html`` of a theme that keeps the default frame."""

OLD_STYLE_INDEX = """{% extends "base.html" %}
{% block content %}
<h1>Index (eigenes Thema)</h1>
{% for group in page.groups %}<h2>{{ group.letter }} {{ group.items|length }}</h2>
{% for item in group.items %}<p><a href="{{ item.href }}">{{ item.title_html|safe }}</a>:
{{ item.definition_html|safe }}</p>
{% endfor %}{% endfor %}
{% endblock %}
"""
"""An ``index.html`` of a theme made before ``index-entry.html``: it loops over ``group.items``."""

OWN_INDEX_ENTRY = """<p class="own-line">{{ item.title_html|safe }}
{{- " → " + item.alias_of if item.alias_of else "" }}</p>
"""
"""An ``index-entry.html`` of a theme that keeps the default frame."""

EVERY_PIECE = {**dict.fromkeys((ALL_ENTRY, GRAPH_ENTRY, INDEX_ENTRY, SEARCH_WORDS), len(ENTRIES)), MAP_LAYOUT: 1}
"""The pieces of a first build: every kind for every entry, and the map's layout."""
ONE_ENTRYS = {ALL_ENTRY: 1, GRAPH_ENTRY: 1, INDEX_ENTRY: 1, SEARCH_WORDS: 1}
"""The pieces of one entry."""
BODY_EDIT = {ALL_ENTRY: 1, GRAPH_ENTRY: 1, SEARCH_WORDS: 1}
"""The pieces an edit of an entry's text other than title and definition renders (the index
page shows neither)."""


def write_short(root: Path, entry_id: str, title: str, extra: str = "") -> None:
    """An entry without sections: its section anchors cannot shift those of others."""
    path = root / "entries" / f"{title}.md"
    path.write_text(f"## {title} {{#{entry_id} .term{extra}}}\n\n**{title}** ist kurz.\n", encoding="utf-8")
    bump_mtime(path)


def build(root: Path, out: Path, **options: object) -> pipeline.BuildResult:
    return pipeline.build(load_config(cwd=root), out, **options)  # type: ignore[arg-type]


def blocks(result: pipeline.BuildResult) -> int:
    """How many blocks of all.html the build rendered."""
    return result.pieces_rendered.get(ALL_ENTRY, 0)


def assert_same_as_cold(root: Path, out: Path, cold: Path) -> None:
    build(root, cold, use_cache=False)
    assert tree(out) == tree(cold)


@pytest.fixture()
def glossary(tmp_path: Path) -> Path:
    root = tmp_path / "glossary"
    (root / "entries").mkdir(parents=True)
    for entry_id, (title, links, see_also) in ENTRIES.items():
        write_entry(root, entry_id, title, links, see_also)
    return root


def test_a_text_edit_renders_only_that_entrys_piece(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build(glossary, out)
    assert first.pieces_rendered == EVERY_PIECE
    write_entry(glossary, "Gamma", "Gamma", [], [], body="Neuer Text.")
    edited = build(glossary, out)
    assert edited.pieces_rendered == BODY_EDIT
    assert "all.html" in edited.rendered and "index.html" not in edited.rendered
    assert "Neuer Text." in (out / "all.html").read_text(encoding="utf-8")
    assert_same_as_cold(glossary, out, tmp_path / "cold")


def test_a_new_entry_renders_only_its_piece(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    write_short(glossary, "Theta", "Theta")
    # The count is the frame's; the map has one node more, so it is laid out again.
    assert build(glossary, out).pieces_rendered == {**ONE_ENTRYS, MAP_LAYOUT: 1}
    (glossary / "entries" / "Theta.md").unlink()
    # Every other piece is still kept; the map is laid out again (only the last layout is kept).
    assert build(glossary, out).pieces_rendered == {MAP_LAYOUT: 1}
    assert_same_as_cold(glossary, out, tmp_path / "cold")


def test_nothing_changed_renders_no_piece(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    assert build(glossary, out).pieces_rendered == {}


def test_pieces_are_reused_for_another_output_folder(glossary: Path, tmp_path: Path) -> None:
    build(glossary, tmp_path / "site")
    elsewhere = build(glossary, tmp_path / "elsewhere")
    assert elsewhere.pieces_rendered == {}  # kept by fingerprint, not by folder
    assert tree(tmp_path / "elsewhere") == tree(tmp_path / "site")


def test_a_title_edit_renders_one_piece_and_reorders(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    write_entry(glossary, "Gamma", "Zzz", [], [])
    edited = build(glossary, out)
    # Only Gamma's block shows its title (links show their own text); the order on
    # all.html changes without any other block being rendered.
    assert edited.pieces_rendered == {**ONE_ENTRYS, MAP_LAYOUT: 1}  # the map's nodes come in A–Z order
    html = (out / "all.html").read_text(encoding="utf-8")
    assert html.index('id="Zeta"') < html.index('id="Gamma"')
    assert_same_as_cold(glossary, out, tmp_path / "cold")


def test_a_theme_overriding_only_all_html_is_used(glossary: Path, tmp_path: Path) -> None:
    (glossary / "templates").mkdir()
    (glossary / "templates" / "all.html").write_text(OLD_STYLE_ALL, encoding="utf-8")
    out = tmp_path / "site"
    first = build(glossary, out)
    html = (out / "all.html").read_text(encoding="utf-8")
    assert "Alle (eigenes Thema)" in html and '<section id="Gamma">Gamma: Gamma ist ein Begriff.' in html
    assert 'class="entry"' not in html  # the default blocks are not used
    assert blocks(first) == 0  # the page asks for page.terms only
    write_entry(glossary, "Gamma", "Gamma", [], [], body="Neuer Text.")
    build(glossary, out)
    assert_same_as_cold(glossary, out, tmp_path / "cold")


def test_a_theme_overriding_only_all_entry_html_keeps_the_frame(glossary: Path, tmp_path: Path) -> None:
    (glossary / "templates").mkdir()
    (glossary / "templates" / "all-entry.html").write_text(OWN_ENTRY, encoding="utf-8")
    out = tmp_path / "site"
    build(glossary, out)
    html = (out / "all.html").read_text(encoding="utf-8")
    assert '<div class="own-entry" id="Gamma">Gamma – Gamma ist ein Begriff.</div>' in html
    assert 'class="letter-bar"' in html or "letter" in html  # the default frame's letter bar
    assert_same_as_cold(glossary, out, tmp_path / "cold")


def test_a_definition_edit_renders_one_line_of_the_index(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    gamma = glossary / "entries" / "Gamma.md"
    gamma.write_text(gamma.read_text(encoding="utf-8").replace("ist ein Begriff", "ist neu"), encoding="utf-8")
    bump_mtime(gamma)
    edited = build(glossary, out)
    assert edited.pieces_rendered == ONE_ENTRYS
    assert "index.html" in edited.rendered and "ist neu" in (out / "index.html").read_text(encoding="utf-8")
    assert_same_as_cold(glossary, out, tmp_path / "cold")


def test_a_theme_overriding_only_index_html_is_used(glossary: Path, tmp_path: Path) -> None:
    (glossary / "templates").mkdir()
    (glossary / "templates" / "index.html").write_text(OLD_STYLE_INDEX, encoding="utf-8")
    out = tmp_path / "site"
    first = build(glossary, out)
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Index (eigenes Thema)" in html
    assert '<a href="Gamma/index.html">Gamma</a>:\n<strong>Gamma</strong> ist ein Begriff.' in html
    assert 'class="term-list"' not in html  # the default frame is not used
    assert first.pieces_rendered.get(INDEX_ENTRY, 0) == 0  # the page asks for group.items only
    write_short(glossary, "Gamma", "Gamma")
    build(glossary, out)
    assert_same_as_cold(glossary, out, tmp_path / "cold")


def test_a_theme_overriding_only_index_entry_html_keeps_the_frame(glossary: Path, tmp_path: Path) -> None:
    (glossary / "templates").mkdir()
    (glossary / "templates" / "index-entry.html").write_text(OWN_INDEX_ENTRY, encoding="utf-8")
    write_short(glossary, "Theta", "Theta", ' aliases="Omega"')
    out = tmp_path / "site"
    build(glossary, out)
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<p class="own-line">Gamma</p>' in html and '<p class="own-line">Omega → Theta</p>' in html
    assert 'class="term-list"' in html  # the default frame
    write_short(glossary, "Zeta", "Zeta", ' aliases="Omikron"')
    edited = build(glossary, out)
    assert edited.pieces_rendered[INDEX_ENTRY] == 1  # an alias's line is rendered each time, not kept
    assert_same_as_cold(glossary, out, tmp_path / "cold")


def test_the_default_all_html_is_a_frame_of_blocks(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out, use_cache=False)
    html = (out / "all.html").read_text(encoding="utf-8")
    assert html.count('<article class="entry"') == len(ENTRIES)
    assert not list((glossary / ".glossary-cache").glob("*/pieces-*"))  # --no-cache keeps no pieces


def test_damaged_pieces_are_ignored(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    for pieces in (glossary / ".glossary-cache" / "v1").glob("pieces-*.pack"):
        pieces.write_bytes(pieces.read_bytes()[:-10] + b"0123456789")
    write_entry(glossary, "Gamma", "Gamma", [], [], body="Neuer Text.")
    assert build(glossary, out).pieces_rendered == {**{kind: len(ENTRIES) for kind in BODY_EDIT}, MAP_LAYOUT: 1}
    assert_same_as_cold(glossary, out, tmp_path / "cold")


def test_the_dev_server_builder_keeps_the_pieces(glossary: Path, tmp_path: Path) -> None:
    builder = PreviewSession(load_config(cwd=glossary))
    builder.rebuild([])
    write_entry(glossary, "Gamma", "Gamma", [], [], body="Neuer Text.")
    path = glossary / "entries" / "Gamma.md"
    rebuilt = builder.rebuild([path], site_wide_later=True)
    assert rebuilt.follow_up is not None
    finished = rebuilt.follow_up()
    assert finished is not None
    assert {kind: len(pieces) for kind, pieces in builder.pieces.items()} == EVERY_PIECE
    build(glossary, tmp_path / "cold", use_cache=False)
    assert finished.files["all.html"] == (tmp_path / "cold" / "all.html").read_bytes()


# -- random edit sequences -------------------------------------------------------------


class Editor:
    """Random edits of a small glossary: text, titles, links, ids (with ``formerly``), files
    added, removed and renamed, and theme overrides of all.html, all-entry.html, index.html
    and index-entry.html."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root, self.rng = root, rng
        self.files: dict[str, str] = {entry_id: entry_id for entry_id in ENTRIES}
        """File name (without .md) -> id of its entry."""
        self.count = 0

    def ids(self) -> list[str]:
        return [*self.files.values(), "Fehlt"]

    def step(self) -> str:
        self.count += 1
        action = self.rng.choice(
            ["text", "text", "title", "links", "id", "new", "remove", "rename", "theme", "attributes"]
        )
        getattr(self, action)()
        return action

    def _write(self, name: str, entry_id: str, title: str | None = None, body: str = "Text.", extra: str = "") -> None:
        self.files[name] = entry_id
        links = self.rng.sample(self.ids(), self.rng.randint(0, 3))
        see_also = self.rng.sample(self.ids(), self.rng.randint(0, 2))
        title = title or self.rng.choice([entry_id, f"{entry_id} {self.count}", f"Ä{self.count} {entry_id}"])
        path = self.root / "entries" / f"{name}.md"
        write_entry(self.root, entry_id, title, links, see_also, body=body)
        written = self.root / "entries" / f"{entry_id}.md"
        text = written.read_text(encoding="utf-8")
        if extra:
            text = text.replace(f"{{#{entry_id} .term}}", f"{{#{entry_id} .term {extra}}}")
        if written != path:
            written.unlink()
        path.write_text(text, encoding="utf-8")
        bump_mtime(path)

    def _pick(self) -> str:
        return self.rng.choice(sorted(self.files))

    def text(self) -> None:
        name = self._pick()
        entry_id = self.files[name]
        body = self.rng.choice([f"Neu {self.count}.", f"Mit [{entry_id}](#{entry_id}) {self.count}.", "Text."])
        self._write(name, entry_id, title=entry_id, body=body)

    def title(self) -> None:
        name = self._pick()
        self._write(name, self.files[name])

    def links(self) -> None:
        name = self._pick()
        self._write(name, self.files[name], title=self.files[name])

    def id(self) -> None:
        name = self._pick()
        old = self.files[name]
        self._write(name, f"{old}-{self.count}", extra=f'formerly="{old}"')

    def attributes(self) -> None:
        name = self._pick()
        others = [entry_id for entry_id in self.files.values() if entry_id != self.files[name]]
        extra = self.rng.choice(['aliases="Kurz; Lang"', f"status=deprecated replaced-by={others[0]}", ""])
        self._write(name, self.files[name], extra=extra)

    def new(self) -> None:
        self._write(f"Neu{self.count}", f"Neu{self.count}")

    def remove(self) -> None:
        if len(self.files) > 3:
            name = self._pick()
            (self.root / "entries" / f"{name}.md").unlink()
            del self.files[name]

    def rename(self) -> None:
        name = self._pick()
        source = self.root / "entries" / f"{name}.md"
        target = self.root / "entries" / f"{name}-{self.count}.md"
        source.rename(target)
        bump_mtime(target)
        self.files[target.stem] = self.files.pop(name)

    def theme(self) -> None:
        folder = self.root / "templates"
        folder.mkdir(exist_ok=True)
        overrides = (
            ("all.html", OLD_STYLE_ALL), ("all-entry.html", OWN_ENTRY),
            ("index.html", OLD_STYLE_INDEX), ("index-entry.html", OWN_INDEX_ENTRY),
        )
        for name, text in overrides:
            path = folder / name
            if path.exists() and self.rng.random() < 0.5:
                path.unlink()
            elif self.rng.random() < 0.5:
                path.write_text(text.replace("</", f"<!-- {self.count} --></", 1), encoding="utf-8")
                bump_mtime(path)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_match_cold_builds(glossary: Path, tmp_path: Path, seed: int) -> None:
    editor = Editor(glossary, random.Random(seed))
    out = tmp_path / "site"
    build(glossary, out)
    for number in range(14):
        action = editor.step()
        build(glossary, out)
        cold = tmp_path / f"cold{number}"
        build(glossary, cold, use_cache=False)
        assert tree(out) == tree(cold), (seed, number, action)


def test_an_old_id_that_is_live_again_loses_its_anchor(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    for name in ("Gamma", "Delta"):
        (glossary / "entries" / f"{name}.md").unlink()
    write_short(glossary, "Gamma-Neu", "Gamma", ' formerly="Gamma"')
    write_short(glossary, "Delta", "Delta")
    build(glossary, out)
    assert 'class="former-id" id="Gamma"' in (out / "all.html").read_text(encoding="utf-8")
    write_short(glossary, "Gamma", "Delta")  # Delta's new id is Gamma-Neu's old id
    edited = build(glossary, out)
    # Delta under its new id, Gamma-Neu without the anchor, and Alpha and Beta: their links
    # to #Gamma led to Gamma-Neu and now lead to the new Gamma (in graph.json too).  On the
    # index only Delta's line and Gamma-Neu's (its anchor) change.
    assert edited.pieces_rendered == {ALL_ENTRY: 4, GRAPH_ENTRY: 3, INDEX_ENTRY: 2, SEARCH_WORDS: 1, MAP_LAYOUT: 1}
    assert 'class="former-id" id="Gamma"' not in (out / "all.html").read_text(encoding="utf-8")
    assert_same_as_cold(glossary, out, tmp_path / "cold")


def test_a_link_shows_that_its_target_is_deprecated(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    beta = glossary / "entries" / "Beta.md"
    write_entry(glossary, "Beta", "Beta", ["Gamma"], [])
    beta.write_text(
        beta.read_text(encoding="utf-8").replace(".term}", ".term status=deprecated replaced-by=Delta}"),
        encoding="utf-8",
    )
    bump_mtime(beta)
    build(glossary, out)  # Alpha's link to Beta names Delta
    assert_same_as_cold(glossary, out, tmp_path / "cold")
    write_entry(glossary, "Delta", "Delta neu", [], [])
    edited = build(glossary, out)
    # Delta, Beta (its successor link), Alpha (its link's note); only Delta's words and graph
    # entry (the others' links lead where they led); Delta's and Beta's (its successor) index lines.
    assert edited.pieces_rendered == {ALL_ENTRY: 3, GRAPH_ENTRY: 1, INDEX_ENTRY: 2, SEARCH_WORDS: 1}
    assert_same_as_cold(glossary, out, tmp_path / "cold2")


SITES = Path(__file__).resolve().parent.parent / "sites"


def _multilingual(folder: Path) -> bool:
    """A glossary of several languages has one graph per language: graph.json is per language."""
    return load_config(cwd=folder).multilingual


@pytest.mark.parametrize(
    "folder",
    [SITES / "concepts", Path(__file__).resolve().parent.parent.parent,
     *sorted(path for path in (SITES / "invalid").iterdir()
             if (path / "entries").is_dir() and not _multilingual(path))],
    ids=lambda path: path.name,
)
def test_graph_json_from_pieces_is_graph_json_made_whole(folder: Path) -> None:
    from glossary_build.graph.published import rendered_graph
    from glossary_build.render.structured import _graph_json_whole, graph_json
    from glossary_build.render.urls import Urls, page_paths

    glossary = pipeline.load(load_config(cwd=folder), use_cache=False)
    assert glossary.graph is not None and not glossary.config.multilingual
    graph = rendered_graph(glossary.graph, False)
    urls = Urls(page_paths(graph.entries).folders)
    assert graph_json(graph, urls) == _graph_json_whole(graph, urls)


def test_an_edit_appends_its_pieces_to_the_logs(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    cache = glossary / ".glossary-cache" / "v1"
    assert len(list(cache.glob("pieces-*.pack"))) == 5
    pack, log = cache / f"pieces-{ALL_ENTRY}.pack", cache / f"pieces-{ALL_ENTRY}.log"
    kept, logged = pack.read_bytes(), log.stat().st_size
    write_entry(glossary, "Gamma", "Gamma", [], [], body="Neuer Text.")
    build(glossary, out)
    assert pack.read_bytes() == kept and log.stat().st_size > logged  # one block appended
    for number in range(3):  # the log outgrows a quarter of the pack: a new pack, an empty log
        write_entry(glossary, "Gamma", "Gamma", [], [], body=f"Text {number}.")
        build(glossary, out)
    assert pack.read_bytes() != kept and log.stat().st_size < logged + 100
    assert build(glossary, tmp_path / "elsewhere").pieces_rendered == {}  # every piece was kept
    assert tree(tmp_path / "elsewhere") == tree(out)
