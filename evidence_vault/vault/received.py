# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Bundles received from other people: the sealed file and every item inside it, in one step.

Why one transaction: a senior leader importing a member of staff's bundle must end with either
the whole bundle (the sealed file and each of its items) or nothing. ``_store_item`` commits
one item at a time, so this writes every blob first, then commits all the items, their
artefacts and one ``item_added`` event each in a single transaction; a failure anywhere
discards every blob written. Callers check the bundle (its seal, manifest and history) and put
every part through the clause-71 guard before calling (bundle/received.py, workflows.py).
"""

from __future__ import annotations

import os

from .._faults import crash_point
from ..errors import EvidenceVaultError
from ..crypto.keys import KEY_BYTES
from .ledger import utc_now
from .models import ArtefactSource, Case, Item


class ReceivedMixin:
    """``add_received``: many items into one case, all or nothing."""

    def add_received(self, case: Case, entries: list[tuple[str, dict, list[ArtefactSource]]]) -> list[Item]:
        """Store ``entries`` (kind, info, artefacts) into ``case`` as new items, in order, in one
        transaction; returns the items. Nothing is kept if any of them fails."""
        planned = [(kind, info, list(sources), [os.urandom(16).hex() for _ in sources])
                   for kind, info, sources in entries]
        ids = [a for *_rest, artefact_ids in planned for a in artefact_ids]
        with self.database.transaction("saving the evidence") as tx:
            tx["pending_blobs"].insert_all([{"id": i} for i in ids])
        written: list[list[tuple]] = []
        try:
            for _kind, _info, sources, artefact_ids in planned:
                row = []
                for artefact_id, src in zip(artefact_ids, sources):
                    key = os.urandom(KEY_BYTES)
                    digest, size = self.blobs.write(artefact_id, key, src.chunks)
                    row.append((artefact_id, src, key, digest, size))
                    crash_point("blob_written")
                written.append(row)
            item_ids = []
            with self.database.transaction("saving the evidence") as tx:
                for (kind, info, _sources, _ids), row in zip(planned, written):
                    item_ids.append(self._insert_received(tx, case.id, kind, info, row))
                tx.execute(f"DELETE FROM pending_blobs WHERE id IN ({','.join('?' * len(ids))})", ids)
                crash_point("before_commit")
            crash_point("after_commit")
        except BaseException:
            for artefact_id in ids:
                self.blobs.discard(artefact_id)
            try:
                with self.database.transaction("tidying a failed save") as tx:
                    tx.execute(f"DELETE FROM pending_blobs WHERE id IN ({','.join('?' * len(ids))})", ids)
            except EvidenceVaultError:  # the next open tidies it; the original error matters more
                pass
            raise
        return [self.item(i) for i in item_ids]

    def _insert_received(self, tx, case_id: int, kind: str, info: dict, row: list[tuple]) -> int:
        item_id = tx.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM items").fetchone()[0]
        info = {**info, "created_at": utc_now()}
        listed = [{"id": a, "role": s.role, "filename": s.filename, "media_type": s.media_type,
                   "sha256": d, "size": n} for a, s, _k, d, n in row]
        event = self._append(tx, "item_added", {
            "item_id": item_id, "case_id": case_id, "kind": kind, "info": info}, listed)
        tx.execute("INSERT INTO items (id, case_id, kind, state, seq, info) VALUES (?,?,?,?,?,?)",
                   (item_id, case_id, kind, "active", event.seq,
                    self._seal_json(info, "items", item_id, "info")))
        for entry, (a, _s, key, _d, _n) in zip(listed, row):
            tx.execute(
                "INSERT INTO artefacts (id, item_id, role, sha256, size, blob_key, info) VALUES (?,?,?,?,?,?,?)",
                (a, item_id, entry["role"], entry["sha256"], entry["size"],
                 self._seal(key, "artefacts", a, "blob_key"),
                 self._seal_json({"filename": entry["filename"], "media_type": entry["media_type"]},
                                 "artefacts", a, "info")))
        return item_id
