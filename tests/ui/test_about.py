# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Help › About shows the licence and opens the third-party notices, with or without a vault."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from evidence_vault import __version__
from ui.about import NO_NOTICES, AboutDialog

REPO = Path(__file__).resolve().parents[2]


def test_about_is_in_the_help_menu_before_any_vault_is_open_and_shows_the_gpl(make_window, qtbot):
    window = make_window()
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert window.act_about in help_menu.actions() and window.act_about.isEnabled()
    window.act_about.trigger()
    about = window.dialog
    assert isinstance(about, AboutDialog)
    assert about.isVisible()
    text = about.layout().itemAt(0).widget().text()
    assert f"Evidence Vault {__version__}" in text and "GNU General Public License, version 3" in text
    assert "no warranty" in text

    qtbot.mouseClick(about.licence_button, Qt.MouseButton.LeftButton)
    assert about.viewer.isVisible()
    assert about.viewer.text.toPlainText() == (REPO / "LICENSE").read_text(encoding="utf-8")
    about.viewer.reject()
    qtbot.mouseClick(about.notices_button, Qt.MouseButton.LeftButton)
    assert about.viewer.text.toPlainText() == NO_NOTICES  # a source checkout has none
    about.viewer.reject()
    about.reject()
    assert window.dialog is None


def test_the_notices_beside_a_built_app_are_shown_as_they_are(qtbot, tmp_path):
    shutil.copyfile(REPO / "LICENSE", tmp_path / "LICENSE")
    notices = "Evidence Vault 1.0: third-party notices\n\nPython distribution: PySide6_Essentials 6.11.3\n"
    (tmp_path / "THIRD-PARTY-NOTICES.txt").write_text(notices, encoding="utf-8")
    about = AboutDialog(folder=tmp_path)
    qtbot.addWidget(about)
    viewer = about.show_notices()
    assert viewer.text.toPlainText() == notices
    assert viewer.text.isReadOnly()
