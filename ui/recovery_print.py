# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Printing the recovery key: on paper only, with what the paper is and what to do with it.

Why: on a computer without a printer, "Print it…" offered Qt's "Print to File (PDF)" (a QPrinter
with no printer defaults to writing a PDF) and the key was written in clear into the home
folder, where the next file dialog showed it: the one secret that opens the vault, lying on
the disk the vault protects. So: Qt's print dialog is opened without its print-to-file choice
(``QPrintDialog.PrintDialogOption.PrintToFile`` off), a printer that writes a file (PDF or
PostScript output, an output file name, a printer whose name says PDF, like CUPS-PDF) is
refused before anything is sent, and the page says whether printing was sent, cancelled or
refused. The print-out names its owner, the vault, the date and what to do with it.
"""

from __future__ import annotations

import html
import re
from datetime import datetime

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo

from evidence_vault.times import format_local

NO_PRINTER = ("No printer is set up on this computer, so nothing was printed. Write the key on paper "
              "instead (the page keeps showing it).")
CANCELLED = "Printing was cancelled: nothing was printed."
WRITES_A_FILE = ("That printer writes a file instead of paper, which would leave the key on this computer, "
                 "so nothing was printed. Choose a real printer, or write the key on paper.")
_FILE_PRINTER = re.compile(r"pdf|print to file|xps|onenote", re.I)


def printout_html(key: str, *, owner: str, vault: str, when: datetime) -> str:
    """The print-out: what it is, whose, which vault, when, the key, and what to do with it."""
    e = html.escape
    return (
        "<h1>Evidence Vault recovery key</h1>"
        f"<p><b>Owner:</b> {e(owner)}<br><b>Vault:</b> {e(vault)}<br>"
        f"<b>Printed:</b> {e(format_local(when))}</p>"
        f"<p style='font-family: monospace; font-size: 16pt'>{e(key)}</p>"
        "<h2>What to do with this paper</h2><ul>"
        "<li>Keep it somewhere safe and private, away from the computer (a locked drawer at home).</li>"
        "<li>Anyone who has this key and a copy of the vault can open your evidence: do not photograph "
        "it, scan it, email it or keep a copy on a computer or phone.</li>"
        "<li>If you forget your passphrase: open Evidence Vault, tick \u201cUse my recovery key "
        "instead\u201d and type this key (the dashes are optional), then choose a new passphrase.</li>"
        "<li>If this paper is lost or seen by someone else, tell whoever looks after your computer; "
        "the vault's passphrase still protects it.</li></ul>"
    )


def file_printer_problem(printer: QPrinter) -> str | None:
    """Why ``printer`` would write a file instead of paper, or None for a real printer."""
    if (printer.outputFormat() != QPrinter.OutputFormat.NativeFormat or printer.outputFileName()
            or _FILE_PRINTER.search(printer.printerName() or "")):
        return WRITES_A_FILE
    return None


def print_dialog(printer: QPrinter, parent=None) -> QPrintDialog:
    """Qt's print dialog without its "Print to File (PDF)" choice."""
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.setWindowTitle("Print your recovery key")
    return dialog


def send(printer: QPrinter, document: QTextDocument) -> str:
    """Print ``document`` on ``printer`` if it is a real one; what to tell the person."""
    problem = file_printer_problem(printer)
    if problem:
        return problem
    document.print_(printer)
    if printer.printerState() == QPrinter.PrinterState.Error:
        return (f"The printer \u201c{printer.printerName()}\u201d reported a problem, so the key may not "
                "have printed. Check the printer, or write the key on paper.")
    return (f"The recovery key was sent to the printer \u201c{printer.printerName()}\u201d. Check that the "
            "page came out, then keep it somewhere safe, away from this computer.")


def print_recovery_key(parent, key: str, *, owner: str, vault: str) -> str:
    """The whole "Print it…": ask for a printer (never a file), print, and say what happened."""
    if not QPrinterInfo.availablePrinterNames():
        return NO_PRINTER
    printer = QPrinter(QPrinterInfo.defaultPrinter() if not QPrinterInfo.defaultPrinter().isNull()
                       else QPrinterInfo.printerInfo(QPrinterInfo.availablePrinterNames()[0]))
    if not print_dialog(printer, parent).exec():
        return CANCELLED
    document = QTextDocument()
    document.setHtml(printout_html(key, owner=owner, vault=vault, when=datetime.now().astimezone()))
    return send(printer, document)
