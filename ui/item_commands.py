# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The case's items from the window (``window.items``): logging an incident, adding files
(chosen, or dropped on the window), and what a person does to one item: lock it away as
something that may show a child, withdraw it, record a police reference, hide words or boxes
in redacted copies, correct it.

Every command ends in one of three calm outcomes: it worked (the timeline shows it), a
one-line message in the banner, or the clause-71 guidance. The library does the work.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from evidence_vault import EvidenceVaultError, workflows

from .dialogs import CorrectionDialog, GuidanceDialog, IncidentDialog, TextDialog
from .import_dialog import ImportDialog
from .import_task import ImportTask
from .safeguarding_dialogs import lock_away


class ItemCommands(QObject):
    """The window's item commands; ``window.import_finished`` says when files are in."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.session, self.main = window.session, window.main
        self.import_task: ImportTask | None = None
        details = self.main.details  # the shown item's own buttons
        details.may_show_child.connect(self.flag_item)
        details.police_reference.connect(self.ask_police_reference)
        details.withdraw.connect(self.ask_withdraw)
        details.correct.connect(self.ask_correction)
        details.hide_words.connect(self.ask_hide_words)
        details.hide_box.connect(self.ask_hide_box)

    # --- incidents -------------------------------------------------------------------------
    def open_incident_dialog(self):
        if self.window.case_or_say() is None:
            return None
        return self.window.open_dialog(IncidentDialog(self.window), self.add_incident)

    def add_incident(self, dialog: IncidentDialog) -> None:
        case = self.window.case_or_say()
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
        self.window.reload_items(item.id)
        self.main.banner.say(f"Logged as item {item.id}.", "success")

    # --- files -----------------------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Add files to the case", str(Path.home()))
        if paths:
            self.ask_import([Path(p) for p in paths])

    def ask_import(self, paths: list[Path], *, sniffed: bool = False):
        """Ask when each file's content happened, and a note (import_dialog.py), then add them;
        a sealed bundle among them is first offered as a bundle received (bundle_commands.py)."""
        if self.window.case_or_say() is None:
            return None
        if not sniffed:
            offer = self.window.bundles.offer_bundles(paths)
            if offer is not None:
                return offer
        if not paths:
            return None
        dialog = ImportDialog(paths, workflows.file_hints, self.window)
        return self.window.open_dialog(dialog, lambda d: self.import_files(
            [a.path for a in d.answers], answers={a.path: a for a in d.answers}))

    def import_files(self, paths: list[Path], *, again: bool = False,
                     answers: dict | None = None) -> ImportTask | None:
        """Add files off the window's thread (ImportTask); ``import_finished`` says when done.
        ``answers`` (import_dialog.Answer by path): when each happened and its note."""
        case = self.window.case_or_say()
        if case is None or not paths:
            return None
        if self.import_task is not None:
            self.main.banner.say("Still adding the files given before; add these once it is done.", "warning")
            return None
        task = ImportTask(self.session, case, list(paths), again=again, answers=answers, parent=self.window)
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
        self.window.reload_items(added[-1] if added else None)
        if refused:
            self.main.banner.hide()
            self.window.open_dialog(GuidanceDialog(self.window, headline=(
                f"{refused} was not added: it matches a picture on a safeguarding list, or could not "
                "be checked. Nothing of it was saved.")), lambda _d: None)
        else:
            done = f"Added {len(added)} file{'s' if len(added) != 1 else ''}." if added else ""
            self.main.banner.say(" ".join([done] + problems).strip(),
                                 "warning" if problems else "success")
            if duplicates:
                self.ask_add_again([(Path(p), text) for p, text in duplicates],
                                   task.answers if task is not None else {})
        self.window.import_finished.emit(list(added))

    def ask_add_again(self, duplicates: list[tuple[Path, str]], answers: dict) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, "Already in the vault",
                          "\n\n".join(text for _p, text in duplicates) + "\n\nAdd it again anyway?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
        box.button(QMessageBox.StandardButton.Yes).setText("Add again")
        box.button(QMessageBox.StandardButton.No).setText("Leave it")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.buttonClicked.connect(lambda button: self.import_files(
            [p for p, _t in duplicates], again=True, answers=answers)
            if box.standardButton(button) == QMessageBox.StandardButton.Yes else None)
        self.window.dialog = box
        box.open()
        return box

    # --- drag and drop (the window's Qt events hand them here) ------------------------------
    def accepts_drag(self, event) -> None:
        if self.session.is_open and (event.mimeData().hasUrls() or event.mimeData().hasText()):
            event.acceptProposedAction()

    def dropped(self, event) -> None:
        """Files are added (after the usual questions); a web address opens the capture dialog."""
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
            self.window.captures.open_dialog(web[0])

    # --- one item --------------------------------------------------------------------------
    def flag_item(self, item_id: int):
        """The item's "This may show a child…": a confirmation naming it (safeguarding_dialogs)."""
        return lock_away(self.window, item_id)

    def _ask_text(self, item_id: int, title: str, explain: str, label: str, ok: str, do):
        """A small dialog for one line of text; ``do(vault, item_id, text)`` when accepted."""
        def accepted(dialog) -> None:
            try:
                do(self.session.require(), item_id, dialog.value())
            except EvidenceVaultError as exc:
                self.main.banner.say(str(exc), "failure")
                return
            self.window.reload_items(item_id)
        return self.window.open_dialog(TextDialog(title, explain, label, ok, self.window), accepted)

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
            dialog = RedactBoxesDialog(self.session.require(), item_id, self.window)
        except EvidenceVaultError as exc:
            self.main.banner.say(str(exc))
            return None
        return self.window.open_dialog(dialog, lambda _d: None)

    def ask_correction(self, item_id: int):
        """A multi-line box filled with what the item says now (dialogs.CorrectionDialog)."""
        try:
            self.session.require().check_amendable(item_id)  # a staff member's item: refused, saying why
            wordings = self.session.require().wordings(item_id)
        except EvidenceVaultError as exc:
            self.main.banner.say(str(exc), "failure")
            return None

        def accepted(dialog) -> None:
            if self.window.change_vault(lambda vault: vault.amend(item_id, note=dialog.value())):
                self.window.reload_items(item_id)
                what = "entry" if wordings.subject == "entry" else "note"
                self.main.banner.say(f"Correction saved: item {item_id}'s {what} now reads as you wrote it. "
                                     "The earlier wording stays beside it in the history.", "success")
        return self.window.open_dialog(CorrectionDialog(item_id, wordings.current.text or "",
                                                        entry=wordings.subject == "entry", parent=self.window),
                                       accepted)
