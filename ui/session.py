# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The open vault behind the window, and the one lock every writer takes.

Why a separate object: locking must drop the keys from every place at once. Views never
keep the Vault; they ask the session, and they clear themselves on ``locked``. Every call on
the vault goes through ``LockedVault``, so the window, the capture thread and the thumbnail
decoders never overlap on the vault's single SQLite connection.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from evidence_vault import UsageError, Vault, VaultLockedError

from .settings import remember_vault


class LockedVault:
    """The open Vault, with every method call made under the session's lock.

    The vault has one SQLite connection; the window, the capture thread and the thumbnail
    decoders all use it, and locking closes it. Serialising each call here means no call can
    overlap another or run on a connection that is being closed.
    """

    def __init__(self, vault: Vault, lock: threading.RLock) -> None:
        self._vault, self._lock = vault, lock

    def __getattr__(self, name: str):
        value = getattr(self._vault, name)
        if not callable(value):
            return value
        lock = self._lock

        def locked(*args, **kwargs):
            with lock:
                return value(*args, **kwargs)
        return locked


class VaultSession(QObject):
    unlocked = Signal()
    locked = Signal()
    changed = Signal()  # items or cases were added/changed

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.vault: LockedVault | None = None
        self.folder: Path | None = None
        self.write_lock = threading.RLock()

    @property
    def is_open(self) -> bool:
        return self.vault is not None

    def require(self) -> LockedVault:
        if self.vault is None:
            raise VaultLockedError("The vault is locked. Unlock it to continue.")
        return self.vault

    def create(self, folder: Path, passphrase: str, *, name: str, role: str) -> str:
        """Create and open a vault; returns the recovery key (to be shown once)."""
        if not name.strip():
            raise UsageError("Please give your name: it is sealed into the vault as its owner.")
        vault, recovery = Vault.create(Path(folder), passphrase, owner_name=name.strip(),
                                       owner_role=role.strip())
        self._opened(vault, Path(folder))
        return recovery

    def unlock(self, folder: Path, *, passphrase: str | None = None, recovery_key: str | None = None) -> None:
        if self.vault is not None:
            self.lock()
        vault = Vault.open(Path(folder), passphrase, recovery_key=recovery_key)
        self._opened(vault, Path(folder))

    def _opened(self, vault: Vault, folder: Path) -> None:
        self.vault, self.folder = LockedVault(vault, self.write_lock), folder
        remember_vault(folder)
        self.unlocked.emit()

    def lock(self) -> None:
        """Close the vault (keys dropped, file lock released) and tell every view to clear."""
        with self.write_lock:
            vault, self.vault = self.vault, None
            if vault is not None:
                vault.close()
        self.locked.emit()
