"""``python -m glossary_build`` runs the command line."""

from glossary_build.cli import main

if __name__ == "__main__":  # not when a worker process started with "spawn" imports this module
    main()
