#!/usr/bin/env bash
# Set up everything the tests need (Python packages, Debian's chromium, xvfb, poppler-utils)
# and run the whole suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --system-deps
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
