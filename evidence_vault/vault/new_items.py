# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Saving new items: seal every artefact to a blob, then commit the items, their artefacts and
one ``item_added`` event each in one transaction.

Why one place: a single capture or file (``VaultCore._store_item``) and a received bundle's
many items (received.py) must follow the same crash-safe order, so it is written once. The
blobs' ids are recorded in ``pending_blobs`` before any blob is written and removed in the
transaction that commits the items: a crash in between leaves only ids the next open tidies
away (item_state.py). A failure anywhere discards every blob written, so the caller ends with
all of its items or none of them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from .._faults import crash_point
from ..crypto.keys import KEY_BYTES
from ..errors import EvidenceVaultError
from .ledger import utc_now
from .models import ArtefactSource

# (kind, info, artefacts, extra fields for the item_added event or None)
NewItem = tuple[str, dict, Iterable[ArtefactSource], dict | None]


def store_items(vault, case_id: int, entries: list[NewItem]) -> list[int]:
    """Store ``entries`` into case ``case_id`` as new items, in order; returns their ids."""
    planned = [(kind, info, list(sources), extra) for kind, info, sources, extra in entries]
    blob_ids = [[os.urandom(16).hex() for _ in sources] for _kind, _info, sources, _extra in planned]
    ids = [a for artefact_ids in blob_ids for a in artefact_ids]
    with vault.database.transaction("saving the evidence") as tx:
        tx["pending_blobs"].insert_all([{"id": i} for i in ids])
    crash_point("pending_recorded")
    try:
        written = [_write_blobs(vault, artefact_ids, sources)
                   for (_kind, _info, sources, _extra), artefact_ids in zip(planned, blob_ids)]
        with vault.database.transaction("saving the evidence") as tx:
            item_ids = [_insert_item(vault, tx, case_id, kind, info, extra, row)
                        for (kind, info, _sources, extra), row in zip(planned, written)]
            _forget_pending(tx, ids)
            crash_point("before_commit")
        crash_point("after_commit")
        return item_ids
    except BaseException:
        for artefact_id in ids:
            vault.blobs.discard(artefact_id)
        try:
            with vault.database.transaction("tidying a failed save") as tx:
                _forget_pending(tx, ids)
        except EvidenceVaultError:  # the next open tidies it; the original error matters more
            pass
        raise


def _write_blobs(vault, artefact_ids: list[str], sources: list[ArtefactSource]) -> list[tuple]:
    """Seal each artefact to its blob under a key of its own: (id, source, key, sha256, size)."""
    row = []
    for artefact_id, src in zip(artefact_ids, sources):
        key = os.urandom(KEY_BYTES)
        digest, size = vault.blobs.write(artefact_id, key, src.chunks)
        row.append((artefact_id, src, key, digest, size))
        crash_point("blob_written")
    return row


def _insert_item(vault, tx, case_id: int, kind: str, info: dict, extra: dict | None, row: list[tuple]) -> int:
    """The item, its artefacts and its ``item_added`` event, inside the caller's transaction."""
    item_id = tx.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM items").fetchone()[0]
    info = {**info, "created_at": utc_now()}
    listed = [{"id": a, "role": s.role, "filename": s.filename, "media_type": s.media_type,
               "sha256": d, "size": n} for a, s, _k, d, n in row]
    event = vault._append(tx, "item_added", {
        "item_id": item_id, "case_id": case_id, "kind": kind, "info": info, **(extra or {})}, listed)
    tx.execute("INSERT INTO items (id, case_id, kind, state, seq, info) VALUES (?,?,?,?,?,?)",
               (item_id, case_id, kind, "active", event.seq, vault._seal_json(info, "items", item_id, "info")))
    for entry, (a, _s, key, _d, _n) in zip(listed, row):
        tx.execute(
            "INSERT INTO artefacts (id, item_id, role, sha256, size, blob_key, info) VALUES (?,?,?,?,?,?,?)",
            (a, item_id, entry["role"], entry["sha256"], entry["size"],
             vault._seal(key, "artefacts", a, "blob_key"),
             vault._seal_json({"filename": entry["filename"], "media_type": entry["media_type"]},
                              "artefacts", a, "info")))
    return item_id


def _forget_pending(tx, ids: list[str]) -> None:
    tx.execute(f"DELETE FROM pending_blobs WHERE id IN ({','.join('?' * len(ids))})", ids)
