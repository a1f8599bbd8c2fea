# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Issue 20 §2 in the window: adding files asks when it happened and a note, offers what each
file says (named by its source, never chosen for the person) and orders the timeline by it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QDateTime

from ui import words
from ui.import_dialog import CHOOSE_FIRST

from ui_support import open_vault


def _files(tmp_path, *names):
    paths = []
    for n, name in enumerate(names):
        path = tmp_path / name
        path.write_bytes(f"file {n} {name}".encode())
        paths.append(path)
    return paths


def test_nothing_is_chosen_for_the_person_and_the_pick_is_stored_with_its_source(window, qtbot, tmp_path,
                                                                                   monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    [shot] = _files(tmp_path, "Screenshot_20261119-163012.png")
    dialog = window.items.ask_import([shot])
    offered = [(b.text(), h.source) for b, h in dialog.hint_buttons]
    assert offered[0] == ("Thu 19 Nov 2026, 16:30 GMT\naccording to the file's name (Screenshot_20261119-163012.png; "
                          "read as local time on this computer)", "file_name")
    assert [s for _t, s in offered] == ["file_name", "file_modified"]
    assert not any(b.isChecked() for b in dialog.group.buttons())  # never filled in silently
    dialog.add_button.click()  # nothing chosen: asked again, nothing added
    assert dialog.isVisible() and dialog.problem.text.text() == CHOOSE_FIRST
    assert open_vault(window).items() == []
    dialog.hint_buttons[0][0].setChecked(True)
    dialog.note.setPlainText("the post about the school trip")
    with qtbot.waitSignal(window.import_finished, timeout=60_000):  # added off the window's thread
        dialog.add_button.click()
    [item] = open_vault(window).items()
    assert item.info["occurred_at"] == "2026-11-19T16:30:12Z"
    assert item.info["occurred_at_source"] == (
        "according to the file's name (Screenshot_20261119-163012.png; read as local time on this computer), "
        "confirmed by the person who added it")
    assert item.info["note"] == "the post about the school trip"
    details = window.main.details
    assert details.when.text().startswith("Happened at Thu 19 Nov 2026, 16:30 GMT (according to the file's name")
    assert "\nAdded at " in details.when.text()


def test_a_batch_answered_the_same_way_takes_each_files_own_name_and_the_timeline_follows(window, qtbot, tmp_path,
                                                                                          monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    paths = _files(tmp_path, "Screenshot_20261119-163012.png", "Screenshot_20261117-090000.png", "letter.txt",
                   "IMG_20261118_120000.jpg")
    dialog = window.items.ask_import(paths)
    assert dialog.heading.text() == "Screenshot_20261119-163012.png  (1 of 4)"
    assert dialog.same.text().startswith("Answer the same way for the other 3 files")
    dialog.hint_buttons[0][0].setChecked(True)
    dialog.same.setChecked(True)
    dialog.add_button.click()
    # letter.txt has no date in its name: it is still asked about
    assert dialog.isVisible() and dialog.heading.text() == "letter.txt  (2 of 2)"
    assert [h.source for _b, h in dialog.hint_buttons] == ["file_modified"]
    dialog.other.setChecked(True)
    dialog.when.setDateTime(QDateTime(datetime(2026, 11, 16, 8, 5)))
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        dialog.add_button.click()
    assert not dialog.isVisible()
    items = {i.info["filename"]: i for i in open_vault(window).items()}
    assert items["Screenshot_20261117-090000.png"].info["occurred_at"] == "2026-11-17T09:00:00Z"
    assert items["IMG_20261118_120000.jpg"].info["occurred_at"] == "2026-11-18T12:00:00Z"
    assert items["letter.txt"].info["occurred_at"] == "2026-11-16T08:05:00Z"
    assert items["letter.txt"].info["occurred_at_source"] == "given by the person who added it"
    model = window.main.model
    order = [model.item_at(r).info["filename"] for r in range(model.rowCount())]
    assert order == ["Screenshot_20261119-163012.png", "IMG_20261118_120000.jpg",
                     "Screenshot_20261117-090000.png", "letter.txt"]  # by when it happened, newest first


def test_i_dont_know_and_skip_add_what_was_asked_for_only(window, qtbot, tmp_path):
    a, b = _files(tmp_path, "a.txt", "b.txt")
    dialog = window.items.ask_import([a, b])
    dialog.skip_button.click()
    assert dialog.heading.text() == "b.txt  (2 of 2)" and not dialog.same.isVisible()
    dialog.unknown.setChecked(True)
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        dialog.add_button.click()
    [item] = open_vault(window).items()
    assert item.info["filename"] == "b.txt" and "occurred_at" not in item.info
    assert window.main.details.when.text().endswith("When it happened was not given.")
    assert "(added; when it happened not given)" in words.timeline_when(item)


def test_a_future_time_is_refused_in_the_dialog(window, tmp_path):
    """The picker's "now" is fixed at 09:00 five days ago, so 4pm that day is in the future at
    whatever hour the test runs (no day after today can be chosen in the calendar at all)."""
    [a] = _files(tmp_path, "a.txt")
    dialog = window.items.ask_import([a])
    dialog.other.setChecked(True)
    past = (datetime.now() - timedelta(days=5)).replace(hour=9, minute=0, second=0, microsecond=0)
    dialog.when.set_clock(lambda: past.astimezone(timezone.utc))
    dialog.when.setDateTime(QDateTime(past.replace(hour=16)))
    dialog.add_button.click()
    assert dialog.isVisible() and "has not happened yet" in dialog.problem.text.text()
    assert open_vault(window).items() == []
