# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Help › User guide (F1): docs/user-guide.md in a window of the app, with a find box.

Why inside the app: a member of staff stuck at a step should not have to find a web page or a
README (a trial found no guide in the app at all, issue 23). The guide is the same Markdown
file as in the repository, shipped in the built app (build.spec puts ``docs/user-guide.md``,
the pages it links to and its pictures in ``_internal/docs``). Links work: "#a-heading" jumps
to that heading (GitHub's heading names, which the guide's contents list uses), another guide
page opens in the same window, and a web address opens in the web browser. Pictures are
scaled to the window so nothing needs a sideways scroll. It is a separate window, not a modal
dialog, so the guide can stay open beside the step it explains.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextBrowser, QToolButton, QVBoxLayout,
)

GUIDE = "user-guide.md"
TITLE = "Evidence Vault user guide"
PICTURE_WIDTH = 640  # pictures wider than this are scaled down to it
NOT_SHIPPED = ("The user guide is not in this copy of Evidence Vault. Ask whoever set it up for the "
               "guide, or read docs/user-guide.md where Evidence Vault is published.")


def docs_folder() -> Path:
    """Where the guide is: ``_internal/docs`` in a built app, else the checkout's ``docs``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "docs" / GUIDE).is_file():
        return Path(bundle) / "docs"
    return Path(__file__).resolve().parents[1] / "docs"


def heading_anchor(text: str) -> str:
    """GitHub's name for a heading: lower case, punctuation dropped, spaces as hyphens
    ("2. Unlock it" -> "2-unlock-it"), so the guide's own "#..." links work here too."""
    kept = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return kept.replace(" ", "-")


class GuideWindow(QDialog):
    """The guide, searchable. ``open_page(name)`` shows another page of the docs folder."""

    def __init__(self, parent=None, *, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.folder = folder or docs_folder()
        self.page: Path | None = None
        self.text = QTextBrowser()
        self.text.setAccessibleName("User guide")
        self.text.setOpenLinks(False)  # every link is handled here (follow)
        self.text.anchorClicked.connect(self.follow)
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("Find in the guide")
        self.find_box.setAccessibleName("Find in the guide")
        self.find_box.setClearButtonEnabled(True)
        for button in self.find_box.findChildren(QToolButton):  # the field's own clear button
            button.setAccessibleName("Clear the search")
        self.find_box.textChanged.connect(lambda _t: self.find(from_start=True))
        self.find_box.returnPressed.connect(self.find)
        self.next_button = QPushButton("&Next")
        self.next_button.setAccessibleName("Find the next place")
        self.next_button.clicked.connect(lambda: self.find())
        self.previous_button = QPushButton("&Previous")
        self.previous_button.setAccessibleName("Find the place before")
        self.previous_button.clicked.connect(lambda: self.find(backward=True))
        self.found = QLabel()
        self.found.setObjectName("guideFound")
        self.found.setMinimumWidth(self.found.fontMetrics().horizontalAdvance("Not in this page") + 8)
        find_label = QLabel("&Find:")
        find_label.setBuddy(self.find_box)
        row = QHBoxLayout()
        row.addWidget(find_label)
        row.addWidget(self.find_box, 1)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addWidget(self.found)
        self.contents_button = QPushButton("Back to the &guide")
        self.contents_button.clicked.connect(lambda: self.open_page(GUIDE))
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.addButton(self.contents_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.text, 1)
        layout.addWidget(box)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_find)
        QShortcut(QKeySequence.StandardKey.FindNext, self, activated=self.find)
        self.resize(820, 640)
        self.open_page(GUIDE)

    # -- pages ---------------------------------------------------------------------------------
    def open_page(self, name: str, anchor: str = "") -> bool:
        """Show ``name`` from the docs folder (at ``anchor``); False, and a plain line, if absent."""
        path = (self.folder / name).resolve()
        try:
            inside = path.is_relative_to(self.folder.resolve())
            markdown = path.read_text(encoding="utf-8") if inside else None
        except (OSError, UnicodeDecodeError):
            markdown = None
        if markdown is None:
            if self.page is None:  # the guide itself is missing: say so in the window
                self.text.setPlainText(NOT_SHIPPED)
            else:
                self.found.setText("Not in this copy")
            return False
        self.page = path
        document = self.text.document()
        document.setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
        self.text.setSearchPaths([str(path.parent)])
        self.text.setMarkdown(_without_comments(markdown))
        self._name_headings()
        self._fit_pictures()
        self.contents_button.setVisible(path.name != GUIDE)
        self.found.clear()
        if anchor:
            self.text.scrollToAnchor(anchor)
        else:
            self.text.moveCursor(QTextCursor.MoveOperation.Start)
        return True

    def _name_headings(self) -> None:
        block = self.text.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel():
                cursor = QTextCursor(block)
                cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
                named = QTextCharFormat()
                named.setAnchor(True)
                named.setAnchorNames([heading_anchor(block.text())])
                cursor.mergeCharFormat(named)
            block = block.next()

    def _fit_pictures(self) -> None:
        block = self.text.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                picture = fragment.charFormat().toImageFormat()
                if picture.isValid() and picture.name():
                    image = self.text.document().resource(QTextDocument.ResourceType.ImageResource,
                                                          QUrl(picture.name()))
                    width = getattr(image, "width", lambda: 0)()
                    if width > PICTURE_WIDTH:
                        picture.setWidth(PICTURE_WIDTH)
                        picture.setHeight(image.height() * PICTURE_WIDTH / width)
                        cursor = QTextCursor(self.text.document())
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(fragment.position() + fragment.length(),
                                           QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(picture)
                it += 1
            block = block.next()

    def follow(self, url: QUrl) -> None:
        """A link: a heading of this page, another page of the guide, or a web address."""
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)  # the person's web browser or mail program
            return
        path = url.toLocalFile() if url.isLocalFile() else url.path()
        if not path or (self.page is not None and Path(path).name == self.page.name):
            self.text.scrollToAnchor(url.fragment())
            return
        self.open_page(path, url.fragment())  # inside the docs folder only (open_page)

    # -- finding -------------------------------------------------------------------------------
    def focus_find(self) -> None:
        self.find_box.setFocus()
        self.find_box.selectAll()

    def matches(self) -> int:
        """How many places in this page hold what is typed in the find box."""
        words = self.find_box.text().strip()
        count, cursor = 0, QTextCursor(self.text.document())
        while words:
            cursor = self.text.document().find(words, cursor)
            if cursor.isNull():
                break
            count += 1
        return count

    def find(self, *, backward: bool = False, from_start: bool = False) -> bool:
        """Select the next (or previous) place holding the words, wrapping round; say how many."""
        words = self.find_box.text().strip()
        if not words:
            self.found.clear()
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if from_start:
            self.text.moveCursor(QTextCursor.MoveOperation.Start)
        hit = self.text.find(words, flags)
        if not hit:  # wrap round to the other end once
            self.text.moveCursor(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
            hit = self.text.find(words, flags)
        count = self.matches()
        self.found.setText(("1 place" if count == 1 else f"{count} places") if hit else "Not in this page")
        return hit


def _without_comments(markdown: str) -> str:
    """The licence header comment is for REUSE, not for the reader."""
    return re.sub(r"<!--.*?-->\s*", "", markdown, count=1, flags=re.DOTALL)
