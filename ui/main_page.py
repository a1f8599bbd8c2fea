# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The main window's working page: cases on the left (a new case at the top, where the eye
goes, each case with its number of items), the timeline in the middle under one primary
"Add evidence" action, a search and filters, and the details on the right.

Only layout and display live here; what the buttons do lives in ``main_window`` (commands
with key bindings), so the same command runs from a button, a menu or a shortcut.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMenu, QPushButton, QSplitter,
    QStackedWidget, QToolButton, QVBoxLayout, QWidget,
)

from . import theme
from .details import DetailsPane
from .finder import FindBar, ItemTexts, matches, reported_by
from .message import MessageBar, reserved_height
from .pictures import ThumbnailCache
from .timeline import ItemRole, TimelineModel, TimelineView


class Banner(MessageBar):
    """The main window's message, above the timeline (message.MessageBar: icon, colour, words)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent, name="Message", reserve=False)  # the page's slot keeps the space
        self.setObjectName("banner")


class ProgressPanel(QFrame):
    """Where the item being made will appear: the real step, and Cancel."""

    cancel = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setProperty("tone", "info")  # looks like a message: it is one, with Cancel
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
        self.texts = ItemTexts(session)
        self._all_items: list = []
        S = theme.SPACE

        # left: a new case first, then the cases with their counts
        left = QFrame()
        left.setObjectName("pane")
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(S["m"], S["m"], S["m"], S["m"])
        lcol.setSpacing(S["s"])
        lcol.addWidget(theme.set_role(QLabel("Cases"), "heading"))
        self.case_name = QLineEdit()
        self.case_name.setPlaceholderText("Name of a new case")
        self.case_name.setAccessibleName("Name of a new case")
        self.case_name.returnPressed.connect(self._new_case)
        self.new_case_button = QPushButton("New case")
        self.new_case_button.setAccessibleName("New case")
        self.new_case_button.setToolTip("Make a new case with the name typed above")
        self.new_case_button.clicked.connect(self._new_case)
        lcol.addWidget(self.case_name)
        lcol.addWidget(self.new_case_button)
        self.cases = QListWidget()
        self.cases.setAccessibleName("Cases")
        self.cases.setWordWrap(True)
        self.cases.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cases.currentItemChanged.connect(self._case_changed)
        self.no_cases = theme.set_role(QLabel("No case yet \u2014 make one with New case: type a name above "
                                              "(for example \u201cComments on Facebook\u201d) and press Enter."),
                                       "muted")
        self.no_cases.setWordWrap(True)
        self.no_cases.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.case_stack = QStackedWidget()
        self.case_stack.addWidget(self.cases)
        self.case_stack.addWidget(self.no_cases)
        lcol.addWidget(self.case_stack, 1)

        # centre: the case, its one primary action, find, messages, progress, the timeline
        centre = QFrame()
        centre.setObjectName("pane")
        ccol = QVBoxLayout(centre)
        ccol.setContentsMargins(S["m"], S["m"], S["m"], S["m"])
        ccol.setSpacing(S["s"])
        title_row = QHBoxLayout()
        self.case_title = theme.set_role(QLabel("Choose or create a case"), "title")
        self.case_title.setWordWrap(True)
        title_row.addWidget(self.case_title, 1)
        self.case_menu = QMenu("More for this case", self)
        self.case_more = QToolButton()
        self.case_more.setText("More")
        self.case_more.setIcon(theme.icon("dots-three-outline"))
        self.case_more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.case_more.setAccessibleName("More for this case: bundle, check, if something may show a child")
        self.case_more.setToolTip("Make a bundle, check, and more")
        self.case_more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.case_more.setMenu(self.case_menu)
        title_row.addWidget(self.case_more, 0, Qt.AlignmentFlag.AlignTop)
        ccol.addLayout(title_row)
        self.case_count = theme.set_role(QLabel(""), "muted")
        ccol.addWidget(self.case_count)
        self.actions_row = QHBoxLayout()
        self.actions_row.setSpacing(S["s"])
        self.add_menu = QMenu("Add evidence", self)
        self.add_button = QToolButton()
        self.add_button.setText("Add evidence")
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_button.setAccessibleName("Add evidence: capture a page, log something that happened, add files")
        self.add_button.setToolTip("Capture a page, log something that happened, or add files and emails")
        self.add_button.setMenu(self.add_menu)
        theme.set_flag(self.add_button, "primary")
        self.actions_row.addWidget(self.add_button)
        ccol.addLayout(self.actions_row)
        self.find = FindBar()
        self.find.changed.connect(self._refilter)
        ccol.addWidget(self.find.search)
        ccol.addWidget(self.find)
        # One reserved slot for the message and the capture's progress: either appearing or going
        # moves nothing below it (a capture hides the message when it starts).
        self.banner = Banner()
        self.progress = ProgressPanel()
        slot = QWidget()
        slot_col = QVBoxLayout(slot)
        slot_col.setContentsMargins(0, 0, 0, 0)
        slot_col.addWidget(self.banner)
        slot_col.addWidget(self.progress)
        slot.setMinimumHeight(reserved_height(self.banner))
        ccol.addWidget(slot)
        self.timeline = TimelineView(self.thumbnails)
        self.timeline.setModel(self.model)
        self.timeline.selectionModel().currentChanged.connect(self._item_changed)
        self.empty = theme.set_role(QLabel(), "muted")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setAccessibleName("What to do next")
        self.items_stack = QStackedWidget()
        self.items_stack.addWidget(self.timeline)
        self.items_stack.addWidget(self.empty)
        ccol.addWidget(self.items_stack, 1)
        ccol.addWidget(self.find.count)

        self.details = DetailsPane(session)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(centre)
        split.addWidget(self.details)
        split.setSizes([250, 640, 440])
        split.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(S["s"], S["s"], S["s"], 0)
        outer.addWidget(split)
        self._show_empty_cases(True)

    def add_button_for(self, action, *, icon: str, flat: bool = False) -> QPushButton:
        """A button beside "Add evidence" for ``action`` (icon and words, never an icon alone)."""
        button = QPushButton(action.text())
        button.setIcon(theme.icon(icon))
        button.setAccessibleName(action.text().rstrip("\u2026"))
        if action.shortcut().toString():
            button.setToolTip(f"{action.toolTip()} ({action.shortcut().toString()})")
        button.clicked.connect(action.trigger)
        button.setEnabled(action.isEnabled())
        action.enabledChanged.connect(button.setEnabled)
        theme.set_flag(button, "flat", flat)
        self.actions_row.addWidget(button)
        return button

    def refresh_icons(self) -> None:
        def colour(button) -> str:
            return "on_accent" if button.property("primary") == "true" else "text"
        self.add_button.setIcon(theme.icon("plus", colour(self.add_button)))
        self.case_more.setIcon(theme.icon("dots-three-outline"))
        self.new_case_button.setIcon(theme.icon("folder-plus", colour(self.new_case_button)))

    def _read_picture(self, item_id: int, role: str):
        vault = self.session.vault
        return None if vault is None else vault.read_artefact(item_id, role)

    # --- cases -----------------------------------------------------------------------
    def set_cases(self, cases, select_id: int | None = None, counts: dict[int, int] | None = None) -> None:
        self.cases.blockSignals(True)
        self.cases.clear()
        chosen = None
        for case in cases:
            n = None if counts is None else counts.get(case.id, 0)
            entry = QListWidgetItem(case.name if n is None else f"{case.name}  ({n})")
            entry.setData(Qt.ItemDataRole.UserRole, case)
            entry.setData(Qt.ItemDataRole.AccessibleTextRole,
                          case.name if n is None else f"{case.name}, {n} item{'s' if n != 1 else ''}")
            self.cases.addItem(entry)
            if case.id == select_id:
                chosen = entry
        self.cases.blockSignals(False)
        self._show_empty_cases(not cases)
        if chosen is None and self.cases.count():
            chosen = self.cases.item(0)
        if chosen is not None:
            self.cases.setCurrentItem(chosen)
        else:
            self._case_changed(None, None)

    def _show_empty_cases(self, empty: bool) -> None:
        """With no case yet, New case is the one primary action (the first thing to do); once
        there is one, Add evidence is."""
        self.case_stack.setCurrentWidget(self.no_cases if empty else self.cases)
        theme.set_flag(self.new_case_button, "primary", empty)
        theme.set_flag(self.add_button, "primary", not empty)
        self.refresh_icons()

    def current_case(self):
        entry = self.cases.currentItem()
        return entry.data(Qt.ItemDataRole.UserRole) if entry else None

    def _case_changed(self, current, _previous) -> None:
        case = current.data(Qt.ItemDataRole.UserRole) if current else None
        self.case_title.setText(case.name if case else "No case chosen")
        self.find.reset()
        self.case_chosen.emit(case)

    def _new_case(self) -> None:
        name = self.case_name.text().strip()
        if name:
            self.new_case.emit(name)
        else:
            self.case_name.setFocus()
            self.banner.say("Type a name for the new case first, for example \u201cParent emails\u201d.", "warning")

    # --- items -----------------------------------------------------------------------
    def set_items(self, items, select_id: int | None = None) -> None:
        self._all_items = list(items)
        senders = sorted({name for name in map(reported_by, self._all_items) if name})
        vault = self.session.vault
        self.find.set_people((vault.owner().get("name") or "") if (vault is not None and senders) else "", senders)
        self._refilter(select_id)
        self.details.clear()
        if select_id is not None:
            self.select_item(select_id)

    def _refilter(self, select_id: int | None = None) -> None:
        f = self.find
        shown = [i for i in self._all_items
                 if matches(i, query=f.query(), kind=f.kind(), days=f.days(), texts=self.texts,
                            person=f.person_filter())]
        self.model.set_items(shown)
        total = len(self._all_items)
        self.case_count.setText("" if self.current_case() is None else
                                f"{total} item{'s' if total != 1 else ''} in this case")
        f.count.setText(f"Showing {len(shown)} of {total}" if f.filtering() else "")
        if self.current_case() is None:
            self.empty.setText("No case yet \u2014 make one with New case (top left). A case keeps "
                               "together everything about one problem, for example \u201cComments on "
                               "Facebook, November\u201d." if not self.cases.count() else
                               "Choose a case on the left.")
        elif not total:
            self.empty.setText("Nothing in this case yet. Press Add evidence to capture a web page, log "
                               "something that happened, or add files and emails. You can also drop "
                               "files or web addresses here.")
        else:
            self.empty.setText("Nothing here matches the search or the filters. Clear the search box, "
                               "or choose All, Any time and Everyone.")
        self.items_stack.setCurrentWidget(self.timeline if shown else self.empty)

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
        """Drop everything shown, every decoded picture and searched text (the vault is locking)."""
        self.thumbnails.clear()
        self.texts.forget()
        self.details.clear()
        self._all_items = []
        self.model.clear()
        self.cases.clear()
        self.find.reset()
        self.banner.hide()
        self.progress.hide()
        self.case_title.setText("")
        self.case_count.setText("")
