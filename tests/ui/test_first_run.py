# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""First run, unlock, lock, auto-lock and a second opener, through the real window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from evidence_vault import Vault

from ui_support import CASE, PASSPHRASE, unlock


def test_first_run_creates_a_vault_and_checks_the_recovery_key_was_noted(make_window, qtbot, tmp_path):
    folder = tmp_path / "new-vault"
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    page = window.create_page
    page.name.setText("Sam Teacher")
    page.folder.setText(str(folder))
    page.passphrase.setText("short")
    assert page.strength.value() == 0 and "Too short" in page.hint.text()
    page.passphrase.setText(PASSPHRASE)
    page.repeat.setText(PASSPHRASE + " typo")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert "not the same" in page.error.text()
    assert not folder.exists()
    page.repeat.setText(PASSPHRASE)
    QTest.keyClick(page.repeat, Qt.Key.Key_Return)  # Enter after typing it again creates it

    rec = window.recovery_page
    assert window.stack.currentWidget() is rec
    key = rec.key.text()
    assert len(key.split("-")) == 8
    rec.check.setText("WRONG")
    rec.noted.setChecked(True)
    qtbot.mouseClick(rec.continue_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is rec and "does not match" in rec.error.text()
    rec.check.setText(key.rsplit("-", 1)[1].lower())
    qtbot.mouseClick(rec.continue_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.main
    assert rec.key.text() == ""  # shown once: gone from the widget

    window.main.case_name.setText(CASE)
    QTest.keyClick(window.main.case_name, Qt.Key.Key_Return)
    assert window.main.current_case().name == CASE
    window.close()
    # The vault is real: the recovery key opens it, and the owner is sealed in it.
    with Vault.open(folder, recovery_key=key) as vault:
        assert [c.name for c in vault.cases()] == [CASE]
        assert vault.owner()["name"] == "Sam Teacher"


def test_the_app_remembers_the_vault_and_offers_to_unlock_it(make_window, qtbot, vault_dir):
    first = make_window(vault_dir)
    unlock(first, qtbot)
    first.close()
    again = make_window()  # no folder given: it comes from what this computer remembers
    assert again.stack.currentWidget() is again.unlock_page
    assert again.unlock_page.folder == vault_dir


def test_wrong_passphrase_is_a_calm_message_that_offers_the_recovery_key(make_window, qtbot, vault_dir):
    window = make_window(vault_dir)
    unlock(window, qtbot, "not my passphrase")
    message = window.unlock_page.message.text()
    assert "did not open the vault" in message and "recovery key" in message
    assert "wrong" not in message.lower()
    assert window.stack.currentWidget() is window.unlock_page
    assert window.unlock_page.passphrase.text() == ""
    assert not window.session.is_open
    unlock(window, qtbot)
    assert window.stack.currentWidget() is window.main


def test_quick_lock_drops_the_vault_and_clears_the_window(window, qtbot):
    main = window.main
    assert main.cases.count() == 1
    QTest.keySequence(window, "Ctrl+L")
    assert not window.session.is_open
    assert window.stack.currentWidget() is window.unlock_page
    assert main.cases.count() == 0 and main.model.rowCount() == 0
    assert main.details.item is None and main.details._picture is None
    # The folder lock is released: another opener can use the vault while this window is locked.
    with Vault.open(window.session.folder, PASSPHRASE) as vault:
        assert len(vault.cases()) == 1
    unlock(window, qtbot)
    assert main.cases.count() == 1


def test_the_lock_keys_work_in_a_dialog_and_locking_closes_every_dialog(window, qtbot):
    """A dialog over the window blocks the window's own shortcut; a trial found Ctrl+L did
    nothing with the full-size picture open, and auto-lock left it on screen."""
    dialog = window.items.open_incident_dialog()
    dialog.text.setPlainText("Half-written note")
    QTest.keySequence(dialog.text, "Ctrl+L")
    assert not window.session.is_open and not dialog.isVisible()
    assert window.stack.currentWidget() is window.unlock_page
    unlock(window, qtbot)
    second = window.items.open_incident_dialog()
    window.idle.set_minutes(0.002)
    window.idle.start()
    qtbot.waitUntil(lambda: not window.session.is_open, timeout=5000)
    assert not second.isVisible()


def test_the_lock_button_in_the_status_bar_locks_and_asks_for_the_passphrase(window, qtbot):
    """The button's clicked(bool) must not reach lock() as its message (a new user was stuck
    on a blank window with no way to unlock)."""
    qtbot.mouseClick(window.status.lock_button, Qt.MouseButton.LeftButton)
    assert not window.session.is_open
    assert window.stack.currentWidget() is window.unlock_page
    assert window.unlock_page.message.text() == ""
    unlock(window, qtbot)
    assert window.main.cases.count() == 1


def test_auto_lock_after_the_idle_time(window, qtbot):
    window.idle.set_minutes(0.002)  # 120 ms; the real setting is in whole minutes
    window.idle.start()
    qtbot.waitUntil(lambda: not window.session.is_open, timeout=5000)
    assert window.stack.currentWidget() is window.unlock_page
    assert "locked itself" in window.unlock_page.message.text()


def test_a_second_window_on_the_same_vault_gets_a_clear_message(window, make_window, qtbot, vault_dir):
    second = make_window(vault_dir)
    unlock(second, qtbot)
    assert "already open in another Evidence Vault window" in second.unlock_page.message.text()
    assert not second.session.is_open
    assert window.session.is_open


def test_headless_self_check_of_the_installed_command(tmp_path, vault_dir):
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "EVIDENCE_VAULT_PASSPHRASE": PASSPHRASE}
    code = "import sys; from ui.entry import main; sys.exit(main(sys.argv[1:]))"
    run = subprocess.run([sys.executable, "-c", code, "gui", "--self-check", str(vault_dir)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "self-check ok" in run.stdout and "vault intact" in run.stdout
    bad = subprocess.run([sys.executable, "-c", code, "gui", "--self-check", str(vault_dir)],
                         capture_output=True, text=True, env={**env, "EVIDENCE_VAULT_PASSPHRASE": "nope"},
                         timeout=120)
    assert bad.returncode == 2 and "self-check failed" in bad.stderr


def test_the_installed_command_lists_gui_and_self_checks_a_throwaway_vault(tmp_path):
    script = Path(sys.executable).with_name("evidence-vault")
    if not script.is_file():
        pytest.skip("evidence-vault is not installed in this environment")
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    listed = subprocess.run([str(script), "--help"], capture_output=True, text=True, env=env, timeout=60)
    assert listed.returncode == 0 and "gui" in listed.stdout and "desktop app" in listed.stdout
    run = subprocess.run([str(script), "gui", "--self-check"], capture_output=True, text=True,
                         env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "self-check ok: window built, vault opened, 1 item, vault intact" in run.stdout
    assert list(tmp_path.glob("**/vault-header")) == []  # the throwaway vault is gone
