"""The live-preview server: ``serve(builder, watch_paths=...)``.

It builds the site with the given builder, serves it from memory, watches the sources,
rebuilds after each save and tells the open pages to reload (Server-Sent Events).  A failed
build keeps the last good site and shows its errors over the page.
"""

from glossary_build.serve.server import DevServer, serve
from glossary_build.serve.types import BuildOutcome, Rebuild

__all__ = ["BuildOutcome", "DevServer", "Rebuild", "serve"]
