# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a file says about when it happened, offered to the person, never filled in for them.

Why: a phone screenshot imported days later should sort where it happened, and the file
often says when that was: the picture's own data (EXIF/XMP, picture_time.py), a date in its
name (``Screenshot_20261119-163012.png``), an email's Date line, or the file's last-changed
time on this computer. Each of these can be wrong (a phone's clock, a renamed or copied
file), so each is offered with its source named ("according to the file's name"), and only
the one the person picks is stored, with that source and that they confirmed it
(``occurred_at_source``). Nothing here writes anything.

A time without a zone (a file name, EXIF without an offset) is read as local time on this
computer, and the words say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

from .picture_time import taken_at, written_time
from .times import format_local, local_zone, to_datetime, to_utc_iso
from .vault.when import Happened

#: Stored with the time when the person picks one of these.
CONFIRMED = "confirmed by the person who added it"

# A date and time in a file name: Screenshot_20261119-163012, IMG_20261119_163012,
# PXL_20261119_163012345, "Screenshot 2026-11-19 at 16.30.12", "WhatsApp Image 2026-11-19 at
# 16.30.12", "Screenshot from 2026-11-19 16-30-12", signal-2026-11-19-163012.
_NAME_TIME = re.compile(
    r"(?<!\d)(?P<y>20\d\d)[-_.]?(?P<mo>0[1-9]|1[0-2])[-_.]?(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?:[-_ T.]|\s+at\s+)+(?P<h>[01]\d|2[0-3])[-_.:h]?(?P<mi>[0-5]\d)(?:[-_.:m]?(?P<s>[0-5]\d))?"
    r"(?:\d{1,3})?(?!\d)", re.I)
_NAME_DAY = re.compile(r"(?<!\d)(?P<y>20\d\d)-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(frozen=True)
class TimeHint:
    """One thing the file says about when it happened."""

    source: str        # "file_data" | "file_name" | "email_date" | "file_modified"
    at: str            # as stored: UTC ISO with Z, or a bare date with time_unknown
    time_unknown: bool
    according_to: str  # "according to the file's name (Screenshot_20261119-163012.png)"

    def words(self) -> str:
        """'Thu 19 Nov 2026, 16:30 GMT, according to the file's name (…)'."""
        return f"{format_local(self.at)}, {self.according_to}"

    def happened(self) -> Happened:
        """What is stored when the person picks this one."""
        return Happened(self.at, self.time_unknown, f"{self.according_to}, {CONFIRMED}")

    def to_json(self) -> dict:
        return {"source": self.source, "at": self.at, "time_unknown": self.time_unknown,
                "according_to": self.according_to, "words": self.words()}


def _local_to_utc(naive: datetime) -> str:
    zone = local_zone()
    return to_utc_iso(naive.replace(tzinfo=zone))


def from_name(name: str) -> TimeHint | None:
    """A date (and time) written in the file's name, read as local time on this computer."""
    found = _NAME_TIME.search(name)
    if found:
        parts = {k: int(v) for k, v in found.groupdict().items() if v is not None}
        try:
            naive = datetime(parts["y"], parts["mo"], parts["d"], parts["h"], parts["mi"], parts.get("s", 0))
        except ValueError:
            return None
        return TimeHint("file_name", _local_to_utc(naive), False,
                        f"according to the file's name ({name}; read as local time on this computer)")
    found = _NAME_DAY.search(name)
    if found:
        try:
            day = date(int(found["y"]), int(found["mo"]), int(found["d"]))
        except ValueError:
            return None
        return TimeHint("file_name", day.isoformat(), True, f"according to the file's name ({name})")
    return None


def from_picture(data: bytes) -> TimeHint | None:
    """The picture's own record of when it was taken (EXIF, PNG or XMP), picture_time.py."""
    found = taken_at(data)
    if not found:
        return None
    if found.get("utc"):
        at, zone_words = to_utc_iso(to_datetime(found["utc"])), ""
    else:
        at = _local_to_utc(written_time(found))
        zone_words = "; it does not say which time zone, read as local time on this computer"
    return TimeHint("file_data", at, False,
                    f"according to the picture's own data ({found['source']}{zone_words})")


def from_email_date(value: str | None) -> TimeHint | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return TimeHint("email_date", to_utc_iso(when), False, "according to the email's Date line")


def from_modified(path: Path) -> TimeHint | None:
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return None
    when = datetime.fromtimestamp(stamp, timezone.utc).replace(microsecond=0)
    return TimeHint("file_modified", to_utc_iso(when), False,
                    "when the file was last changed, according to this computer (a copied file "
                    "may show when it was copied)")


def time_hints(path: Path, data: bytes | None = None, *, email_date: str | None = None,
               now: datetime | None = None) -> list[TimeHint]:
    """Everything the file at ``path`` says about when it happened, best first.

    ``data``: the file's bytes if already read (a picture's own data is looked for in them).
    A time in the future (a wrong clock) is left out; so is a second hint at the same minute
    as one already offered.
    """
    path = Path(path)
    now = now or datetime.now(timezone.utc)
    found = [from_picture(data) if data is not None else None, from_email_date(email_date),
             from_name(path.name), from_modified(path)]
    out: list[TimeHint] = []
    seen: set[str] = set()
    for hint in found:
        if hint is None:
            continue
        if hint.time_unknown:
            if hint.at > now.astimezone(local_zone()).date().isoformat():  # ISO days sort as text
                continue
        elif to_datetime(hint.at) > now + timedelta(minutes=1):
            continue
        minute = hint.at[:16]
        if minute in seen:
            continue
        seen.add(minute)
        out.append(hint)
    return out
