#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Set up Evidence Vault's environment in .venv at the repo root, from the locked versions.
#   scripts/setup.sh                 Python environment only
#   scripts/setup.sh --system-deps   also Debian's chromium, xvfb and poppler-utils (tests need them)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Evidence Vault needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))." >&2
  exit 4
fi

if [[ "${1:-}" == "--system-deps" ]]; then
  need=()
  command -v chromium >/dev/null || need+=(chromium)
  command -v Xvfb >/dev/null || need+=(xvfb xauth)
  command -v pdfsig >/dev/null || need+=(poppler-utils)
  command -v qpdf >/dev/null || need+=(qpdf)
  fc-list 2>/dev/null | grep -i dejavu >/dev/null || need+=(fonts-dejavu-core)  # not grep -q: with pipefail, fc-list's SIGPIPE reads as "missing"
  if ((${#need[@]})); then
    SUDO=""
    [[ $(id -u) -eq 0 ]] || SUDO="sudo"
    echo "Installing system packages: ${need[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.evidence-vault-lock.sha256
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  log=.venv/install.log
  echo "Installing Evidence Vault's Python packages into .venv (first run takes a few minutes)…"
  if ! { .venv/bin/python -m pip install -q --upgrade pip &&
         .venv/bin/python -m pip install -q -r requirements.lock &&
         .venv/bin/python -m pip install -q --no-deps -e . ; } >"$log" 2>&1 ||
     ! .venv/bin/python -c 'import evidence_vault, PySide6, playwright, pdqhash, pyhanko' 2>>"$log"; then
    grep -v '^WARNING: Location' "$log" | tail -40 >&2
    echo "Installing Evidence Vault's Python packages failed (details above, full log in $log)." >&2
    exit 4
  fi
  echo "$want" > "$stamp"
fi
