"""Where things live by default. Paths are computed here and passed in, never read as globals,
so tests (and a school's IT team) can point everything at another folder."""

from __future__ import annotations

import os
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


def app_temp_root(vault_dir: Path) -> Path:
    """The app's own temporary folder, beside the vault: the browser's profile lives here and
    is removed after use (and after a crash, on the next start). Never holds plaintext evidence."""
    return vault_dir.parent / f".{vault_dir.name}-tmp"
