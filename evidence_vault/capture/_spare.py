# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""One fresh private context kept ready while the worker is idle (``keep_spare``).

Why: the first page of a new context waits for a renderer process to start, about 0.25 s of
a 0.8 s warm capture in the app. The spare is made only when no command is waiting, is never
navigated, is used by at most one capture, and only if it suits that capture (no phone
emulation) and its browser is still the one running; otherwise it is closed and a new
context is made as before. So a capture's context is exactly as fresh and private as without
it. Everything here runs on the worker thread.
"""

from __future__ import annotations

from ._errors import PlaywrightError


class SpareContext:
    """The spare context of one BrowserWorker (see the module docstring)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.due = False  # set after each command: make a spare when next idle
        self._spare: tuple | None = None  # (browser, context, page)

    def prepare(self, browser, make_context) -> None:
        """Make the spare with ``make_context(None)`` once the browser runs; best effort."""
        self.due = False
        if self._spare is not None or browser is None or not browser.is_connected():
            return
        try:
            context = make_context(None)
            self._spare = (browser, context, context.new_page())
        except PlaywrightError:
            self._spare = None  # the next capture makes its own and says what went wrong

    def take(self, descriptor: dict | None, browser, make_context) -> tuple:
        """A fresh private context and its first page: the spare, if it suits and its browser
        is still ``browser``, else a new one."""
        spare, self._spare = self._spare, None
        if spare is not None:
            owner, context, page = spare
            if descriptor is None and owner is browser and browser.is_connected() and not page.is_closed():
                return context, page
            try:
                context.close()
            except PlaywrightError:
                pass
        context = make_context(descriptor)
        return context, context.new_page()

    def forget(self) -> None:
        """The browser is closing (and takes the spare with it)."""
        self._spare = None
