# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Auto-lock: any key press or mouse use restarts a countdown; at zero the vault locks.

An application-wide event filter sees input in every window and dialog, so the countdown
cannot be kept alive by one window while another is left open on screen. The same filter
hears the lock keys (Ctrl+L) in every other window: a dialog opened over the main window
(the full-size picture above all) blocks the main window's own shortcut, and a new-user
trial found Ctrl+L did nothing while a picture of the abuse was on screen.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

_INPUT = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
}


class IdleLock(QObject):
    idle = Signal()
    lock_pressed = Signal()  # the lock keys, pressed in a window other than ``home``

    def __init__(self, app, minutes: float, parent=None) -> None:
        super().__init__(parent)
        self.home = None  # the main window, where the lock action's own shortcut works
        self.lock_keys: QKeySequence | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        self._last = time.monotonic()
        app.installEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        self.timer.setInterval(max(1, int(minutes * 60_000)))

    def start(self) -> None:
        self._last = time.monotonic()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def remaining_s(self) -> float:
        return max(0.0, self.timer.remainingTime() / 1000) if self.timer.isActive() else 0.0

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and self.lock_keys is not None \
                and QKeySequence(event.keyCombination()) == self.lock_keys \
                and isinstance(obj, QWidget) and obj.window() is not self.home:
            self.lock_pressed.emit()
            return True
        if event.type() in _INPUT and self.timer.isActive():
            now = time.monotonic()
            if now - self._last > 0.5:  # restarting a timer on every mouse move is wasteful
                self._last = now
                self.timer.start()
        return False
