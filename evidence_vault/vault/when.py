# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""When an item happened, as opposed to when it was filed, and the order items are read in.

Why: a teacher imports a phone screenshot days after the message arrived, and the head
teacher reads the timeline to see what happened when. So every item may carry "happened at"
(``occurred_at`` in its info, the same field an incident has had from the start), with
``time_unknown`` when only the day is known and ``occurred_at_source``: who or what said so
("given by the person who added it", or what the file said and that the person confirmed
it, file_times.py). It is never filled in silently from the file.

Every front end orders and labels items with :func:`timeline_time`, so ``list``, the app's
timeline and the bundle's index agree: when it happened where that is known, else when the
page was captured, else when the item was first added (by the sender, for an item imported
from a staff bundle: :func:`first_added_at`).
"""

from __future__ import annotations

from dataclasses import dataclass

#: The source recorded when the person typed or picked the time themselves.
GIVEN_BY_PERSON = "given by the person who added it"


@dataclass(frozen=True)
class Happened:
    """When something happened, as handed to ``Vault.add_file``/``add_email``.

    ``at`` is UTC ISO ending in ``Z``, or a bare date (``2026-11-19``) with ``time_unknown``
    (``times.ParsedTime.stored`` gives either); ``source`` says who or what said so.
    """

    at: str
    time_unknown: bool = False
    source: str = GIVEN_BY_PERSON

    @classmethod
    def from_parsed(cls, parsed, source: str = GIVEN_BY_PERSON) -> "Happened":
        """From what ``times.parse_user_time`` understood."""
        return cls(parsed.stored, parsed.time_unknown, source)

    def info(self) -> dict:
        """The item info fields: ``occurred_at``, ``time_unknown`` (only when true), source."""
        out = {"occurred_at": self.at, "occurred_at_source": self.source}
        if self.time_unknown:
            out["time_unknown"] = True
        return out


def happened_at(item) -> str | None:
    """When it happened, if anyone said: UTC ISO, or a bare date when the time is not known."""
    return item.info.get("occurred_at") or None


def first_source(item) -> dict | None:
    """Where an imported item first came from: its ``source`` (the staff bundle it was imported
    from), followed back through ``earlier_source`` when that bundle had itself imported it
    (relayed), to the person who first added it; None for an item added here."""
    source = item.info.get("source")
    if not isinstance(source, dict):
        return None
    while isinstance(source.get("earlier_source"), dict):
        source = source["earlier_source"]
    return source


def first_added_at(item) -> str:
    """When the item was first added, by whoever first added it. An item imported from a staff
    bundle was added by the sender in their own vault (``added_by_sender_at``): the head
    teacher, HR and the police read the teacher's time, not the import's (which the import
    keeps as the item's ``created_at`` and the bundle shows beside it)."""
    source = first_source(item)
    return str(source.get("added_by_sender_at") or item.created_at) if source else item.created_at


def timeline_time(item) -> tuple[str, str]:
    """``(time, label)``: the time an item is ordered and shown by, and what that time is.

    ``label`` is "happened" (when it happened, known), "captured" (a page, when it was
    captured) or "added" (when it was added; nobody said when it happened).
    """
    if happened_at(item):
        return happened_at(item), "happened"
    if item.kind == "web_capture" and item.info.get("captured_at"):
        return item.info["captured_at"], "captured"
    return first_added_at(item), "added"


def sort_key(item) -> tuple[str, int]:
    """Oldest first by :func:`timeline_time`; a day without a time sorts at its start."""
    return timeline_time(item)[0], item.id


def in_time_order(items) -> list:
    return sorted(items, key=sort_key)
