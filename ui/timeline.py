# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The case's items as a timeline: a model over plain Item records and a painting delegate.

Model/view keeps a 10,000-item case fast: the model holds the metadata records only (no
evidence bytes), the view asks for rows as they scroll into sight, and the delegate asks the
ThumbnailCache for a blurred thumbnail, which is decoded off the UI thread the first time a
row is painted. Rows are sorted by when the thing happened (where anyone said: vault/when.py),
newest first.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate

from . import theme, words
from .pictures import THUMB_SIZE, ThumbnailCache, picture_role

ItemRole = Qt.ItemDataRole.UserRole + 1
ROW_HEIGHT = THUMB_SIZE + 12


@dataclass(frozen=True)
class FlagEntry:
    """A text-only entry of the case's timeline: a report that something may show a child
    ("keep a note of the address and time"), or a capture or file refused by the safeguarding
    check. Nothing of a page or picture exists for it; it looks like an item to the model and
    the words (kind ``"flag"``), with a negative id so it never meets a real item's."""

    flag: object  # vault.history.FlagRecord

    kind = "flag"
    state = "active"
    withdrawn = None
    amendments = ()
    main_sha256 = None

    @property
    def id(self) -> int:
        return -self.flag.seq

    @property
    def created_at(self) -> str:
        return self.flag.at

    @property
    def info(self) -> dict:
        return {}


def flag_entries(vault, case) -> list[FlagEntry]:
    return [FlagEntry(f) for f in vault.flags(case)]


class TimelineModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list = []
        self._row_of: dict[int, int] = {}

    def set_items(self, items) -> None:
        self.beginResetModel()
        self._items = sorted(items, key=lambda i: (words.when_of(i) or "", i.id), reverse=True)
        self._row_of = {item.id: row for row, item in enumerate(self._items)}
        self.endResetModel()

    def clear(self) -> None:
        self.set_items([])

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._items)

    def item_at(self, row: int):
        return self._items[row]

    def row_of(self, item_id: int) -> int | None:
        return self._row_of.get(item_id)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role == ItemRole:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{words.local_time(words.when_of(item))}, {words.item_kind_text(item)}: {words.item_title(item)}"
        return None

    def item_changed(self, item_id: int) -> None:
        row = self._row_of.get(item_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index)


class TimelineDelegate(QStyledItemDelegate):
    """Paints: blurred thumbnail (or a lock / kind badge), when, what, and a state line."""

    def __init__(self, cache: ThumbnailCache, parent=None) -> None:
        super().__init__(parent)
        self.cache = cache

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt API
        return QSize(320, ROW_HEIGHT)

    def paint(self, painter: QPainter, option, index) -> None:
        item = index.data(ItemRole)
        painter.save()
        pal = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, pal.color(QPalette.ColorRole.Highlight))
        text_colour = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        thumb = QRect(option.rect.left() + 6, option.rect.top() + 6, THUMB_SIZE, THUMB_SIZE)
        colours = theme.current()
        if item.state != "active":  # the theme's own pair (checked for contrast), and the words
            painter.fillRect(thumb, QColor(colours.raised))
            painter.setPen(QColor(colours.text))
            painter.drawText(thumb, Qt.AlignmentFlag.AlignCenter, "Locked\naway")
        else:
            image = self.cache.get(item) if picture_role(item) else None
            if image is not None:
                painter.drawImage(thumb, image)
            else:
                painter.fillRect(thumb, pal.color(QPalette.ColorRole.AlternateBase))
                painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))  # muted: >= 4.5:1
                painter.drawText(thumb, Qt.AlignmentFlag.AlignCenter, words.item_badge(item))
        x = thumb.right() + 10
        width = option.rect.right() - x - 6
        painter.setPen(text_colour)
        font = painter.font()
        line1 = QRect(x, option.rect.top() + 6, width, 20)
        painter.drawText(line1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(words.timeline_when(item), Qt.TextElideMode.ElideRight,
                                                          width))
        font.setWeight(QFont.Weight(theme.ROLES["subheading"][1]))
        painter.setFont(font)
        line2 = QRect(x, line1.bottom() + 2, width, 20)
        title = painter.fontMetrics().elidedText(words.item_title(item), Qt.TextElideMode.ElideRight, width)
        painter.drawText(line2, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        state = words.STATE_WORDS.get(item.state, item.state) or ("withdrawn" if item.withdrawn else "")
        if state:
            font.setWeight(QFont.Weight.Normal)
            font.setItalic(True)
            painter.setFont(font)
            painter.drawText(QRect(x, line2.bottom() + 2, width, 18), Qt.AlignmentFlag.AlignLeft, state)
        painter.restore()


class TimelineView(QListView):
    def __init__(self, cache: ThumbnailCache, parent=None) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(True)
        self.setItemDelegate(TimelineDelegate(cache, self))
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setAccessibleName("Timeline of evidence in this case")
