# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""times.parse_time_of_day: a time as people say it, the one reader behind the app's time
fields and the CLI's ``--at`` (whose time part goes through the same rules)."""

from __future__ import annotations

from datetime import datetime, time, timezone

import pytest

from evidence_vault.errors import UsageError
from evidence_vault.times import clock_words, parse_time_of_day, parse_user_time

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)  # Sat 28 Nov 2026, 12:00 GMT


@pytest.mark.parametrize("typed, read", [
    ("4.30pm", time(16, 30)),
    ("4:30 pm", time(16, 30)),
    ("4.30 p.m.", time(16, 30)),
    ("4.30PM", time(16, 30)),
    ("16:30", time(16, 30)),
    ("16.30", time(16, 30)),
    ("4pm", time(16, 0)),
    ("4 pm", time(16, 0)),
    ("9am", time(9, 0)),
    ("09:05", time(9, 5)),
    ("12pm", time(12, 0)),
    ("12am", time(0, 0)),
    ("12.15am", time(0, 15)),
    ("noon", time(12, 0)),
    ("Midday", time(12, 0)),
    ("midnight", time(0, 0)),
    ("  4.30pm  ", time(16, 30)),
    ("at 4.30pm", time(16, 30)),
    ("23:59", time(23, 59)),
    ("0:00", time(0, 0)),
])
def test_a_time_as_people_say_it(typed, read):
    assert parse_time_of_day(typed) == read


@pytest.mark.parametrize("typed, message", [
    ("", "Type the time it happened, e.g. 4.30pm, 4:30 pm, 16:30, 4pm or noon."),
    ("   ", "Type the time it happened, e.g. 4.30pm, 4:30 pm, 16:30, 4pm or noon."),
    ("4", "'4' could be morning or afternoon. Write 4am, 4pm or 16:00."),
    ("12", "'12' could be morning or afternoon. Write 12am, 12pm or 12:00."),
    ("16", "'16' needs its minutes. Write 16:00, or the minutes it happened."),
    ("13pm", "'13pm' mixes the two ways of writing a time: with am or pm the hour goes from 1 to 12. "
             "Write it like 4.30pm, 4:30 pm, 16:30, 4pm or noon."),
    ("0am", "'0am' mixes the two ways of writing a time"),
    ("25:00", "'25:00' is not a time of day: hours go up to 23 and minutes up to 59."),
    ("16:75", "'16:75' is not a time of day: hours go up to 23 and minutes up to 59."),
    ("teatime", "'teatime' is not a time Evidence Vault understands. Write it like 4.30pm, 4:30 pm, "
                "16:30, 4pm or noon."),
    ("half past four", "'half past four' is not a time Evidence Vault understands."),
    ("4.3pm", "'4.3pm' is not a time Evidence Vault understands."),
])
def test_what_is_not_a_time_is_refused_in_plain_words(typed, message):
    with pytest.raises(UsageError) as refused:
        parse_time_of_day(typed)
    assert str(refused.value).startswith(message)
    assert "Traceback" not in str(refused.value) and "regex" not in str(refused.value)


@pytest.mark.parametrize("clock, words", [
    (time(16, 30), "4.30pm"), (time(16, 0), "4pm"), (time(9, 5), "9.05am"), (time(12, 0), "noon"),
    (time(0, 0), "midnight"), (time(12, 45), "12.45pm"), (time(0, 10), "12.10am"), (time(23, 59), "11.59pm"),
])
def test_a_time_is_written_back_the_way_it_is_read(clock, words):
    assert clock_words(clock) == words
    assert parse_time_of_day(words) == clock


@pytest.mark.parametrize("typed", ["4.30pm", "4:30 pm", "16:30", "4pm", "noon"])
def test_the_cli_reads_the_same_times(typed):
    """``note --at`` and ``add-file --at`` go through parse_user_time: the same clock rules."""
    parsed = parse_user_time(f"27/11/2026 {typed}", now=NOW, tz="Europe/London")
    expected = parse_time_of_day(typed)
    assert parsed.when is not None
    assert parsed.when.astimezone(timezone.utc).time() == expected  # GMT in November


@pytest.mark.parametrize("typed, message", [
    ("27/11/2026 4", "'4' could be morning or afternoon. Write 4am, 4pm or 16:00."),
    ("yesterday 25:00", "'25:00' is not a time of day"),
    ("27 Nov 2026 13pm", "'13pm' mixes the two ways of writing a time"),
    ("31/02/2026 4", "'31/02/2026 4' is not a date and time Evidence Vault understands"),
])
def test_the_cli_refuses_the_time_part_in_the_same_words(typed, message):
    with pytest.raises(UsageError) as refused:
        parse_user_time(typed, now=NOW, tz="Europe/London")
    assert str(refused.value).startswith(message)
