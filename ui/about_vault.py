# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Help › About this vault: whose vault this is, where it is, and the owner's short code.

Why at any time: a head teacher who received a bundle phones the sender to be sure it came
from them; the sender reads the code on their bundle's cover, which is this code (the 4 x 5
groups of ``fingerprints.vault_fingerprint``). Before, the code was shown once after an export
and nowhere afterwards, so a sender asked for it a week later could not find it (issue 20, §5).
The full SHA-256 stays in the bundle for experts; this window shows it small, to copy.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout

from evidence_vault import EvidenceVaultError
from evidence_vault.fingerprints import spaced, vault_fingerprint

from . import theme
from .message import MessageBar

TITLE = "About this vault"
WHAT_TO_DO = ("This code is on the cover of every evidence bundle you make. When someone receives "
              "one of your bundles, they may phone you to be sure it came from you: read this code "
              "to them, group by group. Tell it by phone or in person, never in the same email as "
              "the bundle, so that someone who changed the email cannot change the code too.")


def _selectable(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setAccessibleName(name)
    label.setWordWrap(True)
    return label


class AboutVaultDialog(QDialog):
    """The owner, the vault's folder and the short code, with what to do with the code."""

    def __init__(self, owner: dict, folder: str, code: str, sha256: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        who = owner.get("name") or "not given"
        if owner.get("role"):
            who += f", {owner['role']}"
        self.owner = _selectable(who, "Whose vault this is")
        self.folder = _selectable(folder, "The vault's folder")
        self.code = theme.set_role(_selectable(code, "Your code, to read out by phone"), "key")
        self.full = theme.set_role(_selectable(spaced(sha256), "The full fingerprint, for IT staff"), "muted")
        form = QFormLayout()
        form.addRow("Owner", self.owner)
        form.addRow("Folder", self.folder)
        form.addRow("Your code", self.code)
        self.message = MessageBar(closable=False, reserve=False, name="What to do with the code")
        self.message.say(WHAT_TO_DO, "info")
        expert = QLabel("For IT staff, the full fingerprint (SHA-256 of the signing certificate):")
        expert.setWordWrap(True)
        theme.set_role(expert, "muted")
        self.copy_button = QPushButton("Copy the code")
        self.copy_button.clicked.connect(self.copy_code)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(expert)
        layout.addWidget(self.full)
        layout.addWidget(box)
        self.setMinimumWidth(520)

    def copy_code(self) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.clipboard().setText(self.code.text())


def show_about_vault(window):
    """Open the dialog for the vault that is open (its code is made on first use and kept)."""
    try:
        with window.session.write_lock:
            vault = window.session.require()
            owner = vault.owner()
            fingerprint = vault_fingerprint(vault)
    except EvidenceVaultError as exc:
        window.main.banner.say(str(exc), "failure")
        return None
    dialog = AboutVaultDialog(owner, str(window.session.folder), fingerprint.code, fingerprint.sha256, window)
    return window.open_dialog(dialog, lambda _d: None)
