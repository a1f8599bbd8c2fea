# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The evidence browser: a real window the user browses in (to log in), then captures from.

It is still a non-persistent context: cookies and local storage live in memory and leave
only through ``storage_state()``, which hands them to the caller to encrypt into the vault.
The safeguarding gate is on for everything the window loads, not only during a capture,
because here a person is looking at the screen.
"""

from __future__ import annotations

from ._errors import PlaywrightError
from ._guard import Gate
from ._pipeline import PageCapture, PageWatch
from ._record import CaptureRecord, LoadReport
from ._types import CapturedPage, CaptureOptions, Inspector, Progress


class InteractiveSession:
    """Lives on the worker thread; owns one context and watches every tab it opens."""

    def __init__(self, *, context, gate: Gate, inspector: Inspector, device: str | None) -> None:
        self.context = context
        self.gate = gate
        self.inspector = inspector
        self.device = device
        self.capturing = False
        self._watches: dict = {}
        self._order: list = []
        context.on("page", self._on_page)
        for page in context.pages:
            self._on_page(page)

    def _on_page(self, page) -> None:
        if page in self._watches:
            return
        self._watches[page] = PageWatch(page)
        self._order.append(page)
        page.on("framenavigated", lambda frame, page=page: self._on_navigated(page, frame))

    def _on_navigated(self, page, frame) -> None:
        try:
            is_main = frame == page.main_frame
        except PlaywrightError:
            return
        if not is_main:
            return
        if page in self._order:  # the tab the user used last is the one to capture
            self._order.remove(page)
            self._order.append(page)
        if not self.capturing:
            # A refusal while browsing belongs to the document that was showing; a new
            # document starts clean (the refused body was never delivered to the page).
            self.gate.reset()

    def current_page(self):
        """The most recently opened or navigated tab that is still open, or None."""
        for page in reversed(self._order):
            if not page.is_closed():
                return page
        return None

    def watch(self, page) -> PageWatch:
        if page not in self._watches:
            self._on_page(page)
        return self._watches[page]

    def capture_page(self, page, watch: PageWatch, options: CaptureOptions, progress: Progress | None,
                     *, started_at: str, browser: dict) -> CapturedPage:
        """Capture the tab as the user left it (the capture pipeline from its baseline on),
        then put the tab back where the user had scrolled it."""
        load = LoadReport(interactive=True)
        try:
            page.wait_for_load_state("load", timeout=options.timeout_s * 1000)
        except PlaywrightError:
            load.timed_out = True
            page.evaluate("window.stop()")
        scroll = page.evaluate("[window.scrollX, window.scrollY]")
        dpr = float(page.evaluate("window.devicePixelRatio"))
        cdp = self.context.new_cdp_session(page)
        try:
            record = CaptureRecord(
                requested_url=page.url, started_at=started_at, browser=browser,
                device=self.device, device_scale=dpr, response=watch.main_response, load=load,
            )
            return PageCapture(page=page, cdp=cdp, gate=self.gate, watch=watch,
                               options=options, progress=progress).run(record)
        finally:
            try:
                page.evaluate("([x, y]) => window.scrollTo({left: x, top: y, behavior: 'instant'})", scroll)
                cdp.detach()
            except PlaywrightError:
                pass

    def close(self) -> None:
        try:
            self.context.close()
        except PlaywrightError:
            pass
        self._watches.clear()
        self._order.clear()
