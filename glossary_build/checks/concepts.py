"""Checks of terms as concepts: labels that clash, old ids, successors, and links to
deprecated, draft or renamed terms."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from glossary_build.checks.entrywise import EntryCheck, every_entry
from glossary_build.core.diagnostics import Diagnostic, Related
from glossary_build.core.model import Entry, Reference, Status
from glossary_build.core.page_paths import SITE_NAMES, assign_page_paths, former_folders
from glossary_build.core.rules import default_severity, emits
from glossary_build.graph.terms import Target, TargetKind, TermGraph


def _finding(code: str, message: str, entry: Entry, hint: str, *related: Related, **data: str) -> Diagnostic:
    return Diagnostic(
        code, default_severity(code), message, entry.heading.span, hint, related=related,
        data=(("id", entry.id), *data.items()),
    )


@emits("alias-clash")
def alias_clashes(graph: TermGraph) -> Iterable[Diagnostic]:
    """``alias-clash``: an alias that is another term's id or alias (case ignored, as search does)."""
    owners: dict[str, Entry] = {entry_id.casefold(): entry for entry_id, entry in graph.entries.items()}
    for entry in graph.entries.values():
        for alias in entry.concept.aliases:
            other = owners.get(alias.casefold())
            if other is not None and other is not entry:
                what = "id" if other.id.casefold() == alias.casefold() else "alias"
                yield _finding(
                    "alias-clash", f"alias '{alias}' of '{entry.id}' is also the {what} of '{other.id}'",
                    entry, "an alias leads to one term: remove it from one of them",
                    Related(other.heading.span, f"'{other.id}' defined here"), alias=alias,
                )
            else:
                owners.setdefault(alias.casefold(), entry)


@emits("formerly-clash")
def formerly_clashes(graph: TermGraph) -> Iterable[Diagnostic]:
    """``formerly-clash``: an old id that is a live id, or that two terms claim, or whose page
    address (the folder of its redirect page) is a live page's, a name of the site or another
    old id's, compared as case-insensitive file systems compare names."""
    yield from _formerly_ids(graph)
    yield from _formerly_addresses(graph)


def _formerly_addresses(graph: TermGraph) -> Iterator[Diagnostic]:
    live = assign_page_paths(sorted(graph.entries), reserved=SITE_NAMES).folders
    owner = {folder: entry_id for entry_id, folder in live.items()}
    folders, clashes = former_folders(graph.former, live.values())
    holder = {folder: old for old, folder in folders.items()}
    for old, folder in clashes.items():
        entry = graph.entries[graph.former[old]]
        if folder in owner:
            other = graph.entries[owner[folder]]
            what = f"the page of '{other.id}'"
            related: tuple[Related, ...] = () if other is entry else (
                Related(other.heading.span, f"'{other.id}' defined here"),
            )
        elif folder in holder:
            other = graph.entries[graph.former[holder[folder]]]
            what = f"the old address '{holder[folder]}' of '{other.id}'"
            related = (Related(other.heading.span, f"'{other.id}' defined here"),)
        else:
            what = "a file of the site itself"
            related = ()
        yield _finding(
            "formerly-clash", f"the old address '{folder}/' of '{old}' (old id of '{entry.id}') is also {what}; "
            "no redirect page is written for it",
            entry, f"remove '{old}' from formerly if nobody links to its old address", *related, old=old,
        )


def _formerly_ids(graph: TermGraph) -> Iterator[Diagnostic]:
    for entry_id, entry in graph.entries.items():
        for old in entry.concept.formerly:
            live = graph.definitions.get(old)
            if live is not None:
                yield _finding(
                    "formerly-clash", f"old id '{old}' of '{entry_id}' is a live id; links to it go there",
                    entry, f"remove '{old}' from formerly, or rename the heading that has it",
                    Related(live.heading.span, f"'{old}' defined here"), old=old,
                )
            elif graph.former.get(old, entry_id) != entry_id:
                holder = graph.entries[graph.former[old]]
                yield _finding(
                    "formerly-clash", f"old id '{old}' of '{entry_id}' is also an old id of '{holder.id}'; "
                    f"links to it go to '{holder.id}'",
                    entry, f"an old id leads to one term: remove '{old}' from one of them",
                    Related(holder.heading.span, f"'{holder.id}' defined here"), old=old,
                )


@emits("broken-successor")
def broken_successors(graph: TermGraph) -> Iterable[Diagnostic]:
    """``broken-successor``: ``replaced-by`` names no entry (or the term itself)."""
    for entry_id, entry in graph.entries.items():
        successor = entry.concept.replaced_by
        if successor is None:
            continue
        if successor == entry_id or _entry_target(graph, successor) is None:
            why = "the term itself" if successor == entry_id else "no entry"
            yield _finding(
                "broken-successor", f"'{entry_id}' is replaced by '{successor}', which is {why}",
                entry, "replaced-by names the id of the term to use instead", successor=successor,
            )


@emits("link-to-deprecated", "link-to-draft", "link-to-former-id")
def entry_links_to_concepts(graph: TermGraph, entry: Entry) -> Iterable[Diagnostic]:
    """Links that resolve, but to a deprecated or draft term, or through an old id."""
    for source, reference, target in graph.entry_references(entry.id):
        if target is None or target.entry_id is None or target.entry_id == source.id:
            continue
        yield from _link_findings(graph, source, reference, target)


links_to_concepts = every_entry(entry_links_to_concepts)


def _link_findings(graph: TermGraph, entry: Entry, reference: Reference, target: Target) -> Iterator[Diagnostic]:
    linked = graph.entries[target.entry_id]  # type: ignore[index]
    data = (("target", reference.target), ("id", linked.id))
    if reference.target in graph.former:
        yield Diagnostic(
            "link-to-former-id", default_severity("link-to-former-id"),
            f"'{reference.target}' is an old id of '{linked.id}'", reference.span,
            f"link to [{reference.text}](#{linked.id})",
            related=(Related(linked.heading.span, f"'{linked.id}' defined here"),), data=data,
        )
    status = linked.concept.status
    if status is Status.DEPRECATED:
        successor = linked.concept.replaced_by
        named = f"; use '{successor}' instead" if successor else ""
        hint = f"link to [{reference.text}](#{successor})" if successor else "link to the term to use instead"
        yield Diagnostic(
            "link-to-deprecated", default_severity("link-to-deprecated"),
            f"'{linked.id}' is deprecated{named}", reference.span, hint,
            related=(Related(linked.heading.span, f"'{linked.id}' defined here"),), data=data,
        )
    elif status is Status.DRAFT and entry.concept.status is not Status.DRAFT:
        yield Diagnostic(
            "link-to-draft", default_severity("link-to-draft"),
            f"'{linked.id}' is a draft: it is not on the published site", reference.span,
            "publish the term (remove status=draft), or link it once it is",
            related=(Related(linked.heading.span, f"'{linked.id}' defined here"),), data=data,
        )


def _entry_target(graph: TermGraph, ident: str) -> str | None:
    """The entry an id leads to: the entry itself, or the one that had it as an old id."""
    definition = graph.definitions.get(ident)
    if definition is not None and definition.target.kind is TargetKind.ENTRY:
        return definition.target.entry_id
    return graph.former.get(ident)


CONCEPT_CHECKS = (alias_clashes, formerly_clashes, broken_successors, links_to_concepts)
"""The concept checks, for :data:`glossary_build.checks.run.CHECKS`."""
CONCEPT_ENTRY_CHECKS: tuple[EntryCheck, ...] = (entry_links_to_concepts,)
"""Those that look at one entry at a time."""
CONCEPT_GRAPH_CHECKS = (alias_clashes, formerly_clashes, broken_successors)
"""Those that look at the whole glossary."""
