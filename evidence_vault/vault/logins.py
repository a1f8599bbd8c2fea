# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The evidence browser's logins kept in the vault (``vault.logins``), sealed.

A teacher capturing posts behind a login (a Facebook group, a school's social network) logs
in once in the visible evidence browser; its cookies and local storage are kept sealed in the
``meta`` table (``browser_state``), so the next capture is logged in too. The ledger records
that a login was kept or forgotten and how many cookies, never the cookies themselves.
"""

from __future__ import annotations

from typing import Any

META_KEY = "browser_state"


class BrowserLogins:
    """Keep, read and forget the evidence browser's logins; keeping and forgetting are events."""

    def __init__(self, vault) -> None:
        self._vault = vault

    def save(self, state: dict[str, Any]) -> None:
        """Keep Playwright's ``storage_state()`` (cookies and local storage), replacing any before."""
        vault = self._vault
        with vault.database.transaction("saving the browser login") as tx:
            vault._append(tx, "browser_login_saved", {"cookies": len(state.get("cookies", []))})
            tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                       (META_KEY, vault._seal_json(state, "meta", META_KEY)))

    def saved(self) -> dict[str, Any] | None:
        """The kept state, to hand to the browser; None if there is none."""
        vault = self._vault
        row = vault.database.query("SELECT value FROM meta WHERE key=?", (META_KEY,))
        return vault._open_json(row[0][0], "meta", META_KEY) if row else None

    def forget(self) -> None:
        vault = self._vault
        with vault.database.transaction("forgetting the browser login") as tx:
            vault._append(tx, "browser_login_cleared", {})
            tx.execute("DELETE FROM meta WHERE key=?", (META_KEY,))
