"""The vault's SQLite database: schema, connection settings, and SQLite error mapping.

Only ids, sequence numbers, kinds, states, sizes and hashes sit in clear; every other value
is an AES-GCM sealed BLOB (see ``FieldCipher``). The ledger (``events``) is the source of
truth; ``cases``, ``items`` and ``artefacts`` are a projection of it that ``verify`` rebuilds
and compares. Writes run in explicit ``BEGIN IMMEDIATE`` transactions on one connection.

SQLite errors are sorted, as qutebrowser does, into "the environment did this" (disk full,
locked, corrupt: a clear message) and everything else (a bug: it propagates).
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlite_utils

from ..errors import IntegrityError, StorageError, VaultLockedError

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


def map_sqlite_error(exc: sqlite3.Error, doing: str) -> Exception:
    """Environment errors become EvidenceVaultErrors; anything else is returned unchanged."""
    text = str(exc).lower()
    if isinstance(exc, sqlite3.OperationalError):
        if "locked" in text or "busy" in text:
            return VaultLockedError(
                f"The vault database is busy in another program, so {doing} did not happen. "
                "Close other Evidence Vault windows and try again."
            )
        if "full" in text:
            return StorageError(
                f"The disk is full, so {doing} did not happen. Nothing was lost: free some "
                "space and try again."
            )
        if "disk i/o" in text or "readonly" in text or "unable to open" in text:
            return StorageError(
                f"The vault database could not be read or written ({exc}), so {doing} did "
                "not happen. Check the drive and its permissions."
            )
    if isinstance(exc, sqlite3.DatabaseError) and (
        "malformed" in text or "not a database" in text or "no such table" in text
        or "no such column" in text
    ):
        return IntegrityError(
            "The vault's database file is damaged or has been replaced, so the vault cannot "
            "be trusted as it is. Keep a copy of the folder and ask for help.",
            [f"database: {exc}"],
        )
    return exc


class Database:
    """One write connection, WAL, FULL sync (evidence outlives a power cut), secure delete."""

    def __init__(self, folder: Path, *, create: bool) -> None:
        path = folder / DB_NAME
        if not create and not path.is_file():
            raise IntegrityError(
                "The vault's database file is missing, so its evidence cannot be listed or "
                "checked. Restore the folder from a backup.",
                ["database: ledger.db is missing"],
            )
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA secure_delete=ON")  # crypto-shredded keys leave no trace
            conn.execute("PRAGMA foreign_keys=ON")
            if create:
                conn.executescript(SCHEMA)
            else:
                conn.execute("SELECT count(*) FROM events").fetchone()
        except sqlite3.Error as exc:
            raise map_sqlite_error(exc, "opening the vault") from exc
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
