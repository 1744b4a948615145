"""Each entry's findings from the last check, found by entry key: in memory, else in the cache.

A process that checks again (the dev server) keeps the last check's
:class:`~glossary_build.checks.dependencies.Checked` in memory; a new one
reads them from the cache (:meth:`~glossary_build.store.cache.Cache.load_checked`),
each entry's findings decoded only when read
(:class:`~glossary_build.store.encoded.EncodedFindings`): a report of kept
parts reads none of them.  New findings are put into the cache here
and written when the loader remembers the check.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

from glossary_build.checks.dependencies import Checked
from glossary_build.store import codec
from glossary_build.store.cache import Cache
from glossary_build.store.encoded import EncodedFindings, broken_targets, related_paths, tally


class StoredChecked(Mapping[bytes, Checked]):
    """The known findings of entries by entry key (see the module docstring)."""

    def __init__(self, cache: Cache, basis: str, memory: Mapping[str, Checked]) -> None:
        """``basis``: the key the cached findings were stored under (the rules that ran, the
        code); ``memory``: the last check's findings by entry id, in this process."""
        self.cache = cache
        self.basis = basis
        self.memory = {checked.key: checked for checked in memory.values()}
        self._stored: dict[bytes, tuple[Any, ...]] | None = None

    def __getitem__(self, key: bytes) -> Checked:
        found = self.memory.get(key)
        if found is not None:
            return found
        record = self._records().get(key)
        if record is None:
            raise KeyError(key)
        mentioned, mentioned_digest, counted, related, broken = record
        read = functools.partial(self.cache.checked_findings, self.basis, key)
        return Checked(key, tuple(mentioned), mentioned_digest, EncodedFindings(counted, read, related, broken))

    def __iter__(self) -> Iterator[bytes]:
        yield from self.memory
        yield from (key for key in self._records() if key not in self.memory)

    def __len__(self) -> int:
        return sum(1 for _key in self)

    def put(self, checked: Checked) -> None:
        """Keep ``checked``, found now, for the next run (written by ``Cache.save_checked``)."""
        if self.cache.enabled:
            self._records()  # under this basis
            encoded = codec.encode_diagnostics(checked.findings)
            record = (
                checked.mentioned, checked.mentioned_digest, tally(encoded), related_paths(encoded),
                broken_targets(encoded),
            )
            self.cache.put_checked(self.basis, checked.key, record, encoded)

    def _records(self) -> dict[bytes, tuple[Any, ...]]:
        if self._stored is None:
            self._stored = self.cache.load_checked(self.basis) if self.cache.enabled else {}
        return self._stored
