"""The glossary language server: diagnostics, completion, navigation, rename and quick fixes
for entry files while they are edited, over the library's own parser, graph and checks.

``glossary-build lsp`` starts it on stdin/stdout (:mod:`glossary_build.lsp.server`).
"""
