#!/bin/sh
# Installs what the tests need and runs them: the one test command of the README.
set -eu
cd "$(dirname "$0")/.."
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  # Debian programs the tests drive: Pandoc 2 (the tests prefer the Pandoc 3
  # of pypandoc-binary), Chromium for browser tests, Java for the HTML checker.
  missing=""
  for program in pandoc chromium java; do
    command -v "$program" >/dev/null 2>&1 || missing="$missing $program"
  done
  if [ -n "$missing" ]; then
    apt-get update -qq
    apt-get install -y -qq pandoc chromium default-jre-headless >/dev/null
  fi
fi
python3 -m pip install -q -e '.[test]'
python3 -m pytest "$@"
