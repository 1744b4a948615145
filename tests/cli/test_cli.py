"""The sample glossary through the real command line."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.support import ROOT, run_cli


class _Links(HTMLParser):
    """Collects hrefs, and the hrefs inside the element with class ``seealso``."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.seealso: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "nav" and "seealso" in classes:
            self.depth = 1
        elif self.depth and tag == "nav":
            self.depth += 1
        href = attributes.get("href")
        if tag == "a" and href:
            self.hrefs.append(href)
            if self.depth:
                self.seealso.append(href)

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "nav":
            self.depth -= 1


def links_of(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text("utf-8"))
    return parser


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    result = run_cli("build", "--out", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


def sample_ids() -> list[str]:
    ids = []
    for path in (ROOT / "entries").rglob("*.md"):
        ids += re.findall(r"^#{2,3} .*\{#(\S+)[^}]*\.term", path.read_text("utf-8"), re.M)
    return ids


def test_sample_has_thirty_terms() -> None:
    assert len(sample_ids()) >= 30


def test_build_writes_a_page_per_term_and_the_index(sample_site: Path) -> None:
    for entry_id in sample_ids():
        assert (sample_site / entry_id / "index.html").is_file(), entry_id
    assert (sample_site / "index.html").is_file()
    assert (sample_site / "404.html").is_file()
    assert (sample_site / "static" / "style.css").is_file()


def test_embedding_see_also_leads_to_existing_pages(sample_site: Path) -> None:
    page = sample_site / "Embedding" / "index.html"
    links = links_of(page)
    assert len(links.seealso) >= 5
    for href in links.seealso:
        assert not href.startswith(("http:", "https:", "/")), href
        assert (page.parent / unquote(href.split("#")[0])).resolve().is_file(), href
    html = page.read_text("utf-8")
    assert "|" not in html.split('class="seealso"', 1)[1].split("</nav>", 1)[0]


def test_every_internal_link_of_the_sample_resolves(sample_site: Path) -> None:
    for page in sample_site.rglob("*.html"):
        for href in links_of(page).hrefs:
            if href.startswith(("http:", "https:", "mailto:")) or href.startswith("#"):
                continue
            assert (page.parent / unquote(href.split("#")[0])).resolve().exists(), (page, href)


def test_source_classes_stay_on_their_elements(sample_site: Path) -> None:
    html = (sample_site / "Embedding" / "index.html").read_text("utf-8")
    assert re.search(r'<h1 id="Embedding" class="chapter small term">', html)
    assert 'class="explanation"' in html
    assert 'class="seealso"' in html


def test_check_passes_on_the_sample() -> None:
    result = run_cli("check", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stderr + result.stdout


def test_unknown_config_key_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    (tmp_path / "glossary.yml").write_text("titel: Mein Glossar\n", "utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown key 'titel' (did you mean 'title'?)" in result.stderr


def test_wrong_type_names_the_key(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    (tmp_path / "glossary.yml").write_text("title: [a, b]\n", "utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "key 'title' must be a string" in result.stderr


def test_missing_entries_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "entries folder 'entries' not found" in result.stderr


def test_english_site_words(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "a.md").write_text(
        "## Alpha {#Alpha .term}\n\nAlpha, see [Beta](#Beta).\n", "utf-8"
    )
    (tmp_path / "glossary.yml").write_text("title: Test\nlanguage: en\n", "utf-8")
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "Alpha" / "index.html").read_text("utf-8")
    assert '<html lang="en">' in html
    assert 'title="Not written yet: Beta"' in html
    assert 'href="../Beta' not in html


def test_module_entry_point_prints_version() -> None:
    result = run_cli("--version", cwd=ROOT)
    assert result.returncode == 0
    assert "glossary-build" in result.stdout


def test_a_build_of_the_sample_prints_its_summary_and_little_else(tmp_path: Path) -> None:
    result = run_cli("build", "--out", str(tmp_path / "out"), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 3, result.stderr
    assert re.fullmatch(r"0 errors, 0 warnings, (\d+) infos in \d+ entries \(\d+ references\)", lines[0])
    infos = lines[0].split(", ")[2].split()[0]
    assert lines[1] == (
        f"{infos} infos not shown: 'glossary-build check' lists every finding ('build -v' shows them too)"
    )
    assert lines[2].startswith("built ")


def test_a_build_shows_errors_and_warnings_in_full_and_infos_with_v(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "a.md").write_text(
        "## Alpha {#Alpha .term}\n\nAlpha, siehe [Beta](#Beta) und [Gamma](#Gamma).\n", "utf-8"
    )
    (tmp_path / "entries" / "b.md").write_text(
        "## Beta {#Beta .term}\n\nBeta.\n\n### Siehe auch {.seealso}\n[Alpha](#Alpha) |\n", "utf-8"
    )
    quiet = run_cli("build", cwd=tmp_path).stderr
    assert "entries/a.md:3:32: error[broken-reference]: no entry or heading has id 'Gamma'" in quiet
    assert "entries/a.md:1:1: warning[missing-see-also]: entry 'Alpha' has no see-also section" in quiet
    assert "info[" not in quiet
    assert "1 error, 1 warning, 1 info in 2 entries (3 references)" in quiet
    assert "1 info not shown: 'glossary-build check' lists every finding" in quiet
    verbose = run_cli("build", "-v", cwd=tmp_path).stderr
    assert (
        "entries/b.md:6:1: info[asymmetric-see-also]: 'Beta' lists 'Alpha' under see-also,"
        " but 'Alpha' does not list 'Beta'"
    ) in verbose
    assert "not shown" not in verbose
