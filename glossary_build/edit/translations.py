"""Write ``translations.yml``: the record of which source version each translation follows.

The text is a function of the record alone (:func:`lock_text`): languages and
ids in sorted order, the parts in :data:`~glossary_build.graph.translations.PARTS`
order, one flow mapping per line, so that two people marking the same
translations write the same bytes and a diff shows exactly what was marked.
It is written beside the old file and moved over it (:func:`write_lock`): an
interrupted run leaves the old record, never half of a new one.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path

import yaml

from glossary_build.edit.source import EditError
from glossary_build.graph.translations import PARTS, Lock, Parts
from glossary_build.sources.translation_lock import LOCK_FILE

HEADER = (
    "# Which version of each source entry a translation was made from.\n"
    "# Written by `glossary-build translations --mark`; commit it with the translations.\n"
)
PLAIN = re.compile(r"[\w][\w.\-]*")
NUMBER = re.compile(r"0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
"""What a YAML 1.2 reader takes for a number (PyYAML reads YAML 1.1, which differs): ``012345678901``."""


def marked(lock: Lock, language: str, parts: Mapping[str, Parts]) -> dict[str, dict[str, Parts]]:
    """``lock`` with the translations ``parts`` names (id -> the source's parts now) of
    ``language`` recorded as made from that version."""
    updated = {code: dict(records) for code, records in lock.items()}
    updated.setdefault(language, {}).update(parts)
    return updated


def lock_text(lock: Lock) -> str:
    """The file's text for ``lock`` (deterministic: see the module docstring)."""
    lines = [HEADER]
    for language in sorted(lock):
        records = lock[language]
        if not records:
            continue
        lines.append(f"{_scalar(language)}:\n")
        for entry_id in sorted(records):
            values = ", ".join(
                f"{part}: {_scalar(records[entry_id][part])}" for part in PARTS if part in records[entry_id]
            )
            lines.append(f"  {_scalar(entry_id)}: {{{values}}}\n")
    return "".join(lines)


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when every YAML reader reads it back as this string,
    else quoted."""
    if PLAIN.fullmatch(text) and not NUMBER.fullmatch(text):
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def write_lock(root: Path, text: str, expected: bytes | None) -> None:
    """Replace ``root``'s ``translations.yml`` by ``text`` atomically; ``expected`` is the file
    as it was read (None: there was none).  If it changed since, nothing is written
    (:class:`EditError`), so a concurrent edit is never lost."""
    path = root / LOCK_FILE
    _check_unchanged(path, expected)
    temporary = root / f".{LOCK_FILE}.{secrets.token_hex(4)}.edit"
    try:
        # Created as any new file is (the umask applies), or with the old file's permissions.
        mode = path.stat().st_mode & 0o7777 if expected is not None else 0o666
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        _check_unchanged(path, expected)  # again, just before the old file is replaced
        os.replace(temporary, path)
    except OSError as error:
        raise EditError(f"cannot write {LOCK_FILE}: {error.strerror}; nothing was written") from error
    finally:
        temporary.unlink(missing_ok=True)


def _check_unchanged(path: Path, expected: bytes | None) -> None:
    try:
        now: bytes | None = path.read_bytes()
    except FileNotFoundError:
        now = None
    except OSError as error:
        raise EditError(f"cannot read {LOCK_FILE} again: {error.strerror}; nothing was written") from error
    if now != expected:
        raise EditError(f"{LOCK_FILE} changed while it was being marked; nothing was written, run again")

