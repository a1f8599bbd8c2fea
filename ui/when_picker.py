# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""When something happened: a calendar for the day (today marked) and the time as people say it.

Why a typed time: people say "4.30pm", and a new-user trial of the old 24-hour number boxes
stalled on them (issue 23). Why not one ``QDateTimeEdit``: in a combined field the keys go to
whichever section the cursor is in (a trial typed "16", Right, "30" and got 10:06). Here the
day is picked from a calendar that stops at today, and the time is one line read by
``evidence_vault.times.parse_time_of_day`` (the same rules as the CLI's ``--at``): "4.30pm",
"4:30 pm", "16:30", "4pm", "noon". Under it one line repeats what was understood in words
("Fri 27 Nov 2026, 16:30 GMT"), or says plainly why it is not a time, so a misreading is seen
before anything is saved. Seconds are always 0: the person gave a minute, and the record must
not claim more.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer, Signal
from PySide6.QtGui import QFont, QTextCharFormat
from PySide6.QtWidgets import QDateEdit, QGridLayout, QLabel, QLineEdit, QWidget

from evidence_vault import EvidenceVaultError, UsageError
from evidence_vault.times import ParsedTime, clock_words, local_zone, parse_time_of_day, parse_user_time

HINT = "Type the time as you would say it, e.g. 4.30pm or 16:30."
NOT_YET_START = "That time has not happened yet"
NOT_YET = NOT_YET_START + ": {words}. Check the day and the time."
_GRACE = timedelta(minutes=1)  # a time typed as "now" is not in the future


class _TimeField(QLineEdit):
    """Selected whole when reached by Tab or a click, so what is typed replaces the old time."""

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)  # after the click has placed the cursor


class WhenPicker(QWidget):
    """Local day and time, to the minute. ``dateTime()``/``setDateTime()`` like Qt's editors;
    ``problem()`` says what is wrong in words (None when it is a time that has happened);
    ``stored()`` is the vault's UTC form.

    ``now`` is this computer's clock unless one is passed (``set_clock``): "today" in the
    calendar and the future check read it, so a test can fix the day it runs on.
    """

    changed = Signal()

    def __init__(self, when: QDateTime | None = None, parent=None, *,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.now = now or (lambda: datetime.now(timezone.utc))
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setAccessibleName("Day it happened (today is marked in the calendar)")
        self.time = _TimeField()
        self.time.setAccessibleName("Time it happened, e.g. 4.30pm or 16:30")
        self.time.setPlaceholderText("e.g. 4.30pm")
        self.time.setMaxLength(20)
        self.time.setMinimumWidth(self.time.fontMetrics().horizontalAdvance("12.30pm ") + 16)
        self.echo = QLabel(HINT)
        self.echo.setObjectName("whenUnderstood")
        self.echo.setWordWrap(True)
        self.echo.setAccessibleName("When it happened, as Evidence Vault understood it")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.day, 0, 0)
        grid.addWidget(QLabel("at"), 0, 1)
        grid.addWidget(self.time, 0, 2)
        grid.setColumnStretch(3, 1)
        grid.addWidget(self.echo, 1, 0, 1, 4)  # always there: a message never moves the form
        self.setFocusProxy(self.day)  # the form label's shortcut lands on the day
        self.set_clock(self.now)
        self.time.textChanged.connect(lambda _text: self._update())
        self.time.editingFinished.connect(lambda: self._update(finished=True))
        self.day.dateChanged.connect(lambda _d: self._update())
        self.setDateTime(when or QDateTime(self._today(), self._now_local_qtime()))

    # -- the clock ---------------------------------------------------------------------------
    def set_clock(self, now: Callable[[], datetime]) -> None:
        """Read "now" from ``now`` (an aware datetime): today is marked and the last day."""
        self.now = now
        today = self._today()
        calendar = self.day.calendarWidget()
        calendar.setDateTextFormat(QDate(), QTextCharFormat())  # forget an earlier "today"
        marked = QTextCharFormat()
        marked.setFontWeight(QFont.Weight.Bold)
        marked.setFontUnderline(True)
        marked.setToolTip("Today")
        calendar.setDateTextFormat(today, marked)
        self.day.setMaximumDate(today)  # no day after today can be chosen

    def _local_now(self) -> datetime:
        return self.now().astimezone(local_zone())

    def _today(self) -> QDate:
        today = self._local_now().date()
        return QDate(today.year, today.month, today.day)

    def _now_local_qtime(self) -> QTime:
        now = self._local_now()
        return QTime(now.hour, now.minute)

    # -- reading it --------------------------------------------------------------------------
    def setDateTime(self, when: QDateTime) -> None:  # noqa: N802 - Qt's name
        self.day.setDate(when.date())
        self.time.setText(clock_words(when.time().toPython().replace(second=0, microsecond=0)))
        self._update()

    def dateTime(self) -> QDateTime:  # noqa: N802 - Qt's name
        """The local day and time typed; the time is 00:00 while what is typed is not a time."""
        try:
            clock = parse_time_of_day(self.time.text())
        except EvidenceVaultError:
            return QDateTime(self.day.date(), QTime(0, 0))
        return QDateTime(self.day.date(), QTime(clock.hour, clock.minute, 0))

    def parsed(self) -> ParsedTime:
        """What was chosen, read the way the CLI reads ``--at`` (the clocks going forward or
        back included); ``UsageError`` in words when it is not a time, or not one yet."""
        clock = parse_time_of_day(self.time.text())
        day = self.day.date().toPython()
        understood = parse_user_time(f"{day.isoformat()} {clock.hour:02d}:{clock.minute:02d}",
                                     now=self.now(), allow_future=True)
        assert understood.when is not None, "a time was given"
        if understood.when > self.now() + _GRACE:
            raise UsageError(NOT_YET.format(words=understood.words))
        return understood

    def problem(self) -> str | None:
        """Why what is chosen cannot be saved, in words; None when it can."""
        try:
            self.parsed()
        except EvidenceVaultError as exc:
            return str(exc)
        return None

    def is_future(self) -> bool:
        problem = self.problem()
        return problem is not None and problem.startswith(NOT_YET_START)

    def stored(self) -> str:
        """The vault's form: UTC ISO 8601 with a Z (``UsageError`` if there is a problem)."""
        return self.parsed().stored

    def _update(self, finished: bool = False) -> None:
        """Say what was understood; while a time is half typed ("4", "4.3") a hint, and why it
        is not a time only once the person leaves the field (or saves)."""
        try:
            self.echo.setText(self.parsed().words)
        except EvidenceVaultError as exc:
            try:
                parse_time_of_day(self.time.text())
                half_typed = False
            except EvidenceVaultError:
                half_typed = True
            self.echo.setText(HINT if half_typed and not finished else str(exc))
        self.changed.emit()
