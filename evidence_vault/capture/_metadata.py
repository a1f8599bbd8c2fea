# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Building the metadata record: everything a court may ask about how a capture was made.

Every value comes from the same browser session that produced the pixels: the main
document's ``Response`` object (status, headers, server address, TLS certificate) and its
request's redirect chain. Times are UTC with a ``Z``; the local zone is recorded beside
them because a witness statement will be written in local time.
"""

from __future__ import annotations

import hashlib
import os
import time
from datetime import datetime, timezone
from pathlib import Path

from evidence_vault._version import __version__

CLOCK_SOURCE = "system clock (time.time), not externally verified"


def utc_now_iso() -> str:
    return iso_from_epoch(time.time())


def iso_from_epoch(seconds: float) -> str:
    moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def local_timezone() -> dict:
    """The zone name (IANA where the OS tells us, else its abbreviation) and UTC offset now."""
    now = datetime.now().astimezone()
    offset = now.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    text_offset = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return {"name": _iana_name() or now.tzname() or "unknown", "utc_offset": text_offset}


def _iana_name() -> str | None:
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz and "/" in tz and not tz.startswith("/"):
        return tz
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return None
    marker = "zoneinfo/"
    if marker in target:
        return target.split(marker, 1)[1]
    try:
        name = Path("/etc/timezone").read_text(encoding="utf-8").strip()
        return name or None
    except OSError:
        return None


def tls_details(response) -> dict | None:
    """Protocol and certificate of the main document's connection; None for plain HTTP."""
    if not response.url.lower().startswith("https:"):
        return None
    details = response.security_details()
    if not details:
        return {"available": False}
    return {
        "protocol": details.get("protocol"),
        "issuer": details.get("issuer"),
        "subject_name": details.get("subjectName"),
        "valid_from": _maybe_iso(details.get("validFrom")),
        "valid_to": _maybe_iso(details.get("validTo")),
    }


def _maybe_iso(seconds) -> str | None:
    return iso_from_epoch(float(seconds)) if seconds is not None else None


def redirect_chain(response) -> list[dict]:
    """Every hop from the address asked for to the page shown, oldest first, with statuses."""
    hops = []
    request = response.request
    final = {"url": request.url, "status": response.status}
    request = request.redirected_from
    while request is not None:
        hop_response = request.response()
        hops.append({"url": request.url, "status": hop_response.status if hop_response else None})
        request = request.redirected_from
    hops.reverse()
    return hops + [final]


def server_address(response) -> tuple[str | None, int | None]:
    addr = response.server_addr()
    if not addr:
        return None, None
    return addr.get("ipAddress"), addr.get("port")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def capture_tool() -> dict:
    return {"name": "Evidence Vault", "version": __version__}
