# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Durable file operations and the mapping of OS errors into StorageError.

Evidence must survive a power cut at any instant: every file the vault writes goes to a
temporary name, is fsynced, renamed into place and its folder fsynced, so a reader sees the
old file or the new one and never half of either.
"""

from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import StorageError


def storage_error(exc: OSError, doing: str) -> StorageError:
    """Turn an OSError into a sentence a user can act on."""
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
        return StorageError(
            f"The disk is full, so {doing} did not happen. Nothing was lost: "
            "free some space (or choose a vault on another drive) and try again."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError(
            f"Evidence Vault is not allowed to write to the vault folder, so {doing} did not "
            "happen. Check the folder's permissions or that the drive is not read-only."
        )
    return StorageError(
        f"The computer reported a storage error ({exc.strerror or exc.__class__.__name__}), "
        f"so {doing} did not happen. Check the drive and try again."
    )


def fsync_dir(path: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory for fsync; NTFS journals renames.
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def durable_replace(target: Path, *, doing: str) -> Iterator:
    """Yield a binary file to write; on success it replaces ``target`` durably."""
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        if os.path.lexists(tmp):
            os.unlink(tmp)  # a stale temp file (or a planted link): removed, never written through
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        with open(os.open(tmp, flags, 0o600), "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise storage_error(exc, doing) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write(target: Path, data: bytes, *, doing: str = "saving the vault header") -> None:
    with durable_replace(target, doing=doing) as handle:
        handle.write(data)
