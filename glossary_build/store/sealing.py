"""Cache files are read only if this user's glossary-build wrote them.

The build cache (:mod:`glossary_build.store.cache`) stores pickles, and unpickling
runs whatever code the data names.  The cache lies in the glossary folder,
which a pull request can fill: a ``.glossary-cache/`` committed with
``git add -f`` must not run code when CI checks the pull request, nor when a
reviewer checks it out and a pre-commit hook runs the check.

So every cache file is *sealed*: a MAC (HMAC-SHA-256) over its bytes comes
first, keyed by a secret that lives outside every glossary, in the user's
cache folder (``$XDG_CACHE_HOME/glossary-build/key``, else
``~/.cache/glossary-build/key``, mode 600).  A file whose MAC does not match
is treated as damaged: ignored, and written anew.  Where no key can be kept
(no home folder, a read-only one), each process makes up its own, so that
nothing is reused rather than anything trusted.

A CI job that restores the cache of the main branch needs the key that
sealed it: ``GLOSSARY_BUILD_CACHE_KEY`` (64 hex digits, e.g. from a CI
secret) is then used instead of the key file.  It must never come from the
pull request itself.
"""

from __future__ import annotations

import functools
import hmac
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

KEY_BYTES = 32
MAC_BYTES = 32
KEY_VARIABLE = "GLOSSARY_BUILD_CACHE_KEY"
"""The environment variable that may hold the key, as hex (a CI secret)."""
_LENGTH_BYTES = 8


def seal(payload: bytes) -> bytes:
    """``payload`` with its MAC in front."""
    return mac(payload) + payload


def unseal(data: bytes) -> memoryview | None:
    """The payload of sealed ``data`` (a view: a report kept whole is 200 MB, not copied);
    None when the MAC does not match (foreign or damaged)."""
    view = memoryview(data)
    found, payload = view[:MAC_BYTES], view[MAC_BYTES:]
    if len(found) < MAC_BYTES or not hmac.compare_digest(found, mac(payload)):
        return None
    return payload


def frame(payload: bytes) -> bytes:
    """``payload`` sealed, as one record of a file that is appended to: length first."""
    return len(payload).to_bytes(_LENGTH_BYTES, "little") + seal(payload)


def read_frames(file: BinaryIO) -> Iterator[memoryview]:
    """The payloads of the records :func:`frame` wrote to ``file``, up to the first one that
    is cut short (an interrupted write) or does not unseal; ``file`` is left after the last
    good one."""
    size = _file_size(file)
    while True:
        start = file.tell()
        header = file.read(_LENGTH_BYTES)
        length = int.from_bytes(header, "little")
        if size is not None and start + _LENGTH_BYTES + MAC_BYTES + length > size:  # damaged: no huge read
            file.seek(start)
            return
        data = file.read(MAC_BYTES + length)
        payload = unseal(data) if len(header) == _LENGTH_BYTES and len(data) == MAC_BYTES + length else None
        if payload is None:
            file.seek(start)
            return
        yield payload


def _file_size(file: BinaryIO) -> int | None:
    """The size of ``file`` when it is a file on disk (a damaged length must not make
    :func:`read_frames` try to read gigabytes)."""
    try:
        return os.fstat(file.fileno()).st_size
    except (OSError, AttributeError, ValueError):
        return None


def mac(payload: bytes | memoryview) -> bytes:
    """The MAC of ``payload``: HMAC-SHA-256, which OpenSSL computes with the processor's SHA
    instructions where it has them (twice as fast as keyed BLAKE2b here, on every cache read)."""
    return hmac.digest(secret(), payload, "sha256")


@functools.lru_cache(maxsize=1)
def secret() -> bytes:
    """The key from :data:`KEY_VARIABLE`, else this user's key (made on first use), else one
    for this process alone if none can be kept."""
    given = _key_from_environment()
    if given is not None:
        return given
    folder = _key_folder()
    if folder is None:
        return secrets.token_bytes(KEY_BYTES)
    path = folder / "key"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = path.read_bytes() if path.exists() else b""
        if len(key) == KEY_BYTES:
            return key
        return _new_key(path)
    except OSError:
        return secrets.token_bytes(KEY_BYTES)


def key_problem() -> str | None:
    """What is wrong with :data:`KEY_VARIABLE`, if set: the command line says so and stops,
    as a mistyped secret would otherwise silently throw away the restored cache."""
    value = os.environ.get(KEY_VARIABLE, "").strip()
    if value and _parse_key(value) is None:
        return f"{KEY_VARIABLE} must be {2 * KEY_BYTES} hex digits (e.g. from: openssl rand -hex {KEY_BYTES})"
    return None


def _key_from_environment() -> bytes | None:
    """The key in :data:`KEY_VARIABLE` (a bad value counts as none: see :func:`key_problem`)."""
    return _parse_key(os.environ.get(KEY_VARIABLE, "").strip())


def _parse_key(value: str) -> bytes | None:
    try:
        key = bytes.fromhex(value)
    except ValueError:
        return None
    return key if len(key) == KEY_BYTES else None


def _key_folder() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base)
    return folder / "glossary-build" if folder.is_absolute() else None  # "~" unresolved: no home


def _new_key(path: Path) -> bytes:
    """Write a new key to ``path`` (mode 600, in one step: a reader never sees half a key).

    Two first runs at the same time may each make a key; the last one stays,
    and the cache files the other run wrote are rebuilt once.
    """
    key = secrets.token_bytes(KEY_BYTES)
    temporary = path.with_name(f".key.{secrets.token_hex(8)}")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "wb") as file:
        file.write(key)
    os.replace(temporary, path)
    return key
