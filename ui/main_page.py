# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The main window's working page: cases on the left, the timeline, details on the right.

Only layout and display live here; what the buttons do lives in ``main_window`` (commands
with key bindings), so the same command runs from a button, a menu or a shortcut.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSplitter,
    QVBoxLayout, QWidget,
)

from .details import DetailsPane
from .pictures import ThumbnailCache
from .timeline import ItemRole, TimelineModel, TimelineView


class Banner(QFrame):
    """A calm one- or two-sentence message above the timeline, closed with a click or Esc."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Message")
        close = QPushButton("OK")
        close.setAccessibleName("Close this message")
        close.clicked.connect(self.hide)
        row.addWidget(self.text, 1)
        row.addWidget(close)
        self.hide()

    def say(self, text: str) -> None:
        """Show ``text``; nothing to say hides the bar (an empty bar with only OK confused a trial)."""
        self.text.setText(text)
        self.setVisible(bool(text))


class ProgressPanel(QFrame):
    """Where the item being made will appear: the real step, and Cancel."""

    cancel = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        self.step = QLabel()
        self.step.setAccessibleName("What the capture is doing")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.step, 1)
        row.addWidget(self.cancel_button)
        self.hide()

    def started(self, url: str) -> None:
        self.url = url
        self.cancel_button.setEnabled(True)
        self.step.setText(f"Capturing {url}…")
        self.show()

    def set_step(self, step: str) -> None:
        self.step.setText(f"Capturing {self.url}: {step}…")


class MainPage(QWidget):
    case_chosen = Signal(object)
    new_case = Signal(str)

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.thumbnails = ThumbnailCache(self._read_picture, parent=self)
        self.model = TimelineModel(self)
        self.thumbnails.ready.connect(self.model.item_changed)

        # left: cases
        left = QWidget()
        lcol = QVBoxLayout(left)
        lcol.addWidget(QLabel("<b>Cases</b>"))
        self.cases = QListWidget()
        self.cases.setAccessibleName("Cases")
        self.cases.setWordWrap(True)
        self.cases.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cases.currentItemChanged.connect(self._case_changed)
        lcol.addWidget(self.cases, 1)
        self.case_name = QLineEdit()
        self.case_name.setPlaceholderText("Name of a new case")
        self.case_name.setAccessibleName("Name of a new case")
        self.case_name.returnPressed.connect(self._new_case)
        self.new_case_button = QPushButton("+ New case")
        self.new_case_button.clicked.connect(self._new_case)
        lcol.addWidget(self.case_name)
        lcol.addWidget(self.new_case_button)

        # centre: actions, messages, progress, timeline
        centre = QWidget()
        ccol = QVBoxLayout(centre)
        self.case_title = QLabel("Choose or create a case")
        font = self.case_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.case_title.setFont(font)
        ccol.addWidget(self.case_title)
        self.buttons = QHBoxLayout()
        self.buttons2 = QHBoxLayout()
        ccol.addLayout(self.buttons)
        ccol.addLayout(self.buttons2)
        self.banner = Banner()
        ccol.addWidget(self.banner)
        self.progress = ProgressPanel()
        ccol.addWidget(self.progress)
        self.timeline = TimelineView(self.thumbnails)
        self.timeline.setModel(self.model)
        self.timeline.selectionModel().currentChanged.connect(self._item_changed)
        ccol.addWidget(self.timeline, 1)
        self.empty = QLabel("Nothing in this case yet. Capture a page, log an incident or add files; "
                            "you can also drop files or web addresses here.")
        self.empty.setWordWrap(True)
        ccol.addWidget(self.empty)

        self.details = DetailsPane(session)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(centre)
        split.addWidget(self.details)
        split.setSizes([220, 620, 480])
        split.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 0)
        outer.addWidget(split)

    def add_button(self, action, *, second_row: bool = False) -> QPushButton:
        button = QPushButton(action.text().replace("…", "") + ("…" if action.text().endswith("…") else ""))
        button.setAccessibleName(action.text().rstrip("…"))
        if action.shortcut().toString():
            button.setToolTip(f"{action.toolTip()} ({action.shortcut().toString()})")
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        (self.buttons2 if second_row else self.buttons).addWidget(button)
        return button

    def _read_picture(self, item_id: int, role: str):
        vault = self.session.vault
        return None if vault is None else vault.read_artefact(item_id, role)

    # --- cases -----------------------------------------------------------------------
    def set_cases(self, cases, select_id: int | None = None) -> None:
        self.cases.blockSignals(True)
        self.cases.clear()
        chosen = None
        for case in cases:
            entry = QListWidgetItem(case.name)
            entry.setData(Qt.ItemDataRole.UserRole, case)
            self.cases.addItem(entry)
            if case.id == select_id:
                chosen = entry
        self.cases.blockSignals(False)
        if chosen is None and self.cases.count():
            chosen = self.cases.item(0)
        if chosen is not None:
            self.cases.setCurrentItem(chosen)
        else:
            self._case_changed(None, None)

    def current_case(self):
        entry = self.cases.currentItem()
        return entry.data(Qt.ItemDataRole.UserRole) if entry else None

    def _case_changed(self, current, _previous) -> None:
        case = current.data(Qt.ItemDataRole.UserRole) if current else None
        self.case_title.setText(case.name if case else "Choose or create a case")
        self.case_chosen.emit(case)

    def _new_case(self) -> None:
        name = self.case_name.text().strip()
        if name:
            self.new_case.emit(name)

    # --- items -----------------------------------------------------------------------
    def set_items(self, items, select_id: int | None = None) -> None:
        self.model.set_items(items)
        self.empty.setVisible(not items)
        self.details.clear()
        if select_id is not None:
            self.select_item(select_id)

    def select_item(self, item_id: int) -> None:
        row = self.model.row_of(item_id)
        if row is not None:
            self.timeline.setCurrentIndex(self.model.index(row))

    def current_item(self):
        """The selected item; None for nothing or a text-only entry (it is no item of the vault)."""
        index = self.timeline.currentIndex()
        item = index.data(ItemRole) if index.isValid() else None
        return None if item is None or item.kind == "flag" else item

    def _item_changed(self, current, _previous) -> None:
        item = current.data(ItemRole) if current.isValid() else None
        if item is None:
            self.details.clear()
            return
        if item.kind == "flag":  # a text-only record: nothing to read from the vault
            self.details.show_flag(item)
            return
        vault = self.session.vault
        self.details.show_item(vault.item(item.id) if vault is not None else item)

    def clear(self) -> None:
        """Drop everything shown and every decoded picture (the vault is locking)."""
        self.thumbnails.clear()
        self.details.clear()
        self.model.clear()
        self.cases.clear()
        self.banner.hide()
        self.progress.hide()
        self.case_title.setText("")
