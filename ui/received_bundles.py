# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

""""Add a bundle I received…": a staff member's sealed bundle added to the case as evidence.

Why off the window's thread: the bundle is checked as "Check a bundle I received" checks it
(the seal, every file, the history) and every picture in it goes through the clause-71
walker before anything is written; a bundle of many screen prints takes seconds. The task
calls ``workflows.import_bundle``, the same function as ``evidence-vault import-bundle``, and
hands back plain words; the window shows them. Calls on the vault are serialised by the
session (``LockedVault``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

from evidence_vault import (
    BundlePasswordError, BundleRefusedError, DuplicateFileError, EvidenceVaultError, SafeguardingBlock, workflows,
)

from evidence_vault.bundle_import import looks_like_bundle

from .dialogs import GuidanceDialog, TextDialog
from .message import tone_box

OFFER_TITLE = "A bundle you received?"
OFFER = ("{names} {is_are} an evidence bundle sealed by Evidence Vault. Added as a bundle you received, "
         "its seal is checked first and each item in it joins this case with its own kind, its date and "
         "who reported it (the timeline can show one person's items). Kept as a file instead, it is one "
         "sealed file that cannot be opened or searched here.")
LOCKED = ("{names} {is_are} a PDF with a password. If it is an evidence bundle someone sent you, add it as a "
          "bundle you received (you will be asked for its password); otherwise keep it as a file.")


class BundleImportTask(QThread):
    """Imports one bundle; ``done`` once with a dict: ``items`` (ids added), ``said`` (words to
    show), ``refused`` (clause 71), ``needs_password``."""

    done = Signal(dict)

    def __init__(self, session, case, path: Path, password: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.session, self.case, self.path, self.password = session, case, Path(path), password

    def run(self) -> None:
        result: dict = {"items": [], "said": "", "refused": False, "needs_password": False, "path": str(self.path)}
        try:
            done = workflows.import_bundle(self.session.require(), self.case, self.path, password=self.password)
            src = done.provenance
            result["items"] = [done.bundle_item.id] + [i.id for i in done.items]
            result["said"] = (f"Added {len(done.items)} item(s) from {src.get('from_name')}'s bundle. Their code is "
                              f"{src.get('code')}: ask them to read theirs to you to be sure it came from them.")
        except BundlePasswordError as exc:
            result["needs_password"] = self.password is None
            result["said"] = str(exc)
        except BundleRefusedError as exc:
            result["said"] = " ".join([str(exc)] + [f"({line})" for line in exc.problems[:3]])
        except DuplicateFileError as exc:
            result["said"] = str(exc)
        except SafeguardingBlock:
            result["refused"] = True
        except EvidenceVaultError as exc:
            result["said"] = str(exc)
        except Exception:
            result["said"] = ("Something went wrong inside Evidence Vault, so the bundle was not added. "
                              "Please try again, and tell whoever looks after your computer.")
            self.done.emit(result)
            raise
        self.done.emit(result)


class ReceivedBundleCommands:
    """The window's commands for bundles received from others (mixed into MainWindow)."""

    bundle_task: BundleImportTask | None = None
    bundle_queue: list[Path] = []

    def offer_bundles(self, paths: list[Path]) -> QMessageBox | None:
        """Dropped or chosen files: a sealed bundle among them (the library can tell,
        ``looks_like_bundle``) is offered as a bundle received; the others, and a bundle kept as a
        file, go on to the usual questions (``ask_import(..., sniffed=True)``)."""
        kinds = {Path(p): looks_like_bundle(p) for p in paths}
        bundles = [p for p, kind in kinds.items() if kind]
        if not bundles:
            return None
        others = [p for p in kinds if p not in bundles]
        names = ", ".join(p.name for p in bundles)
        sure = all(kinds[p] == "bundle" for p in bundles)
        text = (OFFER if sure else LOCKED).format(names=names, is_are="is" if len(bundles) == 1 else "are")
        box = QMessageBox(QMessageBox.Icon.Question, OFFER_TITLE, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText("Add as a bundle I received")
        box.button(QMessageBox.StandardButton.No).setText("Keep it as a file")
        box.setDefaultButton(QMessageBox.StandardButton.Yes if sure else QMessageBox.StandardButton.No)
        tone_box(box, "info")

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self.bundle_queue = list(bundles[1:])
                self.import_received_bundle(bundles[0])
                if others:
                    self.ask_import(others, sniffed=True)
            else:
                self.ask_import(list(paths), sniffed=True)
        box.buttonClicked.connect(answered)
        self.dialog = box
        box.open()
        return box

    def add_received_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Add a bundle you received", str(Path.home()),
                                              "Evidence bundles (*.pdf)")
        if path:
            self.import_received_bundle(Path(path))

    def import_received_bundle(self, path: Path, password: str | None = None) -> BundleImportTask | None:
        case = self._case_or_say()
        if case is None:
            return None
        if self.bundle_task is not None:
            self.main.banner.say("Still adding the bundle given before; add this one once it is done.", "warning")
            return None
        task = BundleImportTask(self.session, case, path, password, parent=self)
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
        self.reload_items(result["items"][1] if len(result["items"]) > 1 else None)
        if result["refused"]:
            self.main.banner.hide()
            self.open_dialog(GuidanceDialog(self, headline=(
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
                            "&Password", "Check and add it", self)
        dialog.text.setEchoMode(QLineEdit.EchoMode.Password)
        dialog.text.setAccessibleName("The bundle's password")
        dialog.rejected.connect(self._next_bundle)
        return self.open_dialog(dialog, lambda d: self.import_received_bundle(path, d.text.text()))

    def _next_bundle(self) -> None:
        if self.bundle_queue and self.bundle_task is None:  # several bundles at once: one after the other
            self.import_received_bundle(self.bundle_queue.pop(0))
