# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Clause 71 on one item: lock it away (hard to do by accident), release a lock made in error.

Why each detail: a new-user trial opened "This may show a child" on a phone call by a
mis-click (a bold full-width button that moved under the pointer when the item type changed)
and the dialog's focused button was the permanent "Lock it away". So here: the dialog names
the item it is about, its default and focused button is "Keep it as it is" (Enter and Esc
both leave the item alone), and "Lock it away" must be clicked. A release is the owner's
deliberate act: the reason and the name of the safeguarding lead who agreed are typed, both
are kept in the item's history (``Vault.release``), and nothing of the picture is shown in the
same step; the details pane is cleared and the picture stays blurred until "Show".
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QTextBrowser, QVBoxLayout,
)

from evidence_vault import EvidenceVaultError

from . import theme, words
from .settings import advice_for
from .message import MessageBar

KEEP_AS_IT_IS = "Keep it as it is"
LOCK_IT_AWAY = "Lock it away"
RELEASE_IT = "Release it"


def describe(item) -> str:
    """'item 12 (file "photo.png", added Sun 6 Dec 2026, 20:30 GMT)': which item, in words."""
    return (f"item {item.id} ({words.item_kind_text(item)} \u201c{words.item_title(item)}\u201d, "
            f"{words.when_label(item)} {words.local_time(words.when_of(item))})")


def _safe_buttons(dialog: QDialog, do_text: str) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """Cancel-like button first, default and focused; the action button never default."""
    box = QDialogButtonBox()
    keep = box.addButton(KEEP_AS_IT_IS, QDialogButtonBox.ButtonRole.RejectRole)
    act = box.addButton(do_text, QDialogButtonBox.ButtonRole.AcceptRole)
    act.setAutoDefault(False)
    act.setDefault(False)
    keep.setDefault(True)
    keep.setAutoDefault(True)
    box.rejected.connect(dialog.reject)
    return box, keep, act


class LockAwayDialog(QDialog):
    """"Lock away item N (…)?" with what to do now; accepted only by clicking "Lock it away"."""

    def __init__(self, item, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(words.MAY_SHOW_CHILD)
        layout = QVBoxLayout(self)
        self.headline = QLabel(f"Lock away {describe(item)}?")
        self.headline.setWordWrap(True)
        self.headline.setObjectName("lockHeadline")
        theme.set_role(self.headline, "heading")
        layout.addWidget(self.headline)
        explain = QLabel("It will not be shown, copied or put in a bundle again, and nothing of it is shown "
                         "now. Only a deliberate release, agreed by your designated safeguarding lead, "
                         "undoes this.")
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.text = QTextBrowser()
        self.text.setMarkdown(advice_for(parent))
        self.text.setOpenExternalLinks(False)
        self.text.setAccessibleName("What to do now")
        layout.addWidget(self.text)
        box, self.keep_button, self.lock_button = _safe_buttons(self, LOCK_IT_AWAY)
        self.lock_button.setObjectName("lockAway")
        self.lock_button.clicked.connect(self.accept)
        layout.addWidget(box)
        self.keep_button.setFocus()
        self.resize(640, 560)


class ReleaseDialog(QDialog):
    """The reason and the safeguarding lead's name, typed; "Release it" is never the default."""

    def __init__(self, item, locked_at: str | None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Release from the lock")
        layout = QVBoxLayout(self)
        when = f" on {words.local_time(locked_at)}" if locked_at else ""
        self.headline = QLabel(f"Release {describe(item)} from the lock?")
        self.headline.setWordWrap(True)
        theme.set_role(self.headline, "subheading")
        layout.addWidget(self.headline)
        explain = QLabel(
            f"It was locked away under the safeguarding policy{when}. Release it only if it was locked "
            "away in error and your designated safeguarding lead has agreed. The release, your reason and "
            "the lead's name are kept in its history. Its picture is not shown now; afterwards it stays "
            "blurred until you press Show.")
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Why it was locked away in error")
        self.reason.setFixedHeight(80)
        self.lead = QLineEdit()
        self.lead.setAccessibleName("Name of the safeguarding lead who agreed")
        form.addRow("&Why it was locked away in error", self.reason)
        form.addRow("&Safeguarding lead who agreed", self.lead)
        layout.addLayout(form)
        self.problem = MessageBar(closable=False, name="What needs changing")
        layout.addWidget(self.problem)
        box, self.keep_button, self.release_button = _safe_buttons(self, RELEASE_IT)
        self.release_button.clicked.connect(self.accept)
        layout.addWidget(box)
        self.reason.setFocus()
        self.setMinimumWidth(560)

    def accept(self) -> None:
        if not self.reason.toPlainText().strip():
            self.problem.say("Write why it was locked away in error. Nothing has been released.", "warning")
            self.reason.setFocus()
        elif not self.lead.text().strip():
            self.problem.say("Write the name of the safeguarding lead who agreed. Nothing has been released.", "warning")
            self.lead.setFocus()
        else:
            super().accept()
            return
        self.problem.setVisible(True)


def lock_away(window, item_id: int):
    """The item's "This may show a child…": a named confirmation; locking only when clicked."""
    try:
        item = window.session.require().item(item_id)
    except EvidenceVaultError as exc:
        window.main.banner.say(str(exc), "failure")
        return None

    def locked(_dialog) -> None:
        if not window.change_vault(lambda vault: vault.quarantine(item_id)):
            return
        window.main.thumbnails.clear()
        window.reload_items(item_id)
        window.main.banner.say(f"Item {item_id} is locked away under the safeguarding policy.", "success")
    return window.open_dialog(LockAwayDialog(item, window), locked)


def ask_release(window, item_id: int):
    """Release a lock made in error (``Vault.release``); nothing of the item is shown."""
    vault = window.session.require()
    try:
        item = vault.item(item_id)
        locked = (vault.item_history(item_id).quarantine or {}).get("at")
    except EvidenceVaultError as exc:
        window.main.banner.say(str(exc), "failure")
        return None

    def released(dialog) -> None:
        if not window.change_vault(lambda vault: vault.release(item_id, reason=dialog.reason.toPlainText(),
                                                               agreed_by=dialog.lead.text())):
            return
        window.reload_items()
        window.main.details.clear()  # nothing of it is shown in the same step, not even blurred
        window.main.banner.say(f"Item {item_id} is released from the lock, with the agreement of "
                               f"{' '.join(dialog.lead.text().split())}. Select it to see it again; its picture "
                               "stays blurred until you press Show.")
    return window.open_dialog(ReleaseDialog(item, locked, window), released)
