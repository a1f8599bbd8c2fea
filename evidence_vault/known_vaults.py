# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The vault folders this user has opened on this computer (folders only, never secrets).

Why: a new terminal without ``EVIDENCE_VAULT_DIR`` used to answer "there is no vault", which a
frightened user reads as "your evidence is gone". Remembering where vaults were opened lets
the message say "no vault has been made *here*; you opened these before". The list lives in
the per-user config folder (paths.default_config_dir), one JSON file of folder paths; the
CLI and the desktop app use this module alike.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .paths import default_config_dir

FILE_NAME = "known-vaults.json"
MAX_REMEMBERED = 20


def _file(config_dir: Path | None) -> Path:
    return Path(config_dir if config_dir is not None else default_config_dir()) / FILE_NAME


def known(*, config_dir: Path | None = None) -> list[Path]:
    """Folders remembered, most recently opened first. A missing or unreadable file is an
    empty list: this is a convenience, never a reason to stop someone reaching their vault."""
    try:
        data = json.loads(_file(config_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    folders = data.get("folders") if isinstance(data, dict) else None
    return [Path(f) for f in folders if isinstance(f, str)] if isinstance(folders, list) else []


def remember(folder: Path, *, config_dir: Path | None = None) -> bool:
    """Put ``folder`` first in the list. Returns False (and changes nothing) when the config
    folder cannot be written; the vault itself is unaffected either way."""
    folder = Path(folder).expanduser().resolve()
    folders = [folder] + [f for f in known(config_dir=config_dir) if f != folder]
    target = _file(config_dir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"folders": [str(f) for f in folders[:MAX_REMEMBERED]]}, indent=2),
                       encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        return False
    return True


def no_vault_here(folder: Path, *, config_dir: Path | None = None) -> str:
    """What to say when there is no vault at ``folder``: not "gone", but "not made here yet",
    the vaults opened before on this computer, and how to point at one."""
    folder = Path(folder)
    others = [f for f in known(config_dir=config_dir) if f != folder.expanduser().resolve()]
    text = f"No vault has been made in {folder} yet."
    if others:
        text += (" Vaults opened before on this computer: " + "; ".join(str(f) for f in others[:5])
                 + ". To use one, give --vault FOLDER or set EVIDENCE_VAULT_DIR to it.")
    else:
        text += (" If your vault is in another folder, give --vault FOLDER or set EVIDENCE_VAULT_DIR "
                 "to it; to make a new one here, run 'evidence-vault init'.")
    return text
