# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Times, in the words people read: stored in UTC, shown in local time with the zone.

Why one module: a call logged at 4.30pm in June must read "16:30 BST" in ``list``, in
``show``, in every message and in the desktop app, and "27/11/2026 16:30" typed by a UK user
must mean the same instant everywhere. The vault keeps UTC ISO strings ending in ``Z``
(ledger.py); this module is the only place that turns them into words or back.

- :func:`format_local` — "Fri 27 Nov 2026, 16:30 GMT" (optionally with the UTC time beside it).
- :func:`parse_stored_time` — a stored time back as an aware datetime (None if it is none);
  :func:`to_datetime` is its strict form. The bundle's pages and the app read times with it.
- :func:`parse_user_time` — ISO and what a UK user types ("27/11/2026 16:30",
  "27 Nov 2026 4.30pm", "yesterday 16:30", "today 9am", "16:30"). Day first unless the
  locale is a month-first one. A date without a time is refused unless the caller says the
  time is unknown, never silently taken as midnight. The result repeats what was understood
  in words, so a misreading is seen at once.
- :func:`parse_time_of_day` — a time alone as people say it ("4.30pm", "4:30 pm", "16:30",
  "4pm", "noon"), the app's time fields; :func:`clock_words` writes one back that way.
- :func:`local_zone`, :func:`zone_name`, :func:`zone_key` — which zone "local" means.

"Local" is the computer's zone (``$TZ`` or the system setting), or a ``tz`` passed in (a
zone name such as "Europe/London" or a ``tzinfo``), so tests and a school's IT can fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from datetime import time as dt_time

from .errors import UsageError
from .local_zone import local_zone, month_first_locale, zone_key

__all__ = [  # local_zone, month_first_locale, zone_key: local_zone.py; this is where callers find them
    "UTC", "ParsedTime", "clock_words", "format_local", "format_local_short", "local_iso", "local_zone",
    "month_first_locale", "parse_stored_time", "parse_time_of_day", "parse_user_time", "to_datetime",
    "to_utc_iso", "zone_key", "zone_name",
]

UTC = timezone.utc
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def parse_stored_time(value: object) -> datetime | None:
    """A time as the vault stores it (UTC ISO 8601 with a ``Z``; an offset is honoured, a time
    without a zone is UTC) as an aware datetime; None when ``value`` is empty or not a time.

    The one reader of stored times. Lenient on purpose: where a time is only shown (the
    bundle's pages, the app), a missing or damaged one reads "unknown", never a crash.
    """
    if not value or not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def to_datetime(value: str | datetime) -> datetime:
    """A stored UTC ISO string (or an aware datetime) as an aware datetime; ValueError if it
    is not one (the strict form of :func:`parse_stored_time`)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("a naive datetime has no zone; pass an aware one")
        return value
    when = parse_stored_time(value)
    if when is None:
        raise ValueError(f"{value!r} is not a stored time (UTC ISO 8601)")
    return when


def to_utc_iso(when: datetime) -> str:
    """The vault's stored form: UTC, seconds, with a Z."""
    return when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def local_iso(value: str | datetime, *, tz: str | tzinfo | None = None) -> str:
    """The same instant as local ISO 8601 with its offset ("2026-06-15T16:30:00+01:00")."""
    return to_datetime(value).astimezone(local_zone(tz)).isoformat(timespec="seconds")


def zone_name(value: str | datetime, *, tz: str | tzinfo | None = None) -> str:
    """The zone's short name at that moment: "GMT" in November, "BST" in June."""
    return to_datetime(value).astimezone(local_zone(tz)).tzname() or "local time"


def _day_words(day: date) -> str:
    return f"{_DAYS[day.weekday()].capitalize()} {day.day} {_MONTHS[day.month - 1].capitalize()} {day.year}"


def format_local(value: str | datetime | date | None, *, tz: str | tzinfo | None = None,
                 with_utc: bool = False, seconds: bool = False) -> str:
    """"Fri 27 Nov 2026, 16:30 GMT"; ``with_utc`` adds " (16:30 UTC)" where it differs.

    A date alone ("2026-11-27", an incident whose time is unknown) reads
    "Fri 27 Nov 2026, time not known". None or an unreadable value is shown as it is.
    """
    if value is None or value == "":
        return "time not recorded"
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{_day_words(value)}, time not known"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return f"{_day_words(date.fromisoformat(value.strip()))}, time not known"
    try:
        when = to_datetime(value)
    except ValueError:
        return str(value)
    local = when.astimezone(local_zone(tz))
    fmt = "%H:%M:%S" if seconds else "%H:%M"
    text = f"{_day_words(local.date())}, {local.strftime(fmt)} {local.tzname() or ''}".rstrip()
    if with_utc and local.utcoffset() != timedelta(0):
        utc = when.astimezone(UTC)
        same_day = utc.date() == local.date()
        text += f" ({utc.strftime(fmt)} UTC{'' if same_day else ' on ' + _day_words(utc.date())})"
    return text


def format_local_short(value: str | datetime, *, tz: str | tzinfo | None = None) -> str:
    """For a column in a list: "Fri 27 Nov 2026 16:30"; the zone is named once in a heading."""
    try:
        local = to_datetime(value).astimezone(local_zone(tz))
    except (ValueError, TypeError):
        return str(value)
    return f"{_day_words(local.date())} {local.strftime('%H:%M')}"


# -- reading what people type ---------------------------------------------------------------------
@dataclass(frozen=True)
class ParsedTime:
    """What :func:`parse_user_time` understood.

    ``when`` is the aware UTC datetime, or None when ``time_unknown`` (then ``day`` holds the
    date). ``words`` repeats it in words for the confirmation ("Fri 27 Nov 2026, 16:30 GMT").
    """

    when: datetime | None
    time_unknown: bool
    words: str
    day: date | None = None

    @property
    def stored(self) -> str:
        """What the vault keeps: UTC ISO with Z, or the bare date when the time is unknown."""
        if self.when is not None:
            return to_utc_iso(self.when)
        assert self.day is not None, "a time not known always has its day"
        return self.day.isoformat()


_EXAMPLES = ("27/11/2026 16:30, 27 Nov 2026 4.30pm, yesterday 16:30, today 9am, 16:30, "
             "or 2026-11-27T16:30")


def _bad(text: str, why: str = "") -> UsageError:
    return UsageError(f"'{text}' is not a date and time Evidence Vault understands{why}. "
                      f"Write it like {_EXAMPLES}.")


_TIME_RE = re.compile(
    r"(?:at\s+)?(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?(?::(?P<s>\d{2}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?$")
_NOT_ZONES = {"am", "pm", "today", "noon", "midday", "midnight"}
_ZONE_RE = re.compile(r"\s*\b(?P<z>utc|gmt|z|[a-z]{3,5})$")


_CLOCK_EXAMPLES = "4.30pm, 4:30 pm, 16:30, 4pm or noon"


def parse_time_of_day(text: str) -> dt_time:
    """A time of day as people say it ("4.30pm", "4:30 pm", "16:30", "4pm", "noon") as a
    ``datetime.time``; ``UsageError`` saying plainly why not, and how to write it.

    The app's time fields read what is typed with this, and :func:`parse_user_time` (the
    CLI's ``--at``) reads the time part of a date and time with the same rules.
    """
    raw = " ".join(str(text).split())
    lowered = raw.lower().rstrip(",")
    if not lowered:
        raise UsageError(f"Type the time it happened, e.g. {_CLOCK_EXAMPLES}.")
    clock = _parse_clock(lowered)
    if clock is not None:
        return dt_time(*clock)
    m = _TIME_RE.fullmatch(lowered)
    if m and m["m"] is None and not m["ampm"] and 0 <= int(m["h"]) <= 23:
        hour = int(m["h"])
        if 1 <= hour <= 12:
            raise UsageError(f"'{raw}' could be morning or afternoon. Write {hour}am, {hour}pm "
                             f"or {hour + 12 if hour < 12 else 12}:00.")
        raise UsageError(f"'{raw}' needs its minutes. Write {hour:02d}:00, or the minutes it happened.")
    if m and m["ampm"] and not 1 <= int(m["h"]) <= 12:
        raise UsageError(f"'{raw}' mixes the two ways of writing a time: with am or pm the hour goes "
                         f"from 1 to 12. Write it like {_CLOCK_EXAMPLES}.")
    if m:
        raise UsageError(f"'{raw}' is not a time of day: hours go up to 23 and minutes up to 59. "
                         f"Write it like {_CLOCK_EXAMPLES}.")
    raise UsageError(f"'{raw}' is not a time Evidence Vault understands. Write it like {_CLOCK_EXAMPLES}.")


def clock_words(when: dt_time) -> str:
    """A time of day as people say it: "4.30pm", "9am", "noon", "midnight" (what the app's
    time field shows, and reads back with :func:`parse_time_of_day`)."""
    if (when.hour, when.minute) == (12, 0):
        return "noon"
    if (when.hour, when.minute) == (0, 0):
        return "midnight"
    hour = when.hour % 12 or 12
    minutes = f".{when.minute:02d}" if when.minute else ""
    return f"{hour}{minutes}{'pm' if when.hour >= 12 else 'am'}"


def _parse_clock(text: str) -> tuple[int, int, int] | None:
    text = text.strip().rstrip(",")
    if text in ("noon", "midday"):
        return 12, 0, 0
    if text == "midnight":
        return 0, 0, 0
    m = _TIME_RE.fullmatch(text)
    if not m:
        return None
    hour, minute, sec = int(m["h"]), int(m["m"] or 0), int(m["s"] or 0)
    ampm = (m["ampm"] or "").replace(".", "")
    if not ampm and m["m"] is None:
        return None  # a bare "9" is not a time
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or sec > 59:
        return None
    return hour, minute, sec


_FULL_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"]


def _month(word: str) -> int | None:
    word = word.strip(".").lower()
    for i, (short, full) in enumerate(zip(_MONTHS, _FULL_MONTHS)):
        if word in (short, full) or (word == "sept" and i == 8):
            return i + 1
    return None


def _parse_date(text: str, today: date, month_first: bool) -> date | None:
    text = text.strip().strip(",").lower()
    if text == "today":
        return today
    if text == "yesterday":
        return today - timedelta(days=1)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", text)
    if m:
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if year < 100 else 0
        day, month = (b, a) if month_first else (a, b)
        return date(year, month, day)
    words = [w for w in re.split(r"[\s,]+", text) if w]
    weekday = None
    if words and words[0][:3] in _DAYS and _month(words[0]) is None:
        weekday = _DAYS.index(words[0][:3])
        words = words[1:]
    if len(words) == 3:
        for d_i, m_i in ((0, 1), (1, 0)):
            named = _month(words[m_i])
            day_txt = re.sub(r"(st|nd|rd|th)$", "", words[d_i])
            if named and day_txt.isdigit() and words[2].isdigit() and len(words[2]) == 4:
                found = date(int(words[2]), named, int(day_txt))
                if weekday is not None and found.weekday() != weekday:
                    raise UsageError(
                        f"{_day_words(found)} is a {found.strftime('%A')}, not a "
                        f"{date(2026, 1, 5 + weekday).strftime('%A')}. Check the date.")
                return found
    return None


def _split_date_time(text: str) -> tuple[str, str | None]:
    """Split "27 Nov 2026 4.30pm" into date part and time part (None if no time given)."""
    text = re.sub(r"\s+", " ", text.strip())
    iso = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[t ](.+)", text)
    if iso:
        return iso[1], iso[2]
    for cut in range(len(text) - 1, -1, -1):  # the longest tail that reads as a clock
        if cut > 0 and text[cut - 1] not in " ,":
            continue
        head, tail = text[:cut].rstrip(" ,"), text[cut:].strip()
        if tail and _parse_clock(tail.removeprefix("at ").strip()) is not None:
            return re.sub(r"(^|\s)at$", "", head).strip(" ,"), tail
    return text, None


def _resolve_local(day: date, clock: tuple[int, int, int], zone: tzinfo, abbrev: str | None,
                   text: str) -> datetime:
    naive = datetime(day.year, day.month, day.day, *clock)
    if abbrev in ("utc", "z", "gmt") and not any(
            naive.replace(tzinfo=zone, fold=f).tzname() == abbrev.upper() for f in (0, 1)):
        return naive.replace(tzinfo=UTC)
    options = [naive.replace(tzinfo=zone, fold=f) for f in (0, 1)]
    if abbrev:
        picked = [o for o in options if (o.tzname() or "").lower() == abbrev]
        if not picked and abbrev in ("utc", "z"):
            return naive.replace(tzinfo=UTC)
        if not picked:
            names = sorted({o.tzname() or "?" for o in options})
            raise UsageError(f"'{text}': {abbrev.upper()} is not this computer's time zone on that day "
                             f"({' or '.join(names)}). Leave the zone out, or write UTC.")
        options = picked
    real = [o for o in options if o.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive]
    if not real:
        raise UsageError(f"{naive.strftime('%H:%M')} on {_day_words(day)} did not happen here: the "
                         "clocks went forward that night. Check the time.")
    offsets = {o.utcoffset() for o in real}
    if len(offsets) > 1:
        twice = " or ".join(o.tzname() or "?" for o in real)
        raise UsageError(f"{naive.strftime('%H:%M')} on {_day_words(day)} happened twice (the clocks went "
                         f"back that night). Add which one, e.g. '{text} {real[0].tzname()}' ({twice}).")
    return real[0]


def parse_user_time(text: str, *, now: datetime | None = None, tz: str | tzinfo | None = None,
                    time_unknown: bool = False, allow_future: bool = False,
                    month_first: bool | None = None) -> ParsedTime:
    """Read a date and time as a person types it; raise ``UsageError`` saying how to write it.

    ``time_unknown``: the caller accepts a date without a time (recorded as such). A date
    without a time otherwise asks for one. A time in the future is refused unless
    ``allow_future``. ``now`` (aware) is "now" for today/yesterday and the future check.
    """
    zone = local_zone(tz)
    now = (now or datetime.now(UTC)).astimezone(zone)
    month_first = month_first_locale() if month_first is None else month_first
    raw = " ".join(str(text).split())
    if not raw:
        raise _bad(text)
    lowered = raw.lower()
    # ISO with a zone or offset first: exactly what it says.
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})", lowered):
        try:
            when = datetime.fromisoformat(lowered.upper().replace("Z", "+00:00"))
        except ValueError:
            raise _bad(text) from None
        return _finish(when, now, zone, allow_future, text)
    abbrev = None
    m = _ZONE_RE.search(lowered)
    if m and m["z"] not in _NOT_ZONES and _month(m["z"]) is None:
        abbrev, lowered = m["z"], lowered[: m.start()].strip()
    date_part, time_part = _split_date_time(lowered)
    clock = _parse_clock(time_part.removeprefix("at ").strip()) if time_part else None
    try:
        day = _parse_date(date_part, now.date(), month_first) if date_part else now.date()
    except ValueError as exc:
        raise _bad(text, f" ({exc})") from None
    if day is None:
        _refuse_the_time_part(date_part, now.date(), month_first)
        raise _bad(text)
    if clock is None:
        if not time_unknown:
            raise UsageError(f"'{text}' is a date ({_day_words(day)}) without a time. Add the time, e.g. "
                             f"'{raw} 16:30', or say the time is not known (--time-unknown).")
        if day > now.date() and not allow_future:
            raise UsageError(f"{_day_words(day)} is in the future. Give the day it happened.")
        return ParsedTime(None, True, f"{_day_words(day)}, time not known", day)
    when = _resolve_local(day, clock, zone, abbrev, raw)
    return _finish(when, now, zone, allow_future, text)


def _refuse_the_time_part(text: str, today: date, month_first: bool) -> None:
    """A date followed by what is not a time ("27/11/2026 4"): say why, as the app's time field does."""
    head, _, tail = text.rpartition(" ")
    try:
        a_date = _parse_date(head, today, month_first) is not None
    except ValueError:  # not a real day: the caller's message says so
        return
    if tail and a_date:
        parse_time_of_day(tail)


def _finish(when: datetime, now: datetime, zone: tzinfo, allow_future: bool, text: str) -> ParsedTime:
    when = when.astimezone(UTC)
    if not allow_future and when > now.astimezone(UTC) + timedelta(minutes=1):
        raise UsageError(f"That time is in the future: '{text}' reads as {format_local(when, tz=zone)}. "
                         "Give the time it happened (for yesterday, write 'yesterday 16:30').")
    words = format_local(when, tz=zone)
    local_day = when.astimezone(zone).date()
    if local_day == now.date():
        words += " (today)"
    elif local_day == now.date() - timedelta(days=1):
        words += " (yesterday)"
    return ParsedTime(when, False, words, local_day)
