"""A–Z order and index letters of titles in German, English and French."""

from __future__ import annotations

from glossary_build.core.collation import letter_of, sort_key


def test_french_titles_sort_and_group_by_their_base_letters() -> None:
    titles = ["Zèbre", "Œuvre", "École", "Office", "Ode", "Étoile", "Cæsar", "Cadre", "« Ça »"]
    assert sorted(titles, key=sort_key) == [
        "« Ça »", "Cadre", "Cæsar", "École", "Étoile", "Ode", "Œuvre", "Office", "Zèbre",
    ]
    assert [letter_of(title) for title in ("Œuvre", "École", "Cæsar", "« Ça »")] == ["O", "E", "C", "C"]


def test_german_titles_keep_din_5007_order() -> None:
    assert sorted(["Zeta", "Über", "ober", "Straße", "Strasse"], key=sort_key) == [
        "ober", "Strasse", "Straße", "Über", "Zeta",
    ]
