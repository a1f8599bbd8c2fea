# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The ledger's record of a re-check: "captured ... still online ... changed ... removed".

A re-capture stores the new capture as an ordinary item (its details name the earlier item
in ``recapture_of``), and then appends one ``recapture_checked`` event saying what the check
found. The event holds no evidence content, only the outcome and a short summary:

    {"item_id": 3, "new_item_id": 7, "outcome": "changed",
     "summary": "text changed: 2 lines added, 1 removed; 12.4% of the screenshot changed",
     "http_status": 200, "text_changed": true, "screenshot_changed_permille": 124}

``outcome`` is one of ``unchanged``, ``changed``, ``gone`` and ``unreachable`` (then
``new_item_id`` is null: nothing could be captured). ``verify`` checks that every check
names items the ledger knows (``check_problems``). Kept in its own module so the vault's
main class only gains two small methods' worth of code.
"""

from __future__ import annotations

EVENT = "recapture_checked"
OUTCOMES = ("unchanged", "changed", "gone", "unreachable")
#: How each outcome is said to a person (the recapture command, ``list``).
OUTCOME_WORDS = {"unchanged": "still online, unchanged", "changed": "still online, changed",
                 "gone": "gone", "unreachable": "could not be reached"}


def record_check(vault, *, item_id: int, new_item_id: int | None, outcome: str, summary: str,
                 http_status: int | None, text_changed: bool | None,
                 screenshot_changed_permille: int | None) -> None:
    """Append one check to the ledger (its own transaction)."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown recapture outcome {outcome!r}")
    with vault.database.transaction("recording the re-check") as tx:
        vault._append(tx, EVENT, {
            "item_id": int(item_id),
            "new_item_id": None if new_item_id is None else int(new_item_id),
            "outcome": outcome,
            "summary": summary[:500],
            "http_status": http_status,
            "text_changed": text_changed,
            "screenshot_changed_permille": screenshot_changed_permille,
        })


def checks(vault, item_id: int | None = None) -> list[dict]:
    """Every re-check in the ledger (of one item, or all), oldest first, with its time."""
    out = []
    for seq, _digest, event in vault.events():
        if event.type != EVENT:
            continue
        if item_id is not None and event.data.get("item_id") != item_id:
            continue
        out.append({"seq": seq, "at": event.at, **event.data})
    return out


def check_problems(events_by_seq: dict, items: dict) -> list[str]:
    """For verify: a check that names an item the ledger never added is a forged record."""
    problems = []
    for seq in sorted(events_by_seq):
        event = events_by_seq[seq][1]
        if event is None or event.type != EVENT:
            continue
        for key in ("item_id", "new_item_id"):
            ref = event.data.get(key)
            if ref is not None and ref not in items:
                problems.append(f"event {seq}: a re-check names item {ref}, which the ledger never added")
    return problems
