# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Helpers the app tests import by name (a module of its own: test folders without __init__.py
share one `conftest` name, so importing from conftest picks whichever folder loaded first)."""

from __future__ import annotations

from pathlib import Path

from evidence_vault import Vault

PASSPHRASE = "kettle orange cloud river"
CASE = "Comments on Facebook, November"
STAFF_PASSPHRASE = "staff member's own long passphrase"


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
        assert window.items.import_files(paths, **options) is not None
    return done.args[0]


def staff_bundle(tmp_path) -> tuple[Path, str]:
    """A bundle a staff member (Sarah Smith) sealed in her own vault, and her vault's code:
    what a senior leader is given to add to the case."""
    from evidence_vault.bundle import export_bundle
    from evidence_vault.fingerprints import vault_fingerprint

    vault, _ = Vault.create(tmp_path / "staff", STAFF_PASSPHRASE, owner_name="Sarah Smith", owner_role="Class Teacher")
    try:
        case = vault.add_case("What the parent posted")
        vault.add_incident(case, kind="message", text="A parent posted about me in the class group",
                           occurred_at="2026-11-19T16:30:00Z")
        out = tmp_path / "sarah-smith-bundle.pdf"
        export_bundle(vault, case, out)
        code = vault_fingerprint(vault).code
    finally:
        vault.close()
    return out, code
