# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The screens before the main window: welcome, create a vault, recovery key, unlock, locked.

They are pages of the main window's stack rather than modal dialogs, so locking can replace
everything on screen at once and the keyboard (and tests) reach every field directly.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
    QPushButton, QVBoxLayout, QWidget,
)

from evidence_vault import default_vault_dir

from . import theme, words
from .message import MessageBar

PRIVACY = ("Everything stays on this computer, encrypted. Nothing is sent anywhere unless you "
           "choose to make an evidence bundle.")
#: The strength line before anything is typed: the rule, said kindly (words.passphrase_hint
#: says how what was typed measures up to it).
EMPTY_PASSPHRASE_HINT = "Use four ordinary words you will remember, or at least 12 characters."
SUPPORT = ("You do not have to deal with this alone. Your school's procedures name who to talk "
           "to, and the staff counselling service is there for you.")


def _title(text: str) -> QLabel:
    label = theme.set_role(QLabel(text), "title")
    label.setWordWrap(True)
    return label


def _para(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _column(widget: QWidget) -> QVBoxLayout:
    outer = QHBoxLayout(widget)
    outer.addStretch(1)
    inner = QVBoxLayout()
    outer.addLayout(inner, 3)
    outer.addStretch(1)
    return inner


class WelcomePage(QWidget):
    create_requested = Signal()
    open_requested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        col = _column(self)
        col.addStretch(1)
        col.addWidget(_title("Keep evidence safe"))
        col.addWidget(_para("Evidence Vault keeps screenshots of web pages, files and a log of what "
                            "happened, sealed so that nobody can change them unnoticed."))
        col.addWidget(_para(PRIVACY))
        self.create_button = QPushButton("Create a new vault")
        self.create_button.setDefault(True)
        theme.set_flag(self.create_button, "primary")  # the one primary action of this screen
        self.open_button = QPushButton("Open a vault I already have…")
        self.create_button.clicked.connect(self.create_requested)
        self.open_button.clicked.connect(self._choose)
        col.addWidget(self.create_button)
        col.addWidget(self.open_button)
        col.addWidget(_para(SUPPORT))
        col.addStretch(2)

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose the vault folder")
        if folder:
            self.open_requested.emit(folder)


class CreatePage(QWidget):
    """Name, role, folder, passphrase twice with a strength hint."""

    submitted = Signal()
    back = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        col = _column(self)
        col.addStretch(1)
        col.addWidget(_title("Create your vault"))
        col.addWidget(_para(PRIVACY))
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setAccessibleName("Your name")
        self.role = QComboBox()
        self.role.setEditable(True)
        self.role.addItems(["Teacher", "Teaching assistant", "Senior leader",
                            "Designated safeguarding lead", "Support staff"])
        self.role.setAccessibleName("Your role")
        self.folder = QLineEdit(str(default_vault_dir()))
        self.folder.setAccessibleName("Folder for the vault")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase.setPlaceholderText("Three or four ordinary words, e.g. kettle orange cloud river")
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName("Passphrase again")
        self.strength = QProgressBar()
        self.strength.setRange(0, 3)
        self.strength.setTextVisible(False)
        self.strength.setMaximumHeight(8)
        self.strength.setAccessibleName("Passphrase strength")
        self.hint_bar = MessageBar(closable=False, name="How strong the passphrase is")
        self.hint = self.hint_bar.text
        self.passphrase.textChanged.connect(self._update_hint)
        self._update_hint("")
        # Typing again clears an earlier "too weak" or "not the same": it was about what was there.
        self.passphrase.textEdited.connect(lambda _t: self.show_error(""))
        self.repeat.textEdited.connect(lambda _t: self.show_error(""))
        form.addRow("Your &name", self.name)
        form.addRow("Your &role", self.role)
        browse = QPushButton("Choose…")
        browse.setAccessibleName("Choose the folder for the vault")
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        folder_label = QLabel("&Folder")
        folder_label.setBuddy(self.folder)  # a row that is a layout gets no buddy by itself
        form.addRow(folder_label, folder_row)
        form.addRow("&Passphrase", self.passphrase)
        form.addRow("", self.strength)
        form.addRow("", self.hint_bar)
        form.addRow("&Again", self.repeat)
        col.addLayout(form)
        self.error_bar = MessageBar(closable=False, name="What needs changing")
        self.error = self.error_bar.text
        self.error.setObjectName("createError")
        col.addWidget(self.error_bar)
        row = QHBoxLayout()
        back = QPushButton("Back")
        back.clicked.connect(self.back)
        self.create_button = QPushButton("Create the vault")
        self.create_button.setDefault(True)
        theme.set_flag(self.create_button, "primary")  # the one primary action of this screen
        self.create_button.clicked.connect(self.submitted)
        self.repeat.returnPressed.connect(self.submitted)  # Enter after typing it again creates it
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.create_button)
        col.addLayout(row)
        col.addStretch(2)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose an empty folder for the vault")
        if folder:
            self.folder.setText(folder)

    def _update_hint(self, text: str) -> None:
        score, hint = words.passphrase_hint(text)
        self.strength.setValue(score)
        if not text:  # said before typing too, so the fields below do not move when typing starts
            self.hint_bar.say(EMPTY_PASSPHRASE_HINT, "info")
            return
        self.hint_bar.say(hint, ("warning", "warning", "success", "success")[score])

    def show_error(self, text: str) -> None:
        self.error_bar.say(text, "failure")


class RecoveryKeyPage(QWidget):
    """The recovery key, shown once, with a check that it was noted."""

    done = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        col = _column(self)
        col.addStretch(1)
        col.addWidget(_title("Write down your recovery key"))
        col.addWidget(_para("If you ever forget your passphrase, this key is the only other way in. "
                            "Write it on paper (or print it) and keep it somewhere safe, away from "
                            "this computer. It is shown only this once."))
        self.key = QLabel()
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.key.setFont(mono)
        theme.set_role(self.key, "key")  # large, from the type scale
        self.key.setAccessibleName("Recovery key")
        self.key.setWordWrap(True)
        col.addWidget(self.key)
        self.print_button = QPushButton("Print it…")
        self.print_button.setToolTip("On a printer only: printing to a file is not offered, so the key "
                                     "is never left on this computer")
        self.print_button.clicked.connect(self._print)
        col.addWidget(self.print_button)
        self.printed = _para("")  # whether printing was sent, cancelled or refused
        self.printed.setObjectName("printResult")
        col.addWidget(self.printed)
        col.addWidget(_para("To check you have it, type the last group of five characters:"))
        self.check = QLineEdit()
        self.check.setAccessibleName("Last group of the recovery key")
        col.addWidget(self.check)
        self.noted = QCheckBox("I have written down or printed my recovery key")
        col.addWidget(self.noted)
        self.error_bar = MessageBar(closable=False, name="What is still needed")
        self.error = self.error_bar.text
        col.addWidget(self.error_bar)
        self.continue_button = QPushButton("Continue")
        self.continue_button.setDefault(True)
        theme.set_flag(self.continue_button, "primary")  # the one primary action of this screen
        self.continue_button.clicked.connect(self._continue)
        col.addWidget(self.continue_button)
        col.addStretch(2)
        self._secret = ""
        self._owner = ""
        self._vault = ""

    def show_key(self, key: str, *, owner: str = "", vault: str = "") -> None:
        """``owner`` and ``vault`` (its folder) are printed with the key, so the paper says whose it is."""
        self._secret, self._owner, self._vault = key, owner, vault
        self.key.setText(key)
        self.check.clear()
        self.noted.setChecked(False)
        self.error_bar.say("")
        self.printed.clear()

    def _print(self) -> str:
        from .recovery_print import print_recovery_key

        said = print_recovery_key(self, self._secret, owner=self._owner, vault=self._vault)
        self.printed.setText(said)
        return said

    def _continue(self) -> None:
        last = self._secret.rsplit("-", 1)[-1]
        if self.check.text().strip().upper() != last.upper():
            self.error_bar.say("That does not match the last group of the key. Look at it again and type "
                               "the last five characters.", "warning")
            return
        if not self.noted.isChecked():
            self.error_bar.say("Please tick the box once the key is written down or printed.", "warning")
            return
        self._secret = ""
        self.key.clear()
        self.check.clear()
        self.printed.clear()
        self.done.emit()


class UnlockPage(QWidget):
    """Passphrase (or recovery key) for a known vault folder."""

    submitted = Signal()
    other_vault = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        col = _column(self)
        col.addStretch(1)
        self.heading = _title("Unlock your vault")
        col.addWidget(self.heading)
        self.where = _para("")
        col.addWidget(self.where)
        self.folder: Path | None = None
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase.setPlaceholderText("Your passphrase")
        self.passphrase.returnPressed.connect(self.submitted)
        col.addWidget(self.passphrase)
        self.use_recovery = QCheckBox("Use my recovery key instead")
        self.use_recovery.toggled.connect(self._recovery_toggled)
        col.addWidget(self.use_recovery)
        self.message_bar = MessageBar(closable=False, name="Message")
        self.message = self.message_bar.text
        self.message.setObjectName("unlockMessage")
        col.addWidget(self.message_bar)
        row = QHBoxLayout()
        other = QPushButton("Open a different vault…")
        other.clicked.connect(self.other_vault)
        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setDefault(True)
        theme.set_flag(self.unlock_button, "primary")  # the one primary action of this screen
        self.unlock_button.clicked.connect(self.submitted)
        row.addWidget(other)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        col.addLayout(row)
        col.addStretch(2)

    def prepare(self, folder: Path, message: str = "") -> None:
        self.folder = Path(folder)
        self.where.setText(f"Vault folder: {folder}")
        self.passphrase.clear()
        self.say(message, "success" if "safe" in message else "info")
        self.passphrase.setFocus()

    def say(self, text: str, tone: str = "failure") -> None:
        self.message_bar.say(text, tone)

    def _recovery_toggled(self, on: bool) -> None:
        self.passphrase.clear()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("Recovery key, e.g. ABCDE-FGHJK-…" if on else "Your passphrase")
        self.passphrase.setAccessibleName("Recovery key" if on else "Passphrase")

    def wrong(self) -> None:
        self.passphrase.clear()
        if self.use_recovery.isChecked():
            self.say("That recovery key did not open the vault. Check each group of five "
                     "characters and try again.", "warning")
        else:
            self.say("That passphrase did not open the vault. Check Caps Lock and try "
                     "again. If you cannot remember it, tick \u201cUse my recovery key "
                     "instead\u201d.", "warning")
