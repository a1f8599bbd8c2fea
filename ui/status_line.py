# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The status bar: it always answers "is my evidence safe?" (the vault's last check), "is the
picture check on?" and "when does it lock?", each with an icon, a colour and words (never
colour alone), and the Lock button. The window holds one (``window.status``); it reads the
session and settings it is given, and remembers the last check so it can say how long ago.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar

from . import theme


class StatusLine(QObject):
    def __init__(self, bar: QStatusBar, session, settings, lock: Callable[[], None]) -> None:
        super().__init__(bar)
        self.session, self.settings = session, settings
        self.last_check: tuple[float, bool] | None = None  # (monotonic time, intact?)
        self.vault = QLabel()
        self.lists = QLabel()
        self.lock_time = QLabel()
        self.icons: dict[QLabel, QLabel] = {}
        for label in (self.vault, self.lists, self.lock_time):
            icon = QLabel()
            icon.setFixedSize(18, 18)
            self.icons[label] = icon
            bar.addWidget(icon)
            bar.addWidget(label)
        self.lock_button = QPushButton("Lock")
        self.lock_button.setIcon(theme.icon("lock-simple"))
        self.lock_button.setAccessibleName("Lock the vault now")
        self.lock_button.clicked.connect(lambda _checked=False: lock())  # not lock(message=False)
        bar.addPermanentWidget(self.lock_button)
        self.timer = QTimer(self)
        self.timer.setInterval(15_000)
        self.timer.timeout.connect(self.update)
        self.timer.start()

    def checked(self, ok: bool) -> None:
        """The vault was checked just now; ``ok``: it was intact."""
        self.last_check = (time.monotonic(), ok)
        self.update()

    def update(self) -> None:
        vault = self.session.vault
        self.lock_button.setVisible(vault is not None)
        self.lock_button.setIcon(theme.icon("lock-simple"))
        if vault is None:
            for label in (self.vault, self.lists, self.lock_time):
                label.clear()
                self.icons[label].clear()
            self.vault.setText("Locked" if self.session.folder else "")
            if self.session.folder:
                self._icon(self.vault, "lock-simple", "text")
            return
        if self.last_check is None:
            self.vault.setText("Vault: not checked since it was opened")
        else:
            at, ok = self.last_check
            minutes = int((time.monotonic() - at) // 60)
            ago = "just now" if minutes < 1 else f"{minutes} min ago"
            self.vault.setText(f"Vault: {'intact' if ok else 'problems found'} (checked {ago})")
        # icon, colour and words: never colour alone
        state = None if self.last_check is None else self.last_check[1]
        self._icon(self.vault, {None: "info", True: "check-circle", False: "x-circle"}[state],
                   {None: "text", True: "success", False: "failure"}[state])
        count = len(vault.hash_lists.names())
        self._icon(self.lists, "shield-check" if count else "info", "success" if count else "text")
        self._icon(self.lock_time, "lock-simple", "text")
        self.lists.setText(
            "Picture check: " + (f"on ({count} list{'s' if count != 1 else ''} of known images)" if count
                                    else "not set up by the school yet"))
        # The setting, not a countdown: a countdown read once goes stale, and read before the
        # timer starts it said "1 min" on the recovery-key screen.
        self.lock_time.setText(f"Locks after {self.settings.auto_lock_min:g} min without use")

    def _icon(self, label: QLabel, name: str, colour: str) -> None:
        self.icons[label].setPixmap(theme.icon(name, colour).pixmap(16, 16))
        label.setProperty("tone", colour)
