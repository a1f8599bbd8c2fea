# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Issue 20 §5: the recovery key is printed on paper or not at all, names whose it is and what to
do with it, and the window says whether printing was sent.

This machine has no printer (like the trial's laptop), so the real "Print it…" path is the one
that used to offer "Print to File (PDF)": it must now say so and write nothing anywhere. The
refusal of a file-writing printer and the print-out's words are checked on Qt's own objects.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrinter, QPrinterInfo

from ui.recovery_print import NO_PRINTER, WRITES_A_FILE, print_dialog, printout_html, send

from ui_support import PASSPHRASE

KEY = "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567-ABCDE-FGHJK"


def _files_under(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_print_it_without_a_printer_says_so_and_writes_nothing(make_window, qtbot, tmp_path, monkeypatch):
    if QPrinterInfo.availablePrinterNames():
        pytest.skip("this computer has a printer; the no-printer path cannot be shown here")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    window = make_window()
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    page = window.create_page
    page.name.setText("Sam Teacher")
    page.folder.setText(str(tmp_path / "vault"))
    page.passphrase.setText(PASSPHRASE)
    page.repeat.setText(PASSPHRASE)
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    rec = window.recovery_page
    before = _files_under(tmp_path)
    qtbot.mouseClick(rec.print_button, Qt.MouseButton.LeftButton)
    assert rec.printed.text() == NO_PRINTER == (
        "No printer is set up on this computer, so nothing was printed. Write the key on paper instead (the "
        "page keeps showing it).")
    assert _files_under(tmp_path) == before  # no PDF in the home folder, nor anywhere else
    assert rec.key.text()  # the key is still there to write down


def test_the_print_dialog_offers_no_print_to_file():
    dialog = print_dialog(QPrinter())
    assert not dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile)
    assert dialog.windowTitle() == "Print your recovery key"


@pytest.mark.parametrize("how", ["default", "pdf file", "named like a pdf printer"])
def test_a_printer_that_writes_a_file_is_refused_and_nothing_is_written(tmp_path, how):
    printer = QPrinter()  # with no printer set up, Qt's default writes a PDF: the old leak
    target = tmp_path / "recovery-key.pdf"
    if how == "pdf file":
        printer.setOutputFileName(str(target))
    elif how == "named like a pdf printer":
        printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
        printer.setPrinterName("PDF")  # e.g. CUPS-PDF, which writes into the home folder
    document = QTextDocument()
    document.setHtml(printout_html(KEY, owner="Sam Teacher", vault="/v", when=datetime.now(timezone.utc)))
    assert send(printer, document) == WRITES_A_FILE
    assert not target.exists() and _files_under(tmp_path) == []


def test_the_print_out_names_its_owner_the_vault_the_date_and_what_to_do(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    document = QTextDocument()
    document.setHtml(printout_html(KEY, owner="Sam Teacher", vault="/home/sam/EvidenceVault/vault",
                                   when=datetime(2026, 12, 6, 21, 5, tzinfo=timezone.utc)))
    text = document.toPlainText()
    assert text.startswith("Evidence Vault recovery key\nOwner: Sam Teacher\nVault: /home/sam/EvidenceVault/vault\n"
                           "Printed: Sun 6 Dec 2026, 21:05 GMT\n" + KEY + "\nWhat to do with this paper\n")
    assert "Keep it somewhere safe and private, away from the computer" in text
    assert "do not photograph it, scan it, email it or keep a copy on a computer or phone" in text
    assert "tick \u201cUse my recovery key instead\u201d and type this key" in text
