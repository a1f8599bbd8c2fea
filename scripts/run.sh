#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Set up (first time) and open the Evidence Vault window. Arguments, if any, are a CLI command instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/evidence-vault "${@:-gui}"
