# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The vault's SQLite database: schema, connection settings, and SQLite error mapping.

Only ids, sequence numbers, kinds, states, sizes and hashes sit in clear; every other value
is an AES-GCM sealed BLOB (see ``FieldCipher``). The ledger (``events``) is the source of
truth; ``cases``, ``items`` and ``artefacts`` are a projection of it that ``verify`` rebuilds
and compares. Writes run in explicit ``BEGIN IMMEDIATE`` transactions on one connection.

SQLite errors are sorted by result code, as qutebrowser does, into "the environment did this"
(disk full, locked, corrupt: a clear message) and everything else (a bug: it propagates).
The schema is checked on every open: a trigger the format does not define refuses the open.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlite_utils

from ..errors import IntegrityError, StorageError, VaultLockedError
from . import safefs
from .files import storage_error

DB_NAME = "ledger.db"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS checkpoints (
    seq INTEGER PRIMARY KEY, head_hash TEXT NOT NULL, at TEXT NOT NULL, signature BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS cases (
    id INTEGER PRIMARY KEY, lookup TEXT NOT NULL UNIQUE, name BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id), kind TEXT NOT NULL,
    state TEXT NOT NULL, seq INTEGER NOT NULL, info BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS items_case ON items(case_id);
CREATE TABLE IF NOT EXISTS artefacts (
    id TEXT PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES items(id), role TEXT NOT NULL,
    sha256 TEXT NOT NULL, size INTEGER NOT NULL, blob_key BLOB, held_key BLOB, info BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS artefacts_item ON artefacts(item_id);
CREATE TABLE IF NOT EXISTS pending_blobs (id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS blocklists (
    id INTEGER PRIMARY KEY, name BLOB NOT NULL, content BLOB NOT NULL);
"""


_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_STORAGE = {sqlite3.SQLITE_IOERR, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN,
            sqlite3.SQLITE_PERM, sqlite3.SQLITE_NOLFS, sqlite3.SQLITE_AUTH}
_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT}


def map_sqlite_error(exc: sqlite3.Error, doing: str) -> Exception:
    """Environment errors become EvidenceVaultErrors; anything else is returned unchanged.

    Sorted by SQLite's own result code, never by message text: "no such table" or a syntax
    error is our SQL going wrong (a bug, which must surface), not tampering. A table missing
    from a tampered file is caught before any query by ``check_schema``."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in _BUSY:
        return VaultLockedError(
            f"The vault database is busy in another program, so {doing} did not happen. "
            "Close other Evidence Vault windows and try again."
        )
    if code == sqlite3.SQLITE_FULL:
        return StorageError(
            f"The disk is full, so {doing} did not happen. Nothing was lost: free some "
            "space and try again."
        )
    if code in _STORAGE:
        return StorageError(
            f"The vault database could not be read or written ({exc}), so {doing} did "
            "not happen. Check the drive and its permissions."
        )
    if code in _DAMAGED:
        return IntegrityError(
            "The vault's database file is damaged or has been replaced, so the vault cannot "
            "be trusted as it is. Keep a copy of the folder and ask for help.",
            [f"database: {exc}"],
        )
    return exc


def expected_schema() -> dict[tuple[str, str], str | None]:
    """(type, name) -> SQL of every table and index the format defines (and SQLite's own
    automatic indexes, whose SQL is NULL), read back from a database built from SCHEMA."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(SCHEMA)
        return {(t, n): sql for t, n, sql in conn.execute("SELECT type, name, sql FROM sqlite_master")}
    finally:
        conn.close()


_EXPECTED = expected_schema()


def schema_problems(conn: sqlite3.Connection) -> list[str]:
    """Every trigger, view, table or index that the format does not define, changed or missing.

    A trigger runs on our own writes (one could copy keys aside before ``destroy``), so any
    object beyond the format is a finding, and a trigger also stops the vault opening."""
    found = {(t, n): sql for t, n, sql in conn.execute("SELECT type, name, sql FROM sqlite_master")}
    problems = []
    for (kind, name), sql in sorted(found.items()):
        if (kind, name) not in _EXPECTED:
            problems.append(f"schema: unknown {kind} '{name}' (not part of the vault format; added)")
        elif _EXPECTED[(kind, name)] != sql:
            problems.append(f"schema: {kind} '{name}' differs from the vault format (altered)")
    for kind, name in sorted(set(_EXPECTED) - set(found)):
        problems.append(f"schema: {kind} '{name}' is missing (removed)")
    return problems


def _refuse_unsafe_schema(conn: sqlite3.Connection) -> None:
    problems = schema_problems(conn)
    blocking = [p for p in problems if "unknown trigger" in p or "is missing" in p]
    if blocking:
        raise IntegrityError(
            "The vault's database has been altered (it holds instructions or lacks tables the "
            "vault does not define), so it was not opened and nothing was changed. Keep a copy "
            "of the folder and ask for help.", blocking,
        )


def _ro_uri(path: Path, folder: Path) -> str:
    """``mode=ro``; ``immutable=1`` as well unless a write-ahead log waits to be read in a
    writable folder (immutable makes SQLite skip both the log and its shared-memory file,
    so on read-only media nothing is created, locked or changed)."""
    wal = path.with_name(path.name + "-wal")
    pending_log = wal.is_file() and wal.stat().st_size > 0 and os.access(folder, os.W_OK)
    return f"{path.resolve().as_uri()}?mode=ro" + ("" if pending_log else "&immutable=1")
class Database:
    """One write connection, WAL, FULL sync (evidence outlives a power cut), secure delete."""

    def __init__(self, folder: Path, *, create: bool, read_only: bool = False) -> None:
        path = folder / DB_NAME
        kind = safefs.lstat_kind(folder, DB_NAME)
        if not create and kind is None:
            raise IntegrityError(
                "The vault's database file is missing, so its evidence cannot be listed or "
                "checked. Restore the folder from a backup.",
                ["database: ledger.db is missing"],
            )
        if not create and kind != "a regular file":
            raise IntegrityError(
                f"The vault's database file has been replaced by {kind}, so the vault was not "
                "opened. Keep a copy of the folder and ask for help.",
                [f"database: ledger.db is {kind}, not a file"],
            )
        try:
            if create:  # made owner-only before SQLite sees it (its -wal/-shm copy the mode)
                os.close(safefs.open_file(folder, DB_NAME, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
            if read_only:
                conn = sqlite3.connect(_ro_uri(path, folder), uri=True, isolation_level=None,
                                       check_same_thread=False)
            else:
                conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("PRAGMA secure_delete=ON")  # crypto-shredded keys leave no trace
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA trusted_schema=OFF")
            if create:
                conn.executescript(SCHEMA)
            else:
                _refuse_unsafe_schema(conn)
        except sqlite3.Error as exc:
            raise map_sqlite_error(exc, "opening the vault") from exc
        except OSError as exc:
            raise storage_error(exc, "opening the vault") from exc
        self.conn = conn
        self.db = sqlite_utils.Database(conn)

    @contextmanager
    def transaction(self, doing: str) -> Iterator[sqlite_utils.Database]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; rolls back on any error and maps SQLite errors."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise map_sqlite_error(exc, doing) from exc
        try:
            yield self.db
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self.conn.execute("ROLLBACK")
            raise map_sqlite_error(exc, doing) from exc
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def query(self, sql: str, params: tuple | dict = (), *, doing: str = "reading the vault"):
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise map_sqlite_error(exc, doing) from exc

    def close(self) -> None:
        self.conn.close()
