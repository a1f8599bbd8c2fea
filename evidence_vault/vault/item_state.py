# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""An item's state, as the ledger says it (the one source read paths trust), and the tidying
of interrupted writes and destructions that relies on it when a vault is opened.

``items.state`` sits in clear so that lists need no decryption, but anyone with the file can
edit it (and copy an old sealed ``blob_key`` back after a quarantine). So whether an item may be
opened is decided from the ledger's last ``item_added`` / ``item_quarantined`` /
``item_released`` / ``item_destroyed`` event for it; verify reports any difference in the table.
"""

from __future__ import annotations

from .blobs import is_blob_name
from .ledger import Event


class ItemStates(dict):
    """item id -> "active", "quarantined" or "destroyed", built by replaying the sealed ledger
    event by event (history.py feeds it, once per open vault)."""

    def apply(self, event: Event) -> None:
        item_id = event.data.get("item_id")
        if event.type == "item_added":
            self[item_id] = "active"
        elif event.type == "item_quarantined" and item_id in self:
            self[item_id] = "quarantined"
        elif event.type == "item_released" and self.get(item_id) == "quarantined":
            self[item_id] = "active"
        elif event.type == "item_destroyed" and item_id in self:
            self[item_id] = "destroyed"


def recover_interrupted_writes(vault) -> None:
    """Remove blobs of writes that never committed (see blobs.py) and stray temp files, and
    finish shredding the files of an item whose destruction was interrupted.

    ``pending_blobs`` holds blob names only; anything else in it (a path above all) is
    left for verify to report and never used to delete anything."""
    pending = [row[0] for row in vault.database.query("SELECT id FROM pending_blobs")]
    names = [p for p in pending if is_blob_name(p)]
    for artefact_id in names:
        vault.blobs.discard(artefact_id)
    if names:
        with vault.database.transaction("tidying an interrupted save") as tx:
            tx.execute(f"DELETE FROM pending_blobs WHERE id IN ({','.join('?' * len(names))})", names)
    vault.blobs.clear_tmp()
    on_disk = vault.blobs.all_ids()
    for (artefact_id,) in vault.database.query(
        "SELECT a.id FROM artefacts a JOIN items i ON i.id = a.item_id "
        "WHERE i.state='destroyed' AND a.blob_key IS NULL AND a.held_key IS NULL"
    ):
        if artefact_id in on_disk and vault.ledger_states().get(vault._item_of(artefact_id)) == "destroyed":
            vault.blobs.shred(artefact_id)
