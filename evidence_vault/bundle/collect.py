# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What goes into a bundle: the case's items that may leave the vault, and their history.

Clause 71 is applied here, before anything is read: a quarantined or destroyed item asked for
by number is refused; in a whole-case export it is left out and only counted. Nothing else about
it may reach the bundle, so an event that names a withheld item anywhere in its data (a re-check
whose re-capture was locked away, an earlier export that included it, an item recorded as a
re-capture of it) is listed as its sequence number and hash only, without even its time. An item
whose own record names a withheld item (a re-capture of one) is withheld with it: its record
and its history entry would describe the other. Evidence bytes are read later, one artefact at a
time, through ``Vault.read_artefact``, the vault's read path that itself refuses quarantined items.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import IntegrityError, NotFoundError, QuarantinedError, UsageError
from ..vault.ledger import GENESIS_PREV, chain_hash
from ..vault.platform_reports import EVENTS as PLATFORM_EVENTS

INACTIVE = ("quarantined", "destroyed")


@dataclass
class CustodyEntry:
    seq: int
    hash: str
    at: str | None
    type: str | None
    body: str | None  # canonical JSON text; None for an event about a withheld item
    item_ids: tuple[int, ...] = ()


@dataclass
class Selection:
    case: object
    items: list = field(default_factory=list)  # full Item records, in id order
    withheld: int = 0
    withdrawn: list = field(default_factory=list)
    custody: list[CustodyEntry] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)  # event 1 .. checkpoint, in order


# Keys under which an event's data (or an item's info inside item_added) names an item.
ITEM_KEYS = frozenset({"item_id", "new_item_id", "recapture_of", "items", "item_ids", "screenshot_item_id"})


def named_items(data, depth: int = 0) -> set[int]:
    """Every item number ``data`` names under ``ITEM_KEYS``, at any depth (``item_added`` keeps
    the item's info, whose ``recapture_of`` names the earlier capture)."""
    ids: set[int] = set()
    if depth > 8:
        return ids
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ITEM_KEYS:
                values = value if isinstance(value, list) else [value]
                ids.update(v for v in values if type(v) is int)
            if isinstance(value, (dict, list)):
                ids |= named_items(value, depth + 1)
    elif isinstance(data, list):
        for value in data:
            ids |= named_items(value, depth + 1)
    return ids


def _event_items(event) -> set[int]:
    return named_items(event.data if isinstance(event.data, dict) else {})


def _withdrawn(vault, item) -> bool:
    """Withdrawn by the owner (issue 9's corrections), where this vault version knows it."""
    if item.state == "withdrawn":
        return True
    full = item if getattr(item, "withdrawn", None) is not None else vault.item(item.id)
    return bool(getattr(full, "withdrawn", None))


def _withheld(vault, listed) -> tuple[set[int], set[int]]:
    """(every locked-away item of the vault, this case's items withheld with them)."""
    locked = {i.id for i in vault.items() if i.state in INACTIVE}
    tied = {i.id for i in listed if i.state not in INACTIVE and named_items(i.info) & locked}
    return locked, tied


@dataclass
class Choice:
    """Which items go, decided (and refused) before the vault's history is touched."""
    listed: list
    wanted: list[int]
    withdrawn: list[int]
    withheld_ids: set[int]
    withheld: int


def choose(vault, case, item_ids: list[int] | None) -> Choice:
    """The items to export, or the refusal (clause 71, withdrawn, nothing to export). Called
    before the export's checkpoint is signed, so a refused export leaves the history as it was."""
    listed = vault.items(case)
    by_id = {item.id: item for item in listed}
    locked, tied = _withheld(vault, listed)
    withdrawn: list[int] = []
    if item_ids:
        for item_id in item_ids:
            item = by_id.get(item_id)
            if item is None:
                raise NotFoundError(f"Item {item_id} is not in the case '{case.name}'. "
                                    "'evidence-vault list --case' shows the case's items.")
            if item.state in INACTIVE:
                raise QuarantinedError(
                    f"Item {item_id} is locked away under the safeguarding policy (it may show a "
                    "child), so it can never be put in a bundle. Nothing was exported.")
            if item_id in tied:
                raise QuarantinedError(
                    f"Item {item_id} is a re-capture of an item that is locked away under the "
                    "safeguarding policy; its record describes that item, so it cannot be put in a "
                    "bundle. Nothing was exported.")
            if _withdrawn(vault, item):
                raise UsageError(f"Item {item_id} was withdrawn, so it is not exported. Withdrawn items "
                                 "are listed in the bundle's chain of custody instead.")
        wanted = sorted(set(item_ids))
    else:
        active = [i for i in listed if i.state == "active" and i.id not in tied]
        withdrawn = [i.id for i in active if _withdrawn(vault, i)]
        wanted = [i.id for i in active if i.id not in withdrawn]
    withheld_ids = locked | tied
    withheld = sum(1 for i in listed if i.id in withheld_ids)
    if not wanted:
        if withheld:
            raise UsageError(f"The case '{case.name}' has nothing that can be exported: its items are "
                             "locked away under the safeguarding policy.")
        raise UsageError(f"The case '{case.name}' has no evidence yet, so there is nothing to export. "
                         "Add a capture, a file or a note first.")
    return Choice(listed, wanted, withdrawn, withheld_ids, withheld)


def select(vault, case, item_ids: list[int] | None, checkpoint_seq: int, chosen: Choice | None = None) -> Selection:
    chosen = chosen or choose(vault, case, item_ids)
    listed, wanted, withheld_ids = chosen.listed, chosen.wanted, chosen.withheld_ids
    sel = Selection(case, withheld=chosen.withheld, withdrawn=list(chosen.withdrawn))
    sel.items = [vault.item(i) for i in wanted]
    exported = set(wanted)
    prev = GENESIS_PREV
    for seq, digest, event in vault.events():
        if seq > checkpoint_seq:
            break
        encoded = event.encode()
        if chain_hash(prev, encoded) != digest:
            raise IntegrityError("The vault's history does not add up, so no bundle was made. "
                                 "Run 'evidence-vault verify' for details.",
                                 [f"event {seq}: its hash does not match its content"])
        sel.hashes.append(digest)
        prev = digest
        touches = _event_items(event)
        data = event.data if isinstance(event.data, dict) else {}
        shown = exported | set(sel.withdrawn)  # withdrawn items: listed in the custody log only
        if touches & withheld_ids:
            if touches & (shown | {i.id for i in listed}):  # about this case: listed without detail
                sel.custody.append(CustodyEntry(seq, digest, None, None, None))
            continue
        if (event.type == "vault_created"
                or (event.type in ("case_created", *PLATFORM_EVENTS) and data.get("case_id") == case.id
                    and touches <= shown)  # a report or reply of the case: its own page (pages_reports.py)
                or touches & shown):
            sel.custody.append(CustodyEntry(seq, digest, event.at, event.type, encoded.decode("utf-8"),
                                            tuple(sorted(touches & shown))))
    if len(sel.hashes) != checkpoint_seq:
        raise IntegrityError("The vault's history is shorter than its checkpoint; no bundle was made. "
                             "Run 'evidence-vault verify' for details.", ["ledger: shorter than checkpoint"])
    return sel
