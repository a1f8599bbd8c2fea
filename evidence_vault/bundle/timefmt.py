# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Times as a reader of the bundle needs them: local time with its zone first, UTC beside it
where it differs (in GMT, the local time is UTC and is said once).

The vault stores UTC with a ``Z``; a witness statement, a police log and the teacher's memory
are in local time, so every time printed in a bundle says both (clause 61: "with time, date").
The zone is the one recorded at capture when it names a real zone, else this computer's.
"""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..times import parse_stored_time as parse_utc  # the one reader of stored times


def zone_for(name: str | None):
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return None  # astimezone(None) is this computer's local zone


def _offset(when: datetime) -> str:
    off = when.utcoffset()
    minutes = int(off.total_seconds() // 60) if off is not None else 0
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _zone_words(local: datetime) -> str:
    """'GMT', 'BST', 'CET'; a zone without a name of letters is said as 'UTC+03:00'."""
    name = local.tzname() or ""
    return name if name.isalpha() else _offset(local)


def local_text(text: str | None, zone_name: str | None = None, *, seconds: bool = True) -> str:
    """'Tue 1 Dec 2026, 13:20:05 GMT'; 'unknown' if the value is no time."""
    when = parse_utc(text)
    if when is None:
        return "unknown" if not text else str(text)
    local = when.astimezone(zone_for(zone_name))
    clock = "%H:%M:%S" if seconds else "%H:%M"
    return f"{local.strftime('%a')} {local.day} {local.strftime('%b %Y')}, {local.strftime(clock)} {_zone_words(local)}"


def utc_text(text: str | None) -> str:
    when = parse_utc(text)
    if when is None:
        return "unknown"
    when = when.astimezone(timezone.utc)
    return f"{when.day} {when.strftime('%b %Y')}, {when.strftime('%H:%M:%S')} UTC"


def both(text: str | None, zone_name: str | None = None) -> str:
    """Local time with its zone, and the same moment in UTC where that is a different clock:
    'Tue 1 Dec 2026, 14:20:05 CET (13:20:05 UTC)'; in GMT or UTC the local time alone."""
    when = parse_utc(text)
    if when is None:
        return local_text(text)
    local = when.astimezone(zone_for(zone_name))
    if not local.utcoffset():
        return local_text(text, zone_name)
    utc = when.astimezone(timezone.utc)
    same_day = utc.date() == local.date()
    return f"{local_text(text, zone_name)} ({utc_text(text).split(', ')[1] if same_day else utc_text(text)})"
