# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the window's actions do: capture, log, import, clause 71, check, settings, browser.

A mixin of ``MainWindow`` so each command is one method a QAction, a button, a drop and a
test can all call. Every command ends in one of three calm outcomes: it worked (the
timeline shows it), a one-line message in the banner, or the clause-71 guidance.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from evidence_vault import EvidenceVaultError
from evidence_vault.capture import BrowserWorker
from evidence_vault.paths import app_temp_root
from evidence_vault.safeguarding.actions import record_self_flag

from . import bundles
from .browser_commands import BrowserCommands
from .capture_task import CaptureTask
from .import_task import ImportTask
from .message import tone_box
from .error_page import ask_keep
from .safeguarding_dialogs import lock_away
from .dialogs import (
    CaptureDialog, CorrectionDialog, GuidanceDialog, IncidentDialog, SettingsDialog, TextDialog,
)

REFUSED = ("The capture was stopped because a picture on this page matches a safeguarding list. "
           "Nothing was saved, and no picture was shown.")
COMING_SOON = "{what} is coming in the next version of Evidence Vault."


class Commands(BrowserCommands):
    # --- dialogs are opened, not exec()'d, and kept in self.dialog -------------------------
    def _open(self, dialog, on_accept):
        self.dialog = dialog
        dialog.accepted.connect(lambda: on_accept(dialog))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        dialog.open()
        return dialog

    open_dialog = _open  # the same, for dialogs whose commands live in modules of their own

    def _case_or_say(self):
        case = self.main.current_case()
        if case is None:
            self.main.banner.say("Create or choose a case first (on the left).", "warning")
        return case

    # --- capture -----------------------------------------------------------------------
    def open_capture_dialog(self, url: str = ""):
        if self._case_or_say() is None:
            return None
        dialog = CaptureDialog(self, url=url, device=self.settings.default_device,
                               has_lists=bool(self.session.require().hash_lists.names()))
        dialog.flag_button.clicked.connect(self.self_flag)  # the dialog closes first, nothing captured
        return self._open(dialog, lambda d: self.start_capture(
            d.url.text().strip(), device=d.device.currentData() or None, note=d.note.text().strip() or None))

    def _worker(self) -> BrowserWorker:
        if self.browser_worker is None:
            self.browser_worker = BrowserWorker(
                browser_path=Path(self.settings.browser_path) if self.settings.browser_path else None,
                temp_root=app_temp_root(self.session.folder), keep_spare=True)
        return self.browser_worker

    def start_capture(self, url: str | None, *, device: str | None = None, note: str | None = None,
                      interactive: bool = False) -> CaptureTask | None:
        case = self._case_or_say()
        if case is None or self.capture_task is not None:
            return None
        if url is not None and not url:
            self.main.banner.say("Paste the web address of the page first.", "warning")
            return None
        try:
            worker = self.evidence_browser if interactive else self._worker()
        except EvidenceVaultError as exc:
            self.main.banner.say(str(exc), "failure")
            return None
        task = CaptureTask(self.session, worker, case=case, url=url,
                           options=self.capture_options(device), note=note, parent=self)
        task.progress.connect(self.main.progress.set_step)
        task.saved.connect(self._capture_saved)
        task.needs_decision.connect(lambda pending: ask_keep(self, pending))  # not the page: keep?
        task.refused.connect(self._capture_refused)
        task.failed.connect(lambda text: self._capture_done("failed", text))
        task.cancelled.connect(lambda: self._capture_done(
            "cancelled", "The capture was cancelled; nothing was saved."))
        self.capture_task = task
        self.main.banner.hide()
        self.main.progress.started(url or "the page in the evidence browser")
        self._set_enabled(True)
        task.start()
        return task

    def cancel_capture(self) -> None:
        if self.capture_task is not None:
            self.capture_task.cancel()
            self.main.progress.cancel_button.setEnabled(False)
            self.main.progress.step.setText("Stopping the capture…")

    def _capture_done(self, outcome: str, message: str = "", select_id: int | None = None) -> None:
        tone = {"saved": "success", "failed": "failure", "refused": "warning"}.get(outcome, "info")
        task, self.capture_task = self.capture_task, None
        if task is not None:
            task.wait()
            task.deleteLater()
        self.main.progress.hide()
        self._set_enabled(self.session.is_open)
        if self.session.is_open:
            self.reload_items(select_id)
        if message:
            self.main.banner.say(message, tone)
        self.capture_finished.emit(outcome)

    def _capture_saved(self, item_id: int) -> None:
        self._capture_done("saved", f"Saved as item {item_id}.", select_id=item_id)

    def _capture_refused(self, reason: str) -> None:
        self._capture_done("refused")
        self._open(GuidanceDialog(self, headline=REFUSED), lambda _d: None)

    # --- incidents and files -------------------------------------------------------------
    def open_incident_dialog(self):
        if self._case_or_say() is None:
            return None
        return self._open(IncidentDialog(self), self.add_incident)

    def add_incident(self, dialog: IncidentDialog) -> None:
        case = self._case_or_say()
        if case is None:
            return
        try:
            with self.session.write_lock:
                item = self.session.require().add_incident(
                    case, kind=dialog.kind.currentData(), text=dialog.entry_text(),
                    occurred_at=dialog.occurred_at())
        except EvidenceVaultError as exc:
            self.main.banner.say(str(exc), "failure")
            return
        self.reload_items(item.id)
        self.main.banner.say(f"Logged as item {item.id}.", "success")

    def import_files(self, paths: list[Path], *, again: bool = False,
                     answers: dict | None = None) -> ImportTask | None:
        """Add files off the window's thread (ImportTask); ``import_finished`` says when done.
        ``answers`` (import_dialog.Answer by path): when each happened and its note."""
        case = self._case_or_say()
        if case is None or not paths:
            return None
        if self.import_task is not None:
            self.main.banner.say("Still adding the files given before; add these once it is done.", "warning")
            return None
        task = ImportTask(self.session, case, list(paths), again=again, answers=answers, parent=self)
        task.progress.connect(lambda name: self.main.banner.say(f"Checking and adding {name}\u2026"))
        task.done.connect(self._import_done)
        self.import_task = task
        task.start()
        return task

    def _import_done(self, added: list, problems: list, duplicates: list, refused: str) -> None:
        task, self.import_task = self.import_task, None
        if task is not None:
            task.wait()
            task.deleteLater()
        self.reload_items(added[-1] if added else None)
        if refused:
            self.main.banner.hide()
            self._open(GuidanceDialog(self, headline=(
                f"{refused} was not added: it matches a picture on a safeguarding list, or could not "
                "be checked. Nothing of it was saved.")), lambda _d: None)
        else:
            done = f"Added {len(added)} file{'s' if len(added) != 1 else ''}." if added else ""
            self.main.banner.say(" ".join([done] + problems).strip(),
                                 "warning" if problems else "success")
            if duplicates:
                self._ask_add_again([(Path(p), text) for p, text in duplicates],
                                    task.answers if task is not None else {})
        self.import_finished.emit(list(added))

    def _ask_add_again(self, duplicates: list[tuple[Path, str]], answers: dict) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, "Already in the vault",
                          "\n\n".join(text for _p, text in duplicates) + "\n\nAdd it again anyway?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText("Add again")
        box.button(QMessageBox.StandardButton.No).setText("Leave it")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.buttonClicked.connect(lambda button: self.import_files(
            [p for p, _t in duplicates], again=True, answers=answers)
            if box.standardButton(button) == QMessageBox.StandardButton.Yes else None)
        self.dialog = box
        box.open()
        return box

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.session.is_open and (event.mimeData().hasUrls() or event.mimeData().hasText()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        data = event.mimeData()
        urls = data.urls() if data.hasUrls() else []
        files = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        web = [u.toString() for u in urls if u.scheme() in ("http", "https")]
        if not urls and data.hasText() and data.text().strip().startswith(("http://", "https://")):
            web = [data.text().strip()]
        event.acceptProposedAction()
        if files:
            self.ask_import(files)  # when it happened and a note, then import_files
        elif web:
            self.open_capture_dialog(web[0])

    # --- clause 71 -------------------------------------------------------------------------
    def show_guidance(self):
        return self._open(GuidanceDialog(self), lambda _d: None)

    def self_flag(self):
        if not self.session.is_open:
            return self.show_guidance()
        dialog = GuidanceDialog(self, headline="Stop. Do not look at it again and do not show anyone.",
                                ask_address=True)

        def record(d) -> None:
            try:
                with self.session.write_lock:
                    record_self_flag(self.session.require(), d.address.text(),
                                     case=self.main.current_case())
            except EvidenceVaultError as exc:
                self.main.banner.say(str(exc), "failure")
                return
            self.main.banner.say("A note of the address and the time is kept in this case, as a text-only "
                                 "entry. Nothing of the page or picture was saved.")
            self.reload_items()
        return self._open(dialog, record)

    def flag_item(self, item_id: int):
        """The item's "This may show a child…": a confirmation naming it (safeguarding_dialogs)."""
        return lock_away(self, item_id)

    def _ask_text(self, item_id: int, title: str, explain: str, label: str, ok: str, do):
        """A small dialog for one line of text; ``do(vault, item_id, text)`` when accepted."""
        def accepted(dialog) -> None:
            try:
                do(self.session.require(), item_id, dialog.value())
            except EvidenceVaultError as exc:
                self.main.banner.say(str(exc), "failure")
                return
            self.reload_items(item_id)
        return self._open(TextDialog(title, explain, label, ok, self), accepted)

    def ask_police_reference(self, item_id: int):
        return self._ask_text(
            item_id, "Police reference", "The crime or incident number the police gave for this item.",
            "Police &reference", "Record it",
            lambda vault, i, text: vault.record_police_reference(i, text))

    def ask_withdraw(self, item_id: int):
        return self._ask_text(
            item_id, "Withdraw this item",
            f"Item {item_id} will be marked as withdrawn: it stays in the vault and its history, and "
            "is left out of evidence bundles. Say why, for example \u201cadded to the wrong case\u201d.",
            "&Reason", "Withdraw it", lambda vault, i, text: vault.withdraw(i, reason=text))

    def ask_hide_words(self, item_id: int):
        """Words (a pupil's name) to hide in redacted copies; boxes on a screen print are drawn
        with 'evidence-vault redact --box' for now."""
        from evidence_vault.redacting import redact_text
        return self._ask_text(
            item_id, "Hide words in redacted copies",
            f"Type the words to hide, exactly as item {item_id} writes them (for example a pupil's name). They "
            "are replaced by [redacted] in its title, notes and page text when you make a bundle with "
            "“Redacted copy” ticked. The item itself does not change. Words shown inside a screen print "
            "are part of the picture and are not hidden this way.",
            "&Words", "Hide them", lambda vault, i, text: self._hidden(redact_text(vault, i, text)))

    def _hidden(self, done) -> None:
        self.main.banner.say(f"Item {done.item_id}: {done.redaction.describe()} will be hidden in redacted copies."
                             + (f" {done.note}" if done.note else ""))

    def ask_hide_box(self, item_id: int):
        """Drag boxes over a screen print (redact_boxes.py), each recorded when confirmed."""
        from .redact_boxes import RedactBoxesDialog
        try:
            dialog = RedactBoxesDialog(self.session.require(), item_id, self)
        except EvidenceVaultError as exc:
            self.main.banner.say(str(exc))
            return None
        return self._open(dialog, lambda _d: None)

    def ask_correction(self, item_id: int):
        """A multi-line box filled with what the item says now (dialogs.CorrectionDialog)."""
        try:
            self.session.require().check_amendable(item_id)  # a staff member's item: refused, saying why
            wordings = self.session.require().wordings(item_id)
        except EvidenceVaultError as exc:
            self.main.banner.say(str(exc), "failure")
            return None

        def accepted(dialog) -> None:
            try:
                with self.session.write_lock:
                    self.session.require().amend(item_id, note=dialog.value())
            except EvidenceVaultError as exc:
                self.main.banner.say(str(exc), "failure")
                return
            self.reload_items(item_id)
        return self._open(CorrectionDialog(item_id, wordings.current.text or "",
                                           entry=wordings.subject == "entry", parent=self), accepted)

    def show_support(self):
        """Help › Getting support: the school's people, then the national routes (support_dialog.py)."""
        from .support_dialog import SupportDialog
        return self._open(SupportDialog(self), lambda _d: None)

    def show_user_guide(self):
        """F1: the user guide in a window of its own, beside the app (help_window.py)."""
        from .help_window import GuideWindow
        guide = getattr(self, "guide_window", None)
        if guide is None:
            guide = self.guide_window = GuideWindow(self)
        guide.show()
        guide.raise_()
        guide.activateWindow()
        return guide

    def show_about(self) -> None:
        from .about import AboutDialog
        self._open(AboutDialog(self), lambda _d: None)

    # --- checking, bundles, settings -------------------------------------------------------
    def check_vault(self):
        vault = self.session.require()
        report = vault.verify()
        self.last_check = (time.monotonic(), report.ok)
        self.update_status()
        if report.ok:
            text = (f"This vault is intact: its {report.events} history entries and "
                    f"{report.blobs} stored files are exactly as they were saved.")
        else:
            text = ("Something in this vault has changed since it was saved. Keep a copy of the "
                    "vault folder as it is and ask for help.\n\n" + "\n".join(report.problems[:10]))
        box = QMessageBox(QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Warning,
                          "Check this vault", text, QMessageBox.StandardButton.Ok, self)
        tone_box(box, "success" if report.ok else "failure")
        self.dialog = box
        box.open()
        return report

    def export_bundle(self):
        if not bundles.AVAILABLE:
            self.main.banner.say(COMING_SOON.format(what="Making an evidence bundle"))
            return None
        case = self._case_or_say()
        if case is None:
            return None
        dialog = bundles.ExportDialog(case, self.main.current_item(), self.settings, self)
        return self._open(dialog, self._start_export)

    def _start_export(self, dialog) -> None:
        task = bundles.ExportTask(self.session, dialog.case, Path(dialog.out_path.text().strip()),
                                  dialog.options(), self)
        self.main.progress.started("an evidence bundle")
        self.main.progress.cancel_button.setEnabled(False)
        self.main.progress.step.setText("Making the evidence bundle…")
        task.progress.connect(lambda step: self.main.progress.step.setText(f"Making the evidence bundle: {step}…"))

        def saved(path: str, fingerprint: str, warnings: str) -> None:
            self.main.progress.hide()
            self.reload_items()
            self.dialog = bundles.export_done_box(self, path, fingerprint, warnings)
            self.dialog.open()
            self.export_finished.emit(path)

        def failed(text: str) -> None:
            self.main.progress.hide()
            self.main.banner.say(text, "failure")
            self.export_finished.emit("")
        task.saved.connect(saved)
        task.failed.connect(failed)
        self.export_task = task
        task.start()

    def check_bundle(self):
        if not bundles.AVAILABLE:
            self.main.banner.say(COMING_SOON.format(what="Checking a bundle you received"))
            return None
        return self._open(bundles.CheckBundleDialog(self), lambda _d: None)

    def open_settings(self):
        names = self.session.require().hash_lists.names()
        return self._open(SettingsDialog(self.settings, names, self), self._settings_saved)

    def _settings_saved(self, dialog) -> None:
        dialog.apply()
        self.idle.set_minutes(self.settings.auto_lock_min)
        self.idle.start()
        if self.browser_worker is not None:  # a new browser path takes effect next capture
            self.browser_worker.close()
            self.browser_worker = None
        self.update_status()

