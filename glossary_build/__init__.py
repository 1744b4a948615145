"""glossary-build: a static site generator for Pandoc-style Markdown glossaries.

The pipeline, one direction of data::

    sources -> entries -> term graph -> diagnostics -> pages -> output

:func:`glossary_build.build.pipeline.check` runs it up to the diagnostics,
:func:`glossary_build.build.pipeline.build` all the way.
"""

__version__ = "0.1.0"
