# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""When something happened: a calendar for the day and two plain number boxes for the time.

Why not one ``QDateTimeEdit``: people type a time, and in a combined date-and-time field the
keys go to whichever section the cursor is in (a new-user trial typed "16", Right, "30" and
got 10:06; typing the whole line gave 20:26). A wrong time saved as evidence is worse than no
time. Here the day is picked from a calendar (no future days), and the hour and minutes are
two boxes that select their number when reached with Tab, so typing 16, Tab, 30 gives 16:30.
Seconds are always 0: the person gave a minute, and the record must not claim more.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QSpinBox, QWidget


class _TwoDigits(QSpinBox):
    """Two digits, selected whole when the box is reached by Tab OR by a click, so typing
    replaces the number (a re-check clicked the hour, typed 16 and kept 17: the click had put
    the cursor inside "17", and "167" is not an hour)."""

    def textFromValue(self, value: int) -> str:  # noqa: N802 - Qt API
        return f"{value:02d}"

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)  # after the click has placed the cursor


class WhenPicker(QWidget):
    """Local day and time, to the minute. ``dateTime()``/``setDateTime()`` like Qt's editors."""

    def __init__(self, when: QDateTime | None = None, parent=None) -> None:
        super().__init__(parent)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setMaximumDate(QDate.currentDate())
        self.day.setAccessibleName("Day it happened")
        self.hour = _TwoDigits()
        self.hour.setRange(0, 23)
        self.hour.setAccessibleName("Hour (0 to 23)")
        self.minute = _TwoDigits()
        self.minute.setRange(0, 59)
        self.minute.setAccessibleName("Minutes")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.day)
        row.addWidget(QLabel("at"))
        row.addWidget(self.hour)
        row.addWidget(QLabel(":"))
        row.addWidget(self.minute)
        row.addStretch(1)
        self.setFocusProxy(self.day)  # the form label's shortcut lands on the day
        self.setDateTime(when or QDateTime.currentDateTime())

    def setDateTime(self, when: QDateTime) -> None:  # noqa: N802 - Qt's name
        self.day.setDate(when.date())
        self.hour.setValue(when.time().hour())
        self.minute.setValue(when.time().minute())

    def dateTime(self) -> QDateTime:  # noqa: N802 - Qt's name
        return QDateTime(self.day.date(), QTime(self.hour.value(), self.minute.value(), 0))

    def is_future(self) -> bool:
        return self.dateTime() > QDateTime.currentDateTime().addSecs(60)
