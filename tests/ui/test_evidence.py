# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Capturing, logging, importing, checking: the window does the work, the vault holds it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QDateTime, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPushButton

from evidence_vault.safeguarding import parse_hash_list
from evidence_vault.safeguarding.vault_guard import vault_summary

from ui_support import imported, open_vault

pytestmark = pytest.mark.browser


def capture(window, qtbot, url: str, *, timeout=90_000) -> str:
    dialog = window.captures.open_dialog()
    dialog.url.setText(url)
    with qtbot.waitSignal(window.capture_finished, timeout=timeout) as done:
        dialog.accept()
    return done.args[0]


def test_capture_a_page_see_it_open_details_blurred_then_show(window, qtbot, site, test_flags):
    steps = []
    dialog = window.captures.open_dialog()
    dialog.url.setText(site.base + "/plain")
    dialog.note.setText("posted about me on Friday")
    with qtbot.waitSignal(window.capture_finished, timeout=90_000) as done:
        dialog.accept()
        task = window.captures.task
        assert task.url is dialog.address  # checked once, in the dialog, and handed on as it is
        task.progress.connect(steps.append)
        assert window.main.progress.isVisible()
        assert not window.act_capture.isEnabled()  # one capture at a time
    assert done.args == ["saved"]
    assert task.steps[0] == "Opening the page" and task.steps[-1] == "Sealing it into the vault"
    for step in ("Scrolling through the page so every picture loads", "Taking the screenshot",
                 "Keeping a copy of the whole page", "Finishing the screenshot"):
        assert step in task.steps  # the engine's real steps, in the window's words
    vault = open_vault(window)
    [item] = vault.items()
    assert item.kind == "web_capture" and item.info["final_url"] == site.base + "/plain"
    assert item.info["note"] == "posted about me on Friday"
    # The new item is in the timeline, selected, with details on the right.
    assert window.main.model.rowCount() == 1
    details = window.main.details
    assert details.item.id == item.id
    assert "Plain page" in window.main.model.index(0).data()
    assert site.base + "/plain" in details.address.text()
    assert details.picture.isVisible() and not details.revealed
    assert not details.full_button.isVisible()  # nothing clear until Show
    blurred = details.picture.pixmap().toImage()

    def viewings():
        return [e.data for _s, _h, e in vault.events() if e.type == "item_viewed"]
    assert viewings() == []  # the blurred preview is not a viewing
    qtbot.mouseClick(details.show_button, Qt.MouseButton.LeftButton)
    assert viewings() == [{"item_id": item.id, "role": "screenshot"}]  # Show is recorded
    assert details.revealed and details.full_button.isVisible()
    clear = details.picture.pixmap().toImage()
    assert clear.size() == blurred.size() and clear != blurred
    view = details.open_full()
    assert view.isVisible()
    before = view.view.transform().m11()
    view.zoom(1.25)
    assert view.view.transform().m11() == pytest.approx(before * 1.25)
    view.close()
    # The thumbnail is decoded lazily, blurred, memory only.
    qtbot.waitUntil(lambda: window.main.thumbnails.decoded >= 1, timeout=10_000)


def test_log_an_incident_with_the_date_time_picker(window, qtbot):
    dialog = window.items.open_incident_dialog()
    dialog.kind.setCurrentIndex(dialog.kind.findData("phone_call"))
    when = datetime.now().replace(second=0, microsecond=0) - timedelta(days=2, hours=3)
    dialog.when.setDateTime(QDateTime(when))
    dialog.who.setText("A parent")
    dialog.text.setPlainText("Phoned the office and asked for my home address.")
    dialog.accept()
    [item] = open_vault(window).items()
    assert item.kind == "incident" and item.info["incident_kind"] == "phone_call"
    assert item.info["occurred_at"] == when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    text = open_vault(window).read_artefact(item.id, "entry").decode()
    assert "home address" in text and "Who: A parent" in text
    assert window.main.details.item.id == item.id
    assert "home address" in window.main.details.notes.text()  # notes in full in details
    assert "Happened at" in window.main.details.when.text()


def test_import_files_by_dialog_path_and_by_drag_and_drop(window, qtbot, tmp_path, site):
    first = tmp_path / "IMG_2041.png"
    first.write_bytes(site.good_png)
    second = tmp_path / "letter.txt"
    second.write_bytes(b"A letter that was left on my car.")
    assert imported(window, qtbot, [first]) != []
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(second))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    asked = window.dialog  # when did it happen, and a note: asked before anything is added
    assert asked.heading.text() == "letter.txt" and len(open_vault(window).items()) == 1
    asked.unknown.setChecked(True)
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        asked.add_button.click()
    items = open_vault(window).items()
    assert sorted(i.info["filename"] for i in items) == ["IMG_2041.png", "letter.txt"]
    assert open_vault(window).read_artefact(
        next(i.id for i in items if i.info["filename"] == "letter.txt"), "original") == second.read_bytes()
    assert window.main.model.rowCount() == 2
    assert "Added 1 file" in window.main.banner.text.text()


def test_a_listed_file_is_refused_with_guidance_and_nothing_stored(window, qtbot, tmp_path, site):
    vault = open_vault(window)
    listed = parse_hash_list(f"type,hash\nsha256,{site.bad_sha256}\n".encode(), name="Police list")
    vault.hash_lists.add("Police list", listed.to_bytes(), vault_summary(listed))
    bad = tmp_path / "sent-to-me.png"
    bad.write_bytes(site.bad_png)
    assert imported(window, qtbot, [bad]) == []
    assert vault.items() == []
    assert "matches a picture on a safeguarding list" in window.dialog.findChild(
        type(window.main.banner.text), "guidanceHeadline").text()
    assert "Stop" in window.dialog.text.toPlainText()
    assert [e.type for _s, _h, e in vault.events()][-1] == "capture_refused"


def test_a_refused_capture_shows_guidance_never_a_picture_and_stores_nothing(window, qtbot, site, test_flags):
    vault = open_vault(window)
    listed = parse_hash_list(f"type,hash\nsha256,{site.bad_sha256}\n".encode(), name="Police list")
    vault.hash_lists.add("Police list", listed.to_bytes(), vault_summary(listed))
    window.status.update()
    assert "Picture check: on (1 list of known images)" == window.status.lists.text()
    assert capture(window, qtbot, site.base + "/guard/img") == "refused"
    assert vault.items() == []
    guidance = window.dialog
    assert guidance.windowTitle() == "This may show a child"
    assert "Nothing was saved" in guidance.findChild(type(window.main.banner.text), "guidanceHeadline").text()
    assert window.main.details.item is None and window.main.model.rowCount() == 1
    only = window.main.model.item_at(0)  # the refusal, as a text-only entry: no picture, no item
    assert only.kind == "flag" and "Not saved, stopped by the safeguarding check" in window.main.model.index(0).data()
    refusal = [e for _s, _h, e in vault.events() if e.type == "capture_refused"]
    assert len(refusal) == 1 and refusal[0].data["matched_list"] == "Police list"


def test_cancel_a_capture_keeps_nothing(window, qtbot, site, test_flags):
    dialog = window.captures.open_dialog()
    dialog.url.setText(site.base + "/tall")
    with qtbot.waitSignal(window.capture_finished, timeout=90_000) as done:
        dialog.accept()
        assert window.captures.task.isRunning()
        qtbot.mouseClick(window.main.progress.cancel_button, Qt.MouseButton.LeftButton)
        assert "Stopping" in window.main.progress.step.text()
    assert done.args == ["cancelled"]
    assert open_vault(window).items() == []
    assert "cancelled; nothing was saved" in window.main.banner.text.text()
    assert not window.main.progress.isVisible() and window.act_capture.isEnabled()
    # The next capture works.
    assert capture(window, qtbot, site.base + "/plain") == "saved"
    assert len(open_vault(window).items()) == 1


def test_this_may_show_a_child_on_an_item_locks_it_away(window, qtbot, tmp_path, site):
    picture = tmp_path / "photo.png"
    picture.write_bytes(site.good_png)
    [item_id] = imported(window, qtbot, [picture])
    details = window.main.details
    assert details.act_flag.isVisible() and details.act_flag.text() == "This may show a child…"
    details.act_flag.trigger()
    dialog = window.dialog
    assert dialog.windowTitle() == "This may show a child"
    dialog.findChild(QPushButton, "lockAway").click()
    vault = open_vault(window)
    assert vault.item(item_id).state == "quarantined"
    vault.record_police_reference(item_id, "CR/1234/26")
    window.reload_items(item_id)
    assert details.item.id == item_id
    assert "locked away under the safeguarding policy" in details.state.text()
    assert "CR/1234/26" in details.state.text()
    assert not details.picture.isVisible() and not details.show_button.isVisible()
    assert window.main.thumbnails.get(vault.item(item_id)) is None  # never decoded


def test_self_flag_records_only_the_address_the_case_and_the_time(window, qtbot):
    dialog = window.captures.self_flag()
    assert "Stop" in dialog.text.toPlainText()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "Keep a note of the address and time"  # worded as what it is
    assert dialog.findChild(QLabel, "whatIsKept").text() == (
        "Evidence Vault keeps only a note of the address (if you give one) and the time, as a text-only entry "
        "in this case. Nothing of the page or the picture is saved.")
    dialog.address.setText("https://example.com/some/page")
    dialog.accept()
    events = [e for _s, _h, e in open_vault(window).events() if e.type == "self_flagged"]
    case_id = window.main.current_case().id
    assert [e.data for e in events] == [{"url": "https://example.com/some/page", "case_id": case_id}]
    # afterwards it is a text-only entry of the case's timeline, with the address and the time
    model = window.main.model
    assert model.rowCount() == 1 and model.item_at(0).kind == "flag"
    assert model.index(0).data().endswith(
        "note of an address and time (text only): You reported that this may show a child: "
        "https://example.com/some/page")
    window.main.select_item(model.item_at(0).id)
    details = window.main.details
    assert details.address.text() == "https://example.com/some/page" and details.when.text().startswith("Noted at ")
    assert details.state.text() == ("You reported that this may show a child. Only a note of the address and the "
                                    "time was kept; nothing of the page or picture was saved.")
    assert not details.picture.isVisible() and not details.more_button.isVisible()


def test_check_this_vault_reports_intact(window, qtbot):
    report = window.check_vault()
    assert report.ok
    assert "This vault is intact" in window.dialog.text()
    assert "intact (checked just now)" in window.status.vault.text()


def test_closing_during_a_capture_asks_then_cancels_cleanly(window, qtbot, site, test_flags):
    dialog = window.captures.open_dialog()
    dialog.url.setText(site.base + "/tall")
    dialog.accept()
    task = window.captures.task
    window.close()
    assert window.isVisible()  # not closed: asked first
    question = window.dialog
    assert "still being captured" in question.text()
    question.button(question.StandardButton.No).click()  # keep capturing
    assert window.isVisible() and window.captures.task is task
    window.close()
    with qtbot.waitSignal(window.capture_finished, timeout=90_000) as done:
        window.dialog.button(window.dialog.StandardButton.Yes).click()
    assert done.args == ["cancelled"]
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert not window.session.is_open and window.captures.browser_worker is None


def test_withdraw_and_correct_an_item_keep_it_in_the_history(window, qtbot):
    vault = open_vault(window)
    item = vault.add_incident(vault.cases()[0], kind="email", text="Email from a parent.",
                              occurred_at="2026-11-20T16:30:00Z")
    window.reload_items(item.id)
    details = window.main.details
    details.correct_button.click()
    dialog = window.dialog
    assert dialog.text.toPlainText() == "Email from a parent."  # filled with what it says now
    dialog.accept()  # unchanged: nothing is written, the dialog says so
    assert dialog.isVisible() and dialog.problem.text.text() == (
        "Nothing has been changed yet: edit the words that are wrong, then save.")
    dialog.text.setPlainText("Email from a parent,\nsent on the 21st.")
    dialog.accept()
    # said, not left to the earlier message (a trial still read "Added 1 file." here)
    said = window.main.banner
    assert said.tone == "success" and said.text.text().startswith(f"Correction saved: item {item.id}'s entry")
    details.withdraw_button.click()
    window.dialog.text.setText("added to the wrong case")
    window.dialog.accept()
    now = vault.item(item.id)
    assert now.withdrawn["reason"] == "added to the wrong case"
    assert [a["note"] for a in now.amendments] == ["Email from a parent,\nsent on the 21st."]
    assert details.item.id == item.id
    assert "Withdrawn on" in details.state.text() and "wrong case" in details.state.text()
    notes = details.notes.text()
    assert notes.startswith("The entry, as corrected on ") and ":\nEmail from a parent,\nsent on the 21st." in notes
    assert "Corrected 1 time; the entry now reads as above. Earlier wordings, oldest first:" in notes
    assert "1. (the original, written " in notes and "by Sam Teacher):\n   Email from a parent." in notes
    assert "Email from a parent," in window.main.model.index(0).data()  # the timeline reads it corrected
    assert not details.withdraw_button.isVisible()


def test_the_same_file_twice_is_named_and_added_again_only_when_asked(window, qtbot, tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(b"the same bytes")
    [first] = imported(window, qtbot, [path])
    assert imported(window, qtbot, [path]) == []
    question = window.dialog
    assert f"item {first}" in question.text().lower()
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        question.button(question.StandardButton.Yes).click()
    assert len(open_vault(window).items()) == 2


def test_a_saved_email_dropped_on_the_window_is_kept_as_an_email(window, qtbot, tmp_path):
    path = tmp_path / "from-a-parent.eml"
    path.write_bytes(b"From: A Parent <parent@example.com>\r\nTo: office@school.example\r\n"
                     b"Subject: About Ms Smith\r\nDate: Fri, 20 Nov 2026 16:30:00 +0000\r\n"
                     b"Message-ID: <1@example.com>\r\n\r\nShe should not be teaching our children.\r\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    QApplication.sendEvent(window, QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                                   Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(window, QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    asked = window.dialog
    [(offered, hint)] = [(b, h) for b, h in asked.hint_buttons if h.source == "email_date"]
    assert offered.text().endswith("\naccording to the email's Date line")
    offered.setChecked(True)
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        asked.add_button.click()
    items = open_vault(window).items()
    assert len(items) == 1, window.main.banner.text.text()
    [item] = items
    assert item.kind == "email" and item.info["subject"] == "About Ms Smith"
    assert "About Ms Smith" in window.main.model.index(0).data()
    assert "should not be teaching" in window.main.details.notes.text()  # in full, in details only
    assert item.info["occurred_at"] == "2026-11-20T16:30:00Z"
    assert item.info["occurred_at_source"] == "according to the email's Date line, confirmed by the person who added it"


def test_a_slow_file_is_added_off_the_windows_thread(window, qtbot, tmp_path):
    """Issue 18, finding 13: the window keeps answering while a file is walked."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "safeguarding"))
    from hostile_containers import email_with_long_subject
    path = tmp_path / "long.eml"
    path.write_bytes(email_with_long_subject(3.1))
    with qtbot.waitSignal(window.import_finished, timeout=120_000) as done:
        task = window.items.import_files([path])  # returns at once: the window's loop runs meanwhile
        assert task is not None and task.isRunning() and window.items.import_task is task
        assert "Checking and adding" in window.main.banner.text.text() or task.isRunning()
    [item_id] = done.args[0]
    assert open_vault(window).item(item_id).kind == "email"
    assert window.items.import_task is None and "Added 1 file" in window.main.banner.text.text()


def test_the_capture_form_offers_this_may_show_a_child_and_captures_nothing(window, qtbot):
    dialog = window.captures.open_dialog("http://127.0.0.1:9/never-opened")
    assert dialog.flag_button.text() == "This may show a child" and dialog.flag_button.isEnabled()
    dialog.flag_button.click()
    assert not dialog.isVisible() and window.captures.task is None
    guidance = window.dialog
    assert guidance is not None and guidance is not dialog
    assert guidance.windowTitle() == "This may show a child"
    assert open_vault(window).items() == []


def test_a_typed_time_is_that_time_to_the_minute_and_never_in_the_future(window, qtbot):
    """A new-user trial typed 16:30 into the old combined field and got 10:06 or 20:26; another
    stalled on 24-hour number boxes, since "4.30 pm" is how people say it (issue 23)."""
    dialog = window.items.open_incident_dialog()
    qtbot.waitExposed(dialog)
    field = dialog.when.time
    field.setCursorPosition(1)  # a click lands inside the time ...
    field.setFocus()            # ... and focus selects it whole, so typing replaces it
    qtbot.waitUntil(lambda: field.selectedText() == field.text())
    qtbot.keyClicks(field, "4.30pm")
    assert dialog.when.dateTime().time().toString("HH:mm:ss") == "16:30:00"
    dialog.accept()  # nothing written yet: it stays open and says so
    assert dialog.isVisible() and "Write what happened" in dialog.problem.text.text()
    # "Now" is ten days ago at 09:00 local for the picker, so 4.30pm on that day has not
    # happened yet, whatever the hour this test runs at.
    past = (datetime.now() - timedelta(days=10)).replace(hour=9, minute=0, second=0, microsecond=0)
    dialog.when.set_clock(lambda: past.astimezone(timezone.utc))
    dialog.when.setDateTime(QDateTime(past.replace(hour=16, minute=30)))
    dialog.text.setPlainText("Future")
    dialog.accept()
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert dialog.problem.text.text().startswith("That time has not happened yet: ")
    assert "16:30" in dialog.problem.text.text() and field.hasFocus()
    assert open_vault(window).items() == []
    field.selectAll()
    qtbot.keyClicks(field, "8.15 am")
    assert dialog.when.echo.text().startswith(past.strftime("%a %-d %b %Y, 08:15"))
    dialog.accept()
    [item] = open_vault(window).items()
    assert item.info["occurred_at"] == past.replace(hour=8, minute=15).astimezone(timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


def test_what_is_not_a_time_is_said_plainly_and_nothing_is_saved(window, qtbot):
    dialog = window.items.open_incident_dialog()
    dialog.text.setPlainText("He rang again")
    dialog.when.time.setText("4")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.problem.text.text() == "'4' could be morning or afternoon. Write 4am, 4pm or 16:00."
    assert open_vault(window).items() == []


def test_an_address_that_cannot_be_captured_keeps_the_dialog_and_what_was_typed(window, qtbot):
    dialog = window.captures.open_dialog()
    dialog.url.setText("127.0.0.1:9999/gone")
    dialog.note.setText("the post about me")
    dialog.accept()
    assert dialog.isVisible() and "http://" in dialog.problem.text.text()
    assert dialog.url.text() == "127.0.0.1:9999/gone" and dialog.note.text() == "the post about me"
    assert window.captures.task is None and open_vault(window).items() == []
