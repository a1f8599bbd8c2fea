# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The "when it happened" picker on its own: a calendar with today marked that stops at today,
and a time typed as people say it, read back in words (ui/when_picker.py)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QFont

from ui.when_picker import HINT, WhenPicker

# Fri 27 Nov 2026, 18:00 GMT is "now" for these pickers: the tests read the same at any hour.
NOW = datetime(2026, 11, 27, 18, 0, tzinfo=timezone.utc)


@pytest.fixture
def picker(qtbot, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    widget = WhenPicker(now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_calendar_marks_today_and_stops_there(picker):
    today = QDate(2026, 11, 27)
    assert picker.day.date() == today and picker.day.maximumDate() == today
    marked = picker.day.calendarWidget().dateTextFormat(today)
    assert marked.fontWeight() == QFont.Weight.Bold and marked.fontUnderline() and marked.toolTip() == "Today"
    assert not picker.day.calendarWidget().dateTextFormat(QDate(2026, 11, 26)).fontUnderline()
    picker.day.setDate(QDate(2026, 11, 28))  # tomorrow cannot be chosen
    assert picker.day.date() == today


@pytest.mark.parametrize("typed, understood", [
    ("4.30pm", "Thu 26 Nov 2026, 16:30 GMT (yesterday)"),
    ("4:30 pm", "Thu 26 Nov 2026, 16:30 GMT (yesterday)"),
    ("16:30", "Thu 26 Nov 2026, 16:30 GMT (yesterday)"),
    ("4pm", "Thu 26 Nov 2026, 16:00 GMT (yesterday)"),
    ("noon", "Thu 26 Nov 2026, 12:00 GMT (yesterday)"),
])
def test_a_typed_time_is_read_back_in_words(picker, qtbot, typed, understood):
    picker.day.setDate(QDate(2026, 11, 26))
    picker.time.setFocus()
    qtbot.waitUntil(lambda: picker.time.selectedText() == picker.time.text())  # typing replaces it
    qtbot.keyClicks(picker.time, typed)
    assert picker.echo.text() == understood and picker.problem() is None
    assert picker.stored() == f"2026-11-26T{understood[17:22]}:00Z"  # GMT is UTC in November
    assert picker.dateTime() == QDateTime(QDate(2026, 11, 26), QTime.fromString(understood[17:22], "HH:mm"))


def test_a_time_shown_is_written_as_people_say_it(picker):
    picker.setDateTime(QDateTime(QDate(2026, 11, 20), QTime(16, 30, 45)))
    assert picker.time.text() == "4.30pm" and picker.stored() == "2026-11-20T16:30:00Z"  # no seconds claimed
    picker.setDateTime(QDateTime(QDate(2026, 11, 20), QTime(12, 0)))
    assert picker.time.text() == "noon"


def test_what_is_not_a_time_gets_a_hint_while_typing_and_the_reason_after(picker, qtbot):
    picker.time.setFocus()
    qtbot.waitUntil(lambda: picker.time.selectedText() == picker.time.text())
    qtbot.keyClicks(picker.time, "4")
    assert picker.echo.text() == HINT  # half typed: not scolded yet
    picker.time.editingFinished.emit()
    assert picker.echo.text() == "'4' could be morning or afternoon. Write 4am, 4pm or 16:00."
    assert picker.problem() == picker.echo.text()


def test_later_today_is_refused_and_earlier_today_is_taken(picker):
    picker.time.setText("6.30pm")
    assert picker.is_future()
    assert picker.problem() == ("That time has not happened yet: Fri 27 Nov 2026, 18:30 GMT (today). "
                                "Check the day and the time.")
    picker.time.setText("5.59pm")
    assert not picker.is_future() and picker.echo.text() == "Fri 27 Nov 2026, 17:59 GMT (today)"


def test_the_hour_the_clocks_skip_is_named(picker):
    picker.day.setDate(QDate(2026, 3, 29))
    picker.time.setText("1.30am")
    assert picker.problem() == ("01:30 on Sun 29 Mar 2026 did not happen here: the clocks went forward "
                                "that night. Check the time.")
    picker.time.setText("2.30am")
    assert picker.stored() == "2026-03-29T01:30:00Z"  # BST
