# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Help › User guide (F1): the guide in a window of the app, searchable, its links working."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor

from ui.help_window import GUIDE, NOT_SHIPPED, PICTURE_WIDTH, GuideWindow, docs_folder, heading_anchor

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture
def guide(qtbot):
    window = GuideWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _anchors(window) -> set[str]:
    names, block = set(), window.text.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            names.update(it.fragment().charFormat().anchorNames())
            it += 1
        block = block.next()
    return names


def test_f1_opens_the_guide_beside_the_window(window, qtbot):
    guide = window.help.show_user_guide()
    assert guide.isVisible() and not guide.isModal() and guide.page == DOCS / GUIDE
    assert guide.text.toPlainText().startswith("Evidence Vault: a guide to the window")
    assert "SPDX" not in guide.text.toPlainText()
    assert window.help.show_user_guide() is guide  # one guide window, brought forward again
    guide.close()


def test_every_heading_link_in_the_guide_goes_to_its_heading(guide, qtbot):
    links = re.findall(r"\]\(#([^)]+)\)", (DOCS / GUIDE).read_text(encoding="utf-8"))
    assert len(links) >= 4
    assert set(links) <= _anchors(guide)
    assert heading_anchor("2. Unlock it") == "2-unlock-it"
    guide.text.verticalScrollBar().setValue(0)
    guide.follow(QUrl("#keys-and-shortcuts"))
    bar = guide.text.verticalScrollBar()
    assert bar.value() > 0
    top = guide.text.cursorForPosition(guide.text.viewport().rect().topLeft()).block().text()
    assert top == "Keys and shortcuts"


def test_a_linked_page_opens_in_the_window_and_the_guide_comes_back(guide):
    guide.follow(QUrl("for-recipients.md"))
    assert guide.page == DOCS / "for-recipients.md" and guide.contents_button.isVisible()
    guide.contents_button.click()
    assert guide.page == DOCS / GUIDE and not guide.contents_button.isVisible()
    assert not guide.open_page("../README.md")  # nothing outside the guide's folder
    assert guide.page == DOCS / GUIDE and guide.found.text() == "Not in this copy"


def test_pictures_fit_the_window(guide):
    widths, block = [], guide.text.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            picture = it.fragment().charFormat().toImageFormat()
            if picture.isValid() and picture.name():
                widths.append(picture.width())
            it += 1
        block = block.next()
    assert len(widths) >= 10 and all(0 < w <= PICTURE_WIDTH for w in widths)


def test_find_selects_each_place_in_turn_and_says_how_many(guide, qtbot):
    plain = guide.text.toPlainText().lower()
    qtbot.keyClicks(guide.find_box, "bundle")
    assert guide.found.text() == f"{plain.count('bundle')} places"
    first = guide.text.textCursor()
    assert first.selectedText().lower() == "bundle"
    guide.next_button.click()
    second = guide.text.textCursor()
    assert second.selectedText().lower() == "bundle" and second.position() > first.position()
    guide.previous_button.click()
    assert guide.text.textCursor().position() == first.position()
    guide.text.moveCursor(QTextCursor.MoveOperation.End)
    guide.next_button.click()  # from the end it wraps round to the first
    assert guide.text.textCursor().position() == first.position()
    guide.find_box.setText("zebra crossing")
    assert guide.found.text() == "Not in this page"
    guide.find_box.clear()
    assert guide.found.text() == ""


def test_a_copy_without_the_guide_says_so(qtbot, tmp_path):
    window = GuideWindow(folder=tmp_path)
    qtbot.addWidget(window)
    assert window.text.toPlainText() == NOT_SHIPPED


def test_the_built_app_reads_its_own_copy(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / GUIDE).write_text("# Shipped guide\n", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert docs_folder() == tmp_path / "docs"
