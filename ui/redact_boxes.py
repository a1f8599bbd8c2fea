# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Hide part of a screen print in redacted copies: drag a box over a face or a name.

Why a dialog of its own: the person has to see the picture to draw on it, and "nothing hurtful
without asking" still holds, so it opens blurred and is shown only when they choose. The box is
drawn on a copy scaled to the window; what is recorded is the box in the picture's own pixels
(``redacting.redact_box``), the same as ``evidence-vault redact --box``. Boxes already recorded
are shown filled black, as the redacted copy will show them. Nothing is written to disk.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from evidence_vault import redacting
from evidence_vault.errors import EvidenceVaultError, UsageError

from .message import MessageBar
from . import theme
from .pictures import blurred, open_picture, to_qimage

DISPLAY_WIDTH = 860


class BoxCanvas(QWidget):
    """The picture, scaled; a drag draws one box (``drawn`` gives it in the picture's pixels)."""

    drawn = Signal(tuple)

    def __init__(self, clear: QImage, hidden: QImage, scale: float, parent=None) -> None:
        super().__init__(parent)
        self.clear_image, self.blurred_image, self.scale = clear, hidden, scale
        self.show_clear = False
        self.boxes: list[tuple[int, int, int, int]] = []
        self.start: QPoint | None = None
        self.current = QRect()
        self.setFixedSize(clear.width(), clear.height())
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName("The screen print: drag over what to hide")

    def to_display(self, box) -> QRect:
        x, y, w, h = box
        return QRect(round(x / self.scale), round(y / self.scale), max(1, round(w / self.scale)),
                     max(1, round(h / self.scale)))

    def to_picture(self, rect: QRect) -> tuple[int, int, int, int]:
        return (int(rect.x() * self.scale), int(rect.y() * self.scale),
                max(1, round(rect.width() * self.scale)), max(1, round(rect.height() * self.scale)))

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.drawImage(0, 0, self.clear_image if self.show_clear else self.blurred_image)
        for box in self.boxes:
            painter.fillRect(self.to_display(box), Qt.GlobalColor.black)  # as the copy will be: black
        if not self.current.isNull():
            painter.setPen(QPen(QColor(theme.current().failure), 2))  # the box being drawn
            painter.drawRect(self.current)
        painter.end()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.start = event.position().toPoint()
        self.current = QRect()
        self.update()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self.start is not None:
            end = event.position().toPoint()  # from the press to the pointer: width is the distance moved
            self.current = QRect(min(self.start.x(), end.x()), min(self.start.y(), end.y()),
                                 abs(end.x() - self.start.x()), abs(end.y() - self.start.y())).intersected(self.rect())
            self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self.start is None:
            return
        self.mouseMoveEvent(event)
        self.start = None
        if self.current.width() >= 2 and self.current.height() >= 2:
            self.drawn.emit(self.to_picture(self.current))


class RedactBoxesDialog(QDialog):
    """Draw boxes on one item's screen print (or picture); each is recorded when confirmed."""

    recorded = Signal(int)  # the item id, after a box was recorded

    def __init__(self, vault, item_id: int, parent=None) -> None:
        super().__init__(parent)
        self.vault, self.item_id = vault, item_id
        item = vault.item(item_id)
        role = redacting.picture_role(item)
        if role is None:
            raise UsageError(f"Item {item_id} has no screen print or picture to hide part of.")
        picture = open_picture(vault.read_artefact(item_id, role))
        try:
            width = min(DISPLAY_WIDTH, picture.width)
            scale = picture.width / width
            shown = picture.convert("RGB").resize((width, max(1, round(picture.height / scale))))
            self.canvas = BoxCanvas(to_qimage(shown), to_qimage(blurred(picture, width=width)), scale)
        finally:
            picture.close()
        self.box: tuple[int, int, int, int] | None = None
        self.setWindowTitle(f"Hide part of item {item_id}'s picture")
        layout = QVBoxLayout(self)
        intro = QLabel("Drag a box over what a redacted copy must not show (a face, a name), then press "
                       "\u201cHide this box\u201d. The item itself does not change; only copies made with "
                       "\u201cRedacted copy\u201d ticked hide it.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.show_picture = QCheckBox("&Show the picture (it is blurred until you choose to see it)")
        self.show_picture.toggled.connect(self._show)
        layout.addWidget(self.show_picture)
        scroll = QScrollArea()
        scroll.setWidget(self.canvas)
        scroll.setMinimumHeight(420)
        layout.addWidget(scroll, 1)
        self.where = MessageBar(closable=False, name="The box drawn")
        self.where.setObjectName("boxWhere")
        self.where.say("No box drawn yet.")
        layout.addWidget(self.where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.hide_button = QPushButton("&Hide this box")
        self.hide_button.setEnabled(False)
        buttons.addButton(self.hide_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.hide_button.clicked.connect(self.hide_box)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.canvas.drawn.connect(self._drawn)
        self._reload()
        self.resize(DISPLAY_WIDTH + 60, 700)

    def _show(self, on: bool) -> None:
        self.canvas.show_clear = on
        self.canvas.update()

    def _drawn(self, box) -> None:
        self.box = box
        x, y, w, h = box
        self.where.say(f"Box: {w} x {h} pixels at {x},{y} of the picture.")
        self.hide_button.setEnabled(True)

    def _reload(self) -> None:
        self.canvas.boxes = [r.box for r in redacting.listing(self.vault, self.item_id) if r.kind == "box" and r.box]
        self.canvas.current = QRect()
        self.canvas.update()

    def hide_box(self) -> None:
        if self.box is None:
            return
        try:
            done = redacting.redact_box(self.vault, self.item_id, self.box)
        except EvidenceVaultError as exc:
            self.where.say(str(exc), "failure")
            return
        self.box = None
        self.hide_button.setEnabled(False)
        self.where.say(f"Hidden: {done.redaction.describe()}. Draw another, or close." +
                       (f" {done.note}" if done.note else ""), "success")
        self._reload()
        self.recorded.emit(self.item_id)
