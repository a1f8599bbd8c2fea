# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Evidence bundles from the window (``window.bundles``): making one for the case, checking
one received, and adding a staff member's sealed bundle to the case (offered when one is
dropped or chosen among files, asked for its password, several one after the other).

The library does the work (``bundles.ExportTask`` and ``received_bundles.BundleImportTask``
call ``workflows``, as the CLI's ``export`` and ``import-bundle`` do), off the window's thread;
``window.export_finished`` says when a bundle is made.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

from evidence_vault.bundle_import import looks_like_bundle

from . import bundles
from .dialogs import GuidanceDialog, TextDialog
from .message import tone_box
from .received_bundles import LOCKED, OFFER, OFFER_TITLE, BundleImportTask

COMING_SOON = "{what} is coming in the next version of Evidence Vault."


class BundleCommands(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.session, self.settings, self.main = window.session, window.settings, window.main
        self.export_task: bundles.ExportTask | None = None
        self.bundle_task: BundleImportTask | None = None
        self.bundle_queue: list[Path] = []

    # --- making and checking a bundle ------------------------------------------------------
    def export_bundle(self):
        if not bundles.AVAILABLE:
            self.main.banner.say(COMING_SOON.format(what="Making an evidence bundle"))
            return None
        case = self.window.case_or_say()
        if case is None:
            return None
        dialog = bundles.ExportDialog(case, self.main.current_item(), self.settings, self.window)
        return self.window.open_dialog(dialog, self._start_export)

    def _start_export(self, dialog) -> None:
        window, progress = self.window, self.main.progress
        task = bundles.ExportTask(self.session, dialog.case, Path(dialog.out_path.text().strip()),
                                  dialog.options(), window)
        progress.started("an evidence bundle")
        progress.cancel_button.setEnabled(False)
        progress.step.setText("Making the evidence bundle…")
        task.progress.connect(lambda step: progress.step.setText(f"Making the evidence bundle: {step}…"))

        def saved(path: str, fingerprint: str, warnings: str) -> None:
            progress.hide()
            window.reload_items()
            window.dialog = bundles.export_done_box(window, path, fingerprint, warnings)
            window.dialog.open()
            window.export_finished.emit(path)

        def failed(text: str) -> None:
            progress.hide()
            self.main.banner.say(text, "failure")
            window.export_finished.emit("")
        task.saved.connect(saved)
        task.failed.connect(failed)
        self.export_task = task
        task.start()

    def check_bundle(self):
        if not bundles.AVAILABLE:
            self.main.banner.say(COMING_SOON.format(what="Checking a bundle you received"))
            return None
        return self.window.open_dialog(bundles.CheckBundleDialog(self.window), lambda _d: None)

    # --- bundles received from others ------------------------------------------------------
    def offer_bundles(self, paths: list[Path]) -> QMessageBox | None:
        """Dropped or chosen files: a sealed bundle among them (the library can tell,
        ``looks_like_bundle``) is offered as a bundle received; the others, and a bundle kept as a
        file, go on to the usual questions (``items.ask_import(..., sniffed=True)``)."""
        kinds = {Path(p): looks_like_bundle(p) for p in paths}
        found = [p for p, kind in kinds.items() if kind]
        if not found:
            return None
        others = [p for p in kinds if p not in found]
        names = ", ".join(p.name for p in found)
        sure = all(kinds[p] == "bundle" for p in found)
        text = (OFFER if sure else LOCKED).format(names=names, is_are="is" if len(found) == 1 else "are")
        box = QMessageBox(QMessageBox.Icon.Question, OFFER_TITLE, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
        box.button(QMessageBox.StandardButton.Yes).setText("Add as a bundle I received")
        box.button(QMessageBox.StandardButton.No).setText("Keep it as a file")
        box.setDefaultButton(QMessageBox.StandardButton.Yes if sure else QMessageBox.StandardButton.No)
        tone_box(box, "info")
        items = self.window.items

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self.bundle_queue = list(found[1:])
                self.import_received_bundle(found[0])
                if others:
                    items.ask_import(others, sniffed=True)
            else:
                items.ask_import(list(paths), sniffed=True)
        box.buttonClicked.connect(answered)
        self.window.dialog = box
        box.open()
        return box

    def add_received_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Add a bundle you received", str(Path.home()),
                                              "Evidence bundles (*.pdf)")
        if path:
            self.import_received_bundle(Path(path))

    def import_received_bundle(self, path: Path, password: str | None = None) -> BundleImportTask | None:
        case = self.window.case_or_say()
        if case is None:
            return None
        if self.bundle_task is not None:
            self.main.banner.say("Still adding the bundle given before; add this one once it is done.", "warning")
            return None
        task = BundleImportTask(self.session, case, path, password, parent=self.window)
        task.done.connect(self._received_bundle_done)
        self.bundle_task = task
        self.main.banner.say(f"Checking {Path(path).name} and every picture in it\u2026")
        task.start()
        return task

    def _received_bundle_done(self, result: dict) -> None:
        task, self.bundle_task = self.bundle_task, None
        if task is not None:
            task.wait()
            task.deleteLater()
        self.window.reload_items(result["items"][1] if len(result["items"]) > 1 else None)
        if result["refused"]:
            self.main.banner.hide()
            self.window.open_dialog(GuidanceDialog(self.window, headline=(
                f"{Path(result['path']).name} was not added: a picture in it matches a picture on a "
                "safeguarding list, or could not be checked. Nothing of it was saved.")), lambda _d: None)
            return
        if result["needs_password"]:
            self.main.banner.hide()
            self.ask_bundle_password(Path(result["path"]))
            return
        self.main.banner.say(result["said"], "success" if result["items"] else "failure")
        self._next_bundle()

    def ask_bundle_password(self, path: Path):
        """The bundle's password, asked in the app's own dialog (opened, not exec'd); the next
        bundle in the queue waits until this one is answered."""
        dialog = TextDialog("This bundle has a password",
                            f"{path.name} is locked with a password. The sender gives it to you separately "
                            "(by phone or in person). Nothing is added until the bundle has been checked.",
                            "&Password", "Check and add it", self.window)
        dialog.text.setEchoMode(QLineEdit.EchoMode.Password)
        dialog.text.setAccessibleName("The bundle's password")
        dialog.rejected.connect(self._next_bundle)
        return self.window.open_dialog(dialog, lambda d: self.import_received_bundle(path, d.text.text()))

    def _next_bundle(self) -> None:
        if self.bundle_queue and self.bundle_task is None:  # several bundles at once: one after the other
            self.import_received_bundle(self.bundle_queue.pop(0))

    def wait(self) -> None:
        """Closing the window: a bundle half-added is let finish first."""
        if self.bundle_task is not None:
            self.bundle_task.wait()
