"""The layout of a multilingual glossary: one folder per language in the entries folder.

``languages: [de, en]`` puts the German entries in ``entries/de/`` and the
English ones in ``entries/en/``.  An entry file anywhere else (directly in
``entries/``, or in the folder of a language the configuration does not list)
belongs to no language, so it is on no page; :func:`layout_findings` reports
each such file instead of dropping it silently.
"""

from __future__ import annotations

import os
from pathlib import Path

from glossary_build.core.config import LANGUAGES, Config
from glossary_build.core.diagnostics import Diagnostic, Span
from glossary_build.core.rules import default_severity
from glossary_build.sources.files import PATTERN, discover, relative_path


def layout_findings(config: Config) -> list[Diagnostic]:
    """One ``language-layout`` finding per entry file outside every configured language's
    folder, in path order; none when the entries folder does not exist (the loading of each
    language reports that)."""
    entries_dir = config.entries_dir
    if not entries_dir.is_dir():
        return []
    shown = relative_path(entries_dir, config.root)  # as the findings' paths show it
    found: list[Diagnostic] = []
    with os.scandir(entries_dir) as listing:
        items = sorted(listing, key=lambda item: item.name)
    for item in items:
        if item.name.startswith(".") or item.name in config.languages:
            continue
        if item.is_dir(follow_symlinks=False):
            files = discover(Path(item.path), config.root)
            found.extend(_in_other_folder(config.languages, f"{shown}/{item.name}", path) for path, _ in files)
        elif os.path.normcase(item.name).endswith(PATTERN[1:]) and item.is_file():
            found.append(_outside(config.languages, shown, relative_path(Path(item.path), config.root)))
    return found


def _outside(languages: tuple[str, ...], entries: str, path: str) -> Diagnostic:
    """A file directly in the entries folder (``entries``, as shown)."""
    folders = ", ".join(f"{entries}/{code}/" for code in languages)
    return Diagnostic(
        "language-layout",
        default_severity("language-layout"),
        f"file is outside every language folder ({folders}); it is on no page",
        Span(path, 1, 1),
        f"move it into the folder of its language, e.g. {entries}/{languages[0]}/{Path(path).name}",
        data=(("folder", entries),),
    )


def _in_other_folder(languages: tuple[str, ...], folder: str, path: str) -> Diagnostic:
    """A file below ``folder`` (as shown), a folder of the entries folder that is no configured language."""
    configured = ", ".join(languages)
    code = folder.rsplit("/", 1)[-1]
    if code in LANGUAGES:
        hint = f"add {code} to 'languages' in glossary.yml, or move the file into the folder of its language"
    else:
        hint = f"move the file into the folder of its language ({configured})"
    return Diagnostic(
        "language-layout",
        default_severity("language-layout"),
        f"folder '{folder}/' is not one of the glossary's languages ({configured}); "
        "this file is on no page",
        Span(path, 1, 1),
        hint,
        data=(("folder", folder),),
    )
