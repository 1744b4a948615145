"""The theme: Jinja templates and static files, overridable one file at a time.

Lookup order for a template or static file:

1. the glossary's own ``templates/`` and ``static/`` folders;
2. the default theme shipped with glossary-build.

The default templates stay reachable as ``default/<name>``, so a glossary's
``templates/term.html`` can ``{% extends "default/term.html" %}`` and
change one block.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import jinja2

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def default_theme_dir() -> Path:
    """The built-in theme: inside the installed package, or the checkout's top level."""
    installed = PACKAGE_DIR / "_theme"
    if (installed / "templates").is_dir():
        return installed
    return PACKAGE_DIR.parent


@dataclass(frozen=True)
class Theme:
    """A configured template environment and the static files to copy."""

    environment: jinja2.Environment
    """Compiled once per build; templates are cached by Jinja."""
    static_files: dict[str, Path]
    """Site-relative path (``static/style.css``) to source file."""
    folders: tuple[Path, ...]
    """Template and static folders in lookup order, for watching."""


def load_theme(glossary_root: Path) -> Theme:
    """The theme for a glossary: its own files over the default ones."""
    default = default_theme_dir()
    own_templates = glossary_root / "templates"
    default_loader = jinja2.FileSystemLoader(default / "templates")
    loaders: list[jinja2.BaseLoader] = []
    if own_templates.is_dir() and own_templates.resolve() != (default / "templates").resolve():
        loaders.append(jinja2.FileSystemLoader(own_templates))
    loaders += [jinja2.PrefixLoader({"default": default_loader}), default_loader]
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    static_folders = [default / "static", glossary_root / "static"]
    return Theme(
        environment,
        _static_files(static_folders),
        (own_templates, default / "templates", *static_folders),
    )


def is_default(theme: Theme, name: str) -> bool:
    """Whether the template ``name`` is the default theme's (the glossary has none of its own)."""
    _, filename, _ = theme.environment.loader.get_source(theme.environment, name)  # type: ignore[union-attr]
    return filename is not None and Path(filename).resolve() == (default_theme_dir() / "templates" / name).resolve()


def _inside(file: Path, real_folder: str) -> bool:
    return Path(os.path.realpath(file)).is_relative_to(real_folder)


def _static_files(folders: list[Path]) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for folder in folders:
        if folder.is_dir():
            real = os.path.realpath(folder)
            for file in sorted(folder.rglob("*")):
                # A link to a file outside the folder (/etc/passwd) is not published.
                if file.is_file() and not file.name.startswith(".") and _inside(file, real):
                    files[f"static/{file.relative_to(folder).as_posix()}"] = file
    return files
