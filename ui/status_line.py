# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The status bar: it always answers "is my evidence safe?" (the vault's last check), "is the
picture check on?" and "when does it lock?", each with an icon, a colour and words (never
colour alone), and the Lock button. A mixin of ``MainWindow``.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPushButton

from . import theme


class StatusLine:
    def _build_status(self) -> None:
        bar = self.statusBar()
        self.status_vault = QLabel()
        self.status_lists = QLabel()
        self.status_lock = QLabel()
        self.status_icons = {}
        for label in (self.status_vault, self.status_lists, self.status_lock):
            icon = QLabel()
            icon.setFixedSize(18, 18)
            self.status_icons[label] = icon
            bar.addWidget(icon)
            bar.addWidget(label)
        self.lock_button = QPushButton("Lock")
        self.lock_button.setIcon(theme.icon("lock-simple"))
        self.lock_button.setAccessibleName("Lock the vault now")
        self.lock_button.clicked.connect(lambda _checked=False: self.lock())  # not lock(message=False)
        bar.addPermanentWidget(self.lock_button)
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(15_000)
        self.status_timer.timeout.connect(self.update_status)
        self.status_timer.start()

    def update_status(self) -> None:
        vault = self.session.vault
        self.lock_button.setVisible(vault is not None)
        self.lock_button.setIcon(theme.icon("lock-simple"))
        if vault is None:
            for label in (self.status_vault, self.status_lists, self.status_lock):
                label.clear()
                self.status_icons[label].clear()
            self.status_vault.setText("Locked" if self.session.folder else "")
            if self.session.folder:
                self._status_icon(self.status_vault, "lock-simple", "text")
            return
        if self.last_check is None:
            self.status_vault.setText("Vault: not checked since it was opened")
        else:
            at, ok = self.last_check
            minutes = int((time.monotonic() - at) // 60)
            ago = "just now" if minutes < 1 else f"{minutes} min ago"
            self.status_vault.setText(f"Vault: {'intact' if ok else 'problems found'} (checked {ago})")
        # icon, colour and words: never colour alone
        state = None if self.last_check is None else self.last_check[1]
        self._status_icon(self.status_vault, {None: "info", True: "check-circle", False: "x-circle"}[state],
                          {None: "text", True: "success", False: "failure"}[state])
        count = len(vault.hash_lists.names())
        self._status_icon(self.status_lists, "shield-check" if count else "info", "success" if count else "text")
        self._status_icon(self.status_lock, "lock-simple", "text")
        self.status_lists.setText(
            "Picture check: " + (f"on ({count} list{'s' if count != 1 else ''} of known images)" if count
                                    else "not set up by the school yet"))
        # The setting, not a countdown: a countdown read once goes stale, and read before the
        # timer starts it said "1 min" on the recovery-key screen.
        self.status_lock.setText(f"Locks after {self.settings.auto_lock_min:g} min without use")

    def _status_icon(self, label: QLabel, name: str, colour: str) -> None:
        self.status_icons[label].setPixmap(theme.icon(name, colour).pixmap(16, 16))
        label.setProperty("tone", colour)

