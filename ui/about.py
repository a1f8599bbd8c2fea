# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Help › About: the version, the licence, and the notices of everything the app is built on.

The GPL asks that an interactive program show its licence and that there is no warranty; the
licences of what the desktop build bundles ask for their notices to travel with it. Both files
sit beside the programs in the built folder (build.spec, docs/packaging.md "Licensing");
from a source checkout the licence is the repository's LICENSE and the notices are not made.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

from evidence_vault import __version__

NOTICES = "THIRD-PARTY-NOTICES.txt"

ABOUT = (
    "<p><b>Evidence Vault {version}</b></p>"
    "<p>Copyright © 2026 The Evidence Vault authors.</p>"
    "<p>Evidence Vault is free software: you may share it and change it under the terms of the "
    "GNU General Public License, version 3 or (at your option) any later version. It comes with "
    "no warranty, to the extent the law allows.</p>"
    "<p>It is built on the work of others, among them Qt (under the GNU LGPL version 3), "
    "Playwright and Python. Their licences are in the third-party notices.</p>"
)
NO_NOTICES = ("This copy runs from its source code, so there is no notices file: the notices are "
              "written when the desktop app is built (docs/packaging.md, \"Licensing\").")


def licence_folder() -> Path:
    """Where LICENSE and the notices are: beside the programs when built, else the checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[1]


class TextViewer(QDialog):
    """A long text to read, scroll and copy from (the licence, the notices)."""

    def __init__(self, title: str, text: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName(title)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(box)
        self.resize(760, 560)


class AboutDialog(QDialog):
    def __init__(self, parent=None, *, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Evidence Vault")
        self.folder = folder or licence_folder()
        self.viewer: TextViewer | None = None
        text = QLabel(ABOUT.format(version=__version__))
        text.setWordWrap(True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        self.licence_button = QPushButton("Licence (GNU GPL)")
        self.notices_button = QPushButton("Third-party notices")
        for button, slot in ((self.licence_button, self.show_licence), (self.notices_button, self.show_notices)):
            box.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(box)
        self.setMinimumWidth(460)

    def _show(self, title: str, text: str) -> TextViewer:
        self.viewer = TextViewer(title, text, self)
        self.viewer.open()
        return self.viewer

    def show_licence(self) -> TextViewer:
        return self._show("Licence: GNU General Public License, version 3",
                          (self.folder / "LICENSE").read_text(encoding="utf-8"))

    def show_notices(self) -> TextViewer:
        path = self.folder / NOTICES
        text = path.read_text(encoding="utf-8") if path.is_file() else NO_NOTICES
        return self._show("Third-party notices", text)
