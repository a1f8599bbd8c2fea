# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A capture running off the UI thread, with its real steps reported and a Cancel that works.

The BrowserWorker already owns Playwright on its own thread; this QThread only waits for
``workflows.capture_url`` (the same function the CLI calls, so the app lets through exactly
what the CLI does). Progress and Cancel ride on two hooks the engine calls on its thread: its
``progress`` (opening, scrolling, each part of the screenshot, archiving …) and the
safeguarding inspector (each picture checked). ``_WatchedInspector`` passes each call on to
the vault's guard first (a refusal always wins). Both name the step for the window and raise
``CaptureCancelled`` once Cancel is pressed, so Cancel takes effect at the next step or
picture. The engine checks the inspector before it hands back any page (the finished
screenshot, archive and text are inspected last), so a cancelled capture can never reach the
vault.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread, Signal

from evidence_vault import CaptureError, EvidenceVaultError, SafeguardingBlock, workflows
from evidence_vault.capture import CaptureOptions

STEP_OPENING = "Opening the page"
STEP_PICTURES = "Loading the page and checking its pictures"
STEP_SCROLLING = "Scrolling through the page so every picture loads"
STEP_SETTLING = "Waiting for the page to finish"
STEP_PHOTOGRAPHING = "Taking the screenshot"
STEP_FINISHING = "Finishing the screenshot"
STEP_INLINE = "Checking pictures inside the page"
STEP_ARCHIVE = "Keeping a copy of the whole page"
STEP_FINISHED = "Checking the finished screenshot"
STEP_SEALING = "Sealing it into the vault"


class CaptureCancelled(CaptureError):
    def __init__(self) -> None:
        super().__init__("The capture was cancelled; nothing was saved.")


class _WatchedInspector:
    def __init__(self, inner, task: "CaptureTask") -> None:
        self.inner, self.task = inner, task
        self.pictures = 0

    def _step(self, kind: str) -> None:
        if kind == "response":
            self.pictures += 1
            self.task.report(f"{STEP_PICTURES} ({self.pictures} checked)")
        elif kind == "data-uri":
            self.task.report(STEP_INLINE)
        elif kind == "mhtml-part":
            self.task.report(STEP_ARCHIVE)
        elif kind == "artefact":
            self.task.report(STEP_FINISHED)

    def inspect(self, *, kind: str, url: str, body: bytes, content_type: str | None) -> None:
        self.inner.inspect(kind=kind, url=url, body=body, content_type=content_type)
        self.task.raise_if_cancelled()
        self._step(kind)

    def inspect_picture(self, *, kind: str, url: str, body: bytes, content_type: str | None, pixels) -> None:
        """The stitched screenshot, with its pixels (see capture's Gate.inspect)."""
        picture = getattr(self.inner, "inspect_picture", None)
        if picture is None:
            self.inner.inspect(kind=kind, url=url, body=body, content_type=content_type)
        else:
            picture(kind=kind, url=url, body=body, content_type=content_type, pixels=pixels)
        self.task.raise_if_cancelled()
        self._step(kind)

    def unreadable(self, *, kind: str, url: str, reason: str) -> None:
        self.inner.unreadable(kind=kind, url=url, reason=reason)
        self.task.raise_if_cancelled()

    def record(self) -> dict:
        return self.inner.record()


def _words(step: str, part: int, of: int) -> str:
    """The engine's step (capture.PROGRESS_STEPS) in the window's words."""
    if step == "photographing":
        return f"{STEP_PHOTOGRAPHING} (part {part} of {of})" if of > 1 else STEP_PHOTOGRAPHING
    return {"opening": STEP_OPENING, "scrolling": STEP_SCROLLING, "settling": STEP_SETTLING,
            "archiving": STEP_ARCHIVE, "finishing": STEP_FINISHING}[step]


class _WatchedWorker:
    """Looks like a BrowserWorker to ``workflows``; wraps the guard it is handed and listens
    to the engine's progress."""

    def __init__(self, worker, task: "CaptureTask") -> None:
        self.worker, self.task = worker, task

    def _progress(self, step: str, part: int, of: int) -> None:
        self.task.raise_if_cancelled()
        self.task.report(_words(step, part, of))

    def capture(self, url, options, *, inspector, progress=None):
        page = self.worker.capture(url, options, inspector=_WatchedInspector(inspector, self.task),
                                   progress=self._progress)
        return self._sealing(page)

    def capture_current(self, options, inspector, progress=None):
        page = self.worker.capture_current(options, _WatchedInspector(inspector, self.task),
                                           progress=self._progress)
        return self._sealing(page)

    def _sealing(self, page):
        # From here workflows writes to the vault: hold the window's write lock until it is done.
        self.task.session.write_lock.acquire()
        self.task.holding_lock = True
        self.task.raise_if_cancelled()
        self.task.report(STEP_SEALING)
        return page


class CaptureTask(QThread):
    """One capture. Exactly one of saved / refused / failed / cancelled / needs_decision is
    emitted. ``needs_decision`` carries a ``workflows.PendingCapture`` that is not the page (an
    error, a wall, "not available"): nothing is sealed until the person answers (error_page.py)."""

    progress = Signal(str)
    saved = Signal(int)
    needs_decision = Signal(object)
    refused = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, session, worker, *, case, url: str | None, options: CaptureOptions,
                 note: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.session, self.worker, self.case = session, worker, case
        self.url, self.options, self.note = url, options, note
        self._cancel = threading.Event()
        self.steps: list[str] = []
        self.holding_lock = False

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def was_cancelled(self) -> bool:
        return self._cancel.is_set()

    def raise_if_cancelled(self) -> None:
        if self._cancel.is_set():
            raise CaptureCancelled()

    def report(self, step: str) -> None:
        if not self.steps or self.steps[-1] != step:
            self.steps.append(step)
            self.progress.emit(step)

    def run(self) -> None:
        watched = _WatchedWorker(self.worker, self)
        try:
            self.report(STEP_OPENING)
            vault = self.session.require()
            if self.url is None:
                pending = workflows.capture_current_page(vault, watched, case=self.case,
                                                         options=self.options, note=self.note)
            else:
                pending = workflows.capture_page(vault, watched, url=self.url, case=self.case,
                                                 options=self.options, note=self.note)
            if pending.problem is not None:  # not the page: the person decides, nothing is sealed
                self.needs_decision.emit(pending)
                return
            item = workflows.seal(vault, pending)
        except CaptureCancelled:
            self.cancelled.emit()
        except SafeguardingBlock as block:
            self.refused.emit(str(block))
        except EvidenceVaultError as exc:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.failed.emit(str(exc))
        except Exception:
            # A bug: unblock the window with a plain sentence, then let it surface (traceback).
            self.failed.emit("Something went wrong inside Evidence Vault, so this page was not "
                             "saved. Please try again, and tell whoever looks after your computer.")
            raise
        else:
            self.saved.emit(item.id)
        finally:
            if self.holding_lock:
                self.holding_lock = False
                self.session.write_lock.release()
