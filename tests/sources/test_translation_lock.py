"""Reading translations.yml: every problem is a finding at its line and column, nothing raises."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_build.sources.translation_lock import Record, read_lock

LANGUAGES = ("de", "en", "fr")
GOOD = "{title: 4c1a08528234, definition: eb2c56f93299, sections: 6975d2e079df, see-also: 575dc2c6bfca}"


def lock_of(tmp_path: Path, text: str):
    (tmp_path / "translations.yml").write_text(text, "utf-8")
    return read_lock(tmp_path, LANGUAGES)


def printed(tmp_path: Path, text: str) -> list[str]:
    return [d.format() for d in lock_of(tmp_path, text).diagnostics]


def test_no_file_is_an_empty_record(tmp_path: Path) -> None:
    lock = read_lock(tmp_path, LANGUAGES)
    assert lock.records == () and lock.diagnostics == () and lock.data is None


def test_a_good_file_gives_records_with_positions(tmp_path: Path) -> None:
    text = f"# comment\nen:\n  Embedding: {GOOD}\nfr:\n  \"Kosinus_Ähnlichkeit\": {GOOD}\n"
    lock = lock_of(tmp_path, text)
    assert lock.diagnostics == ()
    assert [(r.language, r.id, str(r.span)) for r in lock.records] == [
        ("en", "Embedding", "translations.yml:3:3"),
        ("fr", "Kosinus_Ähnlichkeit", "translations.yml:5:3"),
    ]
    assert lock.by_language()["en"]["Embedding"]["see-also"] == "575dc2c6bfca"
    assert lock.data == text.encode("utf-8")


def test_digests_that_yaml_reads_as_numbers_are_read_as_written(tmp_path: Path) -> None:
    text = "en:\n  A: {title: 012345678901, definition: 0b1010101010, sections: aaaaaaaaaaaa, see-also: bbbbbbbbbbbb}\n"
    lock = lock_of(tmp_path, text)
    assert lock.diagnostics == ()
    assert lock.records[0].parts["title"] == "012345678901"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("en:\n  A: {title: [\n", ["translations.yml:3:1: error[invalid-translations]: invalid YAML: "
                                    "expected the node content, but found '<stream end>'"]),
        ("- en\n", ["translations.yml:1:1: error[invalid-translations]: the file must be a mapping of "
                    "languages to their records"]),
        (f"es:\n  A: {GOOD}\n", ["translations.yml:1:1: error[invalid-translations]: 'es' is not one of the "
                                 "glossary's languages (de, en, fr)"]),
        (f"de:\n  A: {GOOD}\n", ["translations.yml:1:1: error[invalid-translations]: 'de' is the source "
                                 "language: only translations are recorded"]),
        ("en:\n  A: 3\n", ["translations.yml:2:6: error[invalid-translations]: the record of 'A' (en) must be "
                           "a mapping of parts to digests, like {title: 1a2b3c4d5e6f, definition: ..., "
                           "sections: ..., see-also: ...}"]),
        ("en:\n  A: {title: 4c1a08528234, definition: eb2c56f93299, sections: 6975d2e079df, "
         "see-also: 575dc2c6bfca, lead: 575dc2c6bfca}\n",
         ["translations.yml:2:102: error[invalid-translations]: unknown part 'lead' in the record of 'A' (en)"]),
        ("en:\n  A: {title: 4c1a08528234, definition: eb2c56f93299, sections: 6975d2e0, "
         "see-also: 575dc2c6bfca}\n",
         ["translations.yml:2:64: error[invalid-translations]: the sections digest of 'A' (en) is not 12 hex digits"]),
        ("en:\n  A: {title: 4c1a08528234}\n",
         ["translations.yml:2:6: error[invalid-translations]: the record of 'A' (en) lacks definition, sections, "
          "see-also; counted as changed since it was marked"]),
        (f"en:\n  A: {GOOD}\n  A: {GOOD}\n", ["translations.yml:3:3: error[invalid-translations]: entry id 'A' "
                                              "is written twice in language 'en'; the first is used"]),
        (f"en:\n  A: {GOOD}\nen: {{}}\n", ["translations.yml:3:1: error[invalid-translations]: language 'en' is "
                                          "written twice in the file; the first is used"]),
    ],
    ids=["yaml", "not-a-mapping", "unknown-language", "source-language", "record-not-a-mapping",
         "unknown-part", "bad-digest", "lacking-parts", "repeated-id", "repeated-language"],
)
def test_each_problem_is_reported_where_it_is(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert printed(tmp_path, text) == expected


def test_what_can_be_used_is_used(tmp_path: Path) -> None:
    text = f"es:\n  A: {GOOD}\nen:\n  A: {{title: 4c1a08528234}}\n  B: {GOOD}\n"
    lock = lock_of(tmp_path, text)
    assert len(lock.diagnostics) == 2
    assert [(r.language, r.id, dict(r.parts)) for r in lock.records][0] == (
        "en", "A", {"title": "4c1a08528234"})
    assert isinstance(lock.records[1], Record) and lock.records[1].id == "B"


def test_an_empty_file_or_language_is_no_problem(tmp_path: Path) -> None:
    assert printed(tmp_path, "# nothing marked yet\n") == []
    assert printed(tmp_path, "en:\n") == []


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "translations.yml").write_bytes(b"en:\n  \xff: {}\n")
    lock = read_lock(tmp_path, LANGUAGES)
    assert [d.format() for d in lock.diagnostics] == [
        "translations.yml:1:1: error[invalid-translations]: translations.yml is not UTF-8 (byte 6)"
    ]
