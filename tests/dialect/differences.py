"""DIFFERENCES: every place where we deliberately read or render unlike Pandoc.

Each entry names the difference, gives the reason, a small source that shows
it, and two checks: one on our HTML, one on Pandoc's HTML
(``pandoc -f markdown -t html``).  ``test_differences.py`` runs both checks
for every entry, so a difference that disappears (or changes) fails a test.
``docs/pandoc-differences.md`` explains the same list for authors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Difference:
    """One deliberate difference from Pandoc."""

    name: str
    """Short name, also the heading in ``docs/pandoc-differences.md``."""
    reason: str
    """Why we differ."""
    source: str
    """Markdown that shows the difference."""
    ours: Callable[[str], bool]
    """True for our HTML of ``source``."""
    pandoc: Callable[[str], bool]
    """True for Pandoc's HTML of ``source``."""
    language: str = "de"


DIFFERENCES = [
    Difference(
        "list right after a paragraph line",
        "Glossary authors write 'Vorteile:' and a list on the next line and mean a list; "
        "commonmark reads it so, Pandoc (without a blank line) reads the items as text "
        "of the paragraph.",
        "Vorteile:\n- schnell\n- billig\n",
        lambda html: "<li>schnell</li>" in html,
        lambda html: "<li>" not in html and "- schnell" in html,
    ),
    Difference(
        "heading or block quote right after a paragraph line",
        "CommonMark lets an ATX heading or a block quote interrupt a paragraph; Pandoc "
        "needs a blank line before them (blank_before_header, blank_before_blockquote). "
        "An author who writes '## Title' or '> quote' at the start of a line means it.",
        "Text\n## Abschnitt\n\nText\n> Zitat\n",
        lambda html: "<h2>Abschnitt</h2>" in html and "<blockquote>" in html,
        lambda html: "<h2" not in html and "<blockquote>" not in html,
    ),
    Difference(
        "implicit header references resolve within the entry",
        "In a book of entries every entry has a 'Kernkonzept'; Pandoc links [Kernkonzept] to "
        "the first one in the book, the author means the one in the same entry.",
        "## A {#A .term}\n\n### Kernkonzept\n\nA.\n\n----\n\n"
        "## B {#B .term}\n\nSiehe [Kernkonzept].\n\n### Kernkonzept\n\nB.\n",
        # The parser records the link as entry-local (title marker); the graph then
        # resolves it to B's own section (tests/graph/test_graph.py).
        lambda html: 'href="#kernkonzept" title="\x01local"' in html,
        lambda html: 'href="#kernkonzept"' in html and "kernkonzept-1" in html,
    ),
    Difference(
        "a closing rule right under see-also links",
        "Authors close the see-also list with ---- and leave out the blank line before it. "
        "Pandoc then reads a heading made of the last link (one line) or paragraph text "
        "(several lines); the author meant the links and the end of the entry.",
        "[Beta](#Beta) |\n[Index](#Index) |\n----\n\n[Index](#Index) |\n----\n",
        lambda html: html.count("<hr") == 2 and "<h2" not in html and "<table" not in html,
        lambda html: "<hr" not in html and "<h2" in html,
    ),
    Difference(
        "quotes of the language",
        "German text needs „…“ and ‚…‘, French « … »; Pandoc's HTML writer prints “…” whatever the language.",
        '"König" und \'Dame\'\n',
        lambda html: "„König“ und ‚Dame‘" in html,
        lambda html: "“König” und ‘Dame’" in html,
    ),
    Difference(
        "HTML comments are dropped",
        "Comments are notes between authors; they should not reach the published "
        "page source or search indexes.",
        "<!-- TODO Quelle -->\n\nText <!-- intern --> weiter.\n",
        lambda html: "<!--" not in html and "Text" in html,
        lambda html: "<!-- TODO Quelle -->" in html and "<!-- intern -->" in html,
    ),
    Difference(
        "math as MathML",
        "Formulas are rendered at build time to MathML, so pages need no JavaScript and "
        "look like typeset math; Pandoc's default HTML imitates math with <em> and <sup> "
        "(or leaves the TeX to MathJax/KaTeX when asked).",
        "Die Formel $x^2$.\n",
        lambda html: '<span class="math inline"><math' in html,
        lambda html: "<math" not in html and "<em>x</em><sup>2</sup>" in html,
    ),
    Difference(
        "math that cannot be rendered shows its source",
        "A formula latex2mathml cannot convert is shown as code and reported with its "
        "line (env['math_errors']); Pandoc prints the TeX with its dollars and warns.",
        "Kaputt $a^$.\n",
        lambda html: '<code class="math-error">a^</code>' in html,
        lambda html: '<span class="math inline">$a^$</span>' in html,
    ),
    Difference(
        "TeX commands outside math stay text",
        "Pandoc reads \\textbf{...} or \\LaTeX in running text as raw TeX and drops it "
        "from HTML, so words vanish from the page; we keep them visible as written.",
        "Das \\LaTeX-Logo und \\textbf{fett} hier.\n",
        lambda html: "\\LaTeX-Logo" in html and "\\textbf{fett}" in html,
        lambda html: "Das -Logo und  hier." in html,
    ),
    Difference(
        "one note per footnote label",
        "A label referenced twice is one note with two back links; Pandoc repeats "
        "the note for every reference.",
        "Eins[^a] zwei[^a].\n\n[^a]: Notiz.\n",
        lambda html: html.count("Notiz.") == 1 and html.count("footnote-backref") == 2,
        lambda html: html.count("Notiz.") == 2,
    ),
    Difference(
        "footnotes numbered per entry",
        "Each entry is a page of its own, so its notes start at 1 and are listed under it "
        "(split_footnotes); Pandoc numbers and lists all notes of the book together.",
        "## A {#A}\n\nA[^a].\n\n[^a]: Notiz A.\n\n## B {#B}\n\nB[^b].\n\n[^b]: Notiz B.\n",
        lambda html: html.count('<li id="fn1"') == 2,
        lambda html: 'id="fn2"' in html and html.count("<ol>") == 1,
    ),
    Difference(
        "tables scroll in a wrapper, without column widths",
        "Every table sits in <div class=\"table-wrap\"> so it scrolls sideways on phones; "
        "Pandoc sets relative column widths from the grid (<colgroup>), which squeezes "
        "wide tables on narrow screens.",
        "+-----+------------+\n| a   | b          |\n+-----+------------+\n",
        lambda html: '<div class="table-wrap">' in html and "<colgroup>" not in html,
        lambda html: "<colgroup>" in html and "table-wrap" not in html,
    ),
    Difference(
        "code highlighted by Pygments",
        "Highlighting uses Pygments' CSS classes (pygments_css gives light and dark "
        "styles) and keeps class=\"language-x\", the common convention; Pandoc uses "
        "its skylighting classes (sourceCode).",
        "```python\nx = 1\n```\n",
        lambda html: 'class="language-python"' in html and '<span class="n">x</span>' in html,
        lambda html: "sourceCode" in html,
    ),
    Difference(
        "alignment colons above spanning cells",
        "On a border with fewer corners than columns, Pandoc gives the n-th segment's "
        "alignment to the n-th column, so the colon lands on another column; we align "
        "the column under the colon.",
        "+-----------+:--+\n| a         | b |\n+---+-------+---+\n| c | d         |\n"
        "+---+-----------+\n",
        lambda html: '<td style="text-align:left">b</td>' in html
        and '<td colspan="2">d</td>' in html,
        lambda html: '<td colspan="2" style="text-align: left;">d</td>' in html,
    ),
    Difference(
        "no single-column simple tables",
        "Glossary entries end with a ---- line; Pandoc reads ----, a line, ---- as a "
        "one-column table, which is never what the author meant. We read a rule and "
        "a heading (CommonMark); simple tables need two columns or more.",
        "----\neins\n----\n",
        lambda html: "<table>" not in html and "<hr />" in html,
        lambda html: "<table>" in html and "<td>eins</td>" in html,
    ),
    Difference(
        "unquoted attribute values are letters, digits, _ : - only",
        "The attribute parser (mdit-py-plugins' attrs) stops at other characters, so "
        "{width=50%} stays text; Pandoc accepts it. Write {width=\"50%\"}.",
        "![Bild](a.png){width=50%}\n",
        lambda html: "{width=50%}" in html,
        lambda html: 'style="width:50.0%"' in html,
    ),
]
