"""The glossary's configuration, read from ``glossary.yml``.

Every key is optional; :data:`KEYS` lists them with their defaults and is
the source of the README's table.  Unknown keys and wrong types are errors
that name the key, so a typo never silently does nothing.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from glossary_build.core.rules import LEVELS, RULES

CONFIG_FILE = "glossary.yml"
LANGUAGES = ("de", "en", "fr")
"""Languages with built-in site words (:mod:`glossary_build.render.words`)."""


class ConfigError(Exception):
    """The configuration cannot be used; the message says which key and why."""


@dataclass(frozen=True, slots=True)
class Key:
    """One configuration key."""

    name: str
    """The key in ``glossary.yml``."""
    type: type
    """The Python type its value must have."""
    default: Any
    """The value when the key is missing."""
    help: str
    """One line for the README."""


KEYS: tuple[Key, ...] = (
    Key("title", str, "Glossar", "Site title, shown in the header and the page titles."),
    Key("language", str, "de", "Language of the site's own words: `de`, `en` or `fr`."),
    Key("languages", list, [], "Languages of a multilingual glossary, source language first, e.g. `[de, en]`; "
        "entries in `<entries>/<language>/`, the site in `<output>/<language>/` (see Languages)."),
    Key("entries", str, "entries", "Folder with the entry files (`**/*.md`), relative to the glossary folder."),
    Key("output", str, "site", "Output folder of `build`, relative to the glossary folder."),
    Key("base_url", str, "", "Public URL of the site, e.g. `https://example.org/glossar/` (canonical links)."),
    Key("rules", dict, {}, "Level per rule code: `error`, `warning`, `info` or `off`."),
    Key("raw_html", str, "sanitize", "`sanitize`: raw HTML in entries is cleaned to a safe allow-list; "
        "`trusted`: passed through as written (only for glossaries whose authors you trust)."),
)
RAW_HTML_MODES = ("sanitize", "trusted")


@dataclass(frozen=True, slots=True)
class Config:
    """The settings of one glossary (see :data:`KEYS`)."""

    root: Path
    """The glossary folder: paths in the config are relative to it."""
    title: str = "Glossar"
    """Site title."""
    language: str = "de"
    """``de`` or ``en``."""
    entries: str = "entries"
    """Entries folder, relative to :attr:`root`."""
    output: str = "site"
    """Output folder, relative to :attr:`root`."""
    base_url: str = ""
    """Public URL of the site, with a trailing ``/``, or empty."""
    rules: Mapping[str, str] = field(default_factory=dict)
    """Configured level per rule code."""
    raw_html: str = "sanitize"
    """``sanitize`` or ``trusted``."""
    languages: tuple[str, ...] = ()
    """Every language of a multilingual glossary, the source language first; empty for a
    glossary in one language.  Each language's entries are in ``<entries>/<language>/``."""

    @property
    def multilingual(self) -> bool:
        """True when the glossary has entries in several languages (the ``languages`` key)."""
        return bool(self.languages)

    @property
    def source_language(self) -> str:
        """The language translations are made from: the first of :attr:`languages`."""
        return self.languages[0] if self.languages else self.language

    def for_language(self, language: str) -> Config:
        """The configuration of one language of a multilingual glossary: its entries folder
        (``<entries>/<language>``) and site words; the other keys as configured."""
        if language not in self.languages:
            raise ValueError(f"{language!r} is not one of the glossary's languages {self.languages}")
        return dataclasses.replace(self, language=language, entries=f"{self.entries}/{language}")

    @property
    def trusted_html(self) -> bool:
        """True when raw HTML passes through unchanged."""
        return self.raw_html == "trusted"

    @property
    def entries_dir(self) -> Path:
        """Absolute entries folder."""
        return (self.root / self.entries).resolve()

    @property
    def output_dir(self) -> Path:
        """Absolute output folder."""
        return (self.root / self.output).resolve()


def load_config(path: Path | None = None, cwd: Path | None = None) -> Config:
    """Read ``path``, or ``glossary.yml`` in ``cwd`` if it exists, else use the defaults."""
    cwd = cwd or Path.cwd()
    if path is None:
        candidate = cwd / CONFIG_FILE
        if not candidate.is_file():
            return Config(root=cwd.resolve())
        path = candidate
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config: {error}") from error
    return config_from_mapping(_parse_yaml(path, text), root=path.resolve().parent, source=path.name)


def _parse_yaml(path: Path, text: str) -> Mapping[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path.name}:{mark.line + 1}:{mark.column + 1}" if mark else path.name
        raise ConfigError(f"{where}: invalid YAML: {getattr(error, 'problem', error)}") from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path.name}: the config must be a mapping of keys to values")
    return data


def config_from_mapping(data: Mapping[str, Any], root: Path, source: str = CONFIG_FILE) -> Config:
    """Validate ``data`` and build a :class:`Config`."""
    known = {key.name: key for key in KEYS}
    values: dict[str, Any] = {}
    for name, value in data.items():
        key = known.get(str(name))
        if key is None:
            raise ConfigError(f"{source}: unknown key '{name}'{_did_you_mean(str(name), known)}")
        values[key.name] = _checked(key, value, source)
    if "languages" in values:
        values["languages"] = _languages(values["languages"], values.get("language"), source)
        values["language"] = values["languages"][0] if values["languages"] else values.get("language", "de")
    if "rules" in values:
        # YAML reads a bare `off` as false.
        values["rules"] = {str(c): "off" if v is False else v for c, v in values["rules"].items()}
    config = Config(root=root, **values)
    _validate(config, source)
    return config


def _checked(key: Key, value: Any, source: str) -> Any:
    if value is None:
        return key.default
    if not isinstance(value, key.type) or isinstance(value, bool) and key.type is not bool:
        expected = {str: "a string", dict: "a mapping", bool: "true or false", list: "a list"}[key.type]
        raise ConfigError(
            f"{source}: key '{key.name}' must be {expected}, not {type(value).__name__} ({value!r})"
        )
    return value


LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
"""A language tag as folders and ``hreflang`` use it (BCP 47's common shape: ``de``, ``pt-BR``)."""


def _languages(value: list[Any], language: Any, source: str) -> tuple[str, ...]:
    """The ``languages`` list, checked: known language tags, each once; ``language``, if set
    too, must be the first (the source language)."""
    codes = tuple(str(code) for code in value)
    for code in codes:
        if not LANGUAGE_TAG.fullmatch(code):
            raise ConfigError(f"{source}: key 'languages': '{code}' is not a language tag like 'de' or 'en'")
        if code not in LANGUAGES:
            raise ConfigError(
                f"{source}: key 'languages': no site words for '{code}' (known: {', '.join(LANGUAGES)})"
            )
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise ConfigError(f"{source}: key 'languages' names {', '.join(repeated)} more than once")
    if codes and language is not None and language != codes[0]:
        raise ConfigError(
            f"{source}: key 'language' is '{language}' but the first of 'languages' (the source) is '{codes[0]}'"
        )
    return codes


def _validate(config: Config, source: str) -> None:
    if config.language not in LANGUAGES:
        raise ConfigError(f"{source}: key 'language' must be one of {', '.join(LANGUAGES)}, not '{config.language}'")
    if config.raw_html not in RAW_HTML_MODES:
        raise ConfigError(
            f"{source}: key 'raw_html' must be one of {', '.join(RAW_HTML_MODES)}, not '{config.raw_html}'"
        )
    if config.base_url and not config.base_url.endswith("/"):
        object.__setattr__(config, "base_url", config.base_url + "/")
    for code, level in config.rules.items():
        if code not in RULES:
            raise ConfigError(f"{source}: unknown rule 'rules.{code}'{_did_you_mean(str(code), RULES)}")
        if level not in LEVELS:
            raise ConfigError(
                f"{source}: key 'rules.{code}' must be one of {', '.join(LEVELS)}, not '{level}'"
            )


def _did_you_mean(name: str, known: Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(known)})"
