# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""One timeline across people: a case's items, the leader's own and those from staff bundles.

Why: a head teacher holding two teachers' bundles and their own notes needs to read what
happened in order, whoever reported it. Every item is placed by when it happened
(vault/when.py, the order ``list`` and the bundle's index use), and says who reported it: the
sender named in the bundle's signing certificate for an imported item (its ``source``,
bundle_import.py), the vault's owner for the leader's own. The sealed bundle files themselves
are not events and are left out. Filters: person, kind, a date range (local days, inclusive)
and text search over titles, notes and the words of pages, entries and emails.

Read-only: nothing here writes to the vault (reading an item's words to search them is not
recorded as a viewing; no picture is opened).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import UsageError
from .times import local_zone, parse_user_time, to_datetime
from .vault.models import capture_address
from .vault.when import sort_key, timeline_time
from .vault.wordings import current_summary, current_text

#: What a person may type for --kind, and the stored kind it means.
KIND_NAMES = {
    "web_capture": ("web page", "page", "web", "capture", "screenshot", "web_capture"),
    "incident": ("incident", "note", "log", "entry"),
    "file": ("file", "picture", "document"),
    "email": ("email", "e-mail", "mail"),
}
KIND_SAID = {"web_capture": "web page", "incident": "incident", "file": "file", "email": "email"}
#: The artefact holding an item's words, searched by --search.
TEXT_ROLE = {"web_capture": "text", "incident": "entry", "email": "text"}


@dataclass
class TimelineEntry:
    item_id: int
    at: str                # UTC ISO, or a bare date when the time is not known
    label: str             # "happened", "captured" or "added" (vault/when.py)
    person: str            # who reported it
    role: str | None
    kind: str
    what: str
    source: dict | None    # the imported item's provenance, None for the leader's own
    state: str = "active"
    withdrawn: bool = False

    @property
    def time_unknown(self) -> bool:
        return "T" not in self.at

    def to_json(self) -> dict:
        return {"item": self.item_id, "at": self.at, "label": self.label, "time_unknown": self.time_unknown,
                "person": self.person, "role": self.role, "kind": self.kind, "what": self.what,
                "source": self.source, "state": self.state, "withdrawn": self.withdrawn}


def normalise_kind(text: str) -> str:
    wanted = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    for kind, names in KIND_NAMES.items():
        if wanted in {n.replace("_", " ") for n in names}:
            return kind
    raise UsageError(f"'{text}' is not a kind of item. Choose one of: web page, incident (or note), file, email.")


def day_of(text: str) -> date:
    """A --from/--to day as a person types it ("19/11/2026", "yesterday", "2026-11-19")."""
    parsed = parse_user_time(text, time_unknown=True, allow_future=True)
    if parsed.day is not None:
        return parsed.day
    assert parsed.when is not None
    return parsed.when.astimezone(local_zone()).date()


def local_day(at: str) -> date:
    if "T" not in at:  # a day alone is a calendar day, not an instant: read it as that day
        return to_datetime(at[:10] + "T00:00:00Z").date()
    return to_datetime(at).astimezone(local_zone()).date()


def describe(item) -> str:
    """What the item is, in a line: a page's title and address, an entry's first line …"""
    info = item.info
    if item.kind == "web_capture":
        return f"{info.get('title') or 'web page'} <{capture_address(info)}>"
    if item.kind == "incident":
        corrected = " (corrected)" if item.amendments else ""  # as `list` marks it [AMENDED]
        return f"[{str(info.get('incident_kind', '')).replace('_', ' ')}] {current_summary(item)}{corrected}"
    if item.kind == "email":
        return f"\"{info.get('subject') or '(no subject)'}\" from {info.get('from') or '(no sender)'}"
    note = current_text(item)  # the kind is said beside it (KIND_SAID): "file, photo.png", not "file, file ..."
    return f"{info.get('filename', '')}" + (f" ({note})" if note else "")


def _words(vault, item) -> str:
    """Title, note and the item's own words, for --search."""
    parts = [describe(item), str(item.info.get("note") or ""), str(item.info.get("title") or "")]
    role = TEXT_ROLE.get(item.kind)
    if role is None and item.kind == "file" and str(item.info.get("media_type") or "").startswith("text/"):
        role = "original"
    if role and item.state == "active" and any(a.role == role for a in vault.item(item.id).artefacts):
        parts.append(vault.read_artefact(item.id, role).decode("utf-8", "replace"))
    return "\n".join(parts).casefold()


def case_timeline(vault, case, *, person: str | None = None, kind: str | None = None,
                  since: date | None = None, until: date | None = None,
                  search: str | None = None) -> list[TimelineEntry]:
    """The case's items oldest first by when they happened, with who reported each; filtered
    by ``person`` (part of the name, any case), ``kind`` (``normalise_kind``), local days
    ``since``..``until`` inclusive, and ``search`` (text, any case)."""
    owner = vault.owner()
    wanted_kind = normalise_kind(kind) if kind else None
    wanted_person = " ".join(person.split()).casefold() if person else None
    needle = search.casefold() if search else None
    out = []
    for item in sorted(vault.items(case), key=sort_key):
        entry = entry_of(item, owner)
        if entry is None:
            continue
        if wanted_kind and item.kind != wanted_kind:
            continue
        if wanted_person and wanted_person not in entry.person.casefold():
            continue
        if since or until:
            day = local_day(entry.at)
            if (since and day < since) or (until and day > until):
                continue
        if needle and needle not in _words(vault, item):
            continue
        out.append(entry)
    return out


def entry_of(item, owner: dict) -> TimelineEntry | None:
    """The item's line in the timeline, or None for the sealed file a bundle came in (its
    items are the events)."""
    if item.info.get("received_bundle"):
        return None
    source = item.info.get("source") if isinstance(item.info.get("source"), dict) else None
    who = (source.get("from_name") if source else owner.get("name")) or "someone not named"
    role = source.get("from_role") if source else owner.get("role")
    at, label = timeline_time(item)
    return TimelineEntry(item.id, at, label, who, role, item.kind, describe(item), source,
                         item.state, bool(item.withdrawn))


__all__ = ["case_timeline", "entry_of", "TimelineEntry", "normalise_kind", "day_of", "describe", "KIND_SAID"]
