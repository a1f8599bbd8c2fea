# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A redacted copy from the window: words to hide (the item's "More" menu) and the export
dialog's "Redacted copy" tick box."""

from __future__ import annotations

import subprocess
from ui_support import open_vault

from evidence_vault import bundle, redacting


def test_tick_redacted_copy_hides_what_was_marked(window, qtbot, tmp_path):
    vault = open_vault(window)
    case = vault.cases()[0]
    told = vault.add_incident(case, kind="phone_call", text="Jane Pupil's mother rang the office.",
                              occurred_at="2026-11-20T16:30:00Z")
    owner = vault.owner()["name"]
    window.reload_items()
    window.main.details.hide_words.emit(told.id)  # what the item's "More" menu sends
    asked = window.dialog
    asked.text.setText("Jane Pupill")  # a typing mistake: said, nothing recorded
    asked.accept()
    assert "does not appear in item" in window.main.banner.text.text()
    assert redacting.listing(vault, told.id) == []
    asked = window.items.ask_hide_words(told.id)
    asked.text.setText("Jane Pupil")
    asked.accept()
    assert [r.text for r in redacting.listing(vault, told.id)] == ["Jane Pupil"]
    assert "will be hidden in redacted copies" in window.main.banner.text.text()
    dialog = window.bundles.export_bundle()
    suggested = dialog.out_path.text()
    dialog.redacted.setChecked(True)
    assert dialog.out_path.text().endswith("redacted copy.pdf")  # not mistaken for the original
    dialog.redacted.setChecked(False)
    assert dialog.out_path.text() == suggested
    dialog.redacted.setChecked(True)
    out = tmp_path / "copy.pdf"
    dialog.out_path.setText(str(out))
    with qtbot.waitSignal(window.export_finished, timeout=120_000) as done:
        dialog.accept()
    assert done.args == [str(out)]
    report = bundle.verify_bundle(out)
    assert report.ok, report.failures
    assert report.details["redacted_copy"]["items"] == [told.id]
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Jane Pupil" not in text and "[redacted]'s mother rang" in text and "REDACTED COPY" in text

    window.lock()
    check = window.bundles.check_bundle()
    check.path.setText(str(out))
    assert check.check().ok
    assert check.result.text().startswith("This is a REDACTED COPY") and owner in check.result.text()


def test_drag_a_box_over_a_picture(window, qtbot, tmp_path):
    """The box dragged on the (blurred until asked) picture is recorded in the picture's pixels."""
    from PIL import Image
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    vault = open_vault(window)
    case = vault.cases()[0]
    photo = tmp_path / "photo.png"
    Image.new("RGB", (1720, 600), (255, 0, 200)).save(photo)  # twice the dialog's width: scaled by 2
    item = vault.add_file(case, photo, guard=None)
    window.reload_items()
    window.main.details.hide_box.emit(item.id)  # what the item's "More" menu sends
    dialog = window.dialog
    canvas = dialog.canvas
    assert not canvas.show_clear and not dialog.hide_button.isEnabled()  # blurred until asked
    dialog.show_picture.setChecked(True)
    assert canvas.show_clear
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(10, 20))
    QTest.mouseMove(canvas, QPoint(60, 45))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(110, 70))
    assert dialog.box == (20, 40, 200, 100) and "200 x 100 pixels at 20,40" in dialog.where.text.text()
    dialog.grab().save(str(tmp_path / "boxes.png"))
    QTest.mouseClick(dialog.hide_button, Qt.MouseButton.LeftButton)
    assert [r.box for r in redacting.listing(vault, item.id)] == [(20, 40, 200, 100)]
    assert canvas.boxes == [(20, 40, 200, 100)] and not dialog.hide_button.isEnabled()
    assert "Hidden: box of 200 x 100 pixels at 20,40" in dialog.where.text.text()
