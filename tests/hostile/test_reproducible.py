"""Reproducible output: the same sources give the same bytes, whatever the machine says.

The sources (the sample glossary, the hostile entries, case twins, raw HTML
with many attributes, see-also lists in odd orders) are copied into fresh
folders in different orders and with different modification times, and
built through the CLI under different ``LC_ALL``, ``TZ``, ``PYTHONHASHSEED``
and ``SOURCE_DATE_EPOCH``.  Every build must be byte-identical.  Dates may
come only from the sources or ``SOURCE_DATE_EPOCH``: today's date appears in
no output file.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

import pytest

from tests.support import ROOT, run_cli

from .support import snapshot
from .test_injection import LINKS, RAW_HTML, TITLES

EXTRA = {
    "raw.md": RAW_HTML,
    "links.md": LINKS,
    "titles.md": TITLES,
    "twins.md": "".join(
        f"## {i} {{#{i} .term}}\n\nSee [{j}](#{j}).\n\n### Siehe auch {{.seealso}}\n\n"
        + " |\n".join(f"[{k}](#{k})" for k in ("XAI", "xAI", "Xai", "b", "a", "Index")) + "\n\n----\n\n"
        for i, j in [("XAI", "xAI"), ("xAI", "Xai"), ("Xai", "XAI"), ("b", "a"), ("a", "b")]
    ),
    "attrs.md": (
        "## Attrs {#Attrs .term .z .a .m data-z=1 data-a=2 lang=de title=t dir=ltr}\n\n"
        '<span data-z="1" data-a="2" data-m="3" title="t" lang="de" class="c b a" id="s" dir="rtl" '
        'aria-label="l" role="note">x</span> <input type="text" checked disabled> '
        '<td style="text-align: left; color: red">c</td> <ol reversed start=3 type=a><li value=2>x</li></ol>\n'
    ),
    "sub/deeper/nested.md": "## Nested {#Nested .term}\n\n[XAI](#XAI) [Attrs](#Attrs) [missing](#Missing)\n",
}


def _sources() -> dict[str, bytes]:
    files = {
        f"entries/{path.relative_to(ROOT / 'entries').as_posix()}": path.read_bytes()
        for path in sorted((ROOT / "entries").rglob("*.md"))
    }
    files.update({f"entries/{name}": text.encode() for name, text in EXTRA.items()})
    files["glossary.yml"] = b"title: Reproduzierbar\nbase_url: https://example.org/g/\n"
    return files


def _copy(files: dict[str, bytes], folder: Path, order: list[str], mtime: float) -> Path:
    for name in order:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[name])
        os.utime(path, (mtime, mtime))
    return folder


ENVIRONMENTS = [
    {"LC_ALL": "C", "TZ": "UTC", "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": "1700000000"},
    {"LC_ALL": "C.UTF-8", "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "4242", "SOURCE_DATE_EPOCH": "1700000000"},
    {"LC_ALL": "POSIX", "TZ": "America/St_Johns", "PYTHONHASHSEED": "random", "LANG": "de_DE.UTF-8",
     "SOURCE_DATE_EPOCH": "1700000000"},
]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, bytes | str]]:
    files = _sources()
    names = sorted(files)
    orders = [names, names[::-1], random.Random(7).sample(names, len(names))]
    results = []
    for number, (order, env) in enumerate(zip(orders, ENVIRONMENTS)):
        folder = _copy(files, tmp_path_factory.mktemp(f"repro{number}"), order, 1_000_000_000 + number * 86_400_007)
        result = run_cli("build", cwd=folder, env=env)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        results.append(snapshot(folder / "site"))
    return results


def test_builds_are_byte_identical(builds: list[dict[str, bytes | str]]) -> None:
    first = builds[0]
    assert len(first) > 40
    for other in builds[1:]:
        assert sorted(other) == sorted(first)
        differing = [path for path in first if first[path] != other[path]]
        assert differing == []


def test_a_rebuild_in_place_is_identical(tmp_path: Path) -> None:
    files = _sources()
    folder = _copy(files, tmp_path, sorted(files), 1_500_000_000)
    assert run_cli("build", cwd=folder).returncode == 0
    first = snapshot(folder / "site")
    for path in (folder / "entries").rglob("*.md"):
        os.utime(path, None)  # touched now
    assert run_cli("build", cwd=folder, env={"PYTHONHASHSEED": "99"}).returncode == 0
    assert snapshot(folder / "site") == first


def test_no_date_of_today_and_dates_only_from_source_date_epoch(tmp_path: Path) -> None:
    files = _sources()
    sites = {}
    for epoch in ("0", "1000000000", None):
        folder = _copy(files, tmp_path / f"epoch-{epoch}", sorted(files), 1_200_000_000)
        env = {"SOURCE_DATE_EPOCH": epoch} if epoch is not None else {}
        if epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        result = run_cli("build", cwd=folder, env=env)
        assert result.returncode == 0, result.stderr
        sites[epoch] = snapshot(folder / "site")
    today = {time.strftime("%Y-%m-%d"), time.strftime("%d.%m.%Y"), time.strftime("%Y%m%d")}
    for epoch, site in sites.items():
        for path, content in site.items():
            text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
            assert not any(day in text for day in today), (epoch, path)
    # Two epochs may differ only on lines that name their dates.
    early, late = sites["0"], sites["1000000000"]
    assert sorted(early) == sorted(late)
    for path in early:
        if early[path] != late[path]:
            lines = zip(_lines(early[path]), _lines(late[path]), strict=True)
            for a, b in lines:
                assert a == b or ("1970" in a and "2001" in b), (path, a, b)
    shutil.rmtree(tmp_path, ignore_errors=True)


def _lines(content: bytes | str) -> list[str]:
    return (content.decode("utf-8", "replace") if isinstance(content, bytes) else content).splitlines()
