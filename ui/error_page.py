# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A capture that is not the page: asked about before anything is sealed.

The capture task hands back a ``workflows.PendingCapture`` (in memory only) when the page is
an HTTP error, a login or consent wall or a "content not available" page. The person reads
what the website did ("The website says this page does not exist (404).") and chooses:
keep it as a record, sealed with its mark so every list and bundle shows it, or discard it,
which writes nothing. Discard is the default button; closing the question, or the vault
locking while it is open, discards too.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from evidence_vault.vault import capture_address
from evidence_vault import EvidenceVaultError, workflows

KEEP = "Keep it as a record"
DISCARD = "Discard it"
DISCARDED = "Discarded: nothing was saved."


def ask_keep(window, pending) -> QMessageBox:
    problem = pending.problem
    address = capture_address(pending.page.metadata)
    box = QMessageBox(QMessageBox.Icon.Question, "This is not the page you asked for", problem.question,
                      QMessageBox.StandardButton.NoButton, window)
    box.setInformativeText(f"Address: {address}\nNothing has been saved yet. If you keep it, it is marked "
                           f"\u201c{problem.mark}\u201d wherever it is listed and in evidence bundles.")
    keep = box.addButton(KEEP, QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(DISCARD, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(discard)
    box.setEscapeButton(discard)
    window.main.progress.step.setText(f"{problem.says} Waiting for your answer…")
    window.main.progress.cancel_button.setEnabled(False)

    def finished(_result) -> None:
        if box.clickedButton() is not keep or not window.session.is_open:
            window.captures.finish("discarded", DISCARDED)
            return
        try:
            with window.session.write_lock:
                item = workflows.seal(window.session.require(), pending, keep_error_page=True)
        except EvidenceVaultError as exc:
            window.captures.finish("failed", str(exc))
            return
        window.captures.finish("saved", f"Saved as item {item.id}, marked \u201c{problem.mark}\u201d.",
                               select_id=item.id)
    box.finished.connect(finished)
    window.dialog = box
    box.open()
    return box
