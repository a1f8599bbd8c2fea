"""The evidence browser: a real window the user browses in (to log in), then captures from.

It is still a non-persistent context: cookies and local storage live in memory and leave
only through ``storage_state()``, which hands them to the caller to encrypt into the vault.
The safeguarding gate is on for everything the window loads, not only during a capture,
because here a person is looking at the screen.
"""

from __future__ import annotations

from ._errors import PlaywrightError
from ._guard import Gate
from ._pipeline import PageWatch
from ._types import Inspector


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

    def close(self) -> None:
        try:
            self.context.close()
        except PlaywrightError:
            pass
        self._watches.clear()
        self._order.clear()
