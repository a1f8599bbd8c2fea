# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Help menu from the window (``window.help``): the user guide, the clause-71 guidance,
getting support and About. Each opens beside the window, never exec()'d, so the window stays
alive (and testable) behind it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from .dialogs import GuidanceDialog


class HelpCommands(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.guide_window = None  # made the first time F1 is pressed, then kept

    def show_guidance(self):
        return self.window.open_dialog(GuidanceDialog(self.window), lambda _d: None)

    def show_support(self):
        """Help › Getting support: the school's people, then the national routes (support_dialog.py)."""
        from .support_dialog import SupportDialog
        return self.window.open_dialog(SupportDialog(self.window), lambda _d: None)

    def show_user_guide(self):
        """F1: the user guide in a window of its own, beside the app (help_window.py)."""
        from .help_window import GuideWindow
        if self.guide_window is None:
            self.guide_window = GuideWindow(self.window)
        guide = self.guide_window
        guide.show()
        guide.raise_()
        guide.activateWindow()
        return guide

    def show_about(self) -> None:
        from .about import AboutDialog
        self.window.open_dialog(AboutDialog(self.window), lambda _d: None)
