# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Helpers the app tests import by name (a module of its own: test folders without __init__.py
share one `conftest` name, so importing from conftest picks whichever folder loaded first)."""

from __future__ import annotations

from evidence_vault import Vault

PASSPHRASE = "kettle orange cloud river"
CASE = "Comments on Facebook, November"


def unlock(window, qtbot, passphrase: str = PASSPHRASE) -> None:
    from PySide6.QtCore import Qt

    page = window.unlock_page
    assert window.stack.currentWidget() is page
    page.passphrase.setText(passphrase)
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)


def open_vault(window) -> Vault:
    """The window's own open vault (the folder lock allows one opener at a time)."""
    return window.session.require()


def imported(window, qtbot, paths, **options) -> list[int]:
    """Add files as the window does (off its thread) and wait until they are in."""
    with qtbot.waitSignal(window.import_finished, timeout=60_000) as done:
        assert window.import_files(paths, **options) is not None
    return done.args[0]
