# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""evidence_vault.times: what people read and type, with fixed zones (Europe/London across both
BST changes, and Pacific/Auckland, whose day is not the UK's)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from evidence_vault.errors import UsageError
from evidence_vault.times import (
    format_local, local_iso, parse_user_time, to_utc_iso, zone_key, zone_name,
)

LONDON, AUCKLAND = "Europe/London", "Pacific/Auckland"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)  # Sat 28 Nov 2026, 12:00 GMT


@pytest.mark.parametrize("stored, tz, shown", [
    ("2026-11-27T16:30:00Z", LONDON, "Fri 27 Nov 2026, 16:30 GMT"),
    ("2026-06-15T15:30:00Z", LONDON, "Mon 15 Jun 2026, 16:30 BST (15:30 UTC)"),
    ("2026-03-29T00:59:00Z", LONDON, "Sun 29 Mar 2026, 00:59 GMT"),
    ("2026-03-29T01:00:00Z", LONDON, "Sun 29 Mar 2026, 02:00 BST (01:00 UTC)"),
    ("2026-10-25T00:30:00Z", LONDON, "Sun 25 Oct 2026, 01:30 BST (00:30 UTC)"),
    ("2026-10-25T01:30:00Z", LONDON, "Sun 25 Oct 2026, 01:30 GMT"),
    ("2026-11-27T16:30:00Z", AUCKLAND, "Sat 28 Nov 2026, 05:30 NZDT (16:30 UTC on Fri 27 Nov 2026)"),
    ("2026-11-27", LONDON, "Fri 27 Nov 2026, time not known"),
])
def test_format_local_names_the_zone_and_utc_where_it_differs(stored, tz, shown):
    assert format_local(stored, tz=tz, with_utc=True) == shown


def test_format_local_takes_aware_datetimes_and_zone_helpers():
    when = datetime(2026, 6, 15, 15, 30, 5, tzinfo=timezone.utc)
    assert format_local(when, tz=LONDON, seconds=True) == "Mon 15 Jun 2026, 16:30:05 BST"
    assert zone_name(when, tz=LONDON) == "BST" and zone_name("2026-01-01T00:00:00Z", tz=LONDON) == "GMT"
    assert local_iso(when, tz=LONDON) == "2026-06-15T16:30:05+01:00"
    assert zone_key(LONDON) == LONDON
    assert to_utc_iso(when) == "2026-06-15T15:30:05Z"


@pytest.mark.parametrize("typed, stored, words", [
    ("27/11/2026 16:30", "2026-11-27T16:30:00Z", "Fri 27 Nov 2026, 16:30 GMT (yesterday)"),
    ("27 Nov 2026 4.30pm", "2026-11-27T16:30:00Z", "Fri 27 Nov 2026, 16:30 GMT (yesterday)"),
    ("27 November 2026 at 16:30", "2026-11-27T16:30:00Z", "Fri 27 Nov 2026, 16:30 GMT (yesterday)"),
    ("yesterday 16:30", "2026-11-27T16:30:00Z", "Fri 27 Nov 2026, 16:30 GMT (yesterday)"),
    ("yesterday at 4:30 pm", "2026-11-27T16:30:00Z", "Fri 27 Nov 2026, 16:30 GMT (yesterday)"),
    ("today 9am", "2026-11-28T09:00:00Z", "Sat 28 Nov 2026, 09:00 GMT (today)"),
    ("9am", "2026-11-28T09:00:00Z", "Sat 28 Nov 2026, 09:00 GMT (today)"),
    ("11:45", "2026-11-28T11:45:00Z", "Sat 28 Nov 2026, 11:45 GMT (today)"),
    ("2026-11-27T16:30", "2026-11-27T16:30:00Z", "Fri 27 Nov 2026, 16:30 GMT (yesterday)"),
    ("2026-11-27T16:30+01:00", "2026-11-27T15:30:00Z", "Fri 27 Nov 2026, 15:30 GMT (yesterday)"),
    ("Fri 27 Nov 2026, 16:30 GMT", "2026-11-27T16:30:00Z", "Fri 27 Nov 2026, 16:30 GMT (yesterday)"),
    # summer: the same wall time is an hour earlier in UTC
    ("15/06/2026 16:30", "2026-06-15T15:30:00Z", "Mon 15 Jun 2026, 16:30 BST"),
    # the night the clocks go back: 01:30 happens twice, the zone says which
    ("25/10/2026 01:30 BST", "2026-10-25T00:30:00Z", "Sun 25 Oct 2026, 01:30 BST"),
    ("25/10/2026 01:30 GMT", "2026-10-25T01:30:00Z", "Sun 25 Oct 2026, 01:30 GMT"),
])
def test_parse_what_a_uk_user_types(typed, stored, words):
    parsed = parse_user_time(typed, now=NOW, tz=LONDON, month_first=False)
    assert (parsed.stored, parsed.words, parsed.time_unknown) == (stored, words, False)


def test_day_first_unless_the_locale_is_month_first():
    assert parse_user_time("1/6/2026 16:30", now=NOW, tz=LONDON, month_first=False).stored == "2026-06-01T15:30:00Z"
    assert parse_user_time("1/6/2026 16:30", now=NOW, tz=LONDON, month_first=True).stored == "2026-01-06T16:30:00Z"


def test_far_zone_today_and_yesterday_are_that_zones_days():
    # 12:00 UTC on 28 Nov is 01:00 on Sun 29 Nov in Auckland: "yesterday" is the 28th there.
    parsed = parse_user_time("yesterday 9am", now=NOW, tz=AUCKLAND)
    assert parsed.stored == "2026-11-27T20:00:00Z"
    assert parsed.words == "Sat 28 Nov 2026, 09:00 NZDT (yesterday)"


@pytest.mark.parametrize("typed, message", [
    ("2026-11-27", "is a date (Fri 27 Nov 2026) without a time"),
    ("27/11/2026", "without a time. Add the time"),
    ("yesterday", "without a time"),
    ("25/10/2026 01:30", "happened twice (the clocks went back that night)"),
    ("29/03/2026 01:30", "did not happen here: the clocks went forward"),
    ("Mon 27 Nov 2026 16:30", "Fri 27 Nov 2026 is a Friday, not a Monday"),
    ("29 Nov 2026 9am", "in the future: '29 Nov 2026 9am' reads as Sun 29 Nov 2026, 09:00 GMT"),
    ("13:00", "That time is in the future"),
    ("32/11/2026 10:00", "day is out of range"),
    ("last tuesday", "is not a date and time Evidence Vault understands"),
    ("9", "is not a date and time Evidence Vault understands"),
    ("27/11/2026 16:30 EST", "EST is not this computer's time zone on that day (GMT)"),
])
def test_unclear_times_are_refused_with_the_reason(typed, message):
    with pytest.raises(UsageError) as info:
        parse_user_time(typed, now=NOW, tz=LONDON, month_first=False)
    assert message in str(info.value)


def test_a_date_alone_is_recorded_as_time_unknown_only_when_asked():
    parsed = parse_user_time("27/11/2026", now=NOW, tz=LONDON, time_unknown=True, month_first=False)
    assert (parsed.when, parsed.time_unknown, parsed.day) == (None, True, date(2026, 11, 27))
    assert parsed.stored == "2026-11-27" and parsed.words == "Fri 27 Nov 2026, time not known"
    with pytest.raises(UsageError, match="in the future"):
        parse_user_time("30/11/2026", now=NOW, tz=LONDON, time_unknown=True, month_first=False)
