#!/bin/sh
# Installs what the tests need, runs ruff and mypy, then the tests: the one test command of the README.
set -eu
cd "$(dirname "$0")/.."
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  # Debian programs the tests drive: Pandoc 2 (the tests prefer the Pandoc 3
  # of pypandoc-binary), Chromium for browser tests, Java for the HTML checker,
  # Graphviz for the DOT output.
  missing=""
  for program in pandoc chromium java dot; do
    command -v "$program" >/dev/null 2>&1 || missing="$missing $program"
  done
  if [ -n "$missing" ]; then
    apt-get update -qq
    apt-get install -y -qq pandoc chromium default-jre-headless graphviz >/dev/null
  fi
fi
python3 -m pip install -q -e '.[test]'
# The site tests' HTML checker (vnu-jar) and axe-core, from npm into tests/site/node_modules.
if command -v npm >/dev/null 2>&1 && [ ! -f tests/site/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  npm install --prefix tests/site --no-audit --no-fund --silent || echo "npm install failed: the HTML and axe checks will be skipped" >&2
fi
# Lint and types first: either one failing fails the run (set -e).
python3 -m ruff check .
python3 -m mypy
python3 -m pytest "$@"
