# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The right-hand pane: one item in full, with its screenshot blurred until "Show".

Showing is a deliberate act: the person may be looking at abuse of themselves. "Show" reads
the picture through ``Vault.read_for_display`` when the library has it (which records a
"viewed" event in the history), else ``read_artefact``. Locking calls ``clear()``, which
drops every decoded picture held here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog, QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QHBoxLayout, QLabel, QMenu,
    QPushButton, QScrollArea, QToolButton, QVBoxLayout, QWidget,
)

from evidence_vault.vault import capture_address
from evidence_vault import EvidenceVaultError
from evidence_vault.bundle_import import received_from
from evidence_vault.page_problems import problem_of
from evidence_vault.vault.models import can_hold_picture

from . import theme, words
from .pictures import PREVIEW_MAX_HEIGHT, PREVIEW_WIDTH, blurred, open_picture, picture_role, to_qimage, top_part


NOTHING_CHOSEN = "Nothing chosen yet"
NOTHING_CHOSEN_HINT = ("Choose an item in the timeline to see it here. Pictures stay blurred until you "
                       "press Show.")


def read_for_display(vault, item_id: int, role: str) -> bytes:
    reader = getattr(vault, "read_for_display", None)
    if reader is not None:
        return reader(item_id, role=role)
    return vault.read_artefact(item_id, role)


class FullPageView(QDialog):
    """A zoomable, scrollable view of a whole screenshot (Ctrl + wheel, +/- keys, Fit)."""

    def __init__(self, image: QImage, title: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.scene = QGraphicsScene(self)
        self.scene.addItem(QGraphicsPixmapItem(QPixmap.fromImage(image)))
        self.view = QGraphicsView(self.scene)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.view.setAccessibleName("Full-size screenshot")
        row = QHBoxLayout()
        for text, factor in (("Zoom out", 0.8), ("Zoom in", 1.25)):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, f=factor: self.zoom(f))
            row.addWidget(button)
        actual = QPushButton("Actual size")
        actual.clicked.connect(self.view.resetTransform)
        row.addWidget(actual)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view)
        self.resize(1000, 700)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Open at the top left of the page, where it starts (not scrolled to its middle)."""
        super().showEvent(event)
        self.view.horizontalScrollBar().setValue(self.view.horizontalScrollBar().minimum())
        self.view.verticalScrollBar().setValue(self.view.verticalScrollBar().minimum())

    def zoom(self, factor: float) -> None:
        self.view.scale(factor, factor)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif event.key() == Qt.Key.Key_Minus:
            self.zoom(0.8)
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
        else:
            super().wheelEvent(event)


class DetailsPane(QScrollArea):
    may_show_child = Signal(int)   # item id the person flagged
    police_reference = Signal(int)
    release = Signal(int)          # release a lock made in error (asked for deliberately)
    withdraw = Signal(int)
    correct = Signal(int)
    hide_words = Signal(int)       # words to hide in redacted copies
    hide_box = Signal(int)         # part of the picture to hide in redacted copies
    report_to_platform = Signal(int)  # "I reported this to the platform" (ui/platform_reports.py)
    error = Signal(str)

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Details of the selected item")
        body = QWidget()
        self.setWidget(body)
        col = QVBoxLayout(body)
        self.heading = theme.set_role(QLabel(NOTHING_CHOSEN), "heading")
        self.heading.setWordWrap(True)
        self.hint = theme.set_role(QLabel(NOTHING_CHOSEN_HINT), "muted")
        self.hint.setWordWrap(True)
        self.when = QLabel()
        self.when.setWordWrap(True)  # when it happened, with who or what said so, can be long
        self.address = QLabel()
        self.address.setWordWrap(True)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setObjectName("itemState")
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.picture.setAccessibleName("Screenshot (blurred until you press Show)")
        row = QHBoxLayout()
        self.show_button = QPushButton("Show")
        self.show_button.setToolTip("Show the picture clearly. It stays blurred until you ask.")
        self.show_button.clicked.connect(self.reveal)
        self.full_button = QPushButton("Open full size")
        self.full_button.clicked.connect(self.open_full)
        # The item's More menu (top right, beside its heading: it stays put whatever the item
        # is). Clause 71's "this may show a child" is there, for items that can hold a picture
        # only, never as a button of its own (a full-width bold one that moved when the item
        # type changed was mis-clicked); releasing a lock is there too, and nowhere else.
        self.more_button = QToolButton()
        self.more_button.setText("More")
        self.more_button.setIcon(theme.icon("dots-three-outline"))
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setAccessibleName("More actions for this item")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu("More for this item", self.more_button)
        self.more_button.setMenu(self.more_menu)
        self.act_correct = self.more_menu.addAction("Add a correction…", lambda: self._emit(self.correct))
        self.act_withdraw = self.more_menu.addAction("Withdraw this item…", lambda: self._emit(self.withdraw))
        self.act_hide_words = self.more_menu.addAction("Hide words in redacted copies…",
                                                       lambda: self._emit(self.hide_words))
        self.act_hide_box = self.more_menu.addAction("Hide part of the picture in redacted copies…",
                                                     lambda: self._emit(self.hide_box))
        self.act_platform = self.more_menu.addAction("I reported this to the platform…",
                                                     lambda: self._emit(self.report_to_platform))
        self.more_menu.addSeparator()
        self.act_flag = self.more_menu.addAction(f"{words.MAY_SHOW_CHILD}…", lambda: self._emit(self.may_show_child))
        self.act_police = self.more_menu.addAction("Add the police reference…",
                                                   lambda: self._emit(self.police_reference))
        self.act_release = self.more_menu.addAction("Release from the lock…", lambda: self._emit(self.release))
        row.addWidget(self.show_button)
        row.addWidget(self.full_button)
        row.addStretch(1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes.setAccessibleName("Notes")
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.correct_button = QPushButton("Add a correction…")
        self.correct_button.setToolTip("Add a corrected note; the original stays in the history")
        self.correct_button.clicked.connect(lambda: self.item and self.correct.emit(self.item.id))
        self.withdraw_button = QPushButton("Withdraw this item…")
        self.withdraw_button.setToolTip("For an item added by mistake: it is kept, marked withdrawn, "
                                        "and left out of bundles")
        self.withdraw_button.clicked.connect(lambda: self.item and self.withdraw.emit(self.item.id))
        self.police_button = QPushButton("Add the police reference…")
        self.police_button.clicked.connect(lambda: self.item and self.police_reference.emit(self.item.id))
        self.experts_toggle = QToolButton()
        self.experts_toggle.setText("Details for experts")
        self.experts_toggle.setCheckable(True)
        self.experts_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.experts_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.experts = QLabel()
        self.experts.setWordWrap(True)
        self.experts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.experts.setVisible(False)
        self.experts_toggle.toggled.connect(self._toggle_experts)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        col.addLayout(top)
        col.addWidget(self.hint)
        for w in (self.when, self.address, self.state):
            col.addWidget(w)
        col.addLayout(row)  # Show above the picture: on a small screen it is never below the fold
        col.addWidget(self.picture)
        fix_row = QHBoxLayout()
        fix_row.addWidget(self.correct_button)
        fix_row.addWidget(self.withdraw_button)
        fix_row.addStretch(1)
        for w in (self.notes, self.warnings, self.police_button, self.experts_toggle, self.experts):
            if w is self.experts_toggle:
                col.addLayout(fix_row)
            col.addWidget(w)
        col.addStretch(1)
        self.item = None
        self.revealed = False
        self._picture = None  # the decoded picture, memory only
        self.clear()

    def refresh_icons(self) -> None:
        """Icons in the new theme's colours (theme.apply calls this)."""
        self.show_button.setIcon(theme.icon("eye-slash" if self.revealed else "eye"))
        self.more_button.setIcon(theme.icon("dots-three-outline"))

    def _toggle_experts(self, on: bool) -> None:
        self.experts.setVisible(on)
        self.experts_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    def clear(self) -> None:
        """Forget the item and every decoded picture (called when the vault locks)."""
        self.item = None
        self.revealed = False
        self._picture = None
        self.picture.clear()
        self.heading.setText(NOTHING_CHOSEN)
        self.hint.setVisible(True)
        for w in (self.when, self.address, self.state, self.notes, self.warnings, self.experts):
            w.clear()
        for w in (self.show_button, self.full_button, self.police_button, self.picture,
                  self.correct_button, self.withdraw_button, self.more_button, self.experts_toggle):
            w.setVisible(False)
        self.experts_toggle.setChecked(False)

    def _emit(self, signal) -> None:
        if self.item is not None:
            signal.emit(self.item.id)

    def show_item(self, item) -> None:
        self.clear()
        self.item = item
        info = item.info
        self.heading.setText(f"Item {item.id} · {words.item_kind_text(item)}")
        self.hint.setVisible(False)
        self.experts_toggle.setVisible(True)
        came = received_from(item)  # "From Sarah Smith's bundle (sealed …)" for an imported item
        if came:  # someone else's sealed words: no correction is offered, and the reason is said
            who = (info.get("source") or {}).get("from_name") or "the sender"
            came += (f"\nThese are {who}'s words as sealed, so they cannot be corrected here; to say "
                     "what is wrong, add a note of your own (Add evidence › Log something that happened…).")
        self.when.setText(words.when_lines(item) + (f"\n{came}" if came else ""))
        address = capture_address(info) or info.get("filename") or ""
        self.address.setText(address)
        correctable = item.state != "destroyed" and not came
        self.correct_button.setVisible(correctable)
        self.withdraw_button.setVisible(item.state != "destroyed" and not item.withdrawn)
        self.more_button.setVisible(True)
        self.act_correct.setVisible(correctable)
        self.act_withdraw.setVisible(item.state != "destroyed" and not item.withdrawn)
        self.act_hide_words.setVisible(item.state == "active")
        self.act_hide_box.setVisible(item.state == "active" and picture_role(item) is not None)
        self.act_flag.setVisible(item.state == "active" and can_hold_picture(item))
        self.act_police.setVisible(item.state == "quarantined")
        self.act_release.setVisible(item.state == "quarantined")
        if item.state != "active":
            refs = self.session.require().police_references(item.id)
            self.state.setText(
                "This item is " + words.STATE_WORDS.get(item.state, item.state) + ". It cannot be "
                "opened, copied or put in a bundle." + (f" Police reference: {', '.join(refs)}." if refs else "")
            )
            self.police_button.setVisible(item.state == "quarantined")
        else:
            said = []
            problem = problem_of(item)
            if problem is not None:
                said.append(f"\u26a0 {problem.mark}: not the page you asked for. {problem.says} It was kept "
                            "as a record of what the address showed.")
            if item.withdrawn:
                said.append(f"Withdrawn on {words.local_time(item.withdrawn.get('at'))}: "
                            f"{item.withdrawn.get('reason', '')}. It is kept in the history and left "
                            "out of evidence bundles.")
            self.state.setText("\n".join(said))
        self.notes.setText(self._notes_text(item))
        warnings = list(info.get("capture_notes") or [])
        if info.get("truncated"):
            warnings.append("The page was too long to capture in full; the screenshot was cut.")
        self.warnings.setText(("Warnings:\n• " + "\n• ".join(warnings)) if warnings else "")
        experts = [f"Fingerprint of the main file: {item.main_sha256 or '—'}",
                   f"Added to the vault at {words.local_time(item.created_at)}"]
        for a in item.artefacts:
            experts.append(f"{a.filename} ({a.size:,} bytes): {a.sha256}")
        if info.get("http_status"):
            experts.append(f"Server answered {info['http_status']}")
        self.experts.setText("\n".join(experts))
        if picture_role(item):
            self._load_blurred()

    def show_flag(self, entry) -> None:
        """A text-only record (timeline.FlagEntry): the address and the time, and what that means."""
        self.clear()
        self.item = None
        flag = entry.flag
        self.heading.setText(words.item_kind_text(entry).capitalize())
        self.hint.setVisible(False)
        self.when.setText(f"Noted at {words.local_time(flag.at)}")
        self.address.setText(flag.url or "No address was given.")
        if flag.type == "self_flagged":
            self.state.setText("You reported that this may show a child. Only a note of the address and the "
                               "time was kept; nothing of the page or picture was saved.")
        else:
            self.state.setText(f"Stopped by the safeguarding check ({flag.reason}). Nothing of it was saved: "
                               "only the address, the time and which list matched.")

    def _notes_text(self, item) -> str:
        """The item's words as they read now, in full, and every earlier wording under them
        with when and by whom it was replaced (the library's wordings, as ``show`` prints)."""
        vault = self.session.require()
        notes = []
        try:
            if item.kind == "email" and item.state == "active":  # the email itself, then the note
                notes.append(vault.read_artefact(item.id, "text").decode("utf-8"))
            wordings = vault.wordings(item.id)
        except UnicodeDecodeError:  # shown as a calm line, the item still shows
            self.error.emit("This email's text cannot be shown: it is not stored as readable text. "
                            "The email itself is kept in the vault as it was saved.")
            return "\n\n".join(notes)
        except EvidenceVaultError as exc:  # shown as a calm line, the item still shows
            self.error.emit(str(exc))
            return "\n\n".join(notes)
        current = wordings.current.text or ""
        if wordings.corrected:
            label = "The entry" if wordings.subject == "entry" else "Note"
            notes.append(f"{label}, as corrected on {words.local_time(wordings.current.written_at)}:\n"
                         f"{wordings.current.shown()}")
            notes.append("\n".join(wordings.lines(fmt=words.local_time)))
        elif current.strip():
            notes.append(current if wordings.subject == "entry" else f"Note: {current}")
        return "\n\n".join(n for n in notes if n)

    def _load_blurred(self) -> None:
        """A blurred preview made from the picture; the clear one is only made on Show."""
        try:
            data = self.session.require().read_artefact(self.item.id, picture_role(self.item))
            self._picture = open_picture(data)
        except EvidenceVaultError as exc:  # a picture that cannot be read (pictures.open_picture): say so
            self.error.emit(str(exc))
            return
        preview = top_part(self._picture, width=self._preview_width(), max_height=self._preview_height())
        self.picture.setPixmap(QPixmap.fromImage(to_qimage(blurred(preview, width=preview.width))))
        self.picture.setVisible(True)
        self.show_button.setVisible(True)
        self.show_button.setText("Show")
        self.show_button.setIcon(theme.icon("eye"))
        self.full_button.setVisible(False)

    def _preview_width(self) -> int:
        return max(160, min(PREVIEW_WIDTH, self.viewport().width() - 24))

    def _preview_height(self) -> int:
        """At most about half the pane, so the notes and the actions below the picture stay in
        sight on a 1366 x 768 screen ("Open full size" shows all of it)."""
        return max(200, min(PREVIEW_MAX_HEIGHT, self.viewport().height() // 2))

    def reveal(self) -> None:
        """Show the picture clearly (recorded as viewed when the library records it)."""
        if self.item is None or not picture_role(self.item):
            return
        if self.revealed:
            self.revealed = False
            self._load_blurred()
            return
        try:
            data = read_for_display(self.session.require(), self.item.id, picture_role(self.item))
            self._picture = open_picture(data)
        except EvidenceVaultError as exc:
            self.error.emit(str(exc))
            return
        preview = top_part(self._picture, width=self._preview_width(), max_height=self._preview_height())
        self.picture.setPixmap(QPixmap.fromImage(to_qimage(preview)))
        self.revealed = True
        self.show_button.setText("Blur again")
        self.show_button.setIcon(theme.icon("eye-slash"))
        self.full_button.setVisible(True)

    def open_full(self) -> FullPageView | None:
        if self._picture is None or not self.revealed:
            return None
        view = FullPageView(to_qimage(self._picture), words.item_title(self.item), self)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.open()
        return view

