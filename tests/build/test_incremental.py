"""Cached and incremental builds: which pages are rendered again, and that the output is the
output of a build without cache, byte for byte."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from glossary_build.build import pipeline
from glossary_build.build.loading import GlossaryLoader
from glossary_build.core.config import load_config
from glossary_build.graph.suggest import Suggester
from glossary_build.serve.session import PreviewSession
from glossary_build.sources import inputs as inputs_module
from glossary_build.store.cache import Cache
from tests.support import run_cli

ENTRIES = {
    # id: (title, links in the lead, see-also links)
    "Alpha": ("Alpha", ["Beta"], ["Gamma"]),
    "Beta": ("Beta", ["Gamma"], []),
    "Gamma": ("Gamma", [], []),
    "Delta": ("Delta", [], []),
    "Epsilon": ("Epsilon", [], []),
    "Eta": ("Eta", [], []),
    "Zeta": ("Zeta", [], []),
}
# A–Z: Alpha, Beta, Delta, Epsilon, Eta, Gamma, Zeta.


def entry_text(entry_id: str, title: str, links: list[str], see_also: list[str], body: str = "Text.") -> str:
    lead = " ".join(f"[{target}](#{target})" for target in links)
    items = "".join(f"[{target}](#{target}) |\n" for target in see_also)
    return (
        f"## {title} {{#{entry_id} .term}}\n\n**{title}** ist ein Begriff. {lead}\n\n"
        f"### Details {{.explanation}}\n\n{body}\n\n### Siehe auch {{.seealso}}\n\n{items}[Index](#Index) |\n\n----\n"
    )


@pytest.fixture()
def glossary(tmp_path: Path) -> Path:
    root = tmp_path / "glossary"
    (root / "entries").mkdir(parents=True)
    for entry_id, (title, links, see_also) in ENTRIES.items():
        write_entry(root, entry_id, title, links, see_also)
    return root


def write_entry(
    root: Path, entry_id: str, title: str, links: list[str], see_also: list[str], body: str = "Text."
) -> None:
    path = root / "entries" / f"{entry_id}.md"
    path.write_text(entry_text(entry_id, title, links, see_also, body), encoding="utf-8")
    bump_mtime(path)


def bump_mtime(path: Path) -> None:
    """Make the change visible even on file systems with coarse timestamps."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def build(root: Path, out: Path, **options: object) -> pipeline.BuildResult:
    return pipeline.build(load_config(cwd=root), out, **options)  # type: ignore[arg-type]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def site_wide(out: Path) -> list[str]:
    """The site-wide files of a site: 404 page, all.html, search index, ..."""
    return [
        path for path in tree(out)
        if not path.startswith(("static/", ".")) and path != "index.html" and not path.endswith("/index.html")
    ]


def pages(out: Path) -> set[str]:
    """Every file of a site but the static ones."""
    return {path for path in tree(out) if not path.startswith(("static/", "."))}


def assert_same_as_cold(root: Path, out: Path, tmp_path: Path) -> None:
    cold = tmp_path / "cold"
    build(root, cold, use_cache=False)
    assert tree(out) == tree(cold)


def test_second_build_renders_and_writes_nothing(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build(glossary, out)
    assert len(first.rendered) == first.files
    before = {path: path.stat().st_mtime_ns for path in out.rglob("*")}
    second = build(glossary, out)
    assert second.rendered == ()
    assert second.unchanged == first.files
    assert {path: path.stat().st_mtime_ns for path in out.rglob("*")} == before
    assert_same_as_cold(glossary, out, tmp_path)


def test_body_edit_renders_own_page_and_site_wide_files(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    write_entry(glossary, "Gamma", "Gamma", [], [], body="Neuer Text.")
    result = build(glossary, out)
    assert sorted(result.rendered) == sorted(["Gamma/index.html", *site_wide(out)])
    assert_same_as_cold(glossary, out, tmp_path)


def test_title_edit_renders_pages_that_show_the_title(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    write_entry(glossary, "Gamma", "Gamma neu", [], [])
    result = build(glossary, out)
    # Gamma itself; Alpha and Beta link to it; Eta and Zeta are its neighbours in A–Z order.
    assert sorted(result.rendered) == sorted([
        "Alpha/index.html", "Beta/index.html", "Eta/index.html", "Gamma/index.html",
        "Zeta/index.html", "index.html", *site_wide(out),
    ])
    assert_same_as_cold(glossary, out, tmp_path)


def test_new_link_renders_backlinked_page(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    write_entry(glossary, "Delta", "Delta", [], [], body="Siehe [Epsilon](#Epsilon).")
    result = build(glossary, out)
    # The link is in a section, not the definition: the index does not change.
    assert sorted(result.rendered) == sorted(["Delta/index.html", "Epsilon/index.html", *site_wide(out)])
    assert "Verweise von" in (out / "Epsilon" / "index.html").read_text(encoding="utf-8")
    assert_same_as_cold(glossary, out, tmp_path)


def test_removed_entry_removes_its_page_and_breaks_links_to_it(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    (glossary / "entries" / "Gamma.md").unlink()
    result = build(glossary, out)
    assert result.removed == ("Gamma/index.html",)
    assert not (out / "Gamma").exists()
    beta = (out / "Beta" / "index.html").read_text(encoding="utf-8")
    assert 'class="xref missing"' in beta and 'data-target="Gamma"' in beta
    assert_same_as_cold(glossary, out, tmp_path)


def test_renamed_entry(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    (glossary / "entries" / "Gamma.md").unlink()
    write_entry(glossary, "Gamma-Neu", "Gamma", [], [])
    result = build(glossary, out)
    assert "Gamma-Neu/index.html" in result.rendered
    assert result.removed == ("Gamma/index.html",)
    assert_same_as_cold(glossary, out, tmp_path)


def test_template_change_renders_every_page(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    (glossary / "templates").mkdir()
    (glossary / "templates" / "term.html").write_text(
        '{% extends "default/term.html" %}{% block footer %}Impressum{% endblock %}', encoding="utf-8"
    )
    result = build(glossary, out)
    assert set(result.rendered) == pages(out)  # all but the static files
    assert_same_as_cold(glossary, out, tmp_path)


def test_static_change_writes_only_that_file(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    (glossary / "static").mkdir()
    (glossary / "static" / "extra.css").write_text("body { margin: 0 }\n", encoding="utf-8")
    assert build(glossary, out).rendered == ("static/extra.css",)
    assert_same_as_cold(glossary, out, tmp_path)


def test_config_change_renders_every_page(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    (glossary / "glossary.yml").write_text("title: Anderer Titel\n", encoding="utf-8")
    assert set(build(glossary, out).rendered) == pages(out)
    assert_same_as_cold(glossary, out, tmp_path)


def test_site_changed_by_hand_is_written_completely(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build(glossary, out)
    (out / ".glossary-build-site").write_text("touched\n", encoding="utf-8")
    assert len(build(glossary, out).rendered) == first.files
    (out / "Beta" / "index.html").unlink()
    build(glossary, tmp_path / "elsewhere")
    assert len(build(glossary, out).rendered) == first.files  # the cache describes the other folder
    assert_same_as_cold(glossary, out, tmp_path)


def test_no_cache_leaves_no_cache(glossary: Path, tmp_path: Path) -> None:
    build(glossary, tmp_path / "site", use_cache=False)
    assert not (glossary / ".glossary-cache").exists()
    build(glossary, tmp_path / "site")
    assert (glossary / ".glossary-cache" / "CACHEDIR.TAG").is_file()


def test_damaged_cache_is_ignored(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    for file in (glossary / ".glossary-cache").rglob("*"):
        if file.is_file():
            file.write_bytes(b"\x80garbage")
    assert len(build(glossary, out).rendered) > 0
    assert_same_as_cold(glossary, out, tmp_path)


def test_check_uses_the_cache(glossary: Path) -> None:
    write_entry(glossary, "Delta", "Delta", ["Omega"], [])
    config = load_config(cwd=glossary)
    first = pipeline.check(config)
    builder = GlossaryLoader(config, Cache(config.root))
    loaded = builder.load(need_graph=False)
    assert loaded.files is None  # nothing parsed, nothing linked
    second = pipeline.check(config)
    assert [d.format() for d in second.diagnostics] == [d.format() for d in first.diagnostics]
    assert any("Omega" in d.message for d in second.diagnostics)
    assert (second.entry_count, second.reference_count, second.file_count) == (
        first.entry_count, first.reference_count, first.file_count
    )
    assert len(second.graph.entries) == len(ENTRIES)  # loaded on demand


def test_unchanged_files_are_not_read_again(glossary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file whose signature is the last run's is not read; changed bytes are seen even when
    size and modification time are put back (the change time still moves)."""
    monkeypatch.setattr(inputs_module, "RACY_NS", 0)  # files written a moment ago count as settled
    write_entry(glossary, "Delta", "Delta", ["Omega"], [])
    for path in (glossary / "entries").iterdir():  # not ahead of the clock (bump_mtime)
        os.utime(path, ns=(0, path.stat().st_mtime_ns - 10_000_000_000))
    config = load_config(cwd=glossary)
    first = pipeline.check(config)
    builder = GlossaryLoader(config, Cache(config.root))
    assert builder.load(need_graph=False).files is None
    assert [item.text for item in builder.inputs.files.values()] == [None] * len(ENTRIES)  # none read
    second = pipeline.check(config)
    path = glossary / "entries" / "Delta.md"
    assert second.sources["entries/Delta.md"] == tuple(path.read_text(encoding="utf-8").split("\n"))
    assert [d.format() for d in second.diagnostics] == [d.format() for d in first.diagnostics]
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("(#Omega)", "(#Omaga)"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert any("Omaga" in d.message for d in pipeline.check(config).diagnostics)


def test_a_trusted_file_without_a_cached_parse_is_read_after_all(
    glossary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signatures outlive the parse results (a cache file deleted): the file is read."""
    monkeypatch.setattr(inputs_module, "RACY_NS", 0)
    write_entry(glossary, "Delta", "Delta", ["Omega"], [])
    for path in (glossary / "entries").iterdir():
        os.utime(path, ns=(0, path.stat().st_mtime_ns - 10_000_000_000))
    config = load_config(cwd=glossary)
    first = pipeline.check(config)
    for name in ("parsed.pack", "parsed.log", "findings.pickle"):
        (glossary / ".glossary-cache" / "v1" / name).unlink()
    again = pipeline.check(config)
    assert [d.format() for d in again.diagnostics] == [d.format() for d in first.diagnostics]
    assert len(again.graph.entries) == len(ENTRIES)


def test_files_written_just_before_a_run_are_read_by_the_next(glossary: Path) -> None:
    """Within :data:`RACY_NS` of a write the file may change again without a new signature."""
    config = load_config(cwd=glossary)
    pipeline.check(config)
    builder = GlossaryLoader(config, Cache(config.root))
    builder.load(need_graph=False)
    assert all(item.text is not None for item in builder.inputs.files.values())


def test_a_quiet_build_leaves_the_infos_to_check(glossary: Path, tmp_path: Path) -> None:
    """A build without infos (``build -q``) stores its findings for the next build, and a
    check finds the infos it left out; a later quiet build uses the check's findings."""
    write_entry(glossary, "Delta", "Delta", ["Omega"], [])
    out = tmp_path / "site"
    quiet = build(glossary, out, infos=False)
    assert quiet.glossary.diagnostics and "orphan-term" not in {d.code for d in quiet.glossary.diagnostics}
    config = load_config(cwd=glossary)
    checked = pipeline.check(config)
    cold = pipeline.check(config, use_cache=False)
    assert [d.format() for d in checked.diagnostics] == [d.format() for d in cold.diagnostics]
    assert "orphan-term" in {d.code for d in checked.diagnostics}
    again = build(glossary, out, infos=False)
    assert again.rendered == ()
    without_infos = [d.format() for d in cold.diagnostics if d.severity.label != "info"]
    assert [d.format() for d in again.glossary.diagnostics] == without_infos
    assert [d.format() for d in pipeline.check(config).diagnostics] == [d.format() for d in cold.diagnostics]


def test_a_second_check_prints_the_kept_report(glossary: Path) -> None:
    """The report of an unchanged glossary is kept per format and verbosity (the text one per
    file); it is what a check without cache prints, and a change of any entry makes a new one."""
    write_entry(glossary, "Delta", "Delta", ["Gama"], [])
    first = run_cli("check", cwd=glossary)
    assert first.returncode == 1 and "did you mean 'Gamma'?" in first.stdout
    kept = glossary / ".glossary-cache" / "v1" / "report-parts.pack"
    made = kept.stat().st_mtime_ns
    second = run_cli("check", cwd=glossary)
    assert (second.stdout, second.returncode) == (first.stdout, first.returncode)
    assert kept.stat().st_mtime_ns == made  # printed from the cache, not made again
    assert (glossary / ".glossary-cache" / "v1" / "report-parts.log").stat().st_size < 200  # nothing appended
    assert second.stdout == run_cli("check", "--no-cache", cwd=glossary).stdout
    quiet = run_cli("check", "-q", cwd=glossary)
    assert "orphan-term" in first.stdout and "orphan-term" not in quiet.stdout
    assert run_cli("check", "--format", "json", cwd=glossary).stdout.startswith("{")
    write_entry(glossary, "Delta", "Delta", ["Gamm"], [])
    changed = run_cli("check", cwd=glossary)
    assert "'Gamm'" in changed.stdout and changed.stdout == run_cli("check", "--no-cache", cwd=glossary).stdout


def test_hints_are_kept_while_the_ids_stay(glossary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The nearest-id hints of broken references are stored with the ids they were found
    among, and used again while those ids stay (an edit of text, not of ids)."""
    write_entry(glossary, "Delta", "Delta", ["Gama"], [])  # a typo: suggests Gamma
    config = load_config(cwd=glossary)
    first = pipeline.check(config)
    asked: list[str] = []
    hint = Suggester._hint
    monkeypatch.setattr(Suggester, "_hint", lambda self, target: asked.append(target) or hint(self, target))
    write_entry(glossary, "Delta", "Delta", ["Gama"], [], body="Anders.")
    second = pipeline.check(config)
    assert asked == []
    assert [d.hint for d in second.diagnostics] == [d.hint for d in first.diagnostics]
    assert any(d.hint == "did you mean 'Gamma'?" for d in second.diagnostics)
    write_entry(glossary, "Gamm", "Gamm", [], [])  # a new id: hints are found again
    third = pipeline.check(config)
    assert asked == ["Gama"]
    assert [d.hint for d in third.diagnostics] == [d.hint for d in pipeline.check(config, use_cache=False).diagnostics]


def test_a_new_id_far_from_every_broken_target_keeps_their_hints(
    glossary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a new process, the hints stored among other ids are taken over where the change of
    ids cannot alter them, and the entries with those broken links are not checked again
    (infos off: ``unlinked-mention`` would look for the new title everywhere)."""
    write_entry(glossary, "Delta", "Delta", ["Gama"], [])
    config = load_config(cwd=glossary)
    first = GlossaryLoader(config, Cache(config.root), infos=False)
    first.remember_check(first.load())
    asked: list[str] = []
    hint = Suggester._hint
    monkeypatch.setattr(Suggester, "_hint", lambda self, target: asked.append(target) or hint(self, target))
    write_entry(glossary, "Quxxo", "Quxxo", [], [])  # shares no trigram with 'Gama'
    loader = GlossaryLoader(config, Cache(config.root), infos=False)
    found = loader.diagnostics(loader.load())
    assert asked == [] and loader.rechecked == ("Quxxo",)
    cold = GlossaryLoader(config, Cache(None), infos=False)
    assert [d.format() for d in found] == [d.format() for d in cold.diagnostics(cold.load())]
    assert asked == ["Gama"] and any(d.hint == "did you mean 'Gamma'?" for d in found)


def test_a_check_between_edit_and_build_does_not_hide_the_edit(glossary: Path, tmp_path: Path) -> None:
    """A check stores the findings of the edited glossary; the build after it must still
    render what changed since the site was built, not take the glossary as unchanged."""
    out = tmp_path / "site"
    build(glossary, out)
    write_entry(glossary, "Gamma", "Gamma", [], [], body="Neu geschrieben.")
    pipeline.check(load_config(cwd=glossary))
    rebuilt = build(glossary, out)
    assert "Gamma/index.html" in rebuilt.rendered
    assert "Neu geschrieben." in (out / "Gamma" / "index.html").read_text(encoding="utf-8")
    assert_same_as_cold(glossary, out, tmp_path)
    assert build(glossary, out).rendered == ()


def test_dev_server_builder_keeps_the_site_in_memory(glossary: Path, tmp_path: Path) -> None:
    config = load_config(cwd=glossary)
    builder = PreviewSession(config, infos=True)
    first = builder.rebuild([])
    assert first.changed_pages == set(first.files)
    assert builder.rebuild([]).changed_pages == set()
    write_entry(glossary, "Gamma", "Gamma", [], [], body="Anders.")
    changed = glossary / "entries" / "Gamma.md"
    third = builder.rebuild([changed])
    build(glossary, tmp_path / "cold", use_cache=False)
    assert third.changed_pages == {"Gamma/index.html", *site_wide(tmp_path / "cold")}
    cold = {path: data for path, data in tree(tmp_path / "cold").items() if not path.startswith(".")}
    assert third.files == cold


def test_dev_server_builder_sees_template_changes(glossary: Path) -> None:
    builder = PreviewSession(load_config(cwd=glossary), infos=True)
    builder.rebuild([])
    template = glossary / "templates" / "404.html"
    template.parent.mkdir()
    template.write_text('{% extends "default/404.html" %}{% block footer %}Eigen{% endblock %}', encoding="utf-8")
    rebuilt = builder.rebuild([template])
    assert b"Eigen" in rebuilt.files["404.html"]


def test_command_line_summary_and_no_cache(glossary: Path, tmp_path: Path) -> None:
    from tests.support import run_cli

    out = str(tmp_path / "site")
    first = run_cli("build", "--out", out, cwd=glossary)
    assert first.returncode == 0, first.stderr
    files = re.search(r"built 7 terms \((\d+) pages rendered, 0 unchanged\) in ", first.stderr)
    assert files is not None, first.stderr
    second = run_cli("build", "--out", out, cwd=glossary)
    assert f"built 7 terms (0 pages rendered, {files[1]} unchanged) in " in second.stderr
    third = run_cli("build", "--no-cache", "--out", out, cwd=glossary)
    assert f"({files[1]} pages rendered, 0 unchanged)" in third.stderr
    assert "\r" not in third.stderr  # no progress line outside a terminal
    checked = run_cli("check", "--no-cache", cwd=glossary)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_pages_rendered_in_a_pool_are_the_same(glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from glossary_build.build import parallel

    build(glossary, tmp_path / "here", use_cache=False)
    monkeypatch.setattr(parallel, "MIN_PAGES_FOR_POOL", 1)
    monkeypatch.setattr(parallel, "CHUNK_FILES", 2)
    result = build(glossary, tmp_path / "pool", use_cache=False, workers=2)
    assert len(result.rendered) == result.files
    assert tree(tmp_path / "pool") == tree(tmp_path / "here")


def test_dev_server_builder_can_leave_site_wide_files_for_later(glossary: Path, tmp_path: Path) -> None:
    builder = PreviewSession(load_config(cwd=glossary), infos=True)
    before = builder.rebuild([]).files
    write_entry(glossary, "Gamma", "Gamma", [], [], body="Anders.")
    first = builder.rebuild([glossary / "entries" / "Gamma.md"], site_wide_later=True)
    assert first.changed_pages == {"Gamma/index.html"}
    assert first.files["all.html"] == before["all.html"]  # not rendered yet
    assert first.follow_up is not None
    done = first.follow_up()
    assert done is not None and done.follow_up is None
    build(glossary, tmp_path / "cold", use_cache=False)
    assert "all.html" in done.changed_pages and done.changed_pages <= set(site_wide(tmp_path / "cold"))
    cold = {path: data for path, data in tree(tmp_path / "cold").items() if not path.startswith(".")}
    assert done.files == cold
    assert first.follow_up() is None  # done once
    assert builder.rebuild([]).changed_pages == set()  # nothing left out of date


def test_a_later_rebuild_supersedes_the_follow_up(glossary: Path, tmp_path: Path) -> None:
    builder = PreviewSession(load_config(cwd=glossary), infos=True)
    builder.rebuild([])
    write_entry(glossary, "Gamma", "Gamma", [], [], body="Anders.")
    first = builder.rebuild([glossary / "entries" / "Gamma.md"], site_wide_later=True)
    write_entry(glossary, "Beta", "Beta", ["Gamma"], [], body="Auch anders.")
    second = builder.rebuild([glossary / "entries" / "Beta.md"])
    assert first.follow_up is not None and first.follow_up() is None
    build(glossary, tmp_path / "cold", use_cache=False)
    cold = {path: data for path, data in tree(tmp_path / "cold").items() if not path.startswith(".")}
    assert second.files == cold


def test_dev_server_builder_reads_only_the_files_the_watcher_named(glossary: Path) -> None:
    builder = PreviewSession(load_config(cwd=glossary), infos=True)
    builder.rebuild([])
    write_entry(glossary, "Gamma", "Gamma", [], [], body="Gamma neu.")
    write_entry(glossary, "Delta", "Delta", [], [], body="Delta neu.")
    named = builder.rebuild([glossary / "entries" / "Gamma.md"])
    assert "Gamma/index.html" in named.changed_pages and "Delta/index.html" not in named.changed_pages
    everything = builder.rebuild([])  # no names: every file's size and time are looked at
    assert "Delta/index.html" in everything.changed_pages
    (glossary / "entries" / "Gamma.md").unlink()
    write_entry(glossary, "Delta", "Delta", [], [], body="Delta noch einmal.")
    gone = builder.rebuild([glossary / "entries" / "Gamma.md"])  # a named path that is gone: look at all
    assert {"Gamma/index.html", "Delta/index.html"} <= gone.changed_pages


def test_dev_server_builder_keeps_the_suggester_while_the_ids_stay(glossary: Path) -> None:
    write_entry(glossary, "Delta", "Delta", ["Gama"], [])  # a typo: suggests Gamma
    builder = PreviewSession(load_config(cwd=glossary), infos=True)
    first = builder.rebuild([])
    suggester = builder.loader.suggester
    assert suggester is not None and suggester.cache == {"Gama": "did you mean 'Gamma'?"}
    write_entry(glossary, "Delta", "Delta", ["Gama"], [], body="Anders.")
    second = builder.rebuild([glossary / "entries" / "Delta.md"])
    assert builder.loader.suggester is suggester
    assert [d.hint for d in second.diagnostics] == [d.hint for d in first.diagnostics]
    write_entry(glossary, "Gama", "Gama", [], [])  # a new id: a new suggester
    builder.rebuild([glossary / "entries" / "Gama.md"])
    assert builder.loader.suggester is not suggester


def test_dev_server_builder_leaves_infos_to_check(glossary: Path) -> None:
    everything = PreviewSession(load_config(cwd=glossary), infos=True).rebuild([]).diagnostics
    served = PreviewSession(load_config(cwd=glossary)).rebuild([]).diagnostics
    assert {d.code for d in everything} >= {"orphan-term"}
    assert served == [d for d in everything if d.severity.label != "info"]


def test_edits_bring_the_spare_site_up_to_date(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    spare = glossary / ".glossary-cache" / "v1" / "spare-site"
    build(glossary, out)
    edits = [
        lambda: write_entry(glossary, "Gamma", "Gamma", [], [], body="Eins."),
        lambda: write_entry(glossary, "Beta", "Beta", ["Gamma", "Zeta"], [], body="Zwei."),
        lambda: write_entry(glossary, "Gamma", "Gamma", [], [], body="Drei."),
        lambda: (glossary / "entries" / "Zeta.md").unlink(),
        lambda: write_entry(glossary, "Theta", "Theta", ["Alpha"], ["Beta"]),
        lambda: write_entry(glossary, "Zeta", "Zeta", [], [], body="Wieder da."),
    ]
    for number, edit in enumerate(edits):
        edit()
        build(glossary, out)
        build(glossary, tmp_path / f"cold{number}", use_cache=False)
        assert tree(out) == tree(tmp_path / f"cold{number}"), number
        assert (spare / ".glossary-build-site").is_file(), number  # the site before, complete
        assert sorted(p.name for p in tmp_path.iterdir() if "glossary-build" in p.name) == []


def built_with_a_spare(glossary: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The site and the spare after a build and an incremental one (Gamma edited)."""
    out = tmp_path / "site"
    build(glossary, out)
    write_entry(glossary, "Gamma", "Gamma", [], [], body="Eins.")
    build(glossary, out)
    return out, glossary / ".glossary-cache" / "v1" / "spare-site"


def test_a_spare_touched_by_hand_is_not_used(glossary: Path, tmp_path: Path) -> None:
    out, spare = built_with_a_spare(glossary, tmp_path)
    (spare / "Gamma" / "index.html").unlink()
    (spare / ".glossary-build-site").write_text("touched\n", encoding="utf-8")
    write_entry(glossary, "Beta", "Beta", ["Gamma"], [], body="Zwei.")
    build(glossary, out)
    assert_same_as_cold(glossary, out, tmp_path)


def test_a_failed_refresh_leaves_the_site_and_drops_the_spare(glossary: Path, tmp_path: Path) -> None:
    from glossary_build.build import write as output

    out, spare = built_with_a_spare(glossary, tmp_path)
    before = tree(out)
    original = output._refresh

    class Exploding(dict):  # type: ignore[type-arg]
        def items(self):  # type: ignore[no-untyped-def]
            for number, item in enumerate(super().items()):
                if number == 5:
                    raise OSError("disk full")
                yield item

    def broken(spare: Path, files: dict, current: Path, known: output.Spare) -> output.WriteStats:  # type: ignore[type-arg]
        return original(spare, Exploding(files), current, known)

    output._refresh = broken  # type: ignore[assignment]
    try:
        write_entry(glossary, "Beta", "Beta", ["Gamma"], [], body="Zwei.")
        with pytest.raises(OSError, match="disk full"):
            build(glossary, out)
    finally:
        output._refresh = original  # type: ignore[assignment]
    assert tree(out) == before and not spare.exists()
    build(glossary, out)
    assert_same_as_cold(glossary, out, tmp_path)


def test_dev_server_builder_ignores_an_editors_temporary_files(glossary: Path) -> None:
    builder = PreviewSession(load_config(cwd=glossary), infos=True)
    builder.rebuild([])
    temporary = glossary / "entries" / ".Gamma.md.swp"
    temporary.write_text("not an entry", encoding="utf-8")
    write_entry(glossary, "Gamma", "Gamma", [], [], body="Gespeichert.")
    saved = builder.rebuild([temporary, glossary / "entries" / "Gamma.md", glossary / "entries" / ".gone.tmp"])
    assert "Gamma/index.html" in saved.changed_pages
    write_entry(glossary, "Theta", "Theta", [], [])  # a new file: every file is looked at
    added = builder.rebuild([glossary / "entries" / "Theta.md"])
    assert "Theta/index.html" in added.changed_pages


def _rebuilt_cold(glossary: Path, tmp_path: Path, name: str) -> dict[str, bytes]:
    build(glossary, tmp_path / name, use_cache=False)
    return {path: data for path, data in tree(tmp_path / name).items() if not path.startswith(".")}


@pytest.mark.parametrize(
    "body", ["Nur der Text ist neu.", "Ein [Link nach Beta](#Beta), einer [ins Leere](#Nirgends) und [Details]."]
)
def test_quick_renders_the_saved_page_as_the_rebuild_would(glossary: Path, tmp_path: Path, body: str) -> None:
    builder = PreviewSession(load_config(cwd=glossary), infos=True)
    builder.rebuild([])
    gamma = glossary / "entries" / "Gamma.md"
    write_entry(glossary, "Gamma", "Gamma", [], [], body=body)
    quick = builder.quick([gamma])
    assert quick is not None and quick.changed_pages == {"Gamma/index.html"}
    cold = _rebuilt_cold(glossary, tmp_path, "cold")
    assert quick.files["Gamma/index.html"] == cold["Gamma/index.html"]
    assert quick.files["Alpha/index.html"] == cold["Alpha/index.html"]  # untouched
    if "Link" in body:  # Beta's backlinks now name Gamma: the rebuild's job
        assert quick.files["Beta/index.html"] != cold["Beta/index.html"]
    assert builder.rebuild([gamma]).files == cold


def test_quick_handles_a_new_definition_and_leaves_the_rest_to_the_rebuild(glossary: Path, tmp_path: Path) -> None:
    builder = PreviewSession(load_config(cwd=glossary), infos=True)
    builder.rebuild([])
    gamma = glossary / "entries" / "Gamma.md"
    text = gamma.read_text(encoding="utf-8")
    gamma.write_text(text.replace("ist ein Begriff", "ist ein neuer Begriff"), encoding="utf-8")
    quick = builder.quick([gamma])
    assert quick is not None
    cold = _rebuilt_cold(glossary, tmp_path, "cold")
    assert quick.files["Gamma/index.html"] == cold["Gamma/index.html"]
    assert quick.files["Beta/index.html"] != cold["Beta/index.html"]  # Beta's preview of Gamma: the rebuild's job
    assert builder.rebuild([gamma]).files == cold


def test_quick_renders_a_renamed_entry_in_its_new_place(glossary: Path, tmp_path: Path) -> None:
    builder = PreviewSession(load_config(cwd=glossary), infos=True)
    builder.rebuild([])
    gamma = glossary / "entries" / "Gamma.md"
    write_entry(glossary, "Gamma", "Aardvark", [], [])  # now first in the A-Z order
    quick = builder.quick([gamma])
    assert quick is not None
    cold = _rebuilt_cold(glossary, tmp_path, "cold")
    assert quick.files["Gamma/index.html"] == cold["Gamma/index.html"]
    assert quick.files["Alpha/index.html"] != cold["Alpha/index.html"]  # its new neighbour: the rebuild's job
    assert builder.rebuild([gamma]).files == cold


def test_quick_declines_what_changes_the_ids(glossary: Path) -> None:
    builder = PreviewSession(load_config(cwd=glossary), infos=True)
    assert builder.quick([glossary / "entries" / "Gamma.md"]) is None  # no rebuild yet
    builder.rebuild([])
    gamma = glossary / "entries" / "Gamma.md"
    original = gamma.read_text(encoding="utf-8")
    gamma.write_text(original.replace("{#Gamma .term}", "{#Gamma2 .term}"), encoding="utf-8")
    assert builder.quick([gamma]) is None
    gamma.write_text(original.replace("### Details", "### Einzelheiten"), encoding="utf-8")
    assert builder.quick([gamma]) is None  # a section's id comes from its title
    gamma.write_text(original.replace("### Details", "### Einzelheiten {#Details}"), encoding="utf-8")
    assert builder.quick([gamma]) is None  # the same id, but written now: it is not de-duplicated
    write_entry(glossary, "Beta", "Beta", [], [], body="Neu.")
    assert builder.quick([glossary / "entries" / "Beta.md", glossary / "entries" / "Gamma.md"]) is None
    assert builder.quick([glossary / "entries" / "Beta.md", glossary / "glossary.yml"]) is None
    write_entry(glossary, "Theta", "Theta", [], [])
    assert builder.quick([glossary / "entries" / "Theta.md"]) is None  # a new file


def test_files_read_by_quick_are_read_again_by_the_next_rebuild(glossary: Path, tmp_path: Path) -> None:
    builder = PreviewSession(load_config(cwd=glossary), infos=True)
    builder.rebuild([])
    write_entry(glossary, "Gamma", "Gamma", [], [], body="Erstens.")
    assert builder.quick([glossary / "entries" / "Gamma.md"]) is not None
    write_entry(glossary, "Delta", "Delta", [], [], body="Zweitens.")
    assert builder.quick([glossary / "entries" / "Delta.md"]) is not None  # the rebuild for Gamma was skipped
    rebuilt = builder.rebuild([glossary / "entries" / "Delta.md"])
    assert rebuilt.files == _rebuilt_cold(glossary, tmp_path, "cold")


def test_quick_renders_every_entry_of_a_saved_file(glossary: Path, tmp_path: Path) -> None:
    both = glossary / "entries" / "Paar.md"
    first, second = entry_text("Kappa", "Kappa", ["Alpha"], []), entry_text("Lambda", "Lambda", [], ["Beta"])
    both.write_text(first + "\n" + second, encoding="utf-8")
    builder = PreviewSession(load_config(cwd=glossary), infos=True)
    builder.rebuild([])
    # Lambda now links to Kappa: Kappa's page, saved in the same file, gains a backlink.
    both.write_text(first + "\n" + second.replace("Text.", "Mehr Text über [Kappa](#Kappa)."), encoding="utf-8")
    quick = builder.quick([both])
    assert quick is not None and quick.changed_pages == {"Kappa/index.html", "Lambda/index.html"}
    cold = _rebuilt_cold(glossary, tmp_path, "cold")
    assert quick.files["Lambda/index.html"] == cold["Lambda/index.html"]
    assert quick.files["Kappa/index.html"] == cold["Kappa/index.html"]


def test_quick_pages_match_cold_builds_after_random_saves(glossary: Path, tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    ids = list(ENTRIES) + ["Fehlt"]
    builder = PreviewSession(load_config(cwd=glossary), infos=True)
    builder.rebuild([])
    taken = 0
    for number in range(24):
        entry_id = rng.choice(list(ENTRIES))
        title = rng.choice([entry_id, f"{entry_id} {number}", f"Aa {number}"])
        links = rng.sample(ids, rng.randint(0, 3))
        see_also = rng.sample(ids, rng.randint(0, 2))
        body = rng.choice(["Text.", f"Neu {number}.", f"Mit [Details] und [{entry_id}](#{entry_id})."])
        write_entry(glossary, entry_id, title, links, see_also, body=body)
        path = glossary / "entries" / f"{entry_id}.md"
        quick = builder.quick([path])
        if quick is not None:
            taken += 1
            cold = _rebuilt_cold(glossary, tmp_path, f"cold{number}")
            for page in quick.changed_pages:
                assert quick.files[page] == cold[page], (number, page)
        builder.rebuild([path])
    assert taken >= 12  # most saves keep the ids


def test_a_new_entry_renders_its_neighbours_and_the_index_not_every_page(glossary: Path, tmp_path: Path) -> None:
    """The default term page does not show the number of terms: a new entry that nothing
    links to renders its own page, its neighbours in A–Z order and the index."""
    out = tmp_path / "site"
    build(glossary, out)
    write_entry(glossary, "Theta", "Theta", [], [])  # A–Z: ... Gamma, Theta, Zeta
    rendered = sorted(build(glossary, out).rendered)
    assert rendered == sorted([*(f"{name}/index.html" for name in ("Gamma", "Theta", "Zeta")), "index.html",
                               *site_wide(out)])
    assert tree(out) == tree(cold_site(glossary, tmp_path / "cold"))
    (glossary / "entries" / "Theta.md").unlink()
    result = build(glossary, out)
    assert result.removed == ("Theta/index.html",)
    assert sorted(result.rendered) == sorted(["Gamma/index.html", "Zeta/index.html", "index.html", *site_wide(out)])
    assert tree(out) == tree(cold_site(glossary, tmp_path / "cold-again"))


def test_a_theme_term_page_that_shows_the_number_of_terms_is_rendered_for_a_new_entry(
    glossary: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    (glossary / "templates").mkdir()
    default = (Path(pipeline.__file__).parents[2] / "templates" / "term.html").read_text(encoding="utf-8")
    counted = default.replace("{% block footer %}{{ site.title }}{% endblock %}",
                              "{% block footer %}{{ site.count_phrase }}{% endblock %}")
    assert counted != default
    (glossary / "templates" / "term.html").write_text(counted, encoding="utf-8")
    build(glossary, out)
    write_entry(glossary, "Theta", "Theta", [], [])
    result = build(glossary, out)
    assert set(pages(out)) <= set(result.rendered)
    assert "8 Begriffe" in (out / "Alpha" / "index.html").read_text(encoding="utf-8")
    assert tree(out) == tree(cold_site(glossary, tmp_path / "cold"))


def cold_site(root: Path, out: Path) -> Path:
    build(root, out, use_cache=False)
    return out


def test_the_maps_layout_is_kept_while_its_terms_and_links_stay(
    glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Laying out the whole-glossary map costs a second at 200 terms: an edit of an entry's
    text reuses the last layout, a new link lays it out again, and map.html is what a cold
    build writes either way."""
    from glossary_build.render import site as site_module
    from glossary_build.render import termmap

    out = tmp_path / "site"
    build(glossary, out)
    laid_out: list[int] = []
    layout = termmap.force_layout
    counted = lambda nodes, links: laid_out.append(len(nodes)) or layout(nodes, links)  # noqa: E731
    monkeypatch.setattr(site_module, "force_layout", counted)
    write_entry(glossary, "Gamma", "Gamma", [], [], body="Neu geschrieben.")
    assert "map.html" in build(glossary, out, workers=1).rendered  # in this process
    assert laid_out == []
    write_entry(glossary, "Gamma", "Gamma", ["Delta"], [], body="Neu geschrieben.")  # a new edge
    build(glossary, out, workers=1)
    assert laid_out == [len(ENTRIES)]
    monkeypatch.undo()
    assert_same_as_cold(glossary, out, tmp_path)
