# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A real vault holding one case, 'Case One', for the capture tests that file what they capture,
and the real command line run on such a vault in a subprocess, as a teacher runs it.

Shared by the error-page and re-capture tests (conftest.py's ``vault`` fixture opens one); the
browser the command line starts is the tests' own Chromium (capture_site.CHROMIUM).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from evidence_vault import Vault

from capture_site import CHROMIUM

PASS = "capture test passphrase"


def case_one_vault(folder: Path) -> Vault:
    """A new vault in ``folder`` with the case 'Case One', left open (the caller closes it)."""
    vault, _ = Vault.create(folder, PASS, owner_name="T", owner_role="Teacher")
    vault.add_case("Case One")
    return vault


def case_one_folder(folder: Path) -> Path:
    """A new vault in ``folder`` with the case 'Case One', closed, for the command line to open."""
    case_one_vault(folder).close()
    return folder


def run_cli(folder: Path, *args: str, tz: str | None = None) -> subprocess.CompletedProcess:
    """``evidence-vault --vault FOLDER ARGS…`` in a subprocess with the passphrase and browser set
    (and ``TZ`` when given, for words that print a local time)."""
    env = {**os.environ, "EVIDENCE_VAULT_PASSPHRASE": PASS, "EVIDENCE_VAULT_BROWSER": str(CHROMIUM),
           **({"TZ": tz} if tz else {})}
    return subprocess.run([sys.executable, "-m", "evidence_vault.cli.main", "--vault", str(folder), *args],
                          capture_output=True, text=True, env=env, timeout=180)
