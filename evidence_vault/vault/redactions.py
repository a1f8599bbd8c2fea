# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Redactions in the ledger: what is to be hidden from an item in a redacted copy.

Why the ledger and not a table of their own: a redaction is a decision a person takes about
evidence ("the HR copy must not name the pupil"), so it is history like any other, with who
and when, in the hash chain. The original is never touched: a redaction only says what a
*redacted copy* (bundle/redacted.py) leaves out. Two event types (docs/vault-format.md):

    item_redacted      {"item_id", "kind": "text"|"box", "text" | "box": [x, y, w, h], "by",
                        "rendering": {role: SHA-256 of the redacted rendering of that file}}
    redaction_removed  {"item_id", "redaction_seq", "by", "rendering": {...}}

``text`` is kept in the (sealed) event so the vault can apply it again at every export; a
redacted copy never carries an event that holds it (bundle/redacted.py hides it). The
redactions in force for an item are its ``item_redacted`` events not later removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import NotFoundError

ADDED = "item_redacted"
REMOVED = "redaction_removed"
KINDS = ("text", "box")


@dataclass(frozen=True)
class Redaction:
    seq: int
    at: str
    by: str | None
    item_id: int
    kind: str
    text: str | None = None
    box: tuple[int, int, int, int] | None = None

    def describe(self) -> str:
        """One line for a person (never the hidden text itself in logs: only on request)."""
        if self.kind == "box":
            x, y, w, h = self.box or (0, 0, 0, 0)
            return f"box of {w} x {h} pixels at {x},{y} of the screen print"
        return f"the words \u201c{self.text}\u201d"

    def to_json(self) -> dict:
        out = {"seq": self.seq, "at": self.at, "by": self.by, "item_id": self.item_id, "kind": self.kind}
        if self.kind == "box":
            out["box"] = list(self.box or ())
        else:
            out["text"] = self.text
        return out


def in_force(vault, item_id: int | None = None) -> dict[int, list[Redaction]]:
    """The redactions in force, by item (of one item, or of all), oldest first."""
    found: dict[int, Redaction] = {}
    for seq, _digest, event in vault.events():
        if event.type not in (ADDED, REMOVED):
            continue
        data = event.data if isinstance(event.data, dict) else {}
        if item_id is not None and data.get("item_id") != item_id:
            continue
        if event.type == REMOVED:
            found.pop(data.get("redaction_seq"), None)
            continue
        box = data.get("box")
        found[seq] = Redaction(seq, event.at, data.get("by"), int(data["item_id"]), str(data.get("kind")),
                               data.get("text"), tuple(box) if isinstance(box, list) else None)
    out: dict[int, list[Redaction]] = {}
    for seq in sorted(found):
        out.setdefault(found[seq].item_id, []).append(found[seq])
    return out


def record(vault, *, item_id: int, kind: str, rendering: dict[str, str], text: str | None = None,
           box: tuple[int, int, int, int] | None = None) -> Redaction:
    """Append one ``item_redacted`` event (its own transaction); returns the redaction."""
    if kind not in KINDS:
        raise ValueError(f"unknown redaction kind {kind!r}")
    data: dict = {"item_id": int(item_id), "kind": kind, "by": vault._who(), "rendering": dict(rendering)}
    if kind == "text":
        data["text"] = str(text)
    else:
        data["box"] = [int(v) for v in box or ()]
    with vault.database.transaction("recording the redaction") as tx:
        event = vault._append(tx, ADDED, data)
    return Redaction(event.seq, event.at, data["by"], int(item_id), kind, text,
                     tuple(data["box"]) if kind == "box" else None)


def find(vault, item_id: int, seq: int) -> Redaction:
    for r in in_force(vault, item_id).get(item_id, []):
        if r.seq == seq:
            return r
    raise NotFoundError(f"Item {item_id} has no redaction numbered {seq} in force. "
                        f"'evidence-vault redact {item_id} --list' shows its redactions.")


def remove(vault, *, item_id: int, seq: int, rendering: dict[str, str]) -> None:
    """Undo one redaction: a ``redaction_removed`` event (the first stays in the history)."""
    find(vault, item_id, seq)
    with vault.database.transaction("undoing the redaction") as tx:
        vault._append(tx, REMOVED, {"item_id": int(item_id), "redaction_seq": int(seq), "by": vault._who(),
                                    "rendering": dict(rendering)})


def check_problems(events_by_seq: dict, items: dict) -> list[str]:
    """For verify: a redaction must name an item the ledger added, and a removal a redaction of
    that item still in force (else the record was forged or the history reordered)."""
    problems = []
    open_ones: dict[int, object] = {}
    for seq in sorted(events_by_seq):
        event = events_by_seq[seq][1]
        if event is None or event.type not in (ADDED, REMOVED):
            continue
        ref = event.data.get("item_id")
        if ref not in items:
            problems.append(f"event {seq}: a redaction names item {ref}, which the ledger never added")
        elif event.type == ADDED:
            open_ones[seq] = ref
        elif open_ones.pop(event.data.get("redaction_seq"), None) != ref:
            problems.append(f"event {seq}: it takes back redaction {event.data.get('redaction_seq')} of item {ref}, "
                            "which is not a redaction of that item still in force")
    return problems
