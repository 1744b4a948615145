"""The site's own words in the languages it speaks.

Entry text is the authors'; these are the words glossary-build adds around
it.  Templates get one :class:`Words` value; a missing word is a KeyError at
import time, not an empty spot on a page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Words:
    """Every word the default theme shows."""

    index: str
    term: str
    terms: str
    referenced_by: str
    see_also: str
    previous: str
    next: str
    not_written: str
    back_to_index: str
    not_found_title: str
    not_found_text: str
    letters: str
    skip_to_content: str
    outside_entry: str
    duplicate_entry: str
    source: str
    breadcrumbs: str
    search: str
    search_placeholder: str
    search_results: str
    results: str
    no_results: str
    random_term: str
    all_terms: str
    all_terms_title: str
    term_map: str
    term_map_caption: str
    map_more: str
    glossary_map: str
    glossary_map_caption: str
    map_too_big: str
    dark_theme: str
    tap_again: str
    also: str
    status_admitted: str
    status_deprecated: str
    status_draft: str
    deprecated_notice: str
    use_instead: str
    no_successor: str
    draft_notice: str
    deprecated_link: str
    see: str
    moved: str
    language_names: Mapping[str, str]
    """The name of each language in these words, as it reads after "in" (``Englisch``,
    ``anglais``): "Nur auf {language}", "l’original en {language}"."""
    languages: str
    not_translated: str
    read_original: str
    only_in: str
    outdated_notice: str
    never_checked: str
    current_original: str
    part_title: str
    part_definition: str
    part_sections: str
    part_see_also: str
    choose_language: str

    def status_label(self, status: str) -> str:
        """A term's status (``admitted``, ``deprecated``, ``draft``) in these words; empty for
        ``preferred`` (the status most terms have, never shown)."""
        return {
            "admitted": self.status_admitted, "deprecated": self.status_deprecated, "draft": self.status_draft,
        }.get(status, "")

    def part_name(self, part: str) -> str:
        """A part of an entry that a translation follows (``title``, ``definition``,
        ``sections``, ``see-also``) in these words; another name as it is."""
        return {
            "title": self.part_title, "definition": self.part_definition,
            "sections": self.part_sections, "see-also": self.part_see_also,
        }.get(part, part)


WORDS: dict[str, Words] = {
    "de": Words(
        index="Index",
        term="Begriff",
        terms="Begriffe",
        referenced_by="Verweise von",
        see_also="Siehe auch",
        previous="Vorheriger Begriff",
        next="Nächster Begriff",
        not_written="Noch nicht geschrieben",
        back_to_index="Zum Index",
        not_found_title="Seite nicht gefunden",
        not_found_text="Diese Seite gibt es nicht. Vielleicht hilft der Index weiter.",
        letters="Buchstaben",
        skip_to_content="Zum Inhalt springen",
        outside_entry="Text außerhalb eines Eintrags",
        duplicate_entry="Weiterer Eintrag mit derselben Id",
        source="Quelle",
        breadcrumbs="Navigationspfad",
        search="Suche",
        search_placeholder="Begriff suchen …",
        search_results="Suchergebnisse",
        results="Treffer",
        no_results="Keine Treffer",
        random_term="Zufälliger Begriff",
        all_terms="Alle auf einer Seite",
        all_terms_title="Alle Begriffe",
        term_map="Begriffskarte",
        term_map_caption="Die Pfeile zeigen, welcher Begriff auf welchen verweist; gestrichelt: „Siehe auch“.",
        map_more="und {n} weitere (siehe unten)",
        glossary_map="Karte",
        glossary_map_caption="Alle Begriffe und ihre Verweise; gestrichelt: nur „Siehe auch“.",
        map_too_big=(
            "Das Glossar hat {n} Begriffe; eine Gesamtkarte gibt es nur bis {max} Begriffe. "
            "Jede Begriffsseite zeigt ihre eigene Karte."
        ),
        dark_theme="Dunkles Design",
        tap_again="Noch einmal tippen, um den Begriff zu öffnen",
        also="Auch",
        status_admitted="Zugelassen",
        status_deprecated="Veraltet",
        status_draft="Entwurf",
        deprecated_notice="Dieser Begriff ist veraltet.",
        use_instead="Stattdessen",
        no_successor="Ein Nachfolger ist nicht genannt.",
        draft_notice="Entwurf: Dieser Begriff ist noch nicht veröffentlicht.",
        deprecated_link="Veraltet; stattdessen: {successor}",
        see="siehe",
        moved="Dieser Begriff hat eine neue Adresse:",
        language_names={"de": "Deutsch", "en": "Englisch", "fr": "Französisch"},
        languages="Sprachen",
        not_translated="noch nicht übersetzt",
        read_original="zum Original",
        only_in="Nur auf {language}",
        outdated_notice=(
            "Diese Übersetzung ist womöglich veraltet: Das Original auf {language} wurde seither geändert ({parts})."
        ),
        never_checked="Diese Übersetzung wurde noch nicht mit dem Original auf {language} abgeglichen.",
        current_original="Zum aktuellen Original",
        part_title="Titel",
        part_definition="Definition",
        part_sections="Abschnitte",
        part_see_also="Siehe auch",
        choose_language="Sprache wählen",
    ),
    "en": Words(
        index="Index",
        term="term",
        terms="terms",
        referenced_by="Referenced by",
        see_also="See also",
        previous="Previous term",
        next="Next term",
        not_written="Not written yet",
        back_to_index="Back to the index",
        not_found_title="Page not found",
        not_found_text="This page does not exist. The index may help.",
        letters="Letters",
        skip_to_content="Skip to content",
        outside_entry="Text outside an entry",
        duplicate_entry="Another entry with the same id",
        source="Source",
        breadcrumbs="Breadcrumb",
        search="Search",
        search_placeholder="Search terms …",
        search_results="Search results",
        results="results",
        no_results="No results",
        random_term="Random term",
        all_terms="All on one page",
        all_terms_title="All terms",
        term_map="Term map",
        term_map_caption="Arrows show which term refers to which; dashed: “see also”.",
        map_more="and {n} more (see below)",
        glossary_map="Map",
        glossary_map_caption="All terms and their references; dashed: “see also” only.",
        map_too_big=(
            "The glossary has {n} terms; a whole map is drawn only up to {max} terms. "
            "Every term page shows its own map."
        ),
        dark_theme="Dark theme",
        tap_again="Tap again to open the term",
        also="Also",
        status_admitted="Admitted",
        status_deprecated="Deprecated",
        status_draft="Draft",
        deprecated_notice="This term is deprecated.",
        use_instead="Use instead",
        no_successor="No successor is named.",
        draft_notice="Draft: this term is not published yet.",
        deprecated_link="Deprecated; use {successor} instead",
        see="see",
        moved="This term has a new address:",
        language_names={"de": "German", "en": "English", "fr": "French"},
        languages="Languages",
        not_translated="not translated yet",
        read_original="read the original",
        only_in="Only in {language}",
        outdated_notice="This translation may be out of date: the original in {language} has changed since ({parts}).",
        never_checked="This translation has not been checked against the original in {language} yet.",
        current_original="Read the current original",
        part_title="title",
        part_definition="definition",
        part_sections="sections",
        part_see_also="see also",
        choose_language="Choose a language",
    ),
    # French typography: a narrow no-break space (U+202F) before ; ! ?, a no-break space
    # (U+00A0) before : and inside « », the apostrophe ’.
    "fr": Words(
        index="Index",
        term="terme",
        terms="termes",
        referenced_by="Termes qui y renvoient",
        see_also="Voir aussi",
        previous="Terme précédent",
        next="Terme suivant",
        not_written="Pas encore rédigé",
        back_to_index="Retour à l’index",
        not_found_title="Page introuvable",
        not_found_text="Cette page n’existe pas. L’index vous aidera peut-être.",
        letters="Lettres",
        skip_to_content="Aller au contenu",
        outside_entry="Texte hors d’une entrée",
        duplicate_entry="Autre entrée avec le même identifiant",
        source="Source",
        breadcrumbs="Fil d’Ariane",
        search="Recherche",
        search_placeholder="Rechercher un terme…",
        search_results="Résultats de la recherche",
        results="résultats",
        no_results="Aucun résultat",
        random_term="Terme au hasard",
        all_terms="Tout sur une page",
        all_terms_title="Tous les termes",
        term_map="Carte du terme",
        term_map_caption=(
            "Les flèches indiquent quel terme renvoie à quel autre\u202f; "
            "en pointillé\u00a0: «\u00a0voir aussi\u00a0»."
        ),
        map_more="et {n} autres (voir ci-dessous)",
        glossary_map="Carte",
        glossary_map_caption=(
            "Tous les termes et leurs renvois\u202f; en pointillé\u00a0: «\u00a0voir aussi\u00a0» seulement."
        ),
        map_too_big=(
            "Le glossaire compte {n} termes\u202f; une carte d’ensemble n’est dessinée que jusqu’à {max} termes. "
            "Chaque page de terme montre sa propre carte."
        ),
        dark_theme="Thème sombre",
        tap_again="Touchez encore une fois pour ouvrir le terme",
        also="Aussi",
        status_admitted="Admis",
        status_deprecated="Déconseillé",
        status_draft="Brouillon",
        deprecated_notice="Ce terme est déconseillé.",
        use_instead="Utiliser plutôt",
        no_successor="Aucun terme de remplacement n’est indiqué.",
        draft_notice="Brouillon\u00a0: ce terme n’est pas encore publié.",
        deprecated_link="Déconseillé\u202f; utiliser plutôt {successor}",
        see="voir",
        moved="Ce terme a une nouvelle adresse\u00a0:",
        language_names={"de": "allemand", "en": "anglais", "fr": "français"},
        languages="Langues",
        not_translated="pas encore traduit",
        read_original="lire l’original",
        only_in="Uniquement en {language}",
        outdated_notice=(
            "Cette traduction n’est peut-être plus à jour\u00a0: "
            "l’original en {language} a été modifié depuis ({parts})."
        ),
        never_checked="Cette traduction n’a pas encore été vérifiée par rapport à l’original en {language}.",
        current_original="Lire l’original à jour",
        part_title="titre",
        part_definition="définition",
        part_sections="sections",
        part_see_also="voir aussi",
        choose_language="Choisir une langue",
    ),
}
