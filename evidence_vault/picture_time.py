# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""When a picture says it was taken: "taken at, according to the file".

Why this is kept apart from the time an item was added: a teacher often imports a phone
screenshot days after the event, and the time the phone wrote into the file (EXIF
``DateTimeOriginal``, its ``OffsetTimeOriginal`` when the phone gave one, a PNG ``Creation Time``
text chunk, or the XMP ``DateCreated`` that iPhones write into screenshots) is then the better
guide to when it happened. It is only what the file says: a phone's clock can be wrong, and the
field can be edited by anyone who had the file, so it is stored and shown as the file's claim,
never in place of the vault's own time.

Pillow reads only the file's header and metadata here (no pixels are decoded). A picture whose
metadata cannot be read simply has no such time; that is common and not an error.
"""

from __future__ import annotations

import io
import re
import struct
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

FIELD = "taken_at_according_to_file"

_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL, _OFFSET_ORIGINAL = 0x9003, 0x9011
_DATETIME_DIGITIZED, _OFFSET_DIGITIZED = 0x9004, 0x9012
_XMP_DATE = re.compile(
    r"""(?:photoshop:DateCreated|xmp:CreateDate)(?:>|=["'])\s*([0-9][0-9:T .+\-Z]+)""")
_OFFSET = re.compile(r"^[+-]\d\d:\d\d$")


def _zone(offset: str | None):
    if not offset or not _OFFSET.match(offset.strip()):
        return None
    sign = -1 if offset.strip()[0] == "-" else 1
    hours, minutes = offset.strip()[1:].split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def _record(when: datetime, source: str, written: str) -> dict:
    stamp = when.strftime("%d %b %Y, %H:%M:%S").lstrip("0")
    if when.tzinfo is None:
        return {"source": source, "written": written, "time": when.isoformat(), "utc": None,
                "shown": f"{stamp} (the file does not say in which time zone)"}
    utc = when.astimezone(timezone.utc)
    offset = when.strftime("%z")
    return {"source": source, "written": written, "time": when.isoformat(),
            "utc": utc.isoformat().replace("+00:00", "Z"),
            "shown": f"{stamp} (UTC{offset[:3]}:{offset[3:]})"}


def _from_exif(sub: dict) -> dict | None:
    for tag, offset_tag, source in ((_DATETIME_ORIGINAL, _OFFSET_ORIGINAL, "EXIF DateTimeOriginal"),
                                    (_DATETIME_DIGITIZED, _OFFSET_DIGITIZED, "EXIF DateTimeDigitized")):
        written = sub.get(tag)
        if not isinstance(written, str) or not written.strip("\x00 "):
            continue
        written = written.strip("\x00 ")
        try:
            when = datetime.strptime(written, "%Y:%m:%d %H:%M:%S")
        except ValueError:
            continue
        offset = sub.get(offset_tag)
        zone = _zone(offset.strip("\x00 ") if isinstance(offset, str) else None)
        if zone is not None:
            when = when.replace(tzinfo=zone)
            source += " with OffsetTimeOriginal" if tag == _DATETIME_ORIGINAL else " with its offset"
        return _record(when, source, written)
    return None


def _parse_text_time(written: str) -> datetime | None:
    try:
        return parsedate_to_datetime(written)  # "Fri, 27 Nov 2026 16:30:00 +0000" (PNG's advice)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(written.replace("Z", "+00:00"))
    except ValueError:
        return None


def _from_text(text: dict, xmp) -> dict | None:
    written = text.get("Creation Time")
    if isinstance(written, str) and (when := _parse_text_time(written.strip())) is not None:
        return _record(when, "PNG Creation Time", written.strip())
    if isinstance(xmp, bytes):
        xmp = xmp.decode("utf-8", errors="replace")
    if isinstance(xmp, str) and (found := _XMP_DATE.search(xmp)):
        written = found.group(1).strip()
        if (when := _parse_text_time(written)) is not None:
            return _record(when, "XMP DateCreated", written)
    return None


def _metadata(data: bytes) -> tuple[dict, dict, object] | None:
    """The EXIF sub-IFD, PNG text chunks and XMP of ``data``, read by Pillow; None if unreadable.

    Only this reading is guarded: malformed metadata makes Pillow raise many kinds of errors,
    and a picture with unreadable metadata simply has no claimed time. The parsing after it
    is our own code, outside the ``try``, so a bug in it surfaces.
    """
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
            sub = dict(exif.get_ifd(_EXIF_IFD)) if exif else {}
            # image.info holds the text chunks met before the pixels; ``image.text`` would
            # decode the pixels to find later ones, which this does not need.
            text = {k: v for k, v in image.info.items() if isinstance(v, str)}
            xmp = image.info.get("XML:com.adobe.xmp") or image.info.get("xmp")
            return sub, text, xmp
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError,
            SyntaxError, struct.error, KeyError, IndexError, TypeError):
        return None


def taken_at(data: bytes) -> dict | None:
    """What the picture ``data`` says about when it was taken, or ``None``."""
    found = _metadata(data)
    if found is None:
        return None
    sub, text, xmp = found
    return _from_exif(sub) or _from_text(text, xmp)


def written_time(found: dict) -> datetime:
    """The time a ``taken_at`` record says the picture was taken, as a datetime: naive when the
    file gave no time zone (file_times.py then reads it as local time, and says so)."""
    return datetime.fromisoformat(found["time"])


def taken_at_info(data: bytes) -> dict:
    """``{FIELD: {...}}`` for an item's info when the file names a time, else ``{}``."""
    found = taken_at(data)
    return {FIELD: found} if found else {}
