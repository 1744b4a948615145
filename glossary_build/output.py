"""Write a rendered site to its output folder, all at once.

The site is written to a temporary folder next to the output and renamed
into place only when complete, so a failed build leaves the previous site.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

MARKER = ".glossary-build-site"


class OutputError(Exception):
    """The output folder cannot be used."""


def write_site(files: Mapping[str, bytes | None], out_dir: Path, *, glossary_dir: Path, entries_dir: Path) -> None:
    """Write ``files`` (site-relative path -> bytes) as the new content of ``out_dir``."""
    out_dir = out_dir.resolve()
    if out_dir in (glossary_dir.resolve(), entries_dir.resolve(), Path.home(), Path("/")):
        raise OutputError(f"refusing to write the site into {out_dir}")
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise OutputError(f"{out_dir} is not empty and was not made by glossary-build; not touching it")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for path, data in files.items():
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data if data is not None else (out_dir / path).read_bytes())
        (staging / MARKER).write_text("made by glossary-build\n", encoding="utf-8")
        old = out_dir.with_name(f".{out_dir.name}.old")
        if out_dir.exists():
            shutil.rmtree(old, ignore_errors=True)
            out_dir.rename(old)
        staging.rename(out_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
