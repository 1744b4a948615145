"""Build a term graph and its findings from Markdown strings (imported by test modules)."""

from __future__ import annotations

from collections.abc import Mapping

from glossary_build.checks.run import run_checks
from glossary_build.core.diagnostics import Diagnostic, sort_key
from glossary_build.core.rules import apply_levels
from glossary_build.graph.terms import TermGraph, build_graph
from glossary_build.parse.entries import parse_source
from glossary_build.parse.markdown import create_markdown
from glossary_build.sources.files import normalize_text

_MD = create_markdown("de")

SEE_ALSO = "\n### Siehe auch {.seealso}\n"


def entry(ident: str, text: str = "", see_also: tuple[str, ...] | None = (), title: str | None = None) -> str:
    """One entry; ``see_also`` are target ids (None: no see-also section)."""
    body = f"## {title or ident} {{#{ident} .term}}\n\n{text or ident + '.'}\n"
    if see_also is not None:
        body += SEE_ALSO + "".join(f"[{target}](#{target}) |\n" for target in see_also)
    return body


def graph_of(files: Mapping[str, str]) -> TermGraph:
    """The term graph of ``{path: text}``."""
    parsed = [parse_source(path, normalize_text(text), _MD) for path, text in files.items()]
    return build_graph(parsed)


def findings(
    files: Mapping[str, str], code: str | None = None, levels: Mapping[str, str] | None = None
) -> list[Diagnostic]:
    """Every finding (parser and checks, levels applied), optionally of one code only."""
    parsed = [parse_source(path, normalize_text(text), _MD) for path, text in files.items()]
    found = [d for p in parsed for d in p.diagnostics] + run_checks(build_graph(parsed))
    ordered = sorted(apply_levels(found, levels or {}), key=sort_key)
    return [d for d in ordered if code is None or d.code == code]


def lines(diagnostics: list[Diagnostic]) -> list[str]:
    """The printed one-line form of each finding."""
    return [d.format() for d in diagnostics]


CONCEPT_DEFECTS = (
    '## Large Language Model {#LLM .term aliases="Sprachmodell; Gamma"}\n\n'
    "LLM, siehe [alt](#Old-LLM), [DF](#Deep-Fake) und [bald](#Entwurf).\n\n"
    '## Deep Fake {#Deep-Fake .term status=deprecated replaced-by=Nirgends formerly="Alpha"}\n\nVeraltet.\n\n'
    "## Entwurf {#Entwurf .term status=draft formerly=Old-LLM}\n\nBald.\n\n"
    "## Neu {#Neu .term status=sehr formerly=Old-LLM}\n\nNeu, wie Alpha.\n"
)
"""One file with a finding of every concept rule (with an entry ``Gamma`` and ``Alpha`` elsewhere),
and an unlinked mention of ``Alpha``."""
