# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The evidence browser from the window: open it, capture the page it shows, keep or forget
logins. A mixin of ``MainWindow`` like ``commands.Commands``; the library does the work
(``workflows.open_evidence_browser`` / ``close_evidence_browser``), as the CLI's ``browse``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal

from evidence_vault import EvidenceVaultError, workflows
from evidence_vault.capture import BrowserWorker
from evidence_vault.paths import app_temp_root


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


class BrowserCommands:
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
            self._set_enabled(self.session.is_open)
            self.browser_opened.emit()
        self._opening = _Call(lambda: workflows.open_evidence_browser(
            vault, worker, start_url=start_url, device=self.settings.default_device or None), self)
        self._opening.done.connect(opened)
        self._opening.start()

    def capture_this_page(self):
        if self.evidence_browser is None:
            self.main.banner.say("Open the evidence browser first, and find the page there.", "warning")
            return None
        return self.start_capture(None, interactive=True)

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
        self._set_enabled(self.session.is_open)

    def forget_logins(self) -> None:
        with self.session.write_lock:
            self.session.require().logins.forget()
        self.main.banner.say("The evidence browser's saved logins were forgotten. You will need to "
                             "log in again next time.")
