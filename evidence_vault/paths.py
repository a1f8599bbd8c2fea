# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Where things live by default. Paths are computed here and passed in, never read as globals,
so tests (and a school's IT team) can point everything at another folder."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "EvidenceVault"


def default_vault_dir(env: Mapping[str, str] | None = None) -> Path:
    """$EVIDENCE_VAULT_DIR, else the platform's per-user data folder (…/EvidenceVault/vault)."""
    env = os.environ if env is None else env
    if env.get("EVIDENCE_VAULT_DIR"):
        return Path(env["EVIDENCE_VAULT_DIR"]).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "vault"


def default_config_dir(env: Mapping[str, str] | None = None) -> Path:
    """$EVIDENCE_VAULT_CONFIG_DIR, else the platform's per-user config folder (…/EvidenceVault).

    It holds what this computer remembers about vaults, never evidence or secrets: the vault
    folders this user has opened and, per vault, the last state of its history seen here (so a
    vault folder restored from an older copy can be recognised).
    """
    env = os.environ if env is None else env
    if env.get("EVIDENCE_VAULT_CONFIG_DIR"):
        return Path(env["EVIDENCE_VAULT_CONFIG_DIR"]).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_log_dir(env: Mapping[str, str] | None = None) -> Path:
    """$EVIDENCE_VAULT_LOG_DIR, else the platform's per-user log folder (…/EvidenceVault, e.g.
    ~/.local/state/EvidenceVault/log on Linux). It holds bug reports (bug_reports.py): what went
    wrong inside Evidence Vault, for the person who fixes it; never evidence, passphrases or keys."""
    env = os.environ if env is None else env
    if env.get("EVIDENCE_VAULT_LOG_DIR"):
        return Path(env["EVIDENCE_VAULT_LOG_DIR"]).expanduser()
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def driver_code_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """$EVIDENCE_VAULT_CACHE_DIR, else the platform's per-user cache folder (…/EvidenceVault),
    then ``driver-code-cache``: Node's compiled code of the browser-automation driver
    (``_browser.start_playwright``). It holds no evidence and nothing about any vault; it can
    be deleted at any time and is made again."""
    env = os.environ if env is None else env
    if env.get("EVIDENCE_VAULT_CACHE_DIR"):
        base = Path(env["EVIDENCE_VAULT_CACHE_DIR"]).expanduser()
    else:
        base = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    return base / "driver-code-cache"


def app_temp_root(vault_dir: Path, *, ram_dir: Path = Path("/dev/shm")) -> Path:
    """The app's own temporary folder: the browser's profile and temporary files live here and
    are removed after use (and after a crash, on the next start).

    Chromium writes some things to its temporary folder that we cannot stop (for a moment, the
    first bytes of a download it is about to refuse), so where the system has a RAM-backed
    folder (Linux's /dev/shm) the temporary folder goes there and such bytes never reach a
    disk. Elsewhere it sits beside the vault, owner-only.
    """
    key = hashlib.sha256(str(vault_dir.resolve()).encode()).hexdigest()[:16]
    if sys.platform.startswith("linux") and ram_dir.is_dir() and os.access(ram_dir, os.W_OK):
        return ram_dir / f"evidence-vault-{os.getuid()}" / key
    return vault_dir.parent / f".{vault_dir.name}-tmp"
