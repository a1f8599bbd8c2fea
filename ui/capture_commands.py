# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Capturing a web page from the window (``window.captures``): the capture dialog, starting and
cancelling a capture, the hidden browser that captures, the evidence browser a person logs in
with, and "This may show a child" (the self-flag) where a capture could start.

The library does the work (``workflows.capture_page``, ``open_evidence_browser``,
``close_evidence_browser``), as the CLI's ``capture`` and ``browse`` do; this object keeps
what the window needs between the steps: the running task and the two browsers.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QMessageBox

from evidence_vault import EvidenceVaultError, workflows
from evidence_vault.capture import BrowserWorker, CaptureOptions
from evidence_vault.paths import app_temp_root
from evidence_vault.safeguarding.actions import record_self_flag

from .capture_task import CaptureTask
from .dialogs import CaptureDialog, GuidanceDialog
from .error_page import ask_keep

REFUSED = ("The capture was stopped because a picture on this page matches a safeguarding list. "
           "Nothing was saved, and no picture was shown.")
BUG_NOT_OPENED = ("Something went wrong inside Evidence Vault, so the evidence browser did not open. "
                  "Please try again, and tell whoever looks after your computer.")


class _Call(QThread):
    """Run one blocking library call off the UI thread (the evidence browser opening)."""

    done = Signal(str)  # "" when it worked, else the message to show

    def __init__(self, fn, parent=None) -> None:
        super().__init__(parent)
        self.fn = fn

    def run(self) -> None:
        try:
            self.fn()
        except EvidenceVaultError as exc:
            self.done.emit(str(exc) or "The evidence browser could not be opened.")
        except Exception:
            # A bug: unblock the window with a plain sentence, then let it surface (ui/crash.py).
            self.done.emit(BUG_NOT_OPENED)
            raise
        else:
            self.done.emit("")


class CaptureCommands(QObject):
    """The window's capture commands; ``window.capture_finished`` says how each capture ended."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.session, self.settings, self.main = window.session, window.settings, window.main
        self.task: CaptureTask | None = None
        self.browser_worker: BrowserWorker | None = None  # the hidden browser, kept warm
        self.evidence_browser: BrowserWorker | None = None  # the one a person sees, when open
        self._opening: _Call | None = None

    # --- capture -----------------------------------------------------------------------
    def options(self, device: str | None = None) -> CaptureOptions:
        return CaptureOptions(device=device or self.settings.default_device or None)

    def open_dialog(self, url: str = ""):
        if self.window.case_or_say() is None:
            return None
        dialog = CaptureDialog(self.window, url=url, device=self.settings.default_device,
                               has_lists=bool(self.session.require().hash_lists.names()))
        dialog.flag_button.clicked.connect(self.self_flag)  # the dialog closes first, nothing captured
        return self.window.open_dialog(dialog, lambda d: self.start(
            d.address, device=d.device.currentData() or None, note=d.note.text().strip() or None))

    def _worker(self) -> BrowserWorker:
        if self.browser_worker is None:
            self.browser_worker = BrowserWorker(
                browser_path=Path(self.settings.browser_path) if self.settings.browser_path else None,
                temp_root=app_temp_root(self.session.folder), keep_spare=True)
        return self.browser_worker

    def forget_worker(self) -> None:
        """Close the hidden browser (a new browser path takes effect at the next capture)."""
        if self.browser_worker is not None:
            self.browser_worker.close()
            self.browser_worker = None

    def start(self, url: str | None, *, device: str | None = None, note: str | None = None,
              interactive: bool = False) -> CaptureTask | None:
        """Capture ``url`` (best a ``WebAddress`` the capture dialog has checked), or with
        ``interactive`` the page the evidence browser shows (``url`` None)."""
        case = self.window.case_or_say()
        if case is None or self.task is not None:
            return None
        if url is not None and not url:
            self.main.banner.say("Paste the web address of the page first.", "warning")
            return None
        try:
            worker = self.evidence_browser if interactive else self._worker()
        except EvidenceVaultError as exc:
            self.main.banner.say(str(exc), "failure")
            return None
        task = CaptureTask(self.session, worker, case=case, url=url,
                           options=self.options(device), note=note, parent=self.window)
        task.progress.connect(self.main.progress.set_step)
        task.saved.connect(lambda item_id: self.finish("saved", f"Saved as item {item_id}.", select_id=item_id))
        task.needs_decision.connect(lambda pending: ask_keep(self.window, pending))  # not the page: keep?
        task.refused.connect(self._refused)
        task.failed.connect(lambda text: self.finish("failed", text))
        task.cancelled.connect(lambda: self.finish(
            "cancelled", "The capture was cancelled; nothing was saved."))
        self.task = task
        self.main.banner.hide()
        self.main.progress.started(url or "the page in the evidence browser")
        self.window.set_enabled(True)
        task.start()
        return task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.main.progress.cancel_button.setEnabled(False)
            self.main.progress.step.setText("Stopping the capture…")

    def finish(self, outcome: str, message: str = "", select_id: int | None = None) -> None:
        """The capture ended (``outcome``): the panel goes, ``message`` is said, ``capture_finished``."""
        tone = {"saved": "success", "failed": "failure", "refused": "warning"}.get(outcome, "info")
        task, self.task = self.task, None
        if task is not None:
            task.wait()
            task.deleteLater()
        self.main.progress.hide()
        self.window.set_enabled(self.session.is_open)
        if self.session.is_open:
            self.window.reload_items(select_id)
        if message:
            self.main.banner.say(message, tone)
        self.window.capture_finished.emit(outcome)

    def _refused(self, reason: str) -> None:
        self.finish("refused")
        self.window.open_dialog(GuidanceDialog(self.window, headline=REFUSED), lambda _d: None)

    def ask_stop_and_close(self) -> QMessageBox:
        """Closing the window while a page is captured: stop it first, or keep capturing."""
        box = QMessageBox(QMessageBox.Icon.Question, "A capture is still running",
                          "A page is still being captured. Stop it and close? Nothing half-made is kept.",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
        box.button(QMessageBox.StandardButton.Yes).setText("Stop and close")
        box.button(QMessageBox.StandardButton.No).setText("Keep capturing")
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes and self.task:
                self.task.finished.connect(self.window.close)
                self.cancel()
        box.buttonClicked.connect(answered)
        self.window.dialog = box
        box.open()
        return box

    # --- clause 71 where a capture can start ------------------------------------------------
    def self_flag(self):
        if not self.session.is_open:
            return self.window.help.show_guidance()
        dialog = GuidanceDialog(self.window, headline="Stop. Do not look at it again and do not show anyone.",
                                ask_address=True)

        def record(d) -> None:
            if not self.window.change_vault(lambda vault: record_self_flag(
                    vault, d.address.text(), case=self.main.current_case())):
                return
            self.main.banner.say("A note of the address and the time is kept in this case, as a text-only "
                                 "entry. Nothing of the page or picture was saved.")
            self.window.reload_items()
        return self.window.open_dialog(dialog, record)

    # --- evidence browser ----------------------------------------------------------------
    def open_browser(self, start_url: str | None = None) -> None:
        if self.evidence_browser is not None:
            return
        vault = self.session.require()
        try:
            worker = BrowserWorker(
                browser_path=Path(self.settings.browser_path) if self.settings.browser_path else None,
                temp_root=app_temp_root(self.session.folder), headless=False)
        except EvidenceVaultError as exc:
            self.main.banner.say(str(exc), "failure")
            return
        self.main.banner.say("Opening the evidence browser… Log in and find the page, then press "
                             "\u201cCapture this page\u201d here.")

        def opened(error: str) -> None:
            if error:
                worker.close()
                self.main.banner.say(error, "failure")
                return
            self.evidence_browser = worker
            self.window.set_enabled(self.session.is_open)
            self.window.browser_opened.emit()
        self._opening = _Call(lambda: workflows.open_evidence_browser(
            vault, worker, start_url=start_url, device=self.settings.default_device or None), self)
        self._opening.done.connect(opened)
        self._opening.start()

    def capture_this_page(self):
        if self.evidence_browser is None:
            self.main.banner.say("Open the evidence browser first, and find the page there.", "warning")
            return None
        return self.start(None, interactive=True)

    def close_browser(self, quiet: bool = False) -> None:
        worker, self.evidence_browser = self.evidence_browser, None
        if worker is None:
            return
        try:
            if self.session.vault is not None:
                with self.session.write_lock:
                    workflows.close_evidence_browser(self.session.vault, worker, keep_login=True)
        except EvidenceVaultError as exc:
            if not quiet:
                self.main.banner.say(str(exc), "failure")
        finally:
            worker.close()
        self.window.set_enabled(self.session.is_open)

    def forget_logins(self) -> None:
        with self.session.write_lock:
            self.session.require().logins.forget()
        self.main.banner.say("The evidence browser's saved logins were forgotten. You will need to "
                             "log in again next time.")
