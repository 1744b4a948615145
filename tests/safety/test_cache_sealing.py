"""The build cache holds pickles: a cache that came with the glossary (a pull request that
adds ``.glossary-cache/`` with ``git add -f``) must not run code (glossary_build.store.sealing)."""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from glossary_build.store import sealing
from tests.support import ROOT

ENTRY = "## Alpha {#Alpha .term}\n\n**Alpha** ist ein Begriff, siehe [Beta](#Beta).\n\n----\n"


class _Touch:
    """Unpickling this creates ``path``: the stand-in for any code a pickle can run."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        return (Path.touch, (self.path,))


def _glossary(tmp_path: Path) -> Path:
    root = tmp_path / "glossary"
    (root / "entries").mkdir(parents=True)
    (root / "entries" / "Alpha.md").write_text(ENTRY, encoding="utf-8")
    return root


def _run(root: Path, *args: str, cache_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(cache_home)}
    return subprocess.run(
        [sys.executable, "-m", "glossary_build", *args], cwd=root, env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )


def test_a_cache_that_came_with_the_glossary_runs_no_code(tmp_path: Path) -> None:
    root = _glossary(tmp_path)
    home = tmp_path / "home-cache"
    assert _run(root, "build", cache_home=home).returncode == 0  # a cache of this user's own
    cache = root / ".glossary-cache" / "v1"
    names = sorted(path.name for path in cache.iterdir() if path.is_file())
    assert {"parsed.pack", "parsed.log", "state.pickle", "findings.pickle"} <= set(names)
    ran = tmp_path / "code-ran"
    payload = pickle.dumps(_Touch(ran))
    for name in names:  # forged, with and without a MAC-sized prefix
        (cache / name).write_bytes(payload if name.endswith(".pack") else bytes(32) + payload)
    checked = _run(root, "check", cache_home=home)
    built = _run(root, "build", cache_home=home)
    assert not ran.exists()
    cold = _run(root, "check", "--no-cache", cache_home=home)
    assert (checked.stdout, checked.returncode) == (cold.stdout, cold.returncode)
    assert built.returncode == 0 and "no entry or heading has id 'Beta'" in built.stderr


def test_another_users_cache_is_not_trusted(tmp_path: Path) -> None:
    """The seal is keyed per user (per key folder): a cache written under another key is
    rebuilt, not read."""
    root = _glossary(tmp_path)
    assert _run(root, "check", cache_home=tmp_path / "mine").returncode == 1
    state = (root / ".glossary-cache" / "v1" / "findings.pickle").read_bytes()
    assert _run(root, "check", cache_home=tmp_path / "theirs").returncode == 1
    assert (root / ".glossary-cache" / "v1" / "findings.pickle").read_bytes() != state  # written anew


def test_the_key_is_private_and_made_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    sealing.secret.cache_clear()
    try:
        key = sealing.secret()
        path = tmp_path / "glossary-build" / "key"
        assert path.read_bytes() == key and len(key) == sealing.KEY_BYTES
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        sealing.secret.cache_clear()
        assert sealing.secret() == key  # the next process finds it
        path.write_bytes(b"short")  # damaged: replaced
        sealing.secret.cache_clear()
        assert len(sealing.secret()) == sealing.KEY_BYTES and sealing.secret() != key
        assert path.read_bytes() == sealing.secret()
        sealed = sealing.seal(b"payload")
        assert sealing.unseal(sealed) == b"payload"
        assert sealing.unseal(sealed[:-1] + b"X") is None
        assert sealing.unseal(b"short") is None
    finally:
        sealing.secret.cache_clear()


def test_without_a_home_nothing_is_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", "relative/home")  # no usable home folder
    monkeypatch.chdir(tmp_path)
    sealing.secret.cache_clear()
    try:
        first = sealing.secret()
        sealing.secret.cache_clear()
        assert sealing.secret() != first
        assert not any(tmp_path.iterdir())  # nothing written into the working folder
    finally:
        sealing.secret.cache_clear()


def test_a_key_given_in_the_environment_seals_and_opens_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CI job restores main's cache and gives the key that sealed it (a CI secret): the
    files open in another home folder, and not without the key."""


    monkeypatch.setenv(sealing.KEY_VARIABLE, "ab" * sealing.KEY_BYTES)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-a"))
    sealing.secret.cache_clear()
    sealed = sealing.seal(b"payload")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-b"))
    sealing.secret.cache_clear()
    assert sealing.unseal(sealed) == b"payload"
    monkeypatch.delenv(sealing.KEY_VARIABLE)
    sealing.secret.cache_clear()
    try:
        assert sealing.unseal(sealed) is None
    finally:
        sealing.secret.cache_clear()


def test_a_malformed_key_in_the_environment_is_named(monkeypatch: pytest.MonkeyPatch) -> None:


    monkeypatch.setenv(sealing.KEY_VARIABLE, "xyz")
    assert sealing.key_problem() == (
        "GLOSSARY_BUILD_CACHE_KEY must be 64 hex digits (e.g. from: openssl rand -hex 32)"
    )
    monkeypatch.setenv(sealing.KEY_VARIABLE, "ab" * 32)
    assert sealing.key_problem() is None
