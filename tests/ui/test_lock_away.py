# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Issue 20 §4 in the window: "This may show a child" on an item is hard to use by accident, names
the item, is offered only where a picture can be, and a lock made in error is released only
deliberately (reason, the safeguarding lead's name), never showing the picture in that step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.safeguarding_dialogs import KEEP_AS_IT_IS, LOCK_IT_AWAY

from ui_support import imported, open_vault


def _picture_and_call(window, qtbot, tmp_path, site):
    picture = tmp_path / "photo.png"
    picture.write_bytes(site.good_png)
    [photo] = imported(window, qtbot, [picture])
    vault = open_vault(window)
    call = vault.add_incident(vault.cases()[0], kind="phone call", text="He rang the office.",
                              occurred_at="2026-11-20T16:30:00Z").id
    window.reload_items(photo)
    return photo, call


def test_offered_only_on_items_that_can_hold_a_picture_in_a_menu_that_does_not_move(window, qtbot, tmp_path, site):
    photo, call = _picture_and_call(window, qtbot, tmp_path, site)
    details, main = window.main.details, window.main
    assert details.act_flag.isVisible() and details.more_button.isVisible()
    where = details.more_button.mapTo(window, details.more_button.rect().topLeft())
    main.select_item(call)
    assert details.item.id == call
    assert not details.act_flag.isVisible()  # a phone call cannot hold a picture
    assert details.more_button.mapTo(window, details.more_button.rect().topLeft()) == where  # stays put
    main.select_item(photo)
    assert details.more_button.mapTo(window, details.more_button.rect().topLeft()) == where
    # no bold button of its own anywhere in the details pane
    assert all(b.text() != "This may show a child" for b in details.findChildren(type(details.show_button)))


def test_the_confirmation_names_the_item_and_enter_or_esc_locks_nothing(window, qtbot, tmp_path, site):
    photo, _call = _picture_and_call(window, qtbot, tmp_path, site)
    vault = open_vault(window)
    created = vault.item(photo).created_at
    details = window.main.details
    details.act_flag.trigger()
    dialog = window.dialog
    qtbot.waitExposed(dialog)
    from ui import words
    assert dialog.headline.text() == (f"Lock away item {photo} (file \u201cphoto.png\u201d, added at "
                                      f"{words.local_time(created)})?")
    assert dialog.keep_button.text() == KEEP_AS_IT_IS and dialog.keep_button.isDefault()
    assert dialog.lock_button.text() == LOCK_IT_AWAY and not dialog.lock_button.isDefault()
    assert not dialog.lock_button.autoDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter: the default, "Keep it as it is"
    assert not dialog.isVisible() and vault.item(photo).state == "active"
    details.act_flag.trigger()
    dialog = window.dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert vault.item(photo).state == "active"
    details.act_flag.trigger()
    window.dialog.lock_button.click()
    assert vault.item(photo).state == "quarantined"
    assert window.main.banner.text.text() == f"Item {photo} is locked away under the safeguarding policy."


def test_release_needs_the_reason_and_the_leads_name_and_shows_nothing(window, qtbot, tmp_path, site):
    photo, _call = _picture_and_call(window, qtbot, tmp_path, site)
    vault = open_vault(window)
    vault.quarantine(photo)
    window.main.thumbnails.clear()
    window.reload_items(photo)
    details = window.main.details
    assert details.act_release.isVisible() and not details.act_flag.isVisible()
    details.act_release.trigger()
    dialog = window.dialog
    qtbot.waitExposed(dialog)
    assert dialog.headline.text().startswith(f"Release item {photo} (file \u201cphoto.png\u201d")
    assert dialog.keep_button.isDefault() and not dialog.release_button.isDefault()
    dialog.release_button.click()  # nothing typed
    assert dialog.isVisible() and dialog.problem.text.text() == (
        "Write why it was locked away in error. Nothing has been released.")
    # the app's one message bar: the warning's icon and its word, not black words alone
    assert dialog.problem.tone == "warning" and not dialog.problem.icon.pixmap().isNull()
    assert dialog.problem.text.accessibleDescription().startswith("Please note: Write why")
    dialog.reason.setPlainText("It is a photo of the school minibus, not of a person.")
    dialog.release_button.click()
    assert dialog.isVisible() and "name of the safeguarding lead" in dialog.problem.text.text()
    assert vault.item(photo).state == "quarantined"
    dialog.lead.setText("Ms Patel")
    viewed_before = [e for _s, _h, e in vault.events() if e.type == "item_viewed"]
    dialog.release_button.click()
    assert vault.item(photo).state == "active"
    _s, _h, last = vault.events()[-1]
    assert last.type == "item_released" and last.data["agreed_by"] == "Ms Patel"
    assert last.data["reason"] == "It is a photo of the school minibus, not of a person."
    assert [e for _s, _h, e in vault.events() if e.type == "item_viewed"] == viewed_before
    assert details.item is None and not details.picture.isVisible()  # nothing of it shown in this step
    assert window.main.banner.text.text() == (
        f"Item {photo} is released from the lock, with the agreement of Ms Patel. Select it to see it again; "
        "its picture stays blurred until you press Show.")
    window.main.select_item(photo)
    assert details.picture.isVisible() and not details.revealed  # blurred, until Show
