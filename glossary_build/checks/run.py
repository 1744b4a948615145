"""Run the checks: every rule that finds problems in the term graph.

Each check is a function from the graph to diagnostics, declaring the rules
it can emit (:func:`glossary_build.core.rules.emits`).  Severities are the
rules' defaults; configured levels are applied afterwards
(:func:`glossary_build.core.rules.apply_levels`), in one place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from glossary_build.checks.concepts import CONCEPT_CHECKS
from glossary_build.checks.mentions import MENTION_CHECKS
from glossary_build.checks.seealso import SEE_ALSO_CHECKS
from glossary_build.checks.terms import TERM_CHECKS, Check
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.rules import EMITS, is_off
from glossary_build.graph.terms import TermGraph

CHECKS: tuple[Check, ...] = (*TERM_CHECKS, *SEE_ALSO_CHECKS, *CONCEPT_CHECKS, *MENTION_CHECKS)
"""Every check, in the order their findings are collected."""


def run_checks(
    graph: TermGraph, checks: Sequence[Check] | None = None, levels: Mapping[str, str] | None = None
) -> list[Diagnostic]:
    """All findings of ``checks`` (default: :data:`CHECKS`) on ``graph``.

    With ``levels`` (the configured rule levels, ``glossary.yml``'s ``rules``),
    a check whose every rule (:data:`~glossary_build.core.rules.EMITS`) is ``off``
    is not run: :func:`~glossary_build.core.rules.apply_levels` would drop its
    findings anyway.  Severities stay the defaults either way.
    """
    found: list[Diagnostic] = []
    for check in checks if checks is not None else CHECKS:
        codes = EMITS.get(check)
        if levels is not None and codes is not None and is_off(codes, levels):
            continue
        found.extend(check(graph))
    return found
