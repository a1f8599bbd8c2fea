# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Issue 22 in the window: a sealed bundle dropped on the window (or chosen in Add files) is
offered as a bundle received, not kept as an opaque file; the timeline then filters by who
reported it. Issue 20 §5: Help › About this vault shows the owner, the folder and the code."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from evidence_vault import Vault
from evidence_vault.bundle import export_bundle
from evidence_vault.bundle_import import looks_like_bundle
from evidence_vault.fingerprints import vault_fingerprint
from ui.about_vault import AboutVaultDialog
from ui.import_dialog import ImportDialog
from ui.received_bundles import OFFER_TITLE

from ui_support import STAFF_PASSPHRASE, open_vault, staff_bundle


def _drop(window, *paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    QApplication.sendEvent(window, QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                                   Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(window, QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def test_the_library_tells_a_bundle_from_another_pdf(tmp_path):
    bundle, _code = staff_bundle(tmp_path)
    other = tmp_path / "letter.pdf"
    other.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>"
                      b"endobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
                      b"trailer<</Size 3/Root 1 0 R>>\nstartxref\n97\n%%EOF\n")
    text = tmp_path / "notes.txt"
    text.write_text("not a pdf")
    assert looks_like_bundle(bundle) == "bundle"
    assert looks_like_bundle(other) == "" and looks_like_bundle(text) == ""


def test_a_dropped_bundle_is_offered_as_received_and_its_items_filter_by_person(window, qtbot, tmp_path):
    bundle, code = staff_bundle(tmp_path)
    own = open_vault(window)
    own.add_incident(window.main.current_case(), kind="phone_call", text="A parent rang the office about me",
                     occurred_at="2026-11-20T09:00:00Z")
    window.reload_items()
    assert not window.main.find.person.isVisible()  # nobody else reported anything yet
    _drop(window, bundle)
    offer = window.dialog
    assert isinstance(offer, QMessageBox) and offer.windowTitle() == OFFER_TITLE
    assert "sarah-smith-bundle.pdf is an evidence bundle sealed by Evidence Vault" in offer.text()
    yes = offer.button(QMessageBox.StandardButton.Yes)
    assert yes.text() == "Add as a bundle I received" and offer.defaultButton() is yes
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.bundles.bundle_task is None and "Sarah Smith's bundle" in window.main.banner.text.text(),
                    timeout=120_000)
    assert f"Their code is {code}" in window.main.banner.text.text()
    assert window.main.banner.tone == "success"
    items = open_vault(window).items()
    assert any(i.info.get("received_bundle") for i in items)  # kept as the sealed original
    [theirs] = [i for i in items if i.info.get("source")]
    assert theirs.kind == "incident"

    people = window.main.find.person
    assert people.isVisible()
    assert [people.itemText(i) for i in range(people.count())] == [
        "Everyone", "Sam Teacher (this vault)", "Sarah Smith"]
    people.setCurrentIndex(people.findText("Sarah Smith"))
    assert window.main.find.count.text() == "Showing 1 of 3"
    people.setCurrentIndex(people.findText("Sam Teacher (this vault)"))
    assert window.main.find.count.text() == "Showing 2 of 3"  # the phone call and the bundle kept whole


def test_keep_it_as_a_file_goes_on_to_the_usual_questions(window, qtbot, tmp_path):
    bundle, _code = staff_bundle(tmp_path)
    note = tmp_path / "note.txt"
    note.write_text("written down after the meeting")
    window.items.ask_import([bundle, note])
    offer = window.dialog
    assert isinstance(offer, QMessageBox) and offer.windowTitle() == OFFER_TITLE
    qtbot.mouseClick(offer.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    asked = window.dialog
    assert isinstance(asked, ImportDialog)
    assert asked.heading.text() == "sarah-smith-bundle.pdf  (1 of 2)"
    assert window.bundles.bundle_task is None and open_vault(window).items() == []


def test_an_ordinary_file_is_asked_about_at_once(window, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("written down after the meeting")
    assert isinstance(window.items.ask_import([note]), ImportDialog)


def test_about_this_vault_shows_the_owner_the_folder_and_the_code_to_read_out(window, vault_dir, qtbot):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert window.act_about_vault in help_menu.actions() and window.act_about_vault.isEnabled()
    window.act_about_vault.trigger()
    about = window.dialog
    assert isinstance(about, AboutVaultDialog) and about.isVisible()
    expected = vault_fingerprint(open_vault(window))
    assert about.code.text() == expected.code and len(expected.code.split()) == 4
    assert about.owner.text() == "Sam Teacher, Teacher"
    assert about.folder.text() == str(vault_dir)
    assert "read this code to them" in about.message.text.text() and "by phone" in about.message.text.text()
    qtbot.mouseClick(about.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == expected.code
    about.reject()
    window.lock()
    assert not window.act_about_vault.isEnabled()  # nothing of a locked vault is shown


def test_a_bundle_with_a_password_is_offered_then_its_password_asked_in_the_apps_dialog(window, qtbot, tmp_path):
    from ui.dialogs import TextDialog

    vault, _ = Vault.create(tmp_path / "staff", STAFF_PASSPHRASE, owner_name="Tom Jones", owner_role="TA")
    try:
        case = vault.add_case("Messages")
        vault.add_incident(case, kind="message", text="A parent messaged me at night", occurred_at="2026-11-21T21:00:00Z")
        bundle = tmp_path / "tom-bundle.pdf"
        export_bundle(vault, case, bundle, password="given by phone")
    finally:
        vault.close()
    assert looks_like_bundle(bundle) == "locked"  # only its password can tell
    offer = window.items.ask_import([bundle])
    assert "is a PDF with a password" in offer.text()
    assert offer.defaultButton() is offer.button(QMessageBox.StandardButton.No)  # not sure: not the default
    qtbot.mouseClick(offer.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.dialog, TextDialog), timeout=120_000)
    asked = window.dialog
    assert asked.windowTitle() == "This bundle has a password" and asked.text.echoMode() == asked.text.EchoMode.Password
    asked.text.setText("given by phone")
    asked.accept()
    qtbot.waitUntil(lambda: window.bundles.bundle_task is None and "Tom Jones's bundle" in window.main.banner.text.text(),
                    timeout=120_000)
    assert [i.kind for i in open_vault(window).items() if i.info.get("source")] == ["incident"]
