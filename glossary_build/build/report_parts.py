"""What each file's part of a report depends on, known without looking at the findings again.

A file's findings are the findings of the entries that have some there (each
fixed by its entry key and the digest of the headings it mentions,
:class:`~glossary_build.checks.dependencies.Checked`), then the findings that
are no entry's (parse problems, glossary-wide rules), in that order: the
order a report sorts them from.  Their excerpts come from the file's own
bytes.  So the digest of those keys, those few other findings and the
file's digest names what the file's part of a report shows, once the
options and levels it is made with are added
(:class:`~glossary_build.build.results.ReportParts`).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable, Mapping, Sequence

from glossary_build.checks.dependencies import Checked
from glossary_build.core.diagnostics import Diagnostic
from glossary_build.store import codec
from glossary_build.store.encoded import paths_of


def report_keys(
    entries: Iterable[Checked], outside: Sequence[Diagnostic], files: Mapping[str, bytes]
) -> dict[str, bytes]:
    """The key of each file's findings, by path; ``files``: each entry file's digest.  A path
    that is not an entry file (an unreadable one) has none: its part is always made anew."""
    parts: dict[str, list[object]] = {}
    for checked in entries:
        for path in paths_of(checked.findings):
            parts.setdefault(path, []).append((checked.key, checked.mentioned_digest))
    for diagnostic, encoded in zip(outside, codec.encode_diagnostics(outside)):
        parts.setdefault(diagnostic.span.path, []).append(encoded)
    return {path: _hash((files[path], found)) for path, found in parts.items() if path in files}


def _hash(parts: object) -> bytes:
    return hashlib.blake2b(pickle.dumps(parts, 5), digest_size=16).digest()
