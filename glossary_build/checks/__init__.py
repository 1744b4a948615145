"""Stage 4, diagnostics: the rules that find problems in the term graph."""
