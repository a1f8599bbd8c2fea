# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every action is reachable by keyboard, and controls have names a screen reader can say."""

from __future__ import annotations

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLineEdit

from ui.dialogs import CaptureDialog, GuidanceDialog, IncidentDialog
from ui.help_window import GuideWindow


def test_shortcuts_open_the_main_actions(window, qtbot):
    for keys, kind in (("Ctrl+K", CaptureDialog), ("Ctrl+I", IncidentDialog), ("Ctrl+Shift+H", GuidanceDialog)):
        QTest.keySequence(window, keys)
        assert isinstance(window.dialog, kind), keys
        window.dialog.reject()
    QTest.keySequence(window, "F1")
    assert isinstance(window.help.guide_window, GuideWindow) and window.help.guide_window.isVisible()
    window.help.guide_window.close()
    QTest.keySequence(window, "Ctrl+N")
    assert window.main.case_name.hasFocus()


def test_every_action_has_a_key_or_a_menu_and_every_control_a_name(window):
    for action in window.actions():
        assert action.shortcut().toString() or action.associatedObjects(), action.text()
    for button in window.findChildren(QAbstractButton):
        if button.objectName().startswith("qt_"):  # Qt's own (menu bar overflow)
            continue
        assert button.text().strip() or button.accessibleName().strip(), button.objectName()
    for field in window.findChildren(QLineEdit):
        if field.isVisible():
            assert field.accessibleName().strip() or field.placeholderText(), field.objectName()


def test_no_form_label_shows_a_bare_ampersand(window, qtbot):
    """A label whose field is a layout gets no buddy from QFormLayout, and then its '&' shows
    as text (a new user saw '&Folder'): every '&' label must have a buddy."""
    from PySide6.QtWidgets import QLabel

    from ui import bundles

    window.bundles.export_bundle()
    dialogs = [window.dialog, bundles.CheckBundleDialog(window), window.create_page]
    for widget in dialogs:
        for label in widget.findChildren(QLabel):
            if "&" in label.text() and not label.text().startswith("<"):
                assert label.buddy() is not None, label.text()
