# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Small dialogs: capture an address, log an incident, clause-71 guidance, settings.

Each dialog only asks; the main window does the work through the library when it is
accepted. They are opened with ``open()`` (not ``exec()``), so the window stays alive
behind them and tests can fill them in like a person would.
"""

from __future__ import annotations


from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit,
    QPlainTextEdit, QSpinBox, QTextBrowser, QVBoxLayout,
)

from evidence_vault import EvidenceVaultError
from evidence_vault.capture import WebAddress, validate_url

from . import theme, words
from .settings import advice_for
from .when_picker import WhenPicker
from .message import MessageBar

DEVICES = ["", "iPhone 13", "Pixel 7", "iPad Mini", "Galaxy S9+"]


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class CaptureDialog(QDialog):
    """Paste or drop an address, choose a phone (optional), add a note."""

    def __init__(self, parent=None, *, url: str = "", device: str = "", has_lists: bool = True) -> None:
        """``has_lists``: whether the vault holds a hash list; the dialog must not promise a
        picture check the vault cannot do (clause 71)."""
        super().__init__(parent)
        self.setWindowTitle("Capture a page")
        form = QFormLayout()
        self.url = QLineEdit(url)
        self.url.setPlaceholderText("Paste the web address here, e.g. https://www.facebook.com/...")
        self.url.setAccessibleName("Web address to capture")
        self.device = QComboBox()
        self.device.setAccessibleName("Capture as a phone")
        for name in DEVICES:
            self.device.addItem(name or "This computer (desktop)", name)
        self.device.setCurrentIndex(max(0, self.device.findData(device)))
        self.note = QLineEdit()
        self.note.setAccessibleName("Note about this page")
        self.note.setPlaceholderText("Optional: why this page matters")
        form.addRow("&Address", self.url)
        form.addRow("&Look as", self.device)
        form.addRow("&Note", self.note)
        layout = QVBoxLayout(self)
        # Words for a frightened teacher: the picture check is named only when it is on; when the
        # school has set none up, Settings and the status bar say so, not every capture.
        checked = " Its pictures are first checked against the school's list of known abuse images." \
            if has_lists else ""
        intro = QLabel(f"The page is opened privately, captured in full and sealed in the vault.{checked}")
        intro.setWordWrap(True)  # the longer wording without lists would stretch the dialog
        layout.addWidget(intro)
        self.setMinimumWidth(560)  # room for a long address, as the one-line wording gave
        layout.addLayout(form)
        self.buttons = _buttons(self, "Capture")
        # Clause 71 is a path, not an error: always at hand where a capture can start.
        self.flag_button = self.buttons.addButton(words.MAY_SHOW_CHILD,
                                                  QDialogButtonBox.ButtonRole.ResetRole)
        self.flag_button.setAccessibleName("This page may show a child: do not capture it")
        self.flag_button.clicked.connect(self.reject)
        self.problem = MessageBar(closable=False, name="What needs changing")
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setAcceptDrops(True)
        self.address: WebAddress | None = None  # the checked address, once accepted

    def accept(self) -> None:
        """An address that cannot be captured is said here, with what was typed kept; one that
        can is checked this once and kept, as a ``WebAddress``, in ``address`` for the capture."""
        try:
            self.address = validate_url(self.url.text())
        except EvidenceVaultError as exc:
            self.problem.say(str(exc), "warning")
            self.problem.setVisible(True)
            self.url.setFocus()
            return
        super().accept()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        data = event.mimeData()
        self.url.setText(data.urls()[0].toString() if data.hasUrls() else data.text().strip())
        event.acceptProposedAction()


class IncidentDialog(QDialog):
    """Log a phone call, email, conversation... with a date-and-time picker in local time."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Log an incident")
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName("What kind of incident")
        for key, text in words.INCIDENT_WORDS.items():
            self.kind.addItem(text.capitalize(), key)
        self.when = WhenPicker()
        self.when.setAccessibleName("When it happened, in local time")
        self.who = QLineEdit()
        self.who.setAccessibleName("Who was involved")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("What happened or was said")
        self.text.setPlaceholderText("What happened, in your own words. Write down what was said as closely as you can.")
        form.addRow("&Kind", self.kind)
        form.addRow("&When it happened", self.when)
        form.addRow("W&ho", self.who)
        form.addRow("&What happened", self.text)
        self.problem = MessageBar(closable=False, name="What needs changing")
        self.problem.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, "Save to the vault"))

    def accept(self) -> None:
        if not self.text.toPlainText().strip():
            self.problem.say("Write what happened first, in your own words.", "warning")
            self.problem.setVisible(True)
            self.text.setFocus()
            return
        problem = self.when.problem()  # not a time, or not yet: in words (when_picker.py)
        if problem:
            self.problem.say(problem, "warning")
            self.problem.setVisible(True)
            self.when.time.setFocus()
            return
        super().accept()

    def occurred_at(self) -> str:
        """The chosen local time as the vault's UTC form."""
        return self.when.stored()

    def entry_text(self) -> str:
        who = self.who.text().strip()
        text = self.text.toPlainText().strip()
        return f"{text}\n\nWho: {who}" if who and text else text


NOTE_BUTTON = "Keep a note of the address and time"
KEPT_NOTE = ("Evidence Vault keeps only a note of the address (if you give one) and the time, as a "
             "text-only entry in this case. Nothing of the page or the picture is saved.")


class GuidanceDialog(QDialog):
    """Clause 71: what to do now. Shown for a refused capture, a self-flag and from Help."""

    def __init__(self, parent=None, *, headline: str = "", ask_address: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(words.MAY_SHOW_CHILD)
        layout = QVBoxLayout(self)
        if headline:
            top = QLabel(headline)
            top.setWordWrap(True)
            top.setObjectName("guidanceHeadline")
            theme.set_role(top, "heading")
            layout.addWidget(top)
        self.text = QTextBrowser()
        self.text.setMarkdown(advice_for(parent))
        self.text.setOpenExternalLinks(False)
        self.text.setAccessibleName("What to do now")
        layout.addWidget(self.text)
        self.address = None
        if ask_address:
            form = QFormLayout()
            self.address = QLineEdit()
            self.address.setAccessibleName("Web address, if you have it (never the picture)")
            form.addRow("Web &address (optional)", self.address)
            layout.addLayout(form)
            kept = QLabel(KEPT_NOTE)
            kept.setWordWrap(True)
            kept.setObjectName("whatIsKept")
            layout.addWidget(kept)
            layout.addWidget(_buttons(self, NOTE_BUTTON))
        else:
            box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            box.rejected.connect(self.reject)
            box.accepted.connect(self.accept)
            layout.addWidget(box)
        self.resize(640, 560)


class SettingsDialog(QDialog):
    def __init__(self, settings, hash_lists: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        form = QFormLayout()
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(1, 240)
        self.auto_lock.setSuffix(" minutes")
        self.auto_lock.setValue(settings.auto_lock_min)
        self.auto_lock.setAccessibleName("Lock the vault after this many idle minutes")
        self.browser = QLineEdit(settings.browser_path)
        self.browser.setPlaceholderText("Found automatically")
        self.browser.setAccessibleName("Browser program")
        self.device = QComboBox()
        for name in DEVICES:
            self.device.addItem(name or "This computer (desktop)", name)
        self.device.setCurrentIndex(max(0, self.device.findData(settings.default_device)))
        self.device.setAccessibleName("Default device for captures")
        self.org_cert = QLineEdit(settings.org_cert)
        self.org_cert.setPlaceholderText("Optional: your school's signing certificate (.p12)")
        self.org_cert.setAccessibleName("School's signing certificate")
        self.timestamp = QLineEdit(settings.timestamp_url)
        self.timestamp.setPlaceholderText("Optional: DigiCert, GlobalSign, or an address with its certificate")
        self.timestamp.setAccessibleName("Time-stamping service")
        self.timestamp_cert = QLineEdit(settings.timestamp_cert)
        self.timestamp_cert.setPlaceholderText("Only for an address: the authority's certificate (.pem)")
        self.timestamp_cert.setAccessibleName("Time-stamping service's certificate")
        lists = QLabel(
            "Loaded: " + ", ".join(hash_lists) if hash_lists else
            "None yet. Known abuse images cannot be recognised automatically until your "
            "safeguarding lead loads the school's list."
        )
        lists.setWordWrap(True)
        lists.setObjectName("hashListsLabel")
        form.addRow("&Lock after", self.auto_lock)
        form.addRow("&Browser", self.browser)
        form.addRow("&Default device", self.device)
        form.addRow("Lists of known images", lists)
        form.addRow("School's si&gning certificate", self.org_cert)
        form.addRow("&Time-stamping service", self.timestamp)
        form.addRow("Its c&ertificate", self.timestamp_cert)
        contacts = QGroupBox("Safeguarding contacts")  # shown in "This may show a child"
        people = QFormLayout(contacts)
        why = QLabel("Shown to staff in the advice for \u201cThis may show a child\u201d, so they know whom "
                     "to tell. Kept on this computer for this user, never in the vault. Leave them blank and "
                     "the advice says to ask the school office.")
        why.setWordWrap(True)
        people.addRow(why)
        self.contact_fields = {}
        for key, label, name, value in (
                ("safeguarding_lead", "Designated &safeguarding lead", "Designated safeguarding lead's name",
                 settings.safeguarding_lead),
                ("safeguarding_lead_phone", "Lead's p&hone", "Designated safeguarding lead's phone number",
                 settings.safeguarding_lead_phone),
                ("safeguarding_deputy", "Dep&uty", "Deputy safeguarding lead's name", settings.safeguarding_deputy),
                ("safeguarding_deputy_phone", "Deputy's pho&ne", "Deputy safeguarding lead's phone number",
                 settings.safeguarding_deputy_phone)):
            field = QLineEdit(value)
            field.setAccessibleName(name)
            field.setObjectName(key)
            self.contact_fields[key] = field
            people.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(contacts)
        layout.addWidget(_buttons(self, "Save"))
        self.settings = settings

    def apply(self):
        s = self.settings
        s.auto_lock_min = self.auto_lock.value()
        s.browser_path = self.browser.text().strip()
        s.default_device = self.device.currentData() or ""
        s.org_cert = self.org_cert.text().strip()
        s.timestamp_url = self.timestamp.text().strip()
        s.timestamp_cert = self.timestamp_cert.text().strip()
        for key, field in self.contact_fields.items():
            setattr(s, key, " ".join(field.text().split()))
        s.save()
        return s


class TextDialog(QDialog):
    """One short piece of text: a reason to withdraw, a correction, a police reference."""

    def __init__(self, title: str, explain: str, label: str, ok_text: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        top = QLabel(explain)
        top.setWordWrap(True)
        layout.addWidget(top)
        form = QFormLayout()
        self.text = QLineEdit()
        self.text.setAccessibleName(label)
        form.addRow(label, self.text)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, ok_text))

    def value(self) -> str:
        return self.text.text().strip()


class CorrectionDialog(QDialog):
    """Correct what an item says: a multi-line box filled with its text as it reads now.

    Why filled in: a correction is the item's whole new wording (the library keeps every
    earlier one beside it), so the person edits the words that are wrong instead of retyping
    an entry from memory into an empty line (a new-user trial did, and lost half of it).
    """

    def __init__(self, item_id: int, current: str, *, entry: bool, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a correction")
        self.current = current
        layout = QVBoxLayout(self)
        what = "entry" if entry else "note"
        top = QLabel(f"Change the words that are wrong in item {item_id}'s {what}. What it says now "
                     "stays in its history and is shown beside the new wording, with when it was "
                     "changed and by whom.")
        top.setWordWrap(True)
        layout.addWidget(top)
        label = QLabel(f"&The {what}, as it should read")
        self.text = QPlainTextEdit(current)
        self.text.setAccessibleName(f"The {what}, as it should read")
        label.setBuddy(self.text)
        layout.addWidget(label)
        layout.addWidget(self.text)
        self.problem = MessageBar(closable=False, name="What needs changing")
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, "Save the correction"))
        self.text.setFocus()
        self.resize(560, 360)

    def value(self) -> str:
        return self.text.toPlainText().strip()

    def accept(self) -> None:
        if not self.value():
            self.problem.say("The box is empty. Write what the item should say.", "warning")
        elif self.value() == self.current.strip():
            self.problem.say("Nothing has been changed yet: edit the words that are wrong, then save.", "warning")
        else:
            super().accept()
            return
        self.problem.setVisible(True)
        self.text.setFocus()
