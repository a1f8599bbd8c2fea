"""One process at a time per vault.

Two programs writing the same ledger would interleave events and break the chain, so the
vault holds an OS-level exclusive lock on ``<vault>/lock`` for as long as it is open. The OS
releases it when the process dies (even by SIGKILL), so a crash never leaves a stale lock.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import VaultLockedError
from .files import storage_error

LOCK_NAME = "lock"

if os.name == "nt":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False


class VaultLock:
    """An exclusive lock held for the lifetime of an open vault."""

    def __init__(self, folder: Path) -> None:
        self._path = folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise storage_error(exc, "opening the vault") from exc
        if not _try_lock(fd):
            with open(fd, "rb", closefd=True) as handle:
                holder = handle.read(32).decode("ascii", "replace").strip()
            who = f" (process {holder})" if holder.isdigit() else ""
            raise VaultLockedError(
                f"This vault is already open in another Evidence Vault window or command{who}. "
                "Close that one first, then try again. Nothing has been changed."
            )
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())  # only to name the holder in the message above
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None
