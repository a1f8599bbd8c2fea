# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""One process at a time per vault.

Two programs writing the same ledger would interleave events and break the chain, so the
vault holds an OS-level exclusive lock on ``<vault>/lock`` for as long as it is open. The OS
releases it when the process dies (even by SIGKILL), so a crash never leaves a stale lock.
``lock`` is opened without following a link (safefs.py): a ``lock`` that is a link to a user's
file must never truncate that file. A read-only opening (``verify``) takes a shared lock if it
can and carries on without one on read-only media, where nothing can write anyway.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import IntegrityError, VaultLockedError
from . import safefs
from .files import storage_error

LOCK_NAME = "lock"

if os.name == "nt":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _try_lock(fd: int, shared: bool = False) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBRLCK if shared else msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

else:
    import fcntl

    def _try_lock(fd: int, shared: bool = False) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False


class VaultLock:
    """An exclusive lock held for the lifetime of an open vault."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._fd: int | None = None

    def _open(self, flags: int) -> int:
        try:
            return safefs.open_file(self._folder, LOCK_NAME, flags, 0o600)
        except safefs.NotARegularFile as exc:
            raise IntegrityError(
                f"The vault's lock file has been replaced by {exc.what}, so the vault was not "
                "opened and nothing was changed. Keep a copy of the folder and ask for help.",
                [f"lock: it is {exc.what}, not a file"],
            ) from None

    def acquire_shared(self) -> None:
        """For a read-only opening: a shared lock where the OS allows one, else none."""
        try:
            fd = self._open(os.O_RDONLY)
        except OSError:
            return  # no lock file (read-only media, a copy without it): nothing writes here
        if not _try_lock(fd, shared=True):
            os.close(fd)
            raise VaultLockedError(
                "This vault is already open in another Evidence Vault window or command, which "
                "may be changing it. Close that one first, then check it again. Nothing has been "
                "changed."
            )
        self._fd = fd

    def acquire(self) -> None:
        try:
            fd = self._open(os.O_RDWR | os.O_CREAT)
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
