# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Evidence bundles from the window: make one for a case, and check one you received.

Both call the library's ``evidence_vault.bundle`` (the same functions as the CLI). Making a
bundle runs on a thread with its real steps shown; afterwards the window shows where it was
saved and the sender's code to read out to the recipient. Checking needs no vault; it asks for
the code the sender read out, and says plainly when the sender is not yet confirmed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, QUrl, Qt, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from evidence_vault import EvidenceVaultError
from evidence_vault.fingerprints import short_code
from evidence_vault.paths import default_config_dir

from .message import MessageBar, tone_box

try:
    from evidence_vault.bundle import export_bundle, verify_bundle
except ImportError:  # pragma: no cover - until the bundle work is merged
    export_bundle = verify_bundle = None

AVAILABLE = export_bundle is not None
BUG_NO_BUNDLE = ("Something went wrong inside Evidence Vault, so the bundle was not made. Please try "
                 "again, and tell whoever looks after your computer.")


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class ExportDialog(QDialog):
    def __init__(self, case, selected_item, settings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Make an evidence bundle")
        self.case = case
        self.selected_item = selected_item
        form = QFormLayout()
        self.recipient = QLineEdit()
        self.recipient.setAccessibleName("Who the bundle is for")
        self.recipient.setPlaceholderText("e.g. Head teacher, HR, PC Jones at the local police")
        self.only_selected = QCheckBox(
            f"Only the selected item ({selected_item.id})" if selected_item else "Only the selected item")
        self.only_selected.setEnabled(selected_item is not None)
        documents = Path.home() / "Documents"
        folder = documents if documents.is_dir() else Path.home()
        default = folder / f"{_safe(case.name)} - evidence bundle.pdf"
        self.out_path = QLineEdit(str(default))
        self.out_path.setAccessibleName("Where to save the bundle")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose)
        where = QHBoxLayout()
        where.addWidget(self.out_path, 1)
        where.addWidget(choose)
        self.password = _password_field("Password for the bundle (optional)")
        self.password.setPlaceholderText("Optional: the recipient will need it to open the bundle")
        password_note = QLabel(
            "A password hides the pages, the attached files and their names. It does not hide who sealed "
            "the bundle (your name and role), when, how many files it holds or roughly how large they are.")
        password_note.setWordWrap(True)
        password_note.setObjectName("passwordNote")
        self.timestamp = QCheckBox("Add an independent proof of the time, from " + settings.timestamp_url
                                   if settings.timestamp_url else
                                   "Add an independent proof of the time (set up a time-stamping service in Settings first)")
        self.timestamp.setEnabled(bool(settings.timestamp_url))
        self.timestamp.setChecked(bool(settings.timestamp_url))
        self.org_password = _password_field("Password of the school's signing certificate")
        self.redacted = QCheckBox("&Redacted copy (for HR or a parent): hide the words and parts of pictures "
                                  "marked to be hidden")
        self.redacted.setAccessibleName("Redacted copy")
        self.redacted.setToolTip("For HR or a parent: marked words and boxes are hidden, and the pages' original "
                                 "files are left out. Marking boxes in this window is not available yet.")
        self.redacted.toggled.connect(lambda on: self._redacted_name(on, default))
        form.addRow("&For", self.recipient)
        form.addRow("", self.only_selected)
        form.addRow("", self.redacted)
        save_label = QLabel("&Save as")
        save_label.setBuddy(self.out_path)  # a row that is a layout gets no buddy by itself
        form.addRow(save_label, where)
        form.addRow("&Password", self.password)
        form.addRow("", password_note)
        form.addRow("", self.timestamp)
        if settings.org_cert:
            form.addRow("Certificate pass&word", self.org_password)
        layout = QVBoxLayout(self)
        intro = QLabel(f"A sealed PDF of \u201c{case.name}\u201d for the head teacher, HR or the "
                       "police. The file it writes is a copy outside the vault: without a "
                       "password anyone who has the file can read it.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Make the bundle")
        self.problem = MessageBar(closable=False, name="What needs changing")
        self.problem.setObjectName("exportProblem")
        layout.addWidget(self.problem)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.settings = settings

    def accept(self) -> None:
        """Stay open, with everything typed kept, when the place to save it cannot be used."""
        path = Path(self.out_path.text().strip()).expanduser()
        problem = None
        if not self.out_path.text().strip():
            problem = "Choose where to save the bundle."
        elif not path.parent.is_dir():
            problem = f"There is no folder {path.parent}. Choose another place to save the bundle."
        elif path.is_dir():
            problem = f"{path} is a folder. Give the bundle a file name, or press Choose…."
        else:
            try:
                self.authority = self._authority()
            except EvidenceVaultError as exc:  # a timestamp server nobody pinned: say so here
                problem = str(exc)
        if problem:
            self.problem.say(problem, "warning")
            self.problem.setVisible(True)
            self.out_path.setFocus()
            return
        super().accept()

    def _redacted_name(self, on: bool, default: Path) -> None:
        """A redacted copy gets its own suggested name, so it is not mistaken for the original."""
        copy = default.with_name(default.stem.replace("evidence bundle", "redacted copy") + default.suffix)
        if self.out_path.text() == str(default if on else copy):
            self.out_path.setText(str(copy if on else default))

    def _choose(self) -> None:
        typed = Path(self.out_path.text().strip() or "bundle.pdf").expanduser()
        start = typed if typed.parent.is_dir() else Path.home() / typed.name  # never the program's folder
        path, _ = QFileDialog.getSaveFileName(self, "Save the evidence bundle", str(start), "PDF (*.pdf)")
        if path:
            self.out_path.setText(path)

    def _authority(self):
        """The timestamp authority from Settings, pinned (its certificate, or one offered by name)."""
        if not (self.timestamp.isChecked() and self.settings.timestamp_url):
            return None
        from evidence_vault.bundle import timestamps

        cert = getattr(self.settings, "timestamp_cert", "") or None
        return timestamps.choose(self.settings.timestamp_url, cert_file=Path(cert) if cert else None,
                                 config_dir=default_config_dir())

    def options(self) -> dict:
        return {
            "recipient": self.recipient.text().strip() or None,
            "item_ids": [self.selected_item.id] if self.only_selected.isChecked() and self.selected_item else None,
            "password": self.password.text() or None,
            "timestamp": getattr(self, "authority", None) or self._authority(),
            "org_cert": self.settings.org_cert or None,
            "org_cert_password": self.org_password.text() or None,
            "redacted": self.redacted.isChecked(),
        }


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in " -_,." else "_" for c in name).strip() or "case"


class ExportTask(QThread):
    progress = Signal(str)
    saved = Signal(str, str, str)  # path, signer fingerprint, warnings (one per line)
    failed = Signal(str)

    def __init__(self, session, case, out_path: Path, options: dict, parent=None) -> None:
        super().__init__(parent)
        self.session, self.case, self.out_path, self.options = session, case, out_path, options

    def run(self) -> None:
        try:
            result = export_bundle(self.session.require(), self.case, self.out_path,
                                   progress=self.progress.emit, **self.options)
        except EvidenceVaultError as exc:
            self.failed.emit(str(exc))
        except Exception:
            # A bug: take the progress panel down with a plain sentence, then let it surface
            # (sys.excepthook: a bug report and the crash dialog, ui/crash.py).
            self.failed.emit(BUG_NO_BUNDLE)
            raise
        else:
            self.saved.emit(str(result.path), result.signer_fingerprint, "\n".join(result.warnings))


def folder_can_open(folder: Path) -> bool:
    """Whether asking the desktop to open ``folder`` can do anything: it exists, and on Linux
    there is an opener (xdg-open). Without one Qt reports success and nothing happens, so
    "Open the folder" said nothing; now it says where the bundle is instead."""
    import shutil
    import sys

    if not folder.is_dir():
        return False
    return not sys.platform.startswith("linux") or shutil.which("xdg-open") is not None


def export_done_box(parent, path: str, fingerprint: str, warnings: str) -> QMessageBox:
    text = (f"The evidence bundle is saved as {path}.\n\nYour code (the same on every bundle from this "
            f"vault). Read it out to the person you give the bundle to, by phone or in person, so they "
            f"know it came from you:\n\n{short_code(fingerprint)}")
    if warnings:
        text += "\n\nPlease note:\n" + warnings
    box = QMessageBox(QMessageBox.Icon.Information, "Evidence bundle made", text, QMessageBox.StandardButton.Ok, parent)
    tone_box(box, "warning" if warnings else "success")
    open_folder = box.addButton("Open the folder", QMessageBox.ButtonRole.ActionRole)

    def open_it() -> None:
        if not folder_can_open(Path(path).parent) or \
                not QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent))):
            said = QMessageBox(QMessageBox.Icon.Warning, "The folder did not open",
                               f"This computer could not open the folder for you. The bundle is saved "
                               f"as {path}.\n\nYour code: {short_code(fingerprint)}",
                               QMessageBox.StandardButton.Ok, parent)
            tone_box(said, "warning")
            parent.dialog = said  # never exec(): the window stays alive (and testable)
            said.open()
    open_folder.clicked.connect(open_it)
    return box


class CheckBundleDialog(QDialog):
    """Check a bundle someone sent you: no vault needed."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check a bundle I received")
        self.setMinimumWidth(620)
        intro = QLabel("Checks that an evidence bundle someone sent you is exactly as they sealed it, "
                       "and shows who sealed it. You do not need a vault for this.")
        intro.setWordWrap(True)
        form = QFormLayout()
        self.path = QLineEdit()
        self.path.setAccessibleName("The bundle file")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        self.password = _password_field("Its password, if it has one")
        self.expect = QLineEdit()
        self.expect.setAccessibleName("The code the sender read out")
        self.expect.setPlaceholderText("e.g. 7KQ2M XW4TD 9G1HB CR3ZA: ask the sender by phone")
        bundle_label = QLabel("&Bundle")
        bundle_label.setBuddy(self.path)
        form.addRow(bundle_label, row)
        form.addRow("&Password", self.password)
        form.addRow("The &code the sender read out", self.expect)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("bundleResult")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.result)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Check")
        box.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        box.accepted.connect(self.check)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        # Typing the file, Tab, the password, Enter checks; "Choose…" comes after.
        QWidget.setTabOrder(self.path, self.password)
        QWidget.setTabOrder(self.password, self.expect)
        QWidget.setTabOrder(self.expect, box.button(QDialogButtonBox.StandardButton.Ok))
        QWidget.setTabOrder(box.button(QDialogButtonBox.StandardButton.Ok), choose)
        self.report = None

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose the bundle", "", "PDF (*.pdf)")
        if path:
            self.path.setText(path)

    def check(self):
        from evidence_vault.bundle import timestamps

        try:
            report = verify_bundle(Path(self.path.text().strip()), password=self.password.text() or None,
                                   expect=self.expect.text().strip() or None,
                                   trusted_timestamps=timestamps.pinned(default_config_dir()))
        except EvidenceVaultError as exc:
            self._say(str(exc))
            self.report = None
            return None
        self.report = report
        self._say(result_words(report))
        return report

    def _say(self, text: str) -> None:
        """Show the result whole: the dialog grows to fit it (the code must be readable)."""
        self.result.setText(text)
        self.adjustSize()


def result_words(report) -> str:
    """What the check found, for a head teacher: intact or not, and whether the sender is confirmed."""
    copy = report.details.get("redacted_copy") if report.ok else None
    if copy:
        return ("This is a REDACTED COPY: some words and parts of pictures were hidden by "
                f"{', '.join(copy.get('redacted_by') or ['the sender'])}; it is not the original evidence.\n\n"
                + _result_words(report))
    return _result_words(report)


def _result_words(report) -> str:
    code = report.signer_code or "none"
    if report.status == "confirmed":
        return (f"This bundle is intact and was sealed by {report.signer_name or 'the sender'}: the code in its "
                f"seal, {code}, is the one the sender read out to you. Nothing in it has changed since.")
    if report.status == "intact":
        return (f"This bundle is intact: nothing in it has changed since it was sealed under the name "
                f"{report.signer_name or 'unknown'}.\n\nThe sender is NOT YET CONFIRMED: anyone can seal a "
                f"changed copy under any name. Call the sender on a number you already have, ask them to read "
                f"you their code, type it above and check again. This bundle's code is {code}.")
    if report.sender_confirmed is False:
        return ("This bundle was NOT sealed by the person whose code you typed: do not rely on it. Keep the file "
                "as it is and ask the sender for a new copy.\n\n• " + "\n• ".join(report.lines()[:8]))
    return ("This bundle has been changed or damaged since it was sealed. Do not rely on it; ask the sender "
            "for a new copy.\n\n• " + "\n• ".join(report.lines()[:8]))

