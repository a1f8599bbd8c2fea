# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Where the window's actions appear: one primary "Add evidence" (a button with a menu), the
evidence browser beside it, the case's More menu (bundle, checks, and the clause-71 action,
findable but quiet), and the View menu's theme.

The window lists its actions (``main_window._build_actions``), each made here as one QAction
with its key (``add_action``); these functions place that same QAction wherever it appears,
so a command has one key binding whichever way it is reached.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from . import theme

#: Where the desktop has no binding of its own for a standard action (some Linux desktops).
_FALLBACK = {
    QKeySequence.StandardKey.Open: "Ctrl+O", QKeySequence.StandardKey.New: "Ctrl+N",
    QKeySequence.StandardKey.Quit: "Ctrl+Q", QKeySequence.StandardKey.Preferences: "Ctrl+,",
    QKeySequence.StandardKey.HelpContents: "F1", QKeySequence.StandardKey.Find: "Ctrl+F",
}
#: The Add evidence menu's items: (action attribute, icon).
ADD_ITEMS = (("act_capture", "globe"), ("act_incident", "note-pencil"), ("act_files", "files"))
#: Every action with an icon of its own (redrawn when the theme changes).
ICONS = ADD_ITEMS + (("act_export", "file-pdf"), ("act_check_bundle", "seal-check"),
                     ("act_verify", "shield-check"), ("act_child", "shield-warning"), ("act_browser", "compass"))


def add_action(window, text: str, slot, shortcut=None, *, tip: str = "", menu=None) -> QAction:
    """One command: its words, its key (the desktop's own for a standard one), its slot."""
    action = QAction(text, window)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(QKeySequence.keyBindings(shortcut) or [QKeySequence(_FALLBACK[shortcut])])
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setToolTip(tip or text.rstrip("…"))
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    if menu is not None:
        menu.addAction(action)
    return action


def place(window) -> None:
    """The window's actions on its main page: Add evidence, the browser buttons, More."""
    m = window.main
    for attr, icon in ADD_ITEMS:
        action = getattr(window, attr)
        action.setIcon(theme.icon(icon))
        m.add_menu.addAction(action)  # the same QAction: the same words, key and slot
    m.add_menu.addSeparator()
    m.add_menu.addAction(window.act_add_bundle)
    window.act_browser.setIcon(theme.icon("compass"))
    window.browser_button = m.add_button_for(window.act_browser, icon="compass")
    window.browser_button.setText("Evidence browser")
    window.capture_this_button = m.add_button_for(window.act_capture_this, icon="globe")
    window.act_capture_this.enabledChanged.connect(window.capture_this_button.setVisible)
    window.capture_this_button.setVisible(False)
    m.actions_row.addStretch(1)
    # Tab in reading order: Add evidence, the browser (and Capture this page), then the search
    QWidget.setTabOrder(m.add_button, window.browser_button)
    QWidget.setTabOrder(window.browser_button, window.capture_this_button)
    QWidget.setTabOrder(window.capture_this_button, m.find.search)
    # The case's More menu: bundle and checks where a person looks for them, and the
    # clause-71 action last, in plain words, not bold, never the loudest thing on screen.
    for action, icon in ((window.act_export, "file-pdf"), (window.act_check_bundle, "seal-check"),
                         (window.act_verify, "shield-check")):
        action.setIcon(theme.icon(icon))
        m.case_menu.addAction(action)
    m.case_menu.addSeparator()
    window.act_child.setIcon(theme.icon("shield-warning"))
    m.case_menu.addAction(window.act_child)


def view_menu(window, bar, before) -> dict[str, QAction]:
    """The View menu (before ``before``): one checkable action per theme, by theme name."""
    view = bar.insertMenu(before.menuAction(), QMenu("&View", bar))
    menu = view.menu()
    group = QActionGroup(window)
    actions = {}
    for name in theme.THEMES:
        action = QAction(theme.THEME_WORDS[name], window)
        action.setCheckable(True)
        action.setChecked(name == theme.saved())
        action.triggered.connect(lambda _c=False, n=name: window.set_theme(n))
        group.addAction(action)
        menu.addAction(action)
        actions[name] = action
    return actions


def redraw_icons(window) -> None:
    """A new theme: every icon again, in the theme's colours."""
    for attr, icon in ICONS:
        getattr(window, attr).setIcon(theme.icon(icon))
    window.browser_button.setIcon(theme.icon("compass"))
    window.capture_this_button.setIcon(theme.icon("globe"))
