#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Set up Evidence Vault's environment in .venv at the repo root, from the locked versions.
#   scripts/setup.sh                 Python environment only
#   scripts/setup.sh --system-deps   also Debian's chromium, xvfb and poppler-utils (tests need them)
# Either way, on Linux it installs the system libraries that the window (Qt's X11 plugin) lacks.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Evidence Vault needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))." >&2
  exit 4
fi

SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO="sudo"
apt_updated=""
apt_install() {  # apt-get's chatter goes to a log, shown only if it fails
  if [[ -n $SUDO ]] && ! command -v sudo >/dev/null; then
    echo "Installing system packages needs root. As root, run: apt-get install $*" >&2
    exit 4
  fi
  local log
  log=$(mktemp)
  if ! { [[ -n $apt_updated ]] || $SUDO apt-get update -qq; } >"$log" 2>&1 ||
     ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >>"$log" 2>&1; then
    tail -20 "$log" >&2
    rm -f "$log"
    echo "Installing $* with apt-get failed (details above)." >&2
    exit 4
  fi
  rm -f "$log"
  apt_updated=1
}

if [[ "${1:-}" == "--system-deps" ]]; then
  need=()
  command -v chromium >/dev/null || need+=(chromium)
  command -v Xvfb >/dev/null || need+=(xvfb xauth)
  command -v pdfsig >/dev/null || need+=(poppler-utils)
  command -v qpdf >/dev/null || need+=(qpdf)
  fc-list 2>/dev/null | grep -i dejavu >/dev/null || need+=(fonts-dejavu-core)  # not grep -q: with pipefail, fc-list's SIGPIPE reads as "missing"
  if ((${#need[@]})); then
    echo "Installing system packages: ${need[*]}"
    apt_install "${need[@]}"
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
     ! .venv/bin/python -c 'import evidence_vault, PySide6, playwright, pdqhash, pyhanko, elftools' 2>>"$log"; then
    grep -v '^WARNING: Location' "$log" | tail -40 >&2
    echo "Installing Evidence Vault's Python packages failed (details above, full log in $log)." >&2
    exit 4
  fi
  echo "$want" > "$stamp"
fi

# The window: Qt's X11 (xcb) platform plugin needs system libraries that PySide6 does not carry
# and that a desktop may lack. Read what the plugin needs from the plugin itself and install
# the packages of the missing ones (evidence_vault/desktop_libraries.py).
if [[ $(uname -s) == Linux ]]; then
  missing=$(.venv/bin/python -m evidence_vault.desktop_libraries)
  if [[ -n $missing ]]; then
    libraries=$(awk '{print $1}' <<<"$missing" | tr '\n' ' ')
    packages=$(awk '$2 != "?" {print $2}' <<<"$missing" | sort -u | tr '\n' ' ')
    if [[ ! -x $(command -v apt-get || true) ]] || grep -q ' ?$' <<<"$missing"; then
      echo "The Evidence Vault window needs these system libraries, which this computer lacks: ${libraries% }." >&2
      echo "Install them with your system's package manager, then run this again." >&2
      exit 4
    fi
    echo "Installing ${packages% } (system libraries the Evidence Vault window needs to draw on the screen; missing: ${libraries% })"
    apt_install $packages
    still=$(.venv/bin/python -m evidence_vault.desktop_libraries)
    if [[ -n $still ]]; then
      echo "Still missing after installing ${packages% }: $(awk '{print $1}' <<<"$still" | tr '\n' ' ')" >&2
      exit 4
    fi
  fi
fi
