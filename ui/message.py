# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""One message widget for the whole app: success, warning, failure (and a plain note), each
with an icon, a colour and words, never colour alone: the first word a screen reader says is
the tone ("Done", "Please note", "Problem"), and the icon is drawn beside the words.

Its space is kept while it is empty (``reserve=True``), so a message appearing or going does
not move what is under it: a button that jumped away as someone reached for it was pressed by
mistake in a trial.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy

from . import theme


class MessageBar(QFrame):
    """``say(text, tone)`` shows it; ``say("")`` empties it (keeping its space when reserved)."""

    def __init__(self, parent=None, *, closable: bool = True, reserve: bool = True, name: str = "Message") -> None:
        super().__init__(parent)
        self.setObjectName("message")
        self.tone = "info"
        self.setProperty("tone", "info")
        row = QHBoxLayout(self)
        row.setContentsMargins(theme.SPACE["s"], theme.SPACE["xs"], theme.SPACE["s"], theme.SPACE["xs"])
        row.setSpacing(theme.SPACE["s"])
        self.icon = QLabel()
        self.icon.setFixedSize(QSize(20, 20))
        self.icon.setAccessibleName("")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName(name)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        self.close_button = QPushButton("OK")
        self.close_button.setAccessibleName("Close this message")
        self.close_button.setAutoDefault(False)  # in a dialog, Enter stays with the dialog's own default
        self.close_button.clicked.connect(lambda _checked=False: self.say(""))
        self.close_button.setVisible(closable)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(reserve)
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)
        if reserve:  # room for two lines of words, whether or not there is a message now
            self.setMinimumHeight(reserved_height(self))
        self.setVisible(False)

    def say(self, text: str, tone: str = "info") -> None:
        """Show ``text`` with the tone's icon and colours; nothing to say hides it."""
        self.tone = tone if tone in theme.TONES else "info"
        icon_name, colour, _bg, word = theme.TONES[self.tone]
        self.setProperty("tone", self.tone)
        self.style().unpolish(self)
        self.style().polish(self)
        for child in (self.icon, self.text, self.close_button):
            child.style().unpolish(child)
            child.style().polish(child)
        self.text.setText(text)
        self.text.setAccessibleDescription(f"{word}: {text}" if text else "")
        self.icon.setPixmap(theme.icon(icon_name, colour).pixmap(20, 20))
        self.icon.setToolTip(word)
        self.setVisible(bool(text))

    def refresh_icons(self) -> None:
        if self.text.text():
            self.say(self.text.text(), self.tone)

    def hide(self) -> None:  # noqa: D102 - the same as saying nothing
        self.text.clear()
        super().hide()


def reserved_height(widget) -> int:
    """Room for a message of two lines with its OK button: the height kept for messages."""
    return widget.fontMetrics().lineSpacing() * 2 + theme.SPACE["m"] + 12


def tone_box(box, tone: str):
    """Give a QMessageBox the tone's icon in its colour (the words are the box's own)."""
    icon_name, colour, _bg, _word = theme.TONES[tone]
    box.setIconPixmap(theme.icon(icon_name, colour).pixmap(40, 40))
    return box
