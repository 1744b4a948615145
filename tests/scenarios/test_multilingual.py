"""A glossary in two languages, checked and built through the real command line.

``tests/sites/multilingual/`` (``languages: [de, en]``): ``Embedding`` and
``Vector-Database`` in both languages, ``Tokenization`` only in German (the
source), ``Latent-Space`` only in English; the German ``Embedding`` links to
``Latent-Space``, the English ``Vector-Database`` to ``Cosine-Similarity``,
which no language has.  ``entries/notizen.md`` is outside every language
folder, ``entries/fr/`` is the folder of a language the configuration does not
list.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from glossary_build.build.write import MARKER_NAME
from tests.support import SITES, run_cli

SCENARIO = SITES / "multilingual"

CHECK_REPORT = """\
entries/de/embedding.md:4:41: warning[link-to-other-language]: 'Latent-Space' exists only in English (en): the link leads to that page
  |
4 | Bildern. Ähnliche Bedeutungen liegen im [latenten Raum](#Latent-Space) nahe
  |                                         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
  = hint: translate entries/en/latent-space.md into entries/de/latent-space.md, or link to a term that exists in German

entries/de/tokenisierung.md:1:1: info[missing-translation]: 'Tokenization' has no translation in en (English)
  |
1 | ## Tokenisierung {#Tokenization .chapter .small .term}
  | ^
  = hint: translate it as an entry {#Tokenization .term} in entries/en/

entries/en/vector-database.md:4:36: error[broken-reference]: no entry or heading has id 'Cosine-Similarity'
  |
4 | closest to a query, for example by [cosine similarity](#Cosine-Similarity).
  |                                    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

entries/fr/embedding.md:1:1: error[language-layout]: folder 'entries/fr/' is not one of the glossary's languages (de, en); this file is on no page
  = hint: add fr to 'languages' in glossary.yml, or move the file into the folder of its language

entries/notizen.md:1:1: error[language-layout]: file is outside every language folder (entries/de/, entries/en/); it is on no page
  = hint: move it into the folder of its language, e.g. entries/de/notizen.md

3 errors, 1 warning, 1 info in 6 entries (24 references)
"""  # noqa: E501 - the report's lines are as long as they are


def copy_scenario(folder: Path) -> Path:
    root = folder / "multilingual"
    shutil.copytree(SCENARIO, root, ignore=shutil.ignore_patterns(".glossary-cache", "site"))
    return root


def files_of(site: Path) -> dict[str, bytes]:
    """Every file of the site (but the marker of a complete site) by path."""
    files = sorted(path for path in site.rglob("*") if path.is_file() and path.name != MARKER_NAME)
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in files}


def build(root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("build", *options, cwd=root)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_scenario(tmp_path_factory.mktemp("multilingual"))


@pytest.fixture(scope="module")
def checked(glossary: Path) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    """The first check and the second (from the cache of every language)."""
    return run_cli("check", cwd=glossary), run_cli("check", cwd=glossary)


Built = tuple[Path, subprocess.CompletedProcess[str]]
"""A glossary folder and the output of its build."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = copy_scenario(tmp_path_factory.mktemp("built"))
    return root, build(root)


def test_check_reports_every_language_and_the_layout(
    checked: tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]],
) -> None:
    first, _ = checked
    assert first.returncode == 1
    assert first.stdout == CHECK_REPORT


def test_a_second_check_comes_from_each_languages_cache(
    glossary: Path, checked: tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]
) -> None:
    _, second = checked
    assert (second.returncode, second.stdout) == (1, CHECK_REPORT)
    cache = glossary / ".glossary-cache"
    assert (cache / "CACHEDIR.TAG").is_file()
    for code in ("de", "en"):
        assert {"findings.pickle", "parsed.pack", "state.pickle"} <= {p.name for p in (cache / "v1" / code).iterdir()}
    assert not (cache / "v1" / "findings.pickle").exists()  # no glossary of one language was checked


def test_the_site_has_a_folder_per_language_and_a_root_page(built: Built) -> None:
    root, result = built
    site = files_of(root / "site")
    assert sorted({path.split("/")[0] for path in site}) == ["de", "en", "index.html"]
    pages = sorted(path for path in site if path.endswith("/index.html") and path.count("/") == 2)
    assert pages == [
        "de/Embedding/index.html", "de/Tokenization/index.html", "de/Vector-Database/index.html",
        "en/Embedding/index.html", "en/Latent-Space/index.html", "en/Vector-Database/index.html",
    ]
    for code in ("de", "en"):  # each language's site is complete: it works opened from disk
        assert {f"{code}/{name}" for name in ("index.html", "all.html", "404.html", "static/style.css")} <= set(site)
        assert site[f"{code}/Embedding/index.html"].startswith(f'<!DOCTYPE html>\n<html lang="{code}"'.encode())
    assert b'href="de/index.html"' in site["index.html"] and b'href="en/index.html"' in site["index.html"]
    assert "built 6 terms (29 pages rendered, 0 unchanged)" in result.stderr
    assert "warning[link-to-other-language]: 'Latent-Space' exists only in English (en)" in result.stderr


def test_files_outside_the_language_folders_are_on_no_page(built: Built) -> None:
    root, _ = built
    site = files_of(root / "site")
    shown = [path for path, data in site.items() if b"Offene Fragen" in data or b"Plongement" in data]
    assert shown == []


def test_a_build_with_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    root = copy_scenario(tmp_path)
    build(root)
    before = {path: path.stat() for path in (root / "site").rglob("*")}
    again = build(root)
    assert "built 6 terms (0 pages rendered, 29 unchanged)" in again.stderr
    after = {path: path.stat() for path in (root / "site").rglob("*")}
    assert {p: (s.st_ino, s.st_mtime_ns) for p, s in after.items()} == {
        p: (s.st_ino, s.st_mtime_ns) for p, s in before.items()
    }


def test_an_edit_in_one_language_renders_only_what_shows_it(tmp_path: Path) -> None:
    root = copy_scenario(tmp_path)
    build(root)
    before = files_of(root / "site")
    entry = root / "entries" / "en" / "latent-space.md"
    entry.write_text(entry.read_text("utf-8").replace("inputs.", "inputs, learnt in training."), "utf-8")
    result = build(root)
    after = files_of(root / "site")
    changed = sorted(path for path in after if after[path] != before.get(path))
    assert changed and all(path.startswith("en/") for path in changed)
    assert f"({len(changed)} pages rendered, {len(after) - len(changed)} unchanged)" in result.stderr
    assert "en/Latent-Space/index.html" in changed and set(after) == set(before)


def test_a_build_without_cache_is_the_same_site(tmp_path: Path, built: Built) -> None:
    root = copy_scenario(tmp_path)
    build(root, "--no-cache")
    assert not (root / ".glossary-cache").exists()
    assert files_of(root / "site") == files_of(built[0] / "site")


def test_translating_the_term_turns_the_finding_into_a_link_within_the_language(tmp_path: Path) -> None:
    root = copy_scenario(tmp_path)
    build(root)
    (root / "entries" / "de" / "latent-space.md").write_text(
        "## Latenter Raum {#Latent-Space .term}\n\nDer **latente Raum** ist der Vektorraum, in dem ein Modell "
        "seine Eingaben darstellt; jedes [Embedding](#Embedding) ist ein Punkt darin.\n\n"
        "### Verwandte Themen {.seealso}\n\n[Embedding](#Embedding) |\n[Index](#Index) |\n",
        "utf-8",
    )
    result = run_cli("check", cwd=root)
    assert "link-to-other-language" not in result.stdout
    assert result.stdout.startswith(
        "entries/de/latent-space.md:7:1: info[asymmetric-see-also]: 'Latent-Space' lists 'Embedding' under "
        "see-also, but 'Embedding' does not list 'Latent-Space'\n"
    )
    # English had the term first: now that German, the source, has it, the English page is
    # a translation that was never marked up to date.
    assert "warning[outdated-translation]: 'Latent-Space' (en) is outdated" in result.stdout
    assert result.stdout.endswith("3 errors, 1 warning, 2 infos in 7 entries (27 references)\n")
    build(root)
    assert (root / "site" / "de" / "Latent-Space" / "index.html").is_file()


def test_the_output_folder_must_not_be_inside_the_entries(tmp_path: Path) -> None:
    root = copy_scenario(tmp_path)
    result = run_cli("build", "--out", os.fspath(root / "entries" / "site"), cwd=root)
    assert result.returncode == 2
    assert not (root / "entries" / "site").exists()
