#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Set up (first time) and open the Evidence Vault window. Arguments, if any, are a CLI command instead.
# The command runs in the folder you ran this from, so relative paths (add-file photo.png,
# -o bundle.pdf, --vault my-vault) mean what they say there, not inside the project's folder.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
"$repo/scripts/setup.sh"
exec "$repo/.venv/bin/evidence-vault" "${@:-gui}"
