"""The open vault behind the window, and the one lock every writer takes.

Why a separate object: locking must drop the keys from every place at once. Views never
keep the Vault; they ask the session, and they clear themselves on ``locked``. The capture
thread writes through the same ``write_lock`` as the window, so two writes never interleave
on the vault's single SQLite connection.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from evidence_vault import UsageError, Vault, VaultLockedError

from .settings import remember_vault


class VaultSession(QObject):
    unlocked = Signal()
    locked = Signal()
    changed = Signal()  # items or cases were added/changed

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.vault: Vault | None = None
        self.folder: Path | None = None
        self.write_lock = threading.RLock()

    @property
    def is_open(self) -> bool:
        return self.vault is not None

    def require(self) -> Vault:
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
        self.vault, self.folder = vault, folder
        remember_vault(folder)
        self.unlocked.emit()

    def lock(self) -> None:
        """Close the vault (keys dropped, file lock released) and tell every view to clear."""
        with self.write_lock:
            vault, self.vault = self.vault, None
            if vault is not None:
                vault.close()
        self.locked.emit()
