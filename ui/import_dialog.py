# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Adding files: "when did this happen?" and a note, asked for each file before it is added.

Why: a phone screenshot imported days later otherwise sorts by when it was imported, and
the head teacher reads a wrong timeline. The file often says when (its own data, its name,
its last-changed time: ``workflows.file_hints``), but each of these can be wrong, so each is
offered as a choice naming its source, and none is chosen for the person: the dialog only
goes on once they pick one, type a time, or say they do not know.

One file at a time, with "Answer the same way for the other files" for a batch: then each
remaining file gets its own time from the same source (its own name, its own data), the same
typed time, or "not known", and the same note. A file that lacks the chosen source is still
asked about.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QRadioButton,
    QVBoxLayout,
)

from evidence_vault.times import format_local
from evidence_vault.vault.when import Happened

from . import theme
from .when_picker import WhenPicker
from .message import MessageBar

NOT_KNOWN = "not_known"
OTHER = "other"
CHOOSE_FIRST = "Choose when it happened, or \u201cI don\u2019t know\u201d, then add the file."


@dataclass(frozen=True)
class Answer:
    """What the person said about one file."""

    path: Path
    happened: Happened | None
    note: str | None


class ImportDialog(QDialog):
    """Asks about ``paths`` one by one; ``answers`` holds what was said for each file added."""

    def __init__(self, paths: list[Path], hints_of, parent=None) -> None:
        """``hints_of(path)``: what the file says about when it happened (``file_hints``)."""
        super().__init__(parent)
        self.paths = [Path(p) for p in paths]
        self.hints_of = hints_of
        self.answers: list[Answer] = []
        self.skipped: list[Path] = []
        self.index = 0
        self.setWindowTitle("Add files")
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setObjectName("importHeading")
        theme.set_role(self.heading, "subheading")
        layout.addWidget(self.heading)
        layout.addWidget(QLabel("When did what it shows happen? The timeline is ordered by it."))
        self.choices_box = QVBoxLayout()
        layout.addLayout(self.choices_box)
        self.group = QButtonGroup(self)
        self.other = QRadioButton("At another time (local time):")
        self.other.setAccessibleName("It happened at another time, chosen below")
        self.when = WhenPicker()
        self.when.setAccessibleName("When it happened, in local time")
        self.when.setEnabled(False)
        self.other.toggled.connect(self.when.setEnabled)
        self.unknown = QRadioButton("I don\u2019t know")
        self.unknown.setAccessibleName("I do not know when it happened")
        layout.addWidget(self.other)
        layout.addWidget(self.when)
        layout.addWidget(self.unknown)
        note_label = QLabel("&Note (optional): what it shows, why it matters")
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note about this file")
        self.note.setFixedHeight(70)
        note_label.setBuddy(self.note)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        self.same = QCheckBox()
        self.same.setAccessibleName("Answer the same way for the other files")
        layout.addWidget(self.same)
        self.problem = MessageBar(closable=False, name="What needs changing")
        self.problem.setObjectName("importProblem")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.skip_button = self.buttons.addButton("Skip this file", QDialogButtonBox.ButtonRole.ActionRole)
        self.skip_button.clicked.connect(self.skip)
        self.buttons.accepted.connect(self.add_this)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.hint_buttons: list[tuple[QRadioButton, object]] = []
        self.setMinimumWidth(560)
        self._show_file()

    # -- one file ------------------------------------------------------------------------------
    def _show_file(self) -> None:
        path = self.paths[self.index]
        count = len(self.paths)
        self.heading.setText(f"{path.name}" + (f"  ({self.index + 1} of {count})" if count > 1 else ""))
        for button, _hint in self.hint_buttons:
            self.group.removeButton(button)
            self.choices_box.removeWidget(button)
            button.deleteLater()
        self.hint_buttons = []
        for hint in self.hints_of(path):
            button = QRadioButton(f"{format_local(hint.at)}\n{hint.according_to}")  # two lines: narrower
            button.setAccessibleName(f"It happened {hint.words()}")
            self.choices_box.addWidget(button)
            self.group.addButton(button)
            self.hint_buttons.append((button, hint))
        for button in (self.other, self.unknown):
            self.group.addButton(button)
        self.group.setExclusive(False)  # nothing is chosen for the person
        for button in self.group.buttons():
            button.setChecked(False)
        self.group.setExclusive(True)
        self.note.clear()
        self.problem.say("")
        rest = count - self.index - 1
        self.same.setVisible(rest > 0)
        self.same.setChecked(False)
        others = "the other file" if rest == 1 else f"the other {rest} files"
        self.same.setText(f"Answer the same way for {others} (each from its own name or data, when that "
                          "is what you chose)")
        self.add_button.setText("Add this file" if count == 1 else f"Add this file ({self.index + 1} of {count})")
        self.add_button.setDefault(True)

    def _chosen(self):
        """("hint", TimeHint) / (OTHER, Happened) / (NOT_KNOWN, None), or None if nothing is chosen."""
        for button, hint in self.hint_buttons:
            if button.isChecked():
                return "hint", hint
        if self.other.isChecked():
            problem = self.when.problem()  # not a time, or not yet: in words (when_picker.py)
            if problem:
                self.problem.say(problem, "warning")
                return "problem", None
            return OTHER, Happened(self.when.stored())
        if self.unknown.isChecked():
            return NOT_KNOWN, None
        self.problem.say(CHOOSE_FIRST, "warning")
        return None

    def add_this(self) -> None:
        chosen = self._chosen()
        if chosen is None or chosen[0] == "problem":
            self.problem.setVisible(True)
            return
        note = self.note.toPlainText().strip() or None
        kind, value = chosen
        path = self.paths[self.index]
        self.answers.append(Answer(path, value.happened() if kind == "hint" else value, note))
        if self.same.isVisible() and self.same.isChecked():
            self._answer_rest(kind, value, note)
        self._next()

    def _answer_rest(self, kind: str, value, note: str | None) -> None:
        """The remaining files, answered as this one; a file without the same source stays asked."""
        still_asked = []
        for path in self.paths[self.index + 1:]:
            if kind == "hint":
                same = next((h for h in self.hints_of(path) if h.source == value.source), None)
                if same is None:
                    still_asked.append(path)
                    continue
                self.answers.append(Answer(path, same.happened(), note))
            else:
                self.answers.append(Answer(path, value, note))
        self.paths = self.paths[: self.index + 1] + still_asked

    def skip(self) -> None:
        self.skipped.append(self.paths[self.index])
        self._next()

    def _next(self) -> None:
        self.index += 1
        if self.index >= len(self.paths):
            if self.answers:
                self.accept()
            else:
                self.reject()
            return
        self._show_file()
