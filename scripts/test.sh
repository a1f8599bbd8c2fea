#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Set up everything the tests need (Python packages, Debian's chromium, xvfb, poppler-utils)
# and run the whole suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --system-deps
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
