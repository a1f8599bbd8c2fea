# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the ledger says about each item beyond its row: withdrawals, amendments, police
references, quarantine reasons and releases, extractions, views, and the flags recorded in a case.

Why from the ledger: these are records of what people did, and the ledger already holds them,
hash-chained and signed; a second table would only be a copy that could disagree. The events
are decrypted once per open vault and then only the new ones (the ledger only grows), so a
``list`` after a ``list`` costs nothing extra. An event that does not open is skipped here:
``verify`` is the place that reports it, and a damaged record must not hide the rest.

The same pass keeps each item's state (item_state.py): one decryption of the ledger per open
vault serves both, which is what lets the app list a 10,000-item case in well under a second.
If the last event read is no longer the same row (the vault is locked against other writers,
so only damage does that), the whole ledger is read again rather than trusted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..crypto.aead import DecryptionFailed
from .item_state import ItemStates
from .ledger import Event

#: Event types that annotate an existing item (docs/vault-format.md), checked by verify.
ITEM_NOTE_EVENTS = ("item_withdrawn", "item_amended", "item_viewed", "item_extracted")


@dataclass
class ItemHistory:
    """Everything recorded about one item after it was added, oldest first."""

    withdrawn: dict | None = None            # {"at", "reason", "by"}
    amendments: list[dict] = field(default_factory=list)       # [{"at", "note", "by"}]
    police_references: list[dict] = field(default_factory=list)  # [{"at", "reference"}]
    quarantine: dict | None = None           # {"at", "reason"}: the last time it was locked away
    releases: list[dict] = field(default_factory=list)         # [{"at", "reason", "agreed_by", "by"}]
    extractions: list[dict] = field(default_factory=list)      # [{"at", "folder", "files"}]
    views: list[dict] = field(default_factory=list)            # [{"at", "role"}]


@dataclass(frozen=True)
class FlagRecord:
    """A text-only record of something *not* captured: a self-flag or a refused capture."""

    seq: int
    at: str
    type: str          # "self_flagged" or "capture_refused"
    url: str | None
    reason: str | None
    matched_list: str | None
    case_id: int | None

    def to_json(self) -> dict:
        return {"seq": self.seq, "at": self.at, "type": self.type, "url": self.url,
                "reason": self.reason, "matched_list": self.matched_list, "case_id": self.case_id}


class LedgerHistory:
    """Incrementally decoded ledger of one open vault."""

    def __init__(self, vault) -> None:
        self._vault = vault
        self._reset()

    def _reset(self) -> None:
        self._last_seq = 0
        self._last_hash: str | None = None
        self.items: dict[int, ItemHistory] = {}
        self.flags: list[FlagRecord] = []
        self.states = ItemStates()

    def refresh(self) -> "LedgerHistory":
        if self._last_seq:
            row = self._vault.database.query("SELECT hash FROM events WHERE seq = ?", (self._last_seq,))
            if not row or row[0][0] != self._last_hash:
                self._reset()
        rows = self._vault.database.query(
            "SELECT seq, hash, body FROM events WHERE seq > ? ORDER BY seq", (self._last_seq,))
        for seq, digest, body in rows:
            self._last_seq, self._last_hash = seq, digest
            try:
                event = Event.decode(self._vault.fields.open(body, table="events", row=str(seq),
                                                             column="body"), canonical=False)
            except (DecryptionFailed, ValueError, TypeError):
                continue  # verify names it; an unreadable event makes nothing active
            self.states.apply(event)
            self._apply(seq, event)
        return self

    def item(self, item_id: int) -> ItemHistory:
        return self.items.get(int(item_id)) or ItemHistory()

    def _apply(self, seq: int, event: Event) -> None:
        d = event.data if isinstance(event.data, dict) else {}
        if event.type in ("self_flagged", "capture_refused"):
            self.flags.append(FlagRecord(seq, event.at, event.type, d.get("url"), d.get("reason"),
                                         d.get("matched_list"), d.get("case_id")))
            return
        item_id = d.get("item_id")
        if not isinstance(item_id, int):
            return
        h = self.items.setdefault(item_id, ItemHistory())
        if event.type == "item_withdrawn":
            h.withdrawn = {"at": event.at, "reason": d.get("reason"), "by": d.get("by")}
        elif event.type == "item_amended":
            h.amendments.append({"at": event.at, "note": d.get("note"), "by": d.get("by")})
        elif event.type == "police_reference_recorded":
            h.police_references.append({"at": event.at, "reference": d.get("reference")})
        elif event.type == "item_quarantined":
            h.quarantine = {"at": event.at, "reason": d.get("reason")}
        elif event.type == "item_released":
            h.releases.append({"at": event.at, "reason": d.get("reason"), "agreed_by": d.get("agreed_by"),
                               "by": d.get("by")})
        elif event.type == "item_extracted":
            h.extractions.append({"at": event.at, "folder": d.get("folder"), "files": d.get("files", [])})
        elif event.type == "item_viewed":
            h.views.append({"at": event.at, "role": d.get("role")})


def history_of(vault) -> LedgerHistory:
    """The vault's history, brought up to date (one cache per open vault)."""
    cache = getattr(vault, "_ledger_history", None)
    if cache is None:
        cache = LedgerHistory(vault)
        vault._ledger_history = cache
    return cache.refresh()


def verify_item_notes(report, events: dict) -> None:
    """verify: every withdrawal, amendment, view and extraction names an item added before it,
    and an item is withdrawn at most once (the rebuild of these records from the ledger)."""
    added: set[int] = set()
    withdrawn: set[int] = set()
    for seq in sorted(events):
        event = events[seq][1]
        if event is None:
            continue
        data = event.data if isinstance(event.data, dict) else {}
        if event.type == "item_added":
            added.add(data.get("item_id"))
        elif event.type in ITEM_NOTE_EVENTS:
            item_id = data.get("item_id")
            if item_id not in added:
                report.problems.append(f"event {seq}: {event.type} names item {item_id}, which was not "
                                       "added before it (inserted or reordered)")
            elif event.type == "item_withdrawn":
                if item_id in withdrawn:
                    report.problems.append(f"event {seq}: item {item_id} is withdrawn a second time")
                withdrawn.add(item_id)
