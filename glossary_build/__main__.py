"""``python -m glossary_build`` runs the command line."""

from .cli import main

main()
