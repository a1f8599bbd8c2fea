# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Where the window's actions appear: one primary "Add evidence" (a button with a menu), the
evidence browser beside it, the case's More menu (bundle, checks, and the clause-71 action,
findable but quiet), and the View menu's theme.

The actions themselves (QActions with their keys) are made in ``main_window``; this mixin
only places them, so a command has one key binding whichever way it is reached.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QWidget

from . import theme

#: The Add evidence menu's items: (action attribute, icon).
ADD_ITEMS = (("act_capture", "globe"), ("act_incident", "note-pencil"), ("act_files", "files"))


class MainActions:
    def _build_main_actions(self) -> None:
        m = self.main
        for attr, icon in ADD_ITEMS:
            action = getattr(self, attr)
            action.setIcon(theme.icon(icon))
            m.add_menu.addAction(action)  # the same QAction: the same words, key and slot
        m.add_menu.addSeparator()
        m.add_menu.addAction(self.act_add_bundle)
        self.act_browser.setIcon(theme.icon("compass"))
        self.browser_button = m.add_button_for(self.act_browser, icon="compass")
        self.browser_button.setText("Evidence browser")
        self.capture_this_button = m.add_button_for(self.act_capture_this, icon="globe")
        self.act_capture_this.enabledChanged.connect(self.capture_this_button.setVisible)
        self.capture_this_button.setVisible(False)
        m.actions_row.addStretch(1)
        # Tab in reading order: Add evidence, the browser (and Capture this page), then the search
        QWidget.setTabOrder(m.add_button, self.browser_button)
        QWidget.setTabOrder(self.browser_button, self.capture_this_button)
        QWidget.setTabOrder(self.capture_this_button, m.find.search)
        # The case's More menu: bundle and checks where a person looks for them, and the
        # clause-71 action last, in plain words, not bold, never the loudest thing on screen.
        for action, icon in ((self.act_export, "file-pdf"), (self.act_check_bundle, "seal-check"),
                             (self.act_verify, "shield-check")):
            action.setIcon(theme.icon(icon))
            m.case_menu.addAction(action)
        m.case_menu.addSeparator()
        self.act_child.setIcon(theme.icon("shield-warning"))
        m.case_menu.addAction(self.act_child)

    def _build_view_menu(self, bar, before) -> None:
        view = bar.insertMenu(before.menuAction(), _menu(bar, "&View"))
        menu = view.menu()
        group = QActionGroup(self)
        self.theme_actions = {}
        for name in theme.THEMES:
            action = QAction(theme.THEME_WORDS[name], self)
            action.setCheckable(True)
            action.setChecked(name == theme.saved())
            action.triggered.connect(lambda _c=False, n=name: self.set_theme(n))
            group.addAction(action)
            menu.addAction(action)
            self.theme_actions[name] = action

    def set_theme(self, name: str) -> None:
        theme.save(name)
        theme.apply(self.app, name)
        self.theme_actions[name].setChecked(True)
        for attr, icon in ADD_ITEMS + (("act_export", "file-pdf"), ("act_check_bundle", "seal-check"),
                                       ("act_verify", "shield-check"), ("act_child", "shield-warning"),
                                       ("act_browser", "compass")):
            getattr(self, attr).setIcon(theme.icon(icon))
        self.browser_button.setIcon(theme.icon("compass"))
        self.capture_this_button.setIcon(theme.icon("globe"))
        self.update_status()

    def focus_search(self) -> None:
        self.main.find.search.setFocus()
        self.main.find.search.selectAll()


def _menu(bar, title: str):
    from PySide6.QtWidgets import QMenu

    return QMenu(title, bar)
