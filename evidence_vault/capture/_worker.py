# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""BrowserWorker: one thread owns Playwright and the browser for its whole life.

Playwright objects may only be used on the thread that created them, and its sync API
refuses to run inside an asyncio loop (the Qt app may have one). So every public method
puts a command on a queue and blocks on a Future; the worker thread runs it and returns
plain data. While the evidence browser is open the worker keeps Playwright's event loop
turning between commands, because route handlers (the safeguarding gate) and dialog
handlers only run while the owning thread is inside a Playwright call.

A watchdog bounds every capture: if a hostile page wedges the browser (an endless script
blocks every evaluation), the browser process is killed, the capture fails with a clear
error, and the next capture starts a fresh browser.
"""

from __future__ import annotations

import os
import queue
import threading
import time
import traceback
from concurrent.futures import Future
from pathlib import Path

from evidence_vault.errors import BrowserNotFoundError, CaptureError, UsageError

from . import _browser, _lazy, _metadata
from ._errors import BROWSER_GONE, PlaywrightError, during_capture, navigation_error
from ._guard import Gate, gate_annotated
from ._interactive import InteractiveSession
from ._watchdog import Watchdog, hard_limit_s
from ._pipeline import PageCapture, PageWatch, navigate
from ._record import CaptureRecord
from ._spare import SpareContext
from ._types import CapturedPage, CaptureOptions, Inspector, Progress, require_inspector
from ._urls import validate_url

_STOP = object()
#: No picture is fetched later than this after the load and lazy-scroll budgets.
_FETCH_GRACE_S = 5.0
DEFAULT_VIEWPORT = {"width": 1280, "height": 800}
STOPPED_RESPONDING = (
    "The page stopped responding and the capture was abandoned after its time limit; nothing "
    "was saved. The page may be broken or deliberately hostile."
)
_PUMP_MS = 30


class BrowserWorker:
    """One dedicated thread owns sync_playwright() and the browser for its whole life; takes
    commands from a queue; returns plain data. Public methods are safe to call from any
    thread and block until done."""

    def __init__(self, *, browser_path: Path | None = None, temp_root: Path, headless: bool = True,
                 keep_spare: bool = False) -> None:
        """``keep_spare``: while idle, keep one fresh private context with its page ready
        (``_spare``). For a long-lived worker (the app); a one-capture command would only pay
        for it at close."""
        path = Path(browser_path) if browser_path is not None else _browser.find_browser()
        if not path.is_file():
            raise BrowserNotFoundError(
                f"There is no browser program at {path}. " + _browser.INSTALL_HINT
            )
        self._browser_path = path
        self._temp_root = Path(temp_root)
        self._headless = headless
        self._queue: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        # Owned by the worker thread only:
        self._pw = None
        self._browser = None
        self._session_dir: Path | None = None
        self._browser_tmp: Path | None = None  # the session dir, or a short alias of it
        self._interactive: InteractiveSession | None = None
        self._spare = SpareContext(keep_spare and headless)
        #: Work a command leaves for after its caller has the answer (closing its context).
        self._after_reply: list = []
        self._thread = threading.Thread(target=self._run, name="evidence-vault-browser", daemon=True)
        self._thread.start()

    # --- public API (any thread) ---------------------------------------------------

    def capture(self, url: str, options: CaptureOptions = CaptureOptions(), *,
                inspector: Inspector, progress: Progress | None = None) -> CapturedPage:
        """Load ``url`` in a fresh private context and capture it (see docs/capture.md);
        ``inspector`` (required) sees every body first; ``progress`` hears each step."""
        url = validate_url(url)
        options.check()
        return self._call(self._do_capture, url, options, require_inspector(inspector), progress)

    def open_interactive(self, *, inspector: Inspector, storage_state: dict | None = None,
                         start_url: str | None = None, device: str | None = None) -> None:
        """Open the evidence browser (a window unless the worker is headless); ``inspector``
        watches every picture while the user browses."""
        if start_url is not None:
            start_url = validate_url(start_url)
        self._call(self._do_open, storage_state, start_url, device, require_inspector(inspector))

    def capture_current(self, options: CaptureOptions = CaptureOptions(),
                        inspector: Inspector | None = None, progress: Progress | None = None) -> CapturedPage:
        """Capture the page the evidence browser shows now, with the same artefacts (checked
        by ``inspector``, or else by the one the evidence browser was opened with)."""
        options.check()
        return self._call(self._do_capture_current, options, inspector, progress)

    def storage_state(self) -> dict:
        """Cookies and local storage of the evidence browser, for the caller to encrypt."""
        return self._call(self._do_storage_state)

    def close_interactive(self) -> None:
        self._call(self._do_close_interactive)

    def start_browser(self, *, with_page: bool = False) -> Future:
        """Start Playwright and the browser now, in the background, and return at once.

        A command that has other work to do first (opening the vault, building the guard)
        overlaps it with the browser's start instead of adding the two. A failure is kept in
        the returned future; the next capture tries again and raises it there.
        ``with_page``: also make the next capture's fresh private context and page now (the
        ``_spare``, about 0.25 s of a capture), for a command about to capture once without
        phone emulation.
        """
        future: Future = Future()
        with self._lock:
            if self._closed:
                raise CaptureError("The capture browser has been closed.")
            self._queue.put((self._do_start, (with_page,), future))
        return future

    def close(self, *, wait: bool = True) -> None:
        """Stop the browser and remove its temporary folder. Safe to call twice.

        ``wait=False`` only starts it (the browser closes on the worker's thread while the
        caller goes on); a later ``close()`` waits for it to finish.
        """
        with self._lock:
            if not self._closed:
                self._closed = True
                self._queue.put(_STOP)
        if wait and threading.current_thread() is not self._thread:
            self._thread.join(timeout=120)

    def __enter__(self) -> "BrowserWorker":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _call(self, fn, *args):
        if threading.current_thread() is self._thread:
            raise RuntimeError("BrowserWorker methods must not be called from its own thread")
        future: Future = Future()
        with self._lock:
            if self._closed:
                raise CaptureError("The capture browser has been closed.")
            self._queue.put((fn, args, future))
        return future.result()

    # --- the worker thread ------------------------------------------------------------

    def _run(self) -> None:
        try:
            while True:
                item = self._next_command()
                if item is _STOP:
                    break
                fn, args, future = item
                if not future.set_running_or_notify_cancel():
                    continue
                self._spare.due = self._spare.enabled
                try:
                    future.set_result(fn(*args))
                except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                    # Drop every buffer the failed capture held (pixels, archive, the refused
                    # body) instead of keeping them alive through the traceback's frames.
                    traceback.clear_frames(exc.__traceback__)
                    future.set_exception(exc)
                self._finish_after_reply()
        finally:
            self._shutdown()
            while True:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is not _STOP:
                    item[2].set_exception(CaptureError("The capture browser has been closed."))

    def _finish_after_reply(self) -> None:
        """Run what the last command left (before the next command starts)."""
        while self._after_reply:
            try:
                self._after_reply.pop(0)()
            except PlaywrightError:
                pass  # a context of a browser that went away meanwhile

    def _next_command(self):
        """Block for the next command; with the evidence browser open, keep events flowing."""
        while True:
            try:
                return self._queue.get_nowait()
            except queue.Empty:
                pass
            page = self._interactive.current_page() if self._interactive else None
            if page is None:
                if self._spare.due:
                    self._spare.prepare(self._browser, self._context)
                    continue  # a command may have come in meanwhile
                return self._queue.get()
            try:
                page.wait_for_timeout(_PUMP_MS)
            except PlaywrightError:
                pass  # the tab closed; the next round picks another or blocks

    def _shutdown(self) -> None:
        if self._interactive is not None:
            self._interactive.close()
            self._interactive = None
        for closer in (getattr(self._browser, "close", None), getattr(self._pw, "stop", None)):
            if closer is not None:
                try:
                    closer()
                except Exception:  # noqa: BLE001 - best effort while shutting down
                    pass
        self._browser = None
        self._spare.forget()
        self._pw = None
        if self._session_dir is not None:
            _browser.remove_alias(self._browser_tmp, self._session_dir)
            _browser.remove_session_dir(self._session_dir)

    def _ensure_playwright(self) -> None:
        if self._pw is not None:
            return
        self._session_dir = _browser.make_session_dir(self._temp_root)
        self._browser_tmp = _browser.short_tmpdir(self._session_dir)
        try:
            self._pw = _browser.start_playwright(self._browser_tmp)
        except Exception as exc:  # noqa: BLE001 - the driver can fail in many ways
            raise CaptureError(
                "The browser automation component of Evidence Vault could not start. "
                "Reinstalling Evidence Vault may fix this."
            ) from exc

    def _ensure_browser(self) -> None:
        self._ensure_playwright()
        if self._browser is not None and self._browser.is_connected():
            return
        if self._interactive is not None:  # it died with the old browser
            self._interactive = None
        kwargs = dict(
            executable_path=str(self._browser_path),
            headless=self._headless,
            args=list(_browser.LAUNCH_ARGS) + list(_browser.TEST_ONLY_EXTRA_ARGS),
            env=_browser.browser_env(self._browser_tmp),
            timeout=60_000,
            handle_sigint=False,
            handle_sigterm=False,
            handle_sighup=False,
            # The sandbox protects this computer from the page; Chromium refuses it as root.
            chromium_sandbox=not (hasattr(os, "geteuid") and os.geteuid() == 0),
        )
        try:
            self._browser = self._pw.chromium.launch(**kwargs)
        except PlaywrightError as exc:
            if not self._headless and os.name == "posix" and not os.environ.get("DISPLAY") \
                    and not os.environ.get("WAYLAND_DISPLAY"):
                raise CaptureError(
                    "The evidence browser window could not be opened because no screen is "
                    "available to this program."
                ) from exc
            raise CaptureError(
                f"The browser at {self._browser_path} could not be started. It may be damaged "
                "or incompatible; try installing a current Chromium or Google Chrome."
            ) from exc

    def _device(self, name: str | None) -> dict | None:
        return None if name is None else _browser.device_descriptor(self._pw.devices, name)

    def _context(self, descriptor: dict | None, *, storage_state: dict | None = None,
                 window: bool = False):
        opts: dict = {
            "service_workers": "block",
            "accept_downloads": False,
            "ignore_https_errors": False,
        }
        if descriptor:
            opts.update(descriptor)
        elif window:
            opts["no_viewport"] = True  # the window's own size, which the user can change
        else:
            opts.update(viewport=dict(DEFAULT_VIEWPORT), device_scale_factor=1)
        if storage_state is not None:
            opts["storage_state"] = storage_state
        context = self._browser.new_context(**opts)
        context.add_init_script(_lazy.PROBE_INIT_JS)  # counts lazy machinery; see _lazy
        return context

    def _browser_info(self) -> dict:
        return {
            "name": _browser.browser_name(self._browser_path),
            "version": self._browser.version,
            "headless": self._headless,
        }

    def _guarded(self, options: CaptureOptions, gate: Gate, body):
        """Run ``body`` under the watchdog; map what escapes into the error tree."""
        watchdog = Watchdog(hard_limit_s(options), self._browser_tmp, gate)
        try:
            return body()
        except PlaywrightError as exc:
            if watchdog.fired:
                raise CaptureError(STOPPED_RESPONDING) from exc
            if self._browser is None or not self._browser.is_connected():
                raise CaptureError(BROWSER_GONE) from exc
            raise during_capture(exc) from exc
        except CaptureError as exc:
            if watchdog.fired:
                raise CaptureError(STOPPED_RESPONDING) from exc
            raise
        finally:
            watchdog.cancel()

    # --- commands (worker thread) -------------------------------------------------------

    def _do_start(self, with_page: bool = False) -> None:
        self._ensure_playwright()
        self._ensure_browser()
        if with_page:
            self._spare.prepare(self._browser, self._context)

    def _do_capture(self, url: str, options: CaptureOptions, inspector: Inspector,
                    progress: Progress | None = None) -> CapturedPage:
        started_at = _metadata.utc_now_iso()
        self._ensure_playwright()
        descriptor = self._device(options.device)
        self._ensure_browser()
        gate = Gate(inspector, fetch_timeout_s=options.timeout_s)
        gate.deadline = time.monotonic() + options.timeout_s + options.lazy_scroll_budget_s + _FETCH_GRACE_S
        holder: dict = {}

        def body() -> CapturedPage:
            context, page = self._spare.take(descriptor, self._browser, self._context)
            holder["context"] = context
            context.route("**/*", gate.handle_route)  # before the page asks for anything
            gate.page = page
            watch = PageWatch(page)
            cdp = context.new_cdp_session(page)
            if progress is not None:
                progress("opening", 0, 0)
            response, load = navigate(page, url, options, gate)
            record = CaptureRecord(
                requested_url=url, started_at=started_at, browser=self._browser_info(),
                device=options.device,
                device_scale=float(descriptor["device_scale_factor"]) if descriptor else 1.0,
                response=response, load=load,
            )
            return PageCapture(page=page, cdp=cdp, gate=gate, watch=watch, options=options,
                               progress=progress).run(record)

        try:
            return gate_annotated(self._guarded(options, gate, body), gate)
        finally:
            # Closed once the caller has the page (0.03-0.04 s it no longer waits for); the
            # page's bytes are all in memory by then, and the next command starts after it.
            context = holder.pop("context", None)
            if context is not None:
                self._after_reply.append(context.close)

    def _do_open(self, storage_state, start_url, device, inspector: Inspector) -> None:
        if self._interactive is not None:
            raise UsageError("The evidence browser is already open.")
        self._ensure_playwright()
        descriptor = self._device(device)
        self._ensure_browser()
        gate = Gate(inspector, fetch_timeout_s=60)
        try:
            context = self._context(descriptor, storage_state=storage_state, window=not self._headless)
        except PlaywrightError as exc:
            raise CaptureError("The evidence browser could not be opened.") from exc
        context.route("**/*", gate.handle_route)
        session = InteractiveSession(context=context, gate=gate, inspector=inspector, device=device)
        page = context.new_page()
        session.watch(page)
        self._interactive = session
        if start_url:
            try:
                page.goto(start_url, wait_until="commit", timeout=60_000)
            except PlaywrightError as exc:
                # The window shows the browser's own error page; the caller learns why too.
                raise navigation_error(exc, start_url, 60) from exc

    def _session(self) -> InteractiveSession:
        if self._interactive is None or self._browser is None or not self._browser.is_connected():
            self._interactive = None
            raise UsageError("The evidence browser is not open.")
        return self._interactive

    def _do_capture_current(self, options: CaptureOptions, inspector: Inspector | None,
                            progress: Progress | None = None) -> CapturedPage:
        session = self._session()
        page = session.current_page()
        if page is None:
            raise UsageError("The evidence browser has no page open to capture.")
        started_at = _metadata.utc_now_iso()
        session.gate.raise_if_tripped()  # something on this page was refused while browsing
        session.gate.inspector = inspector or session.inspector
        session.capturing = True
        watch = session.watch(page)
        session.gate.page = page  # an inline picture it cannot check is removed from this page

        def body() -> CapturedPage:
            return session.capture_page(page, watch, options, progress, started_at=started_at,
                                        browser=self._browser_info())

        try:
            return gate_annotated(self._guarded(options, session.gate, body), session.gate)
        finally:
            session.gate.page = None
            session.capturing = False
            session.gate.inspector = session.inspector
            if session.gate.tripped:
                session.gate.reset()
            session.gate.left_out.clear()  # the next capture reports its own

    def _do_storage_state(self) -> dict:
        session = self._session()
        try:
            return session.context.storage_state()
        except PlaywrightError as exc:
            raise CaptureError("The evidence browser's login state could not be read.") from exc

    def _do_close_interactive(self) -> None:
        if self._interactive is not None:
            self._interactive.close()
            self._interactive = None
