# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A passphrase change in three steps, each safe to be cut short by a crash or a power cut.

The header and the database are two files, and no file system replaces two files at once.
So ``passwd`` (rotate.py) (1) writes the new header beside the old one as
``vault-header.next``; (2) commits, in one SQLite transaction, everything re-sealed under the
new data key, the new header's SHA-256 in ``meta.header_sha256`` (clear) and a
``passphrase_changed`` event recording it; (3) renames ``vault-header.next`` over
``vault-header``. On open, a staged header is used when the database says it is the current
one (step 2 committed: the rename is finished now) and deleted otherwise (step 2 never
happened). A crash at any point therefore leaves a vault that opens with exactly one of the
two passphrases.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..errors import EvidenceVaultError
from . import safefs
from .files import fsync_dir, storage_error
from .header import HEADER_NAME, ParsedHeader, read_header

STAGED_NAME = "vault-header.next"


def recorded_header_sha256(db) -> str | None:
    row = db.query("SELECT value FROM meta WHERE key='header_sha256'")
    value = row[0][0] if row else None
    return bytes(value).decode("ascii", "replace") if isinstance(value, (bytes, str)) and value else None


def resolve_staged_header(folder: Path, db, *, read_only: bool) -> ParsedHeader:
    """The current header, finishing or discarding a passphrase change cut short."""
    if safefs.lstat_kind(folder, STAGED_NAME) is not None:
        try:
            staged = read_header(folder, STAGED_NAME)
        except (EvidenceVaultError, OSError):  # a damaged staged header was never committed
            staged = None
        current = (staged is not None
                   and hashlib.sha256(staged.raw).hexdigest() == recorded_header_sha256(db))
        if read_only:
            if current:
                return staged  # type: ignore[return-value]
        else:
            try:
                if current:
                    os.replace(folder / STAGED_NAME, folder / HEADER_NAME)
                    fsync_dir(folder)
                else:
                    safefs.unlink(folder, STAGED_NAME)
            except OSError as exc:
                raise storage_error(exc, "finishing an interrupted passphrase change") from exc
    return read_header(folder)
