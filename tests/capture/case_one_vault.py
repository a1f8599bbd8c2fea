# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The capture tests' passphrase, and the real command line run on their vault (``vault_dir``,
a copy of the 'Case One' template in conftest.py) in a subprocess, as a teacher runs it; the
browser the command line starts is the tests' own Chromium (capture_site.CHROMIUM)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from capture_site import CHROMIUM

PASS = "capture test passphrase"


def run_cli(folder: Path, *args: str, tz: str | None = None) -> subprocess.CompletedProcess:
    """``evidence-vault --vault FOLDER ARGS…`` in a subprocess with the passphrase and browser set
    (and ``TZ`` when given, for words that print a local time)."""
    env = {**os.environ, "EVIDENCE_VAULT_PASSPHRASE": PASS, "EVIDENCE_VAULT_BROWSER": str(CHROMIUM),
           **({"TZ": tz} if tz else {})}
    return subprocess.run([sys.executable, "-m", "evidence_vault.cli.main", "--vault", str(folder), *args],
                          capture_output=True, text=True, env=env, timeout=180)
