# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Clause 71: locking an item away, releasing one locked away in error, police references,
and destroying an item on police advice.

Why a mixin of its own: these are the steps taken when an item may show a child, and they
share one rule: what is locked away cannot be read. Quarantine moves the item's blob keys from
the column the read path opens (``blob_key``) to one it never opens (``held_key``), re-sealed
for that column, so editing ``items.state`` back to "active" without the data key cannot make
the item readable again; release moves them back, only deliberately and with who agreed;
``destroy`` shreds the keys and the files, only under the police reference recorded for it.
"""

from __future__ import annotations

from .._faults import crash_point
from ..errors import UsageError
from .history import history_of
from .models import Item, can_hold_picture


def _same_reference(a: str, b: str) -> bool:
    return "".join(a.split()).casefold() == "".join(b.split()).casefold()


class QuarantineMixin:
    """``Vault`` methods: ``quarantine``, ``release``, police references, ``destroy``."""

    def quarantine(self, item_id: int, *, reason: str = "may show a child") -> None:
        item = self.item(item_id)
        if not can_hold_picture(item):
            kind = str(item.info.get("incident_kind") or "incident").replace("_", " ")
            raise UsageError(f"Item {item.id} is an entry you typed (a {kind}); it cannot hold a picture, so "
                             "there is nothing to lock away. If it was entered by mistake, withdraw it instead.")
        if item.state != "active":
            raise UsageError(f"Item {item_id} is already {item.state}.")
        with self.database.transaction("quarantining the item") as tx:
            self._append(tx, "item_quarantined", {"item_id": item.id, "reason": reason})
            tx.execute("UPDATE items SET state='quarantined' WHERE id=?", (item.id,))
            self._move_keys(tx, item.id, "blob_key", "held_key")

    def release(self, item_id: int, *, reason: str, agreed_by: str) -> Item:
        """Release an item locked away in error: only deliberately, with the reason and the name
        of the safeguarding lead who agreed, both recorded (``item_released``, with who did it).

        The item's keys move back from ``held_key`` to ``blob_key``. Nothing of it is read or
        returned here: showing it again is a separate, later step (and still blurred first)."""
        item = self.item(item_id)
        reason, agreed_by = " ".join((reason or "").split()), " ".join((agreed_by or "").split())
        if item.state != "quarantined":
            raise UsageError(f"Item {item.id} is not locked away (it is {item.state}), so there is nothing to "
                             "release.")
        if not reason:
            raise UsageError("Say why the item is released, e.g. 'the picture is of an adult, checked by the "
                             "safeguarding lead'. The reason is kept in its history. Nothing was released.")
        if not agreed_by:
            raise UsageError("Give the name of the designated safeguarding lead who agreed to the release. "
                             "It is kept in the item's history. Nothing was released.")
        with self.database.transaction("releasing the item") as tx:
            self._append(tx, "item_released", {"item_id": item.id, "reason": reason, "agreed_by": agreed_by,
                                               "by": self._who()})
            tx.execute("UPDATE items SET state='active' WHERE id=?", (item.id,))
            self._move_keys(tx, item.id, "held_key", "blob_key")
        return self.item(item.id)

    def _move_keys(self, tx, item_id: int, source: str, target: str) -> None:
        """Re-seal each of the item's blob keys from column ``source`` to ``target``, emptying
        ``source`` (the columns are ``blob_key`` and ``held_key``, never user text)."""
        for artefact_id, sealed in tx.execute(
            f"SELECT id, {source} FROM artefacts WHERE item_id=?", (item_id,)
        ).fetchall():
            key = self._open(sealed, "artefacts", artefact_id, source)
            tx.execute(f"UPDATE artefacts SET {source}=NULL, {target}=? WHERE id=?",
                       (self._seal(key, "artefacts", artefact_id, target), artefact_id))

    # -- police references -----------------------------------------------------------------
    def record_police_reference(self, item_id: int, reference: str) -> None:
        item = self.item(item_id)
        if not reference.strip():
            raise UsageError("Give the police reference (crime or incident number).")
        with self.database.transaction("recording the police reference") as tx:
            self._append(tx, "police_reference_recorded", {"item_id": item.id, "reference": reference.strip()})

    def police_references(self, item_id: int) -> list[str]:
        return [r["reference"] for r in history_of(self).item(item_id).police_references]

    def check_police_reference(self, item_id: int, reference: str) -> None:
        """A destruction must be under the police reference recorded for the item, if any."""
        recorded = self.police_references(item_id)
        if recorded and not any(_same_reference(reference, r) for r in recorded):
            names = " or ".join(f"'{r}'" for r in recorded)
            raise UsageError(f"The police reference recorded for item {item_id} is {names}, not "
                             f"'{reference.strip()}'. Nothing was destroyed. Check the reference you "
                             "were given; if it changed, record it first with police-ref.")

    # -- destruction -----------------------------------------------------------------------
    def destroy(self, item_id: int, *, police_reference: str) -> None:
        """On police advice: destroy a quarantined item's keys and files (crypto-shredding)."""
        item = self.item(item_id)
        if item.state != "quarantined":
            raise UsageError(f"Only a quarantined item can be destroyed; item {item_id} is {item.state}.")
        if not police_reference.strip():
            raise UsageError("Destroying evidence needs the police reference under which you were advised to.")
        self.check_police_reference(item.id, police_reference)
        ids = [a.id for a in item.artefacts]
        with self.database.transaction("destroying the item") as tx:
            self._append(tx, "item_destroyed", {"item_id": item.id, "police_reference": police_reference.strip(),
                                                "artefacts": ids})
            tx.execute("UPDATE items SET state='destroyed' WHERE id=?", (item.id,))
            tx.execute("UPDATE artefacts SET blob_key=NULL, held_key=NULL WHERE item_id=?", (item.id,))
        crash_point("destroy_committed")  # the keys are gone; a crash here: the next open shreds
        for artefact_id in ids:  # the files go too
            self.blobs.shred(artefact_id)
            crash_point("destroy_shredded_one")
