"""The text format: layout of excerpts and carets, the summary line."""

from __future__ import annotations

import pytest

from glossary_build.core.diagnostics import Diagnostic, Related, Severity, Span
from glossary_build.report import Summary, format_text, summary_line, text
from glossary_build.report.text import char_width, excerpt_lines, layout


def caret(line: str, column: int, end_column: int | None = None, end_line: int | None = None):
    span = Span(
        "a.md", 1, column, end_line if end_line else (1 if end_column else None), end_column
    )
    return excerpt_lines(span, {"a.md": [line]})


def test_caret_under_column_with_tildes_to_end_column():
    assert caret("see [X](#X) here", 5, 12) == ("see [X](#X) here", "    ^~~~~~~")


def test_caret_alone_without_end_column():
    assert caret("abc", 2) == ("abc", " ^")


def test_tabs_expand_to_the_next_tab_stop():
    text, underline = caret("\ta\t[X](#X)", 4, 11)
    assert text == "    a   [X](#X)"
    assert underline == "        ^~~~~~~"


def test_wide_characters_take_two_cells():
    _, underline = caret("漢字[X](#X)", 3, 10)
    assert underline == "    ^~~~~~~"
    _, underline = caret("a漢字b", 2, 4)
    assert underline == " ^~~~"


def test_caret_on_a_wide_character_covers_both_cells():
    assert caret("a漢b", 2, 3)[1] == " ^~"


def test_combining_marks_take_no_cell():
    # "é" written as e + U+0301 is two characters but one cell.
    assert caret("Cafe\u0301 [X](#X)", 7, 14)[1] == "     ^~~~~~~"


def test_control_characters_are_shown_harmlessly():
    text, underline = caret("a\x1b[31mb", 2)
    assert "\x1b" not in text
    assert underline == " ^"


def test_span_over_several_lines_gets_a_caret_only():
    assert caret("abcdef", 2, 3, end_line=2)[1] == " ^"


def test_end_column_before_column_gets_a_caret_only():
    assert caret("abcdef", 4, 2)[1] == "   ^"


def test_column_past_the_end_of_the_line():
    assert caret("ab", 4)[1] == "   ^"


def test_no_excerpt_for_unknown_file_or_line():
    assert excerpt_lines(Span("b.md", 1), {"a.md": ["x"]}) is None
    assert excerpt_lines(Span("a.md", 3), {"a.md": ["x"]}) is None


def test_line_breaks_are_not_shown():
    assert excerpt_lines(Span("a.md", 1), {"a.md": ["abc\r\n"]}) == ("abc", "^")


def test_layout_reports_cell_starts():
    assert layout("a\t漢") == ("a   漢", [0, 1, 4, 6])


@pytest.mark.parametrize(
    ("char", "width"), [("a", 1), ("漢", 2), ("Ａ", 2), ("\u0301", 0), ("\u200b", 0)]
)
def test_char_width(char, width):
    assert char_width(char) == width


def test_gutter_widens_with_the_line_number():
    lines = [f"line {n}" for n in range(1, 13)]
    finding = Diagnostic(
        "content-outside-entry",
        Severity.WARNING,
        "text after the entry's closing rule",
        Span("a.md", 12, 1, 12, 5),
        hint="add a heading",
        related=(Related(Span("a.md", 1), "entry starts here"),),
    )
    output = format_text([finding], Summary(1, 0, 1), sources={"a.md": lines})
    assert output == (
        "a.md:12:1: warning[content-outside-entry]: text after the entry's closing rule\n"
        "   |\n"
        "12 | line 12\n"
        "   | ^~~~\n"
        "   = hint: add a heading\n"
        "   = note: a.md:1:1: entry starts here\n"
        "\n"
        "0 errors, 1 warning, 0 infos in 1 entry (0 references)\n"
    )


def test_empty_source_line_has_no_trailing_space():
    finding = Diagnostic("file-without-entry", Severity.INFO, "no entry", Span("a.md", 1))
    output = format_text([finding], Summary(0, 0, 1), sources={"a.md": [""]})
    assert "1 |\n" in output


def test_colour_paints_each_part_and_only_those() -> None:
    findings = [
        Diagnostic(
            "broken-reference", Severity.ERROR, "no entry has id 'G'", Span("a.md", 9, 3, 9, 9),
            hint="did you mean 'Gamma'?", related=(Related(Span("b.md", 1), "defined here"),),
        ),
        Diagnostic("orphan-term", Severity.INFO, "nothing links here", Span("a.md", 10, 1)),
        Diagnostic("io-error", Severity.WARNING, "cannot read", Span("c.md", 1), hint="check it"),
    ]
    sources = {"a.md": [""] * 8 + ["a [G](#G) b", ""]}
    output = format_text(findings, Summary(2, 1, 3), sources=sources, color=True)
    bold, gutter, reset = "\x1b[1m", "\x1b[1;34m", "\x1b[0m"
    red, yellow, cyan = "\x1b[1;31m", "\x1b[1;33m", "\x1b[1;36m"
    assert output == (
        f"{bold}a.md:9:3:{reset} {red}error[broken-reference]{reset}: no entry has id 'G'\n"
        f"{gutter}  |{reset}\n"
        f"{gutter}9 |{reset} a [G](#G) b\n"
        f"{gutter}  |{reset}   {red}^~~~~~{reset}\n"
        f"  {gutter}={reset} {bold}hint{reset}: did you mean 'Gamma'?\n"
        f"  {gutter}={reset} {bold}note{reset}: b.md:1:1: defined here\n"
        "\n"
        f"{bold}a.md:10:1:{reset} {cyan}info[orphan-term]{reset}: nothing links here\n"
        f"{gutter}   |{reset}\n"
        f"{gutter}10 |{reset}\n"
        f"{gutter}   |{reset} {cyan}^{reset}\n"
        "\n"
        f"{bold}c.md:1:1:{reset} {yellow}warning[io-error]{reset}: cannot read\n"
        f"  {gutter}={reset} {bold}hint{reset}: check it\n"
        "\n"
        f"{bold}1 error, 1 warning, 1 info in 2 entries (1 reference){reset}\n"
    )


def _excerpt_by_layout(line: str, column: int, end: int | None) -> tuple[str, str]:
    if len(line) > text.MAX_EXCERPT:
        line, column, end = text._window(line, column, end)
    shown, starts = _layout_char_by_char(line)
    start = text._cell(starts, column)
    width = 1 if end is None else max(1, text._cell(starts, end) - start)
    return shown, " " * start + "^" + "~" * (width - 1)


@pytest.mark.parametrize("line", ["see [X](#X) here", "Maß „Über“ ab", "", "a" * 300, "ä" * 300])
def test_carets_of_one_cell_lines_are_where_the_layout_puts_them(line: str) -> None:
    # Lines of one cell per character skip the layout: their cells are the columns, less one,
    # also for columns before the line, past its end, and ends before the column.
    for column in [*range(-1, 20), len(line), len(line) + 1, len(line) + 4]:
        for end in (None, -1, 0, 1, column, column + 1, column + 5, len(line) + 3):
            span = Span("a.md", 1, column, 1, end)
            assert excerpt_lines(span, {"a.md": [line]}) == _excerpt_by_layout(line, column, end)


@pytest.mark.parametrize(
    ("severities", "summary", "expected"),
    [
        ([], Summary(0, 0, 0), "0 errors, 0 warnings, 0 infos in 0 entries (0 references)"),
        (
            [Severity.ERROR, Severity.WARNING, Severity.INFO],
            Summary(1, 1, 1),
            "1 error, 1 warning, 1 info in 1 entry (1 reference)",
        ),
        (
            [Severity.ERROR, Severity.ERROR, Severity.WARNING],
            Summary(12, 34, 3),
            "2 errors, 1 warning, 0 infos in 12 entries (34 references)",
        ),
    ],
)
def test_summary_line(severities, summary, expected):
    findings = [Diagnostic("x", s, "m", Span("a.md", 1)) for s in severities]
    assert summary_line(findings, summary) == expected


def _layout_char_by_char(line: str) -> tuple[str, list[int]]:
    shown, starts, cell = [], [], 0
    for char in line:
        starts.append(cell)
        if char == "\t":
            width = text.TAB_WIDTH - cell % text.TAB_WIDTH
            shown.append(" " * width)
        else:
            char, width = text._displayed(char)
            shown.append(char)
        cell += width
    starts.append(cell)
    return "".join(shown), starts


def test_the_one_cell_shortcut_lays_out_like_every_character_alone() -> None:
    # The shortcut covers Latin, Greek, Cyrillic and common punctuation; each of its
    # characters must take one cell and be shown as itself.
    for code in range(0x110000):
        char = chr(code)
        if text._ONE_CELL_EACH.fullmatch(char):
            assert text._displayed(char) == (char, 1), hex(code)
    for line in ("„Über“ – Maß…", "Straße\tmit Tab", "e\u0301 kombiniert", "weich\u00adtrennen", "日本"):
        assert text.layout(line) == _layout_char_by_char(line)
