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
    asked = window.ask_hide_words(told.id)
    asked.text.setText("Jane Pupil")
    asked.accept()
    assert [r.text for r in redacting.listing(vault, told.id)] == ["Jane Pupil"]
    dialog = window.export_bundle()
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
    check = window.check_bundle()
    check.path.setText(str(out))
    assert check.check().ok
    assert check.result.text().startswith("This is a REDACTED COPY") and owner in check.result.text()
