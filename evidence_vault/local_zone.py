# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Which zone "local" means: the computer's (``$TZ`` or the system setting), or one passed in;
and whether dates are written month first here (:func:`month_first_locale`).

Why a module of its own: :mod:`evidence_vault.times` turns stored UTC into words and reads
what people type; both need "local", and a school's IT or a test may fix it (a zone name such
as "Europe/London", or a ``tzinfo``). ``times`` re-exports these names.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
import time as _time
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import UsageError

class _SystemLocal(tzinfo):
    """The operating system's local time (the Python docs' recipe): right across DST changes
    even where no zone name can be found (Windows without tzdata)."""

    def _local(self, dt: datetime) -> _time.struct_time:
        stamp = _time.mktime((dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second,
                              dt.weekday(), 0, -1))
        return _time.localtime(stamp)

    def utcoffset(self, dt: datetime | None) -> timedelta:
        assert dt is not None, "the system's offset depends on the moment"
        return timedelta(seconds=self._local(dt).tm_gmtoff)

    def dst(self, dt: datetime | None) -> timedelta:
        assert dt is not None, "the system's offset depends on the moment"
        return timedelta(hours=1) if self._local(dt).tm_isdst > 0 else timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        assert dt is not None, "the system's zone name depends on the moment"
        return self._local(dt).tm_zone

    def fromutc(self, dt: datetime) -> datetime:
        local = _time.localtime((dt.replace(tzinfo=None) - datetime(1970, 1, 1)).total_seconds())
        return datetime(*local[:6], dt.microsecond, tzinfo=self)


def _system_zone_key() -> str | None:
    tz_env = os.environ.get("TZ", "").lstrip(":")
    if tz_env:
        return tz_env
    try:
        target = Path("/etc/localtime").resolve()
    except OSError:
        return None
    parts = target.parts
    if "zoneinfo" in parts:
        return "/".join(parts[parts.index("zoneinfo") + 1:]) or None
    return None


def local_zone(tz: str | tzinfo | None = None) -> tzinfo:
    """``tz`` as a tzinfo; None means this computer's zone."""
    if isinstance(tz, tzinfo):
        return tz
    key = tz or _system_zone_key()
    if key:
        try:
            return ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError):
            if tz:
                raise UsageError(f"'{tz}' is not a time zone Evidence Vault knows, e.g. Europe/London.") from None
    return _SystemLocal()


def zone_key(tz: str | tzinfo | None = None) -> str | None:
    """The zone's name as JSON carries it ("Europe/London"), or None if the system has none."""
    zone = local_zone(tz)
    return getattr(zone, "key", None)


def month_first_locale(env: Mapping[str, str] | None = None) -> bool:
    """True where dates are written month first (US English); day first everywhere else."""
    env = os.environ if env is None else env
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        value = env.get(name)
        if value:
            return value.split(".")[0] in ("en_US", "en_PH", "es_US")
    return False
