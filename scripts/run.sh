#!/usr/bin/env bash
# Set up (first time) and launch Evidence Vault. Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/evidence-vault "${@:-status}"
