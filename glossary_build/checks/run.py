"""Run the checks: every rule that finds problems in the term graph.

Each check is a function from the graph to diagnostics, declaring the rules
it can emit (:func:`glossary_build.core.rules.emits`).  Severities are the
rules' defaults; configured levels are applied afterwards
(:func:`glossary_build.core.rules.apply_levels`), in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from glossary_build.checks.concepts import CONCEPT_CHECKS, CONCEPT_ENTRY_CHECKS, CONCEPT_GRAPH_CHECKS
from glossary_build.checks.entrywise import EntryCheck
from glossary_build.checks.mentions import MENTION_CHECKS, MENTION_ENTRY_CHECKS
from glossary_build.checks.seealso import SEE_ALSO_CHECKS, SEE_ALSO_ENTRY_CHECKS
from glossary_build.checks.terms import TERM_CHECKS, TERM_ENTRY_CHECKS, TERM_GRAPH_CHECKS, Check
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.rules import EMITS, is_off
from glossary_build.graph.terms import TermGraph

CHECKS: tuple[Check, ...] = (*TERM_CHECKS, *SEE_ALSO_CHECKS, *CONCEPT_CHECKS, *MENTION_CHECKS)
"""Every check, in the order their findings are collected."""

ENTRY_CHECKS: tuple[EntryCheck, ...] = (
    *TERM_ENTRY_CHECKS, *SEE_ALSO_ENTRY_CHECKS, *CONCEPT_ENTRY_CHECKS, *MENTION_ENTRY_CHECKS,
)
"""The checks of :data:`CHECKS` that find the problems of one entry at a time."""
GRAPH_CHECKS: tuple[Check, ...] = (*TERM_GRAPH_CHECKS, *CONCEPT_GRAPH_CHECKS)
"""The others, which look at the whole glossary: together with :data:`ENTRY_CHECKS` they
find what :data:`CHECKS` finds."""


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
    for check in active(checks if checks is not None else CHECKS, levels):
        found.extend(check(graph))
    return found


C = TypeVar("C", bound=Callable[..., object])


def active(checks: Sequence[C], levels: Mapping[str, str] | None) -> list[C]:
    """The ``checks`` that run with ``levels``: those with a rule that is not ``off``."""
    if levels is None:
        return list(checks)
    return [check for check in checks if (codes := EMITS.get(check)) is None or not is_off(codes, levels)]
