# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Bugs are seen: the app's ``sys.excepthook`` writes a bug report and shows a calm crash dialog.

Why: a bug (any exception that is not an ``EvidenceVaultError``) used to go to a terminal
nobody sees, and a worker thread's bug left its progress panel up for ever (issue 21). Now
each worker task reports failure on any exception and re-raises it, as ``CaptureTask`` does;
the raised exception reaches ``sys.excepthook`` (Qt calls it for a Python override such as
``QThread.run``, on that thread), and this hook:

- writes the traceback to a file of its own in the user's log folder
  (``evidence_vault.bug_reports``: no passphrase, key or typed text);
- shows one dialog on the window's thread: what happened in plain words, what is true about
  the vault (everything already sealed into it is safe, because a seal is written in one step
  and a bug cannot change it; work not yet saved may be lost), and where the details were
  written, to send to whoever looks after the computer.

Qt delivers a signal emitted on another thread to the window's thread, so the dialog is
always made there. Several bugs in a row show one dialog, naming the newest report.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from evidence_vault.bug_reports import write_bug_report

TITLE = "Something went wrong inside Evidence Vault"
WHAT_HAPPENED = ("Evidence Vault met a problem in its own program (a bug), so what it was doing "
                 "did not finish.")
VAULT_SAFE = ("Everything already saved in your vault is safe: a bug cannot change evidence that "
              "has been sealed. Anything not saved yet, such as a form you were filling in, may be "
              "lost; please check, and add it again if it is missing.")
WRITTEN_TO = ("The details were written to this file, to send to whoever looks after your "
              "computer (it holds no passphrase; read it before you send it):\n{path}")
NOT_WRITTEN = ("The details could not be written to a file ({why}). If it happens again, tell "
               "whoever looks after your computer what you were doing when it happened.")
WHERE = "the desktop app"


def crash_text(report: Path | None, why_not: str = "") -> str:
    """The dialog's words: what happened, what is true about the vault, where the details are."""
    where = WRITTEN_TO.format(path=report) if report is not None else NOT_WRITTEN.format(why=why_not)
    return f"{WHAT_HAPPENED}\n\n{VAULT_SAFE}\n\n{where}"


def report_bug(exc: BaseException) -> tuple[Path | None, str]:
    """Write the bug report: ``(path, "")``, or ``(None, why)`` when it could not be written."""
    try:
        return write_bug_report(exc, where=WHERE), ""
    except OSError as failed:
        return None, failed.strerror or type(failed).__name__


class CrashReporter(QObject):
    """The hook, and the dialog it shows on the window's thread. ``install()`` puts it in
    ``sys.excepthook``; ``uninstall()`` puts back what was there."""

    bug_seen = Signal(str, str)  # the report's path ("" if none was written), why not

    def __init__(self, parent_window=None) -> None:
        super().__init__()
        self.window = parent_window
        self.dialog: QMessageBox | None = None
        self.reports: list[Path] = []
        self._previous = None
        app = QApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())
        self.bug_seen.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> "CrashReporter":
        self._previous = sys.excepthook
        sys.excepthook = self.hook
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self.hook and self._previous is not None:
            sys.excepthook = self._previous

    def hook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """``sys.excepthook``: report, then show the dialog (from any thread)."""
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in a terminal: not a bug
            sys.__excepthook__(kind, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        path, why_not = report_bug(exc)
        if path is not None:
            self.reports.append(path)
        print(f"evidence-vault: a bug in the desktop app; details in {path or 'no file (' + why_not + ')'}",
              file=sys.stderr)
        self.bug_seen.emit(str(path) if path is not None else "", why_not)

    def _show(self, path: str, why_not: str) -> None:
        text = crash_text(Path(path) if path else None, why_not)
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.setText(text)  # one dialog for a burst of bugs, naming the newest report
            return
        box = QMessageBox(QMessageBox.Icon.Warning, TITLE, text, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("crashDialog")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path can be copied
        self.dialog = box
        box.open()
