"""Cached builds after edits of a term as a concept (aliases, hidden labels, status, successor,
old ids, drafts): exactly the pages that show the change are rendered again, and the output
is byte for byte that of a build without cache, with drafts and without."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_build.core.config import load_config
from glossary_build.serve.session import PreviewSession

from .test_incremental import ENTRIES, build, bump_mtime, entry_text, site_wide, tree

# A–Z: Alpha, Beta, Delta, Epsilon, Eta, Gamma, Zeta.  Alpha links to Beta (lead) and
# Gamma (see-also), Beta to Gamma: Gamma's title shows on Alpha and Beta, its neighbours
# Eta and Zeta, and the index.


@pytest.fixture()
def glossary(tmp_path: Path) -> Path:
    root = tmp_path / "glossary"
    (root / "entries").mkdir(parents=True)
    for entry_id, (title, links, see_also) in ENTRIES.items():
        write(root, entry_id, entry_text(entry_id, title, links, see_also))
    return root


def write(root: Path, entry_id: str, text: str) -> Path:
    path = root / "entries" / f"{entry_id}.md"
    path.write_text(text, encoding="utf-8")
    bump_mtime(path)
    return path


def gamma(root: Path, keys: str, title: str = "Gamma") -> Path:
    """Gamma's entry with ``keys`` in its heading's attribute block."""
    text = entry_text("Gamma", title, [], []).replace("{#Gamma .term}", "{#Gamma .term " + keys + "}")
    return write(root, "Gamma", text)


def terms(*ids: str) -> list[str]:
    return [f"{entry_id}/index.html" for entry_id in ids]


def assert_same_as_cold(root: Path, out: Path, tmp_path: Path, *, drafts: bool = False) -> None:
    cold = tmp_path / ("cold-drafts" if drafts else "cold")
    build(root, cold, use_cache=False, drafts=drafts)
    assert tree(out) == tree(cold)


def rendered_after(root: Path, out: Path, edit: object, *, drafts: bool = False) -> list[str]:
    build(root, out, drafts=drafts)
    assert callable(edit)
    edit()
    return sorted(build(root, out, drafts=drafts).rendered)


def test_an_alias_edit_renders_the_pages_whose_previews_and_index_show_it(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    rendered = rendered_after(glossary, out, lambda: gamma(glossary, 'aliases="G; Dritter"'))
    assert rendered == sorted([*terms("Alpha", "Beta", "Gamma"), "index.html", *site_wide(out)])
    assert "Auch: G, Dritter" in (out / "Gamma" / "index.html").read_text("utf-8")
    assert '["G","Dritter"]' in (out / "Beta" / "index.html").read_text("utf-8")
    assert_same_as_cold(glossary, out, tmp_path)


def test_a_hidden_label_edit_renders_only_its_own_page_and_the_search_files(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    rendered = rendered_after(glossary, out, lambda: gamma(glossary, 'hidden="Gamam"'))
    assert rendered == sorted([*terms("Gamma"), *site_wide(out)])
    assert "gamam" in (out / "search-index.js").read_text("utf-8")
    assert "Gamam" not in (out / "Gamma" / "index.html").read_text("utf-8")
    assert_same_as_cold(glossary, out, tmp_path)


def test_deprecating_a_term_renders_the_pages_that_link_it(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    rendered = rendered_after(glossary, out, lambda: gamma(glossary, "status=deprecated replaced-by=Delta"))
    assert rendered == sorted([*terms("Alpha", "Beta", "Gamma"), "index.html", *site_wide(out)])
    beta = (out / "Beta" / "index.html").read_text("utf-8")
    assert 'class="xref deprecated"' in beta and 'title="Veraltet; stattdessen: Delta"' in beta
    assert_same_as_cold(glossary, out, tmp_path)


def test_a_successors_new_title_renders_the_pages_that_name_it(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    gamma(glossary, "status=deprecated replaced-by=Delta")
    build(glossary, out)
    write(glossary, "Delta", entry_text("Delta", "Delta neu", [], []))
    rendered = sorted(build(glossary, out).rendered)
    # Delta itself and its neighbours Beta and Epsilon; Gamma's banner and the links to
    # Gamma on Alpha and Beta name the successor; the index.
    assert rendered == sorted([*terms("Alpha", "Beta", "Delta", "Epsilon", "Gamma"), "index.html", *site_wide(out)])
    assert 'title="Veraltet; stattdessen: Delta neu"' in (out / "Alpha" / "index.html").read_text("utf-8")
    assert_same_as_cold(glossary, out, tmp_path)


def test_an_admitted_status_renders_the_term_its_linking_pages_and_the_index(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    rendered = rendered_after(glossary, out, lambda: gamma(glossary, "status=admitted"))
    assert rendered == sorted([*terms("Alpha", "Beta", "Gamma"), "index.html", *site_wide(out)])
    assert "Zugelassen" in (out / "Gamma" / "index.html").read_text("utf-8")
    assert_same_as_cold(glossary, out, tmp_path)


def test_a_new_draft_leaves_the_site_and_its_links_say_not_written(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    gamma(glossary, "status=draft")
    result = build(glossary, out)
    assert result.removed == ("Gamma/index.html",)
    # One term fewer on the site: the pages that linked to it or had it as a neighbour, and
    # the index; the default term page does not show the number of terms.
    # (Alpha and Beta link to Gamma; Eta and Zeta are its neighbours in A–Z order.)
    assert sorted(result.rendered) == sorted([*terms("Alpha", "Beta", "Eta", "Zeta"), "index.html", *site_wide(out)])
    assert 'data-target="Gamma"' in (out / "Beta" / "index.html").read_text("utf-8")
    assert_same_as_cold(glossary, out, tmp_path)
    gamma(glossary, "")  # published again
    build(glossary, out)
    assert (out / "Gamma" / "index.html").is_file()
    assert_same_as_cold(glossary, out, tmp_path)


def test_a_new_draft_with_drafts_stays_and_is_marked(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    rendered = rendered_after(glossary, out, lambda: gamma(glossary, "status=draft"), drafts=True)
    assert rendered == sorted([*terms("Alpha", "Beta", "Gamma"), "index.html", *site_wide(out)])
    assert 'class="xref draft"' in (out / "Beta" / "index.html").read_text("utf-8")
    assert_same_as_cold(glossary, out, tmp_path, drafts=True)


def test_switching_drafts_on_and_off_renders_the_site_of_each(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    gamma(glossary, "status=draft")
    build(glossary, out)
    assert build(glossary, out).rendered == ()
    shown = build(glossary, out, drafts=True)
    assert "Gamma/index.html" in shown.rendered
    assert_same_as_cold(glossary, out, tmp_path, drafts=True)
    assert build(glossary, out, drafts=True).rendered == ()
    hidden = build(glossary, out)
    assert hidden.removed == ("Gamma/index.html",)
    assert_same_as_cold(glossary, out, tmp_path)


def test_an_old_id_adds_its_redirect_page_and_anchors(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    rendered = rendered_after(glossary, out, lambda: gamma(glossary, 'formerly="Gamma-Alt"'))
    # Its own page and the index get an anchor; the redirect page is a site-wide file.
    assert rendered == sorted([*terms("Gamma", "Gamma-Alt"), "index.html", *site_wide(out)])
    assert "refresh" in (out / "Gamma-Alt" / "index.html").read_text("utf-8")
    assert 'id="Gamma-Alt"' in (out / "all.html").read_text("utf-8")
    assert_same_as_cold(glossary, out, tmp_path)


def test_a_renamed_term_keeps_its_old_address_and_gets_it_back(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(glossary, out)
    original = (glossary / "entries" / "Gamma.md").read_text("utf-8")
    renamed = original.replace("{#Gamma .term}", '{#Gamma-Neu .term formerly="Gamma"}')
    write(glossary, "Gamma", renamed)
    result = build(glossary, out)
    assert "Gamma/index.html" in result.rendered and "Gamma-Neu/index.html" in result.rendered
    assert "refresh" in (out / "Gamma" / "index.html").read_text("utf-8")
    assert_same_as_cold(glossary, out, tmp_path)
    write(glossary, "Gamma", original)  # renamed back: the term page again
    build(glossary, out)
    assert '<h1 id="Gamma"' in (out / "Gamma" / "index.html").read_text("utf-8")
    assert not (out / "Gamma-Neu").exists()
    assert_same_as_cold(glossary, out, tmp_path)


def cold_files(root: Path, tmp_path: Path, name: str, *, drafts: bool = False) -> dict[str, bytes]:
    build(root, tmp_path / name, use_cache=False, drafts=drafts)
    return {path: data for path, data in tree(tmp_path / name).items() if not path.startswith(".")}


@pytest.mark.parametrize("drafts", [False, True])
def test_dev_server_session_after_concept_edits(glossary: Path, tmp_path: Path, drafts: bool) -> None:
    """The dev server's session, the saved page first and the site-wide files later, ends
    with the site a build without cache makes, after each of these saves."""
    original = (glossary / "entries" / "Gamma.md").read_text("utf-8")
    saves = [
        'aliases="G; Dritter"', "status=deprecated replaced-by=Delta", "status=draft", 'formerly="Gamma-Alt"',
        "", 'status=draft formerly="Gamma-Alt"', "",
    ]
    session = PreviewSession(load_config(cwd=glossary), infos=True, drafts=drafts)
    session.rebuild([])
    for number, keys in enumerate(saves):
        path = gamma(glossary, keys) if keys else write(glossary, "Gamma", original)
        quick = session.quick([path])
        rebuilt = session.rebuild([path], site_wide_later=True)
        cold = cold_files(glossary, tmp_path, f"cold{number}", drafts=drafts)
        if quick is not None:
            for page in quick.changed_pages:
                assert quick.files[page] == cold[page], (keys, page)
        done = rebuilt.follow_up() if rebuilt.follow_up is not None else rebuilt
        assert done is not None and done.files == cold, keys
    # Renamed, and back within one session: the old address is a redirect, then the page again.
    renamed = original.replace("{#Gamma .term}", '{#Gamma-Neu .term formerly="Gamma"}')
    for number, text in enumerate((renamed, original)):
        path = write(glossary, "Gamma", text)
        rebuilt = session.rebuild([path], site_wide_later=True)
        done = rebuilt.follow_up() if rebuilt.follow_up is not None else rebuilt
        assert done is not None and done.files == cold_files(glossary, tmp_path, f"renamed{number}", drafts=drafts)
        assert ("refresh" in done.files["Gamma/index.html"].decode()) == (text == renamed)
