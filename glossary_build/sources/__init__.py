"""Stage 1, sources: find the entry files and read them (or trust an unchanged signature)."""
