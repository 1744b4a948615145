"""The term graph: Pandoc's book-wide anchors, entry-local implicit references, backlinks."""

from __future__ import annotations

from glossary_build.graph.terms import TargetKind, build_graph
from glossary_build.parse.entries import parse_source
from glossary_build.parse.markdown import create_markdown

A = "## A {#A .term}\n\nSiehe [Kernkonzept] und [B](#B).\n\n### Kernkonzept {.explanation}\n\nA.\n"
B = (
    "## B {#B .term}\n\nSiehe [Kernkonzept], [dort][Kernkonzept] und [A](#kernkonzept).\n\n"
    "### Kernkonzept\n\nB.\n"
)


def graph():
    md = create_markdown()
    return build_graph([parse_source("entries/b.md", B, md), parse_source("entries/a.md", A, md)])


def test_section_anchors_are_deduplicated_over_the_book_in_path_order() -> None:
    g = graph()
    assert g.anchors == {"A": ("kernkonzept",), "B": ("kernkonzept-1",)}


def test_implicit_header_references_resolve_within_their_entry() -> None:
    g = graph()
    b_targets = g.resolved["B"]
    assert b_targets[0].anchor == "kernkonzept-1" and b_targets[0].entry_id == "B"
    assert b_targets[1].anchor == "kernkonzept-1"
    # An explicit '#kernkonzept' is Pandoc's: the first such anchor in the book.
    assert b_targets[2].kind is TargetKind.SECTION and b_targets[2].entry_id == "A"
    assert g.resolved["A"][0].entry_id == "A"


def test_backlinks_count_links_to_sections_and_skip_self_links() -> None:
    g = graph()
    assert g.backlinks == {"A": ("B",), "B": ("A",)}


def test_later_entries_with_a_taken_id_are_kept_with_their_links_resolved() -> None:
    md = create_markdown()
    first = parse_source("entries/a.md", "## A {#A .term}\n\nErste.\n", md)
    second = parse_source("entries/z.md", "## A {#A .term}\n\nZweite, siehe [Fehlt](#Fehlt) und [A](#A).\n", md)
    g = build_graph([second, first])
    (copy,) = g.copies["A"]
    assert copy.entry.path == "entries/z.md"
    assert copy.resolved[0] is None and copy.resolved[1].entry_id == "A"
    assert [r.target for _, r, t in g.references() if t is None] == ["Fehlt"]
