"""The dev server's rebuilds of a multilingual glossary: every language's site in memory, each
save seen in the pages and findings of the next rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

from glossary_build.serve.source import PipelineRebuild
from tests.support import SITES

LATENT_SPACE_DE = (
    "## Latenter Raum {#Latent-Space .term}\n\nDer **latente Raum** ist der Vektorraum eines Modells; "
    "jedes [Embedding](#Embedding) ist ein Punkt darin.\n\n"
    "### Verwandte Themen {.seealso}\n\n[Embedding](#Embedding) |\n[Index](#Index) |\n"
)


def copy_scenario(folder: Path) -> Path:
    root = folder / "multilingual"
    shutil.copytree(SITES / "multilingual", root, ignore=shutil.ignore_patterns(".glossary-cache", "site"))
    return root


def test_the_first_build_serves_every_language_and_the_root(tmp_path: Path) -> None:
    root = copy_scenario(tmp_path)
    outcome = PipelineRebuild(None, root)([])
    assert {"index.html", "de/index.html", "en/index.html", "en/Latent-Space/index.html"} <= set(outcome.files)
    assert not any(path.startswith("Embedding/") for path in outcome.files)
    assert [(d.code, str(d.span)) for d in outcome.diagnostics] == [
        ("link-to-other-language", "entries/de/embedding.md:4:41"),
        ("broken-reference", "entries/en/vector-database.md:4:36"),
        ("language-layout", "entries/fr/embedding.md:1:1"),
        ("language-layout", "entries/notizen.md:1:1"),
    ]


def test_a_save_in_one_language_changes_its_pages(tmp_path: Path) -> None:
    root = copy_scenario(tmp_path)
    rebuild = PipelineRebuild(None, root)
    first = rebuild([])
    entry = root / "entries" / "en" / "latent-space.md"
    entry.write_text(entry.read_text("utf-8").replace("its\ninputs.", "its\ninputs, learnt in training."), "utf-8")
    second = rebuild([entry])
    changed = sorted(path for path in second.files if second.files[path] != first.files.get(path))
    assert "en/Latent-Space/index.html" in changed and all(path.startswith("en/") for path in changed)
    assert b"learnt in training" in second.files["en/Latent-Space/index.html"]


def test_a_new_translation_ends_the_link_to_the_other_language(tmp_path: Path) -> None:
    root = copy_scenario(tmp_path)
    rebuild = PipelineRebuild(None, root)
    rebuild([])
    added = root / "entries" / "de" / "latent-space.md"
    added.write_text(LATENT_SPACE_DE, "utf-8")
    outcome = rebuild([added])
    assert "de/Latent-Space/index.html" in outcome.files
    # The English page, written before the source had the term, is now a translation never
    # marked up to date: a finding, and a banner on it.
    assert [d.code for d in outcome.diagnostics] == [
        "outdated-translation", "broken-reference", "language-layout", "language-layout",
    ]
    assert b'class="status-banner outdated"' in outcome.files["en/Latent-Space/index.html"]
    assert b'class="status-banner outdated"' not in outcome.files["en/Embedding/index.html"]
