"""Turn a glossary folder into a minimal Hugo site, the benchmark's baseline.

    python benchmarks/hugo_site.py GLOSSARY_DIR SITE_DIR [--build OUT_DIR]

Every ``entries/**.md`` file becomes one content page (same relative path) with
front matter whose title is the file's first entry heading.  The config turns
on Goldmark's heading attributes (``{#Id .class}``) and raw HTML, and the
layouts render ``.Title`` and ``.Content`` in a small HTML skeleton: about the
least work a static site generator can do with these files.  Taxonomies and
RSS are switched off, since a glossary has neither.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

HUGO = "hugo"
"""The Hugo binary (``/usr/bin/hugo`` on Debian)."""

CONFIG = """\
baseURL = "/"
languageCode = "de"
title = {title}
disableKinds = ["taxonomy", "term", "RSS"]

[markup.goldmark.parser]
autoHeadingID = true

[markup.goldmark.parser.attribute]
title = true

[markup.goldmark.renderer]
unsafe = true
"""

SKELETON = """\
<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
{{ .Content }}
</main>
</body>
</html>
"""

LAYOUTS = ("_default/single.html", "_default/list.html", "index.html")
"""Layout files, all the same skeleton."""

_HEADING = re.compile(r"^#{2,3} (.+?) \{[^}]*\.term[^}]*\}\s*$", re.MULTILINE)


def first_title(text: str, fallback: str) -> str:
    """Plain text of the first entry heading in ``text``, or ``fallback``."""
    match = _HEADING.search(text)
    if not match:
        return fallback
    return re.sub(r"[*_`]", "", match.group(1)).strip()


def site_title(glossary: Path) -> str:
    """The ``title:`` of ``glossary.yml`` (read without a YAML parser)."""
    config = glossary / "glossary.yml"
    if config.is_file():
        for line in config.read_text(encoding="utf-8").splitlines():
            if line.startswith("title:"):
                return line.split(":", 1)[1].strip().strip("\"'")
    return glossary.name


def write_site(glossary: Path, site: Path) -> int:
    """(Re)write ``site`` from ``glossary``; returns the number of content pages."""
    shutil.rmtree(site, ignore_errors=True)
    (site / "content").mkdir(parents=True)
    (site / "config.toml").write_text(
        CONFIG.format(title=json.dumps(site_title(glossary))), encoding="utf-8")
    for layout in LAYOUTS:
        path = site / "layouts" / layout
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SKELETON, encoding="utf-8")
    pages = 0
    entries = glossary / "entries"
    for source in sorted(entries.rglob("*.md")):
        text = source.read_text(encoding="utf-8")
        front = f"---\ntitle: {json.dumps(first_title(text, source.stem), ensure_ascii=False)}\n---\n\n"
        target = site / "content" / source.relative_to(entries)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(front + text, encoding="utf-8")
        pages += 1
    return pages


def hugo_command(site: Path, out: Path) -> list[str]:
    """The command line of a full, quiet Hugo build of ``site`` into ``out``."""
    return [HUGO, "--quiet", "-s", str(site), "-d", str(out.resolve())]


def build(site: Path, out: Path) -> None:
    """Build ``site`` into a fresh ``out`` (raises if Hugo fails)."""
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(hugo_command(site, out), check=True)


def main(argv: list[str] | None = None) -> int:
    """Command line: write the site, optionally build it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("glossary", type=Path, help="glossary folder (with entries/)")
    parser.add_argument("site", type=Path, help="Hugo site folder to (re)write")
    parser.add_argument("--build", type=Path, metavar="OUT_DIR", help="also build into OUT_DIR")
    args = parser.parse_args(argv)
    pages = write_site(args.glossary, args.site)
    print(f"{pages} pages -> {args.site}")
    if args.build:
        build(args.site, args.build)
        print(f"built -> {args.build}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
