# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Evidence › Reports to the platform (issue 23): a person records a report, adds the reply in
words and as a screenshot, sees both in the case's list, and a listed picture is refused with
the clause-71 advice and nothing kept. The real window over a real vault copy."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLineEdit

from evidence_vault.safeguarding import image_hashes, parse_hash_list
from evidence_vault.safeguarding.vault_guard import vault_summary
from tests.safeguarding.synthetic_images import encode, smooth_image

from ui.dialogs import GuidanceDialog
from ui.platform_reports import EMPTY, PlatformReportsDialog, ReplyDialog, ReportDialog
from ui_support import open_vault

FIXED_NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)  # the pickers' "now": a known past day


def _open(window) -> PlatformReportsDialog:
    QTest.keySequence(window, "Ctrl+Shift+P")
    dialog = window.dialog
    assert isinstance(dialog, PlatformReportsDialog) and dialog.isVisible()
    return dialog


def _fill_when(picker, day: QDate, time: str) -> None:
    picker.set_clock(lambda: FIXED_NOW)
    picker.day.setDate(day)
    picker.time.setText(time)


def test_record_a_report_then_its_reply_in_words_and_as_a_screenshot(window, qtbot, tmp_path):
    vault = open_vault(window)
    case = vault.cases()[0]
    note = tmp_path / "post.txt"
    note.write_text("the post")
    window.main.cases.setCurrentRow(0)
    dialog = _open(window)
    assert dialog.empty.isVisible() and dialog.empty.text() == EMPTY
    assert not dialog.add_reply.isEnabled()  # no report to answer yet

    qtbot.mouseClick(dialog.add_report, Qt.MouseButton.LeftButton)
    report_dialog = dialog.child
    assert isinstance(report_dialog, ReportDialog)
    report_dialog.accept()  # no platform yet: said, not saved
    assert "which platform" in report_dialog.problem.text.text() and report_dialog.isVisible()
    report_dialog.platform.setCurrentText("Instagram")
    _fill_when(report_dialog.when, QDate(2026, 11, 27), "4.45pm")
    report_dialog.reference.setText("IG-4471")
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        report_dialog.accept()
    [report] = vault.platform_reports.all(case)
    assert (report.platform, report.reference, report.reported_at) == ("Instagram", "IG-4471", "2026-11-27T16:45:00Z")
    assert not dialog.empty.isVisible() and dialog.tree.topLevelItemCount() == 1
    top = dialog.tree.topLevelItem(0)
    assert "Report 1: Reported to Instagram on Fri 27 Nov 2026, 16:45" in top.text(1)
    assert top.child(0).text(1) == "No reply recorded yet."
    assert "Kept report 1" in dialog.message.text.text() and dialog.add_reply.isEnabled()
    assert dialog.detail.text().startswith("Report 1: Reported to Instagram")

    reply_dialog = dialog.open_reply()
    assert isinstance(reply_dialog, ReplyDialog) and "reference IG-4471" in reply_dialog.intro.text()
    reply_dialog.accept()  # neither words nor a screenshot
    assert "Paste the reply's words, or choose a screenshot" in reply_dialog.problem.text.text()
    reply_dialog.text.setPlainText("We removed the comment because it goes against our guidelines on bullying.")
    shot = tmp_path / "instagram-reply.png"
    shot.write_bytes(encode(smooth_image(8)))
    reply_dialog.set_screenshot(shot)
    _fill_when(reply_dialog.when, QDate(2026, 11, 29), "9am")
    with qtbot.waitSignal(dialog.changed, timeout=30_000):
        reply_dialog.accept()
    [report] = vault.platform_reports.all(case)
    [reply] = report.replies
    assert reply.text.startswith("We removed the comment") and reply.received_at == "2026-11-29T09:00:00Z"
    item = vault.item(reply.screenshot_item_id)
    assert item.case_id == case.id and item.kind == "file" and item.info["occurred_at"] == "2026-11-29T09:00:00Z"
    shown = dialog.tree.topLevelItem(0).child(0).text(1)
    assert f"screenshot: item {item.id}" in shown and "We removed the comment" in shown
    assert f"its screenshot is item {item.id}" in dialog.message.text.text()
    assert "\u201cWe removed the comment because it goes against our guidelines on bullying.\u201d" in dialog.detail.text()
    assert vault.verify().ok

    # Every control says what it is (a screen reader can name it).
    for d in (dialog, ReportDialog([], None, dialog), ReplyDialog(report, dialog)):
        for button in d.findChildren(QAbstractButton):
            if not button.objectName().startswith("qt_"):  # Qt's own (the tree's corner)
                assert button.text().strip() or button.accessibleName().strip(), button
        for field in d.findChildren(QLineEdit):
            if not field.objectName().startswith("qt_"):  # Qt's own (inside the date box and its calendar)
                assert field.accessibleName().strip() or field.placeholderText(), field


def test_a_listed_screenshot_is_refused_with_the_advice_and_nothing_kept(window, qtbot, tmp_path):
    vault = open_vault(window)
    case = vault.cases()[0]
    listed = encode(smooth_image(91))
    hashes = parse_hash_list(f"pdq:{image_hashes(listed).pdq}\n".encode(), name="Synthetic list")
    vault.hash_lists.add(hashes.name, hashes.to_bytes(), vault_summary(hashes))
    vault.platform_reports.record(case, platform="TikTok", reported_at="2026-11-27", time_unknown=True)
    window.main.cases.setCurrentRow(0)
    dialog = _open(window)
    items_before = len(vault.items())
    reply_dialog = dialog.open_reply()
    shot = tmp_path / "reply.png"
    shot.write_bytes(listed)
    reply_dialog.set_screenshot(shot)
    reply_dialog.text.setPlainText("words that must not be kept either")
    _fill_when(reply_dialog.when, QDate(2026, 11, 28), "10am")
    reply_dialog.accept()
    assert isinstance(dialog.guidance, GuidanceDialog) and dialog.guidance.isVisible()
    assert "Nothing of it was saved, and the reply was not recorded" in dialog.message.text.text()
    assert len(vault.items()) == items_before and vault.platform_reports.get(1).replies == ()
    assert dialog.tree.topLevelItem(0).child(0).text(1) == "No reply recorded yet."


def test_from_an_items_more_menu_the_report_is_about_that_item(window, qtbot, tmp_path):
    vault = open_vault(window)
    case = vault.cases()[0]
    note = tmp_path / "screenshot-of-the-post.txt"
    note.write_text("what the post said")
    from evidence_vault import workflows

    item = workflows.add_file(vault, case, note)
    window.main.cases.setCurrentRow(0)
    window.reload_items(item.id)
    details = window.main.details
    assert details.item.id == item.id and details.act_platform.isVisible()
    details.act_platform.trigger()
    dialog = window.dialog
    assert isinstance(dialog, PlatformReportsDialog) and isinstance(dialog.child, ReportDialog)
    report_dialog = dialog.child
    assert report_dialog.item.currentData() == item.id
    report_dialog.platform.setCurrentText("Facebook")
    _fill_when(report_dialog.when, QDate(2026, 11, 27), "noon")
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        report_dialog.accept()
    [report] = vault.platform_reports.all(case)
    assert report.item_id == item.id and report.reported_at == "2026-11-27T12:00:00Z"
