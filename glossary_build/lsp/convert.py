"""The library's values as LSP values: paths as URIs, spans as ranges, findings as diagnostics."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls import uris

from glossary_build.core.diagnostics import Diagnostic, Severity, Span
from glossary_build.lsp.positions import Lines
from glossary_build.lsp.source import Place
from glossary_build.lsp.workspace import GlossaryState

SOURCE = "glossary-build"
"""The ``source`` of every diagnostic (editors show it next to the code)."""

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


class Converter:
    """Converts for one glossary and the position encoding agreed with the client."""

    def __init__(self, state: GlossaryState, encoding: str) -> None:
        self.state = state
        self.encoding = encoding

    def uri(self, path: str) -> str:
        """The URI of glossary path ``path``."""
        return uris.from_fs_path(str(self.state.file_of(path))) or path

    def path(self, uri: str) -> str | None:
        """The glossary path of ``uri``, when it names an entry file."""
        file = uris.to_fs_path(uri)
        return self.state.path_of(Path(file)) if file else None

    def lines(self, path: str) -> Lines:
        """The current lines of ``path``, for converting positions."""
        return Lines(self.state.lines(path), self.encoding)

    def range(self, span: Span) -> types.Range:
        """The range of ``span``: to its end when known, else to the end of its first line."""
        lines = self.lines(span.path)
        start = lines.position(span.line, span.column)
        if span.end_line is not None and span.end_column is not None:
            end = lines.position(span.end_line, span.end_column)
        else:
            end = lines.line_end(span.line)
        if (end.line, end.character) <= (start.line, start.character):
            end = lines.position(span.line, span.column + 1)
        return types.Range(start=start, end=end)

    def place(self, path: str, place: Place) -> types.Range:
        """The range of ``place`` in ``path``."""
        return self.lines(path).range(place.line, place.start, place.end)

    def location(self, span: Span) -> types.Location:
        """Where ``span`` is, as a location."""
        return types.Location(uri=self.uri(span.path), range=self.range(span))

    def diagnostic(self, finding: Diagnostic) -> types.Diagnostic:
        """``finding`` with the code, message and position ``check`` reports; the places it names
        (the first definition, ...) as related information, and its hint last, at its own place."""
        related = [
            types.DiagnosticRelatedInformation(location=self.location(r.span), message=r.message)
            for r in finding.related
        ]
        if finding.hint:
            related.append(types.DiagnosticRelatedInformation(location=self.location(finding.span), message=finding.hint))
        data = {"hint": finding.hint, **dict(finding.data)} if finding.hint else dict(finding.data)
        return types.Diagnostic(
            range=self.range(finding.span),
            message=finding.message,
            severity=SEVERITIES[finding.severity],
            code=finding.code,
            source=SOURCE,
            related_information=related or None,
            data=data or None,
        )
