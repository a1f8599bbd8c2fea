# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Settings: saved on this computer, auto-lock applied at once, hash lists said plainly."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from evidence_vault.safeguarding import parse_hash_list
from evidence_vault.safeguarding.vault_guard import vault_summary

from ui_support import open_vault
from ui.settings import AppSettings


def test_settings_say_plainly_when_no_hash_list_is_loaded_and_save(window, qtbot):
    dialog = window.open_settings()
    lists = dialog.findChild(QLabel, "hashListsLabel").text()
    assert lists.startswith("None yet.") and "safeguarding lead" in lists and "hash" not in lists.lower()
    dialog.auto_lock.setValue(3)
    dialog.device.setCurrentIndex(dialog.device.findData("iPhone 13"))
    dialog.timestamp.setText("http://timestamp.example.org")
    dialog.accept()
    assert window.idle.timer.interval() == 3 * 60_000
    saved = AppSettings.load()  # what the next start of the app will read
    assert (saved.auto_lock_min, saved.default_device, saved.timestamp_url) == (
        3, "iPhone 13", "http://timestamp.example.org")
    assert window.captures.options().device == "iPhone 13"


def test_settings_name_the_loaded_hash_lists(window, qtbot):
    listed = parse_hash_list(b"type,hash\nsha256," + b"ab" * 32 + b"\n", name="CAID extract")
    open_vault(window).hash_lists.add("CAID extract", listed.to_bytes(), vault_summary(listed))
    dialog = window.open_settings()
    assert dialog.findChild(QLabel, "hashListsLabel").text() == "Loaded: CAID extract"
    dialog.reject()


def test_capture_dialog_promises_a_picture_check_only_when_a_list_is_loaded(window, qtbot):
    """A new user saw "Pictures are checked against the safeguarding lists" with none loaded."""
    def dialog_words() -> str:
        dialog = window.captures.open_dialog()
        text = " ".join(label.text() for label in dialog.findChildren(QLabel))
        dialog.reject()
        return text

    none = dialog_words()  # no list: the dialog says nothing of a check it cannot make, and no jargon
    assert "known abuse images" not in none and "hash" not in none.lower()
    listed = parse_hash_list(b"type,hash\nsha256," + b"cd" * 32 + b"\n", name="CAID extract")
    open_vault(window).hash_lists.add("CAID extract", listed.to_bytes(), vault_summary(listed))
    words = dialog_words()
    assert "checked against the school's list of known abuse images" in words and "hash" not in words.lower()


def test_the_safeguarding_contacts_are_typed_once_and_shown_in_the_advice(window, qtbot):
    """A trial found blank lines to fill in and an editor's note in the advice (issue 23)."""
    from evidence_vault.paths import default_config_dir
    from evidence_vault.safeguarding.advice import ASK_WHO

    from ui.safeguarding_dialogs import LockAwayDialog

    blank = window.help.show_guidance()
    shown = blank.text.toPlainText()
    assert ASK_WHO in shown and "___" not in shown and "may edit" not in shown
    blank.reject()

    dialog = window.open_settings()
    for key, typed in (("safeguarding_lead", "Mrs Asha  Patel"), ("safeguarding_lead_phone", "01632 960123"),
                       ("safeguarding_deputy", "Mr Ben Jones"), ("safeguarding_deputy_phone", "01632 960124")):
        qtbot.keyClicks(dialog.contact_fields[key], typed)
    dialog.accept()
    saved = AppSettings.load()  # kept in this user's settings on this computer ...
    assert saved.safeguarding_contacts().lead_name == "Mrs Asha Patel"
    assert "01632 960124" in (default_config_dir() / "desktop-app.ini").read_text(encoding="utf-8")

    for advice in (window.help.show_guidance(), window.captures.self_flag()):
        shown = advice.text.toPlainText()
        assert "Designated safeguarding lead: Mrs Asha Patel, phone 01632 960123" in shown
        assert "Deputy safeguarding lead: Mr Ben Jones, phone 01632 960124" in shown
        assert ASK_WHO not in shown and "<!--" not in shown
        advice.reject()
    vault = open_vault(window)
    vault.add_incident(vault.cases()[0], kind="other", text="A picture was sent.", occurred_at="2026-11-20T16:30:00Z")
    [item] = vault.items()
    lock = LockAwayDialog(item, window)
    assert "Mrs Asha Patel, phone 01632 960123" in lock.text.toPlainText()
    lock.reject()
    # ... and never in evidence: the vault's history holds no trace of them
    assert all("Patel" not in str(event) for event in vault.events())
