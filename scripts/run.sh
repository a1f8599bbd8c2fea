#!/usr/bin/env bash
# Set up (first time) and open the Evidence Vault window. Arguments, if any, are a CLI command instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/evidence-vault "${@:-gui}"
