"""Writing translations.yml: the same record always gives the same bytes, written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glossary_build.edit.source import EditError
from glossary_build.edit.translations import lock_text, marked, write_lock
from glossary_build.sources.translation_lock import read_lock

PARTS = {"title": "4c1a08528234", "definition": "eb2c56f93299", "sections": "6975d2e079df",
         "see-also": "575dc2c6bfca"}


def test_languages_ids_and_parts_in_a_fixed_order() -> None:
    shuffled = {"see-also": "575dc2c6bfca", "title": "4c1a08528234", "sections": "6975d2e079df",
                "definition": "eb2c56f93299"}
    text = lock_text({"fr": {"Token": PARTS}, "en": {"Token": shuffled, "Attention": PARTS}, "de": {}})
    assert text == (
        "# Which version of each source entry a translation was made from.\n"
        "# Written by `glossary-build translations --mark`; commit it with the translations.\n"
        "en:\n"
        "  Attention: {title: 4c1a08528234, definition: eb2c56f93299, sections: 6975d2e079df, see-also: 575dc2c6bfca}\n"
        "  Token: {title: 4c1a08528234, definition: eb2c56f93299, sections: 6975d2e079df, see-also: 575dc2c6bfca}\n"
        "fr:\n"
        "  Token: {title: 4c1a08528234, definition: eb2c56f93299, sections: 6975d2e079df, see-also: 575dc2c6bfca}\n"
    )


def test_what_yaml_would_misread_is_quoted_and_reads_back(tmp_path: Path) -> None:
    numeric = dict(PARTS, title="012345678901", sections="0b1010101010")
    record = {"en": {"Kosinus_Ähnlichkeit": PARTS, "true": PARTS, "68_95_997": PARTS, "a: b": numeric}}
    text = lock_text(record)
    assert '  "a: b": {title: "012345678901", definition: eb2c56f93299, sections: "0b1010101010",' in text
    assert "  Kosinus_Ähnlichkeit: {" in text and '  "true": {' in text and '  "68_95_997": {' in text
    write_lock(tmp_path, text, None)
    lock = read_lock(tmp_path, ("de", "en"))
    assert lock.diagnostics == ()
    assert lock.by_language() == record


def test_marked_adds_and_replaces_records_of_one_language() -> None:
    old = dict(PARTS, definition="000000000000")
    updated = marked({"en": {"A": old, "B": old}, "fr": {"A": old}}, "en", {"A": PARTS})
    assert updated == {"en": {"A": PARTS, "B": old}, "fr": {"A": old}}
    assert marked({}, "fr", {"A": PARTS}) == {"fr": {"A": PARTS}}


def test_written_whole_with_the_modes_of_a_new_file(tmp_path: Path) -> None:
    write_lock(tmp_path, "en:\n", None)
    path = tmp_path / "translations.yml"
    assert path.read_text("utf-8") == "en:\n"
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask
    path.chmod(0o640)
    write_lock(tmp_path, "fr:\n", b"en:\n")
    assert path.read_text("utf-8") == "fr:\n" and path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["translations.yml"]


def test_a_file_changed_since_it_was_read_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "translations.yml"
    path.write_text("en: {}\n", "utf-8")
    with pytest.raises(EditError, match="translations.yml changed while it was being marked; nothing was written"):
        write_lock(tmp_path, "fr:\n", b"en:\n")
    with pytest.raises(EditError, match="changed while"):
        write_lock(tmp_path, "fr:\n", None)
    assert path.read_text("utf-8") == "en: {}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["translations.yml"]
