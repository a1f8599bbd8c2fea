# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Evidence › Reports to the platform: "I reported this to the platform", and its reply later.

Why a window of its own: a report is not an item of evidence but something the person did,
and the platform's answer comes days later. The window lists the case's reports with their
replies in time order (the case's timeline of reporting), and asks for a new report (platform,
when, the platform's reference, the item it was about) or a reply (its words, a screenshot,
when it came). The library keeps both as ledger events (vault/platform_reports.py); a reply's
screenshot goes in through ``platform_replies.add_reply`` and so through the clause-71 guard:
a refused picture adds nothing and opens the usual advice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
)

from evidence_vault import EvidenceVaultError, SafeguardingBlock
from evidence_vault.platform_replies import add_reply
from evidence_vault.vault.platform_reports import SUGGESTED_PLATFORMS, reply_words, report_words, when_words

from .dialogs import GuidanceDialog
from .message import MessageBar
from .when_picker import WhenPicker

EMPTY = ("No report to a platform is recorded for this case yet. If you reported a post or a "
         "message to the site or app it was on, record it here: Report Harmful Content and the "
         "police ask what the platform was told and what it answered.")
REFUSED = ("The screenshot was not added: it matches a picture on a safeguarding list, or could not be "
           "checked. Nothing of it was saved, and the reply was not recorded.")


def _ok_cancel(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _when_is_fine(dialog) -> bool:
    """The dialog's "when" can be kept; if not, it says why there and puts the cursor in it."""
    problem = dialog.when.problem()
    if problem:
        dialog.problem.say(problem, "warning")
        dialog.when.time.setFocus()
    return not problem


def _problem_label() -> MessageBar:
    """What needs changing before the form is kept: the app's one message bar, as a warning."""
    bar = MessageBar(closable=False, name="What needs changing")
    bar.setObjectName("problem")
    return bar


class ReportDialog(QDialog):
    """Record one report: the window saves it when accepted (``PlatformReportsDialog.save_report``)."""

    def __init__(self, items, selected_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("I reported this to the platform")
        form = QFormLayout()
        self.platform = QComboBox()
        self.platform.setEditable(True)
        self.platform.addItems(SUGGESTED_PLATFORMS)
        self.platform.setCurrentIndex(-1)
        self.platform.setAccessibleName("The platform you reported it to (choose or type)")
        self.platform.lineEdit().setPlaceholderText("e.g. Facebook (or type another)")
        self.when = WhenPicker()
        self.when.setAccessibleName("When you reported it, in local time")
        self.reference = QLineEdit()
        self.reference.setAccessibleName("The reference the platform gave the report, if any")
        self.reference.setPlaceholderText("if the platform gave one")
        self.item = QComboBox()
        self.item.setAccessibleName("The item the report was about")
        self.item.addItem("No particular item", None)
        for entry in items:
            self.item.addItem(f"Item {entry.id}: {_title(entry)}", entry.id)
        if selected_id is not None and self.item.findData(selected_id) >= 0:
            self.item.setCurrentIndex(self.item.findData(selected_id))
        form.addRow("&Platform", self.platform)
        form.addRow("&When you reported it", self.when)
        form.addRow("Its &reference", self.reference)
        form.addRow("&About", self.item)
        self.problem = _problem_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_ok_cancel(self, "Keep this report"))

    def accept(self) -> None:
        if not self.platform.currentText().strip():
            self.problem.say("Say which platform you reported it to, e.g. Facebook or TikTok.", "warning")
            self.platform.setFocus()
            return
        if _when_is_fine(self):
            super().accept()


class ReplyDialog(QDialog):
    """The platform's reply to one report: its words, a screenshot of it, or both."""

    def __init__(self, report, parent=None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(f"The reply from {report.platform}")
        self.intro = intro = QLabel(f"Report {report.number}: {report_words(report)}.")
        intro.setWordWrap(True)
        form = QFormLayout()
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("The reply's words, pasted or typed")
        self.text.setPlaceholderText("Paste the platform's reply here, word for word.")
        self.screenshot: Path | None = None
        self.choose = QPushButton("Choose a &screenshot of the reply\u2026")
        self.choose.setAccessibleName("Choose a screenshot of the reply")
        self.chosen = QLabel("No screenshot chosen.")
        self.chosen.setWordWrap(True)
        shot = QHBoxLayout()
        shot.addWidget(self.choose)
        shot.addWidget(self.chosen, 1)
        self.choose.clicked.connect(self._choose)
        self.when = WhenPicker()
        self.when.setAccessibleName("When the reply came, in local time")
        form.addRow("Its &words", self.text)
        form.addRow("Screenshot", shot)
        form.addRow("&When it came", self.when)
        kept = QLabel("A screenshot is added to this case as a file, checked like every file you add.")
        kept.setWordWrap(True)
        self.problem = _problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(kept)
        layout.addWidget(self.problem)
        layout.addWidget(_ok_cancel(self, "Keep this reply"))

    def set_screenshot(self, path: Path | None) -> None:
        self.screenshot = Path(path) if path else None
        self.chosen.setText(self.screenshot.name if self.screenshot else "No screenshot chosen.")

    def _choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "A screenshot of the reply", "",
                                                    "Pictures (*.png *.jpg *.jpeg *.webp *.heic);;All files (*)")
        if path:
            self.set_screenshot(Path(path))

    def accept(self) -> None:
        if not self.text.toPlainText().strip() and self.screenshot is None:
            self.problem.say("Paste the reply's words, or choose a screenshot of it (or both).", "warning")
            self.text.setFocus()
            return
        if _when_is_fine(self):
            super().accept()


def _title(item) -> str:
    info = item.info
    text = (info.get("title") or info.get("subject") or info.get("filename") or info.get("summary") or item.kind)
    return str(text)[:60]


class PlatformReportsDialog(QDialog):
    """The case's reports to platforms and their replies; buttons to add either."""

    changed = Signal()  # a report or reply was kept (tests wait on it; the window reloads)

    def __init__(self, window, case) -> None:
        super().__init__(window)
        self.window_, self.case = window, case
        self._shown: list = []
        self.child: QDialog | None = None  # the report or reply dialog open now (tests fill it in)
        self.guidance: GuidanceDialog | None = None  # the clause-71 advice, after a refused screenshot
        self.setWindowTitle(f"Reports to the platform: {case.name}")
        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["When", "What"])
        self.tree.setAccessibleName("Reports to the platform and their replies, oldest first")
        self.tree.header().setAccessibleName("Columns: when, and what")
        self.tree.setColumnWidth(0, 250)
        self.detail = QLabel()  # the chosen report and its replies in full: a row holds one line
        self.detail.setWordWrap(True)
        self.detail.setObjectName("reportInFull")
        self.detail.setAccessibleName("The chosen report and its replies, in full")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * 5)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.add_report = QPushButton("&Record a report\u2026")
        self.add_reply = QPushButton("Add the platform's re&ply\u2026")
        self.add_reply.setToolTip("Choose a report in the list first")
        self.message = MessageBar(name="What just happened")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_report)
        buttons.addWidget(self.add_reply)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.add_report.clicked.connect(self.open_report)
        self.add_reply.clicked.connect(self.open_reply)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.resize(760, 480)
        self.reload()

    # -- the list ------------------------------------------------------------------------
    def reports(self):
        with self.window_.session.write_lock:  # one caller on the vault at a time (session.py)
            return self.window_.session.require().platform_reports.all(self.case)

    def reload(self, select: int | None = None) -> None:
        self.tree.clear()
        reports = self._shown = self.reports()
        self.empty.setVisible(not reports)
        for report in reports:
            top = QTreeWidgetItem([when_words(report.reported_at), f"Report {report.number}: {report_words(report)}"])
            top.setData(0, Qt.ItemDataRole.UserRole, report.number)
            for reply in report.replies:
                words = reply_words(reply) + (f": \u201c{reply.text}\u201d" if reply.text else "")
                child = QTreeWidgetItem([when_words(reply.at), words])
                child.setData(0, Qt.ItemDataRole.UserRole, report.number)
                child.setToolTip(1, reply.text or "")
                top.addChild(child)
            if not report.replies:
                top.addChild(QTreeWidgetItem(["", "No reply recorded yet."]))
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
            if report.number == select or (select is None and report is reports[-1]):
                self.tree.setCurrentItem(top)
        self._enable()

    def selected_report(self) -> int | None:
        entry = self.tree.currentItem()
        while entry is not None and entry.data(0, Qt.ItemDataRole.UserRole) is None:
            entry = entry.parent()
        return entry.data(0, Qt.ItemDataRole.UserRole) if entry is not None else None

    def _enable(self) -> None:
        number = self.selected_report()
        self.add_reply.setEnabled(number is not None)
        report = next((r for r in self._shown if r.number == number), None)
        self.detail.setText("" if report is None else "\n".join(
            [f"Report {report.number}: {report_words(report)}."]
            + [f"{reply_words(reply)}." + (f"\n\u201c{reply.text}\u201d" if reply.text else "")
               for reply in report.replies]))

    # -- adding ----------------------------------------------------------------------------
    def _open_child(self, dialog: QDialog, on_accept) -> QDialog:
        self.child = dialog
        dialog.accepted.connect(lambda: on_accept(dialog))
        dialog.open()
        return dialog

    def open_report(self, item_id: int | None = None) -> ReportDialog:
        """Ask for a new report; ``item_id`` (from the item's More menu) is chosen as what it was about."""
        session = self.window_.session
        with session.write_lock:
            items = session.require().items(self.case)
        return self._open_child(ReportDialog(items, item_id, self), self.save_report)

    def open_reply(self) -> ReplyDialog | None:
        number = self.selected_report()
        if number is None:
            self.message.say("Choose the report the reply answers, in the list above.", "warning")
            return None
        with self.window_.session.write_lock:
            report = self.window_.session.require().platform_reports.get(number)
        return self._open_child(ReplyDialog(report, self), self.save_reply)

    def save_report(self, dialog: ReportDialog) -> None:
        when = dialog.when.parsed()
        try:
            with self.window_.session.write_lock:
                report = self.window_.session.require().platform_reports.record(
                    self.case, platform=dialog.platform.currentText(), reported_at=when.stored,
                    reference=dialog.reference.text(), item_id=dialog.item.currentData())
        except EvidenceVaultError as exc:
            self.message.say(f"The report was not kept: {exc}", "failure")
            return
        self.message.say(f"Kept report {report.number}. Add the platform's reply here when it comes.", "success")
        self.reload(report.number)
        self.changed.emit()

    def save_reply(self, dialog: ReplyDialog) -> None:
        try:
            with self.window_.session.write_lock:
                report = add_reply(self.window_.session.require(), dialog.report.number,
                                   text=dialog.text.toPlainText(), screenshot=dialog.screenshot,
                                   received=dialog.when.parsed())
        except SafeguardingBlock:
            self.message.say(REFUSED, "warning")
            self.guidance = GuidanceDialog(self, headline=REFUSED)
            self.guidance.open()
            return
        except EvidenceVaultError as exc:
            self.message.say(f"The reply was not kept: {exc}", "failure")
            return
        shot = report.replies[-1].screenshot_item_id
        self.message.say(f"Kept the reply to report {report.number}"
                         + (f"; its screenshot is item {shot}." if shot is not None else "."), "success")
        self.reload(report.number)
        self.changed.emit()


def open_reports(window, item_id: int | None = None):
    """Evidence › Reports to the platform…, for the case chosen on the left; from an item's More
    menu (``item_id``), the new report's questions open at once, about that item."""
    case = window.main.current_case()
    if case is None:
        window.main.banner.say("Create or choose a case first (on the left).")
        return None
    dialog = PlatformReportsDialog(window, case)
    dialog.changed.connect(lambda: window.reload_items())
    window.open_dialog(dialog, lambda _d: None)
    if item_id is not None:
        dialog.open_report(item_id)
    return dialog
