"""``glossary-build translations``: coverage per language and marking translations up to date,
through the real command line, on the scenario glossaries ``tests/sites/translations-*``.

The figures asserted were counted by hand from the entry files and the story of their
``translations.yml`` (written by ``--mark``):

- translations-two (de, en): de has Embedding, Halluzination, Prompt, Token, Transformer.
  en translated Embedding and Prompt (marked, unchanged since); Halluzination was marked
  before the German definition was extended; Token was never marked; Transformer is not
  translated; Few-Shot-Learning is only in English.  en: 2 current, 2 outdated, 1 missing,
  1 extra, 2/5 = 40%.
- translations-three (de, en, fr): de has Attention, Embedding, Latent-Space, Token.  After
  marking, the German Attention got a new title and a sentence in its section (en was updated
  and marked again, fr not), and the German Embedding a see-also link to Latent-Space (fr was
  updated and marked again, en not).  en: Attention and Latent-Space current, Embedding
  outdated (see-also), Token missing: 2/4 = 50%.  fr: Embedding current, Attention outdated
  (title, sections), Latent-Space and Token missing, Vectorisation extra: 1/4 = 25%.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from glossary_build.build.translations import translation_status
from glossary_build.core.config import load_config
from glossary_build.parse.markdown import dialect
from tests.support import ROOT, SITES, run_cli

TWO = SITES / "translations-two"
THREE = SITES / "translations-three"
needs_french = pytest.mark.skipif(
    "fr" not in dialect.LANGUAGES, reason="French entries need the French Markdown dialect (quotes)"
)


def copy(site: Path, tmp_path: Path) -> Path:
    target = tmp_path / site.name
    shutil.copytree(site, target)
    return target


def findings(site: Path) -> list[str]:
    """The translation findings as ``check`` prints them (line and hint)."""
    status = translation_status(load_config(site / "glossary.yml"))
    return [line for d in status.findings for line in (d.format(), f"  = hint: {d.hint}")]


TWO_TEXT = """\
Translations of 5 source entries in de (German)

language      translated  outdated  missing  extra  coverage
en (English)           2         2        1      1       40%

en (English)
  outdated   2: Halluzination (changed: definition), Token (never marked)
  missing    1: Transformer
  extra      1 (not in the source language): Few-Shot-Learning
  translated 2: Embedding, Prompt

Once a translation is up to date: glossary-build translations --mark LANG ID...
"""


def test_two_languages_as_text() -> None:
    result = run_cli("translations", cwd=TWO)
    assert (result.stdout, result.stderr, result.returncode) == (TWO_TEXT, "", 0)


def test_two_languages_as_markdown_for_a_job_summary() -> None:
    result = run_cli("translations", "--format", "markdown", cwd=TWO)
    assert result.stdout == """\
## Translations

5 source entries in de (German).

| Language | Translated | Outdated | Missing | Extra | Coverage |
|:--|--:|--:|--:|--:|--:|
| en (English) | 2 | 2 | 1 | 1 | 40% |

### en (English)

- Outdated (2): `Halluzination` (changed: definition), `Token` (never marked)
- Missing (1): `Transformer`
- Extra (1, not in the source language): `Few-Shot-Learning`
- Translated (2): `Embedding`, `Prompt`

Once a translation is up to date: `glossary-build translations --mark LANG ID...`
"""
    assert result.returncode == 0


def test_two_languages_as_json_follow_the_schema() -> None:
    result = run_cli("translations", "--format", "json", cwd=TWO)
    document = json.loads(result.stdout)
    schema = json.loads((ROOT / "docs" / "translations-json-schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document == {
        "version": 1,
        "source": {"language": "de", "entries": 5},
        "languages": [{
            "language": "en", "translated": 2, "outdated": 2, "missing": 1, "extra": 1, "percent": 40,
            "ids": {
                "translated": ["Embedding", "Prompt"],
                "outdated": [{"id": "Halluzination", "marked": True, "changed": ["definition"]},
                             {"id": "Token", "marked": False, "changed": []}],
                "missing": ["Transformer"],
                "extra": ["Few-Shot-Learning"],
            },
        }],
    }


def test_the_report_goes_to_a_file_with_output(tmp_path: Path) -> None:
    result = run_cli("translations", "--output", str(tmp_path / "coverage.txt"), cwd=TWO)
    assert (result.stdout, result.returncode) == ("", 0)
    assert (tmp_path / "coverage.txt").read_text("utf-8") == TWO_TEXT


def test_two_languages_findings() -> None:
    assert findings(TWO) == [
        "entries/de/Transformer.md:1:1: info[missing-translation]: 'Transformer' has no translation in en (English)",
        "  = hint: translate it as an entry {#Transformer .term} in entries/en/",
        "entries/en/Halluzination.md:1:1: warning[outdated-translation]: 'Halluzination' (en) is outdated: "
        "the source (de) changed its definition since it was marked",
        "  = hint: bring entries/en/Halluzination.md up to date with the source, then run "
        "`glossary-build translations --mark en Halluzination`",
        "entries/en/Token.md:1:1: warning[outdated-translation]: 'Token' (en) is outdated: "
        "it was never marked up to date with the source (de)",
        "  = hint: once entries/en/Token.md says what the source says, run "
        "`glossary-build translations --mark en Token`",
    ]


@needs_french
def test_three_languages_as_text() -> None:
    result = run_cli("translations", cwd=THREE)
    assert result.stdout == """\
Translations of 4 source entries in de (German)

language      translated  outdated  missing  extra  coverage
en (English)           2         1        1      0       50%
fr (French)            1         1        2      1       25%

en (English)
  outdated   1: Embedding (changed: see-also)
  missing    1: Token
  translated 2: Attention, Latent-Space

fr (French)
  outdated   1: Attention (changed: title, sections)
  missing    2: Latent-Space, Token
  extra      1 (not in the source language): Vectorisation
  translated 1: Embedding

Once a translation is up to date: glossary-build translations --mark LANG ID...
"""
    assert result.returncode == 0


@needs_french
def test_an_edited_source_definition_outdates_every_translation_until_marked(tmp_path: Path) -> None:
    site = copy(THREE, tmp_path)
    source = site / "entries" / "de" / "Embedding.md"
    source.write_text(source.read_text("utf-8").replace(
        "ist ein Vektor aus reellen Zahlen,", "ist ein Vektor aus reellen Zahlen, meist einige hundert lang,"
    ), "utf-8")
    outdated = [line for line in findings(site) if "'Embedding'" in line]
    assert outdated == [
        "entries/en/Embedding.md:1:1: warning[outdated-translation]: 'Embedding' (en) is outdated: "
        "the source (de) changed its definition and see-also since it was marked",
        "entries/fr/Embedding.md:1:1: warning[outdated-translation]: 'Embedding' (fr) is outdated: "
        "the source (de) changed its definition since it was marked",
    ]
    assert "fr (French)            0         2        2      1        0%" in run_cli("translations", cwd=site).stdout

    marked = run_cli("translations", "--mark", "en", "Embedding", cwd=site)
    assert (marked.stdout, marked.stderr, marked.returncode) == (
        "en/Embedding: marked up to date (the source had changed its definition and see-also)\n", "", 0)
    marked = run_cli("translations", "--mark", "fr", "--all", cwd=site)
    assert marked.stdout == (
        "fr/Attention: marked up to date (the source had changed its title and sections)\n"
        "fr/Embedding: marked up to date (the source had changed its definition)\n"
    )
    assert [line for line in findings(site) if "outdated-translation" in line] == []
    table = run_cli("translations", cwd=site).stdout.splitlines()[3:5]
    assert table == ["en (English)           3         0        1      0       75%",
                     "fr (French)            2         0        2      1       50%"]


def test_an_edited_source_definition_outdates_its_translation_until_marked(tmp_path: Path) -> None:
    site = copy(TWO, tmp_path)
    source = site / "entries" / "de" / "Prompt.md"
    source.write_text(source.read_text("utf-8").replace("eine Anweisung", "eine Anweisung, ein Dokument"), "utf-8")
    assert findings(site)[4:6] == [
        "entries/en/Prompt.md:1:1: warning[outdated-translation]: 'Prompt' (en) is outdated: "
        "the source (de) changed its definition since it was marked",
        "  = hint: bring entries/en/Prompt.md up to date with the source, then run "
        "`glossary-build translations --mark en Prompt`",
    ]
    assert run_cli("translations", cwd=site).stdout.splitlines()[6] == (
        "  outdated   3: Halluzination (changed: definition), Prompt (changed: definition), Token (never marked)")
    marked = run_cli("translations", "--mark", "en", "Prompt", cwd=site)
    assert (marked.stdout, marked.returncode) == (
        "en/Prompt: marked up to date (the source had changed its definition)\n", 0)
    assert not [line for line in findings(site) if "'Prompt'" in line]
    assert run_cli("translations", cwd=site).stdout == TWO_TEXT


def test_marking_writes_only_the_marked_records(tmp_path: Path) -> None:
    site = copy(TWO, tmp_path)
    before = (site / "translations.yml").read_text("utf-8").splitlines()
    result = run_cli("translations", "--mark", "en", "Token", "Halluzination", cwd=site)
    assert result.stdout == (
        "en/Token: marked up to date (never marked before)\n"
        "en/Halluzination: marked up to date (the source had changed its definition)\n"
    )
    after = (site / "translations.yml").read_text("utf-8").splitlines()
    assert [line.split(":")[0] for line in after if line not in before] == ["  Halluzination", "  Token"]
    assert [line.split(":")[0] for line in before if line not in after] == ["  Halluzination"]
    assert [line.split(":")[0] for line in after] == [
        "# Which version of each source entry a translation was made from.",
        "# Written by `glossary-build translations --mark`; commit it with the translations.",
        "en", "  Embedding", "  Halluzination", "  Prompt", "  Token",
    ]
    again = run_cli("translations", "--mark", "en", "Token", cwd=site)
    assert (again.stdout, again.stderr) == (
        "en/Token: already up to date\n", "translations.yml already says so; nothing was written\n")
    assert run_cli("translations", cwd=site).stdout.splitlines()[3] == (
        "en (English)           4         0        1      1       80%")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mark", "en", "Transformer", "Few-Shot-Learning", "Gibtsnicht"],
         "error: nothing was marked:\n"
         "  'Transformer' has no translation in en (English) yet: translate it first\n"
         "  'Few-Shot-Learning' has no entry in the source language de (German)\n"
         "  'Gibtsnicht' has no entry in the source language de (German)\n"),
        (["--mark", "es", "Token"],
         "error: 'es' is not one of the glossary's languages (de, en); translations are marked in en\n"),
        (["--mark", "de", "Token"], "error: 'de' is the source language; translations are marked in en\n"),
        (["--mark", "en"], "error: --mark LANG needs the ids to mark, or --all for every translated entry\n"),
        (["--mark", "en", "--all", "Token"], "error: --mark LANG takes the ids to mark, or --all (not both)\n"),
        (["Token"], "error: ids and --all go with --mark LANG: glossary-build translations --mark LANG ID...\n"),
        (["--mark", "en", "Token", "--format", "json"],
         "error: --format and --output are for the report; --mark prints what it marked\n"),
    ],
    ids=["unknown-ids", "unknown-language", "source-language", "no-ids", "ids-and-all", "ids-without-mark",
         "mark-with-format"],
)
def test_a_wrong_mark_writes_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    site = copy(TWO, tmp_path)
    before = (site / "translations.yml").read_bytes()
    result = run_cli("translations", *args, cwd=site)
    assert (result.stdout, result.stderr, result.returncode) == ("", message, 2)
    assert (site / "translations.yml").read_bytes() == before


def test_a_record_that_cannot_be_read_is_not_overwritten(tmp_path: Path) -> None:
    site = copy(TWO, tmp_path)
    lock = site / "translations.yml"
    lock.write_text(lock.read_text("utf-8") + "es:\n  Token: {}\n", "utf-8")
    before = lock.read_bytes()
    result = run_cli("translations", "--mark", "en", "Token", cwd=site)
    assert result.stderr == (
        "error: translations.yml cannot be read; fix it (or delete the records named) before marking, "
        "nothing was written:\n"
        "  translations.yml:7:1: error[invalid-translations]: 'es' is not one of the glossary's languages (de, en)\n"
    )
    assert result.returncode == 2 and lock.read_bytes() == before


def test_a_record_of_a_gone_translation_is_reported_and_left_out_when_marking(tmp_path: Path) -> None:
    site = copy(TWO, tmp_path)
    (site / "entries" / "en" / "Prompt.md").unlink()
    found = findings(site)
    assert found[-2:] == [
        "translations.yml:6:3: warning[invalid-translations]: 'Prompt' (en) is recorded, but en has no entry 'Prompt'",
        "  = hint: the next `glossary-build translations --mark` leaves it out",
    ]
    result = run_cli("translations", "--mark", "en", "Token", cwd=site)
    assert (result.stdout, result.stderr) == (
        "en/Token: marked up to date (never marked before)\n",
        "left out the record of 'Prompt' (en): en has no entry 'Prompt'\n",
    )
    assert "Prompt" not in (site / "translations.yml").read_text("utf-8")


def test_a_glossary_in_one_language_has_no_translation_status() -> None:
    result = run_cli("translations", cwd=ROOT)
    assert result.stderr == (
        "error: this glossary is in one language: translation status needs `languages: [...]` in glossary.yml, "
        "the source language first (e.g. `languages: [de, en]`), and the entries in entries/<language>/\n"
    )
    assert (result.stdout, result.returncode) == ("", 2)
    assert run_cli("translations", "--mark", "en", "Embedding", cwd=ROOT).returncode == 2


def test_the_readme_shows_the_real_output(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"$ glossary-build translations\n{TWO_TEXT}```" in readme
    assert all(line in readme for line in findings(TWO))
    site = copy(TWO, tmp_path)
    marked = run_cli("translations", "--mark", "en", "Halluzination", "Token", cwd=site).stdout
    assert f"$ glossary-build translations --mark en Halluzination Token\n{marked}```" in readme
    site = copy(TWO, tmp_path / "again")
    (site / "entries" / "en" / "Prompt.md").unlink()
    lock = site / "translations.yml"
    lock.write_text(lock.read_text("utf-8") + "es:\n  Token: {}\n", "utf-8")
    shown = "\n".join(line for line in findings(site) if line.startswith("translations.yml") or "leaves" in line
                      or "translation languages" in line)
    assert shown.count("\n") == 3 and f"```\n{shown}\n```" in readme


def test_a_language_without_a_folder_has_translated_nothing_yet(tmp_path: Path) -> None:
    site = copy(TWO, tmp_path)
    shutil.rmtree(site / "entries" / "en")
    result = run_cli("translations", cwd=site)
    assert result.stdout.splitlines()[3:7] == [
        "en (English)           0         0        5      0        0%",
        "",
        "en (English)",
        "  missing 5: Embedding, Halluzination, Prompt, Token, Transformer",
    ]
    before = (site / "translations.yml").read_bytes()
    nothing = run_cli("translations", "--mark", "en", "--all", cwd=site)
    assert (nothing.stdout, nothing.stderr, nothing.returncode) == ("", "en has no translations to mark\n", 0)
    assert (site / "translations.yml").read_bytes() == before
    shutil.rmtree(site / "entries" / "de")
    result = run_cli("translations", cwd=site)
    assert (result.stderr, result.returncode) == (f"error: entries folder 'entries/de' not found in {site}\n", 2)


def test_a_glossary_with_only_its_source_language_has_nothing_to_report_yet(tmp_path: Path) -> None:
    (tmp_path / "entries" / "de").mkdir(parents=True)
    (tmp_path / "entries" / "de" / "a.md").write_text("## Alpha {#Alpha .term}\n\nA.\n", "utf-8")
    (tmp_path / "glossary.yml").write_text("languages: [de]\n", "utf-8")
    result = run_cli("translations", cwd=tmp_path)
    assert (result.stdout, result.returncode) == (
        "Translations of 1 source entry in de (German)\n\n"
        "No translation languages yet: list them after the source language in `languages` (glossary.yml).\n", 0)
    result = run_cli("translations", "--mark", "en", "Alpha", cwd=tmp_path)
    assert (result.stderr, result.returncode) == (
        "error: the glossary has no translation languages: list them after the source language "
        "in `languages` (glossary.yml)\n", 2)
