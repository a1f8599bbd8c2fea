# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The safeguarding hash lists kept in the vault (``vault.hash_lists``), sealed like everything else.

A list is the police's or the safeguarding lead's file of hashes of known images (clause 71;
docs/blocklists.md); the vault keeps its parsed bytes sealed in the ``blocklists`` table and
records each change as an event that carries the list's name and SHA-256 but never a hash
from it (docs/vault-format.md). verify rebuilds the lists from those events
(checks_beyond_the_chain.check_blocklists).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from ..errors import NotFoundError, UsageError
from .db import DB_NAME


class HashLists:
    """Load, read and remove the vault's hash lists; each change is one ledger event."""

    def __init__(self, vault) -> None:
        self._vault = vault

    def add(self, name: str, content: bytes, summary: dict) -> int:
        """Keep a list (``content``: ``HashList.to_bytes()``; ``summary``: what the event
        records, counts per hash type); returns its id."""
        vault = self._vault
        if name in self.names():
            raise UsageError(f"A hash list called '{name}' is already loaded; remove it first or choose another name.")
        with vault.database.transaction("loading the hash list") as tx:
            list_id = tx.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM blocklists").fetchone()[0]
            vault._append(tx, "blocklist_added", {"list_id": list_id, "name": name, **summary,
                                                  "content_sha256": hashlib.sha256(content).hexdigest()})
            tx.execute("INSERT INTO blocklists (id, name, content) VALUES (?,?,?)",
                       (list_id, vault._seal(name.encode(), "blocklists", list_id, "name"),
                        vault._seal(content, "blocklists", list_id, "content")))
        return list_id

    def all(self) -> list[tuple[int, str, bytes]]:
        """Every list as ``(id, name, content)``, oldest first."""
        vault = self._vault
        rows = vault.database.query("SELECT id, name, content FROM blocklists ORDER BY id")
        return [(i, vault._open(n, "blocklists", i, "name").decode(), vault._open(c, "blocklists", i, "content"))
                for i, n, c in rows]

    def names(self) -> list[str]:
        """The lists' names, oldest first (their contents are not opened)."""
        vault = self._vault
        return [vault._open(n, "blocklists", i, "name").decode()
                for i, n in vault.database.query("SELECT id, name FROM blocklists ORDER BY id")]

    def remove(self, name: str) -> None:
        vault = self._vault
        match = [i for i, n in vault.database.query("SELECT id, name FROM blocklists ORDER BY id")
                 if vault._open(n, "blocklists", i, "name").decode() == name]
        if not match:
            raise NotFoundError(f"There is no hash list called '{name}'.")
        with vault.database.transaction("removing the hash list") as tx:
            vault._append(tx, "blocklist_removed", {"list_id": match[0], "name": name})
            tx.execute("DELETE FROM blocklists WHERE id=?", (match[0],))


def count_without_opening(folder: Path) -> int | None:
    """How many hash lists the vault at ``folder`` holds, read without the passphrase (the rows
    are sealed, their number is not) and without changing anything (SQLite read-only); None if
    the database cannot be read. For ``status``, which runs before any unlock."""
    try:
        uri = (Path(folder) / DB_NAME).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM blocklists").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None
