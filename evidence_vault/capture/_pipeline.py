# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The capture pipeline. Its order is written down here, once (and in docs/capture.md).

    load        navigate (commit within the budget), wait for ``load`` (bounded); at the
                deadline stop loading and capture what is there
    baseline    note the main document's identity (CDP loaderId)
    consent     only with ``dismiss_consent``: close a consent banner, recorded (_consent)
    scroll      probe for lazy content (_lazy); only if there is some, the lazy-load pass,
                bounded; back to the top
    settle      the DOM quiet and no request in flight (adaptive, up to 3 s after load, counted
                while the scroll pass runs); a page that grew meanwhile is scrolled again
    ready       images decoded, fonts ready (bounded)
    inspect     non-HTML documents (image/PDF opened directly), then every data: image
    screenshot  bands, stitched in memory; then, in one evaluate at the same view, the quality
                look (_quality), height, text (innerText), title; the screenshot goes to the
                guard on a helper thread (``ScreenshotCheck``) while the next step runs
    mhtml       Page.captureSnapshot of the same document; every non-page part inspected
    seal        the screenshot's check waited for; metadata, SHA-256 of each artefact, the
                other artefacts inspected, finish time

Between every two steps ``_check`` stops the capture if the safeguarding gate refused
something, the tab crashed, or the main document changed (``PageChangedError``), so two
pages are never mixed and a refused image never reaches an artefact.
"""

from __future__ import annotations

import threading
import time

from evidence_vault.errors import CaptureError, NavigationError, PageChangedError

from . import _consent, _dom, _metadata, _quality, _screenshot, _settle, _stitch
from ._errors import PAGE_CHANGED, PlaywrightError, PlaywrightTimeoutError, during_capture, navigation_error
from ._guard import Gate, is_html
from ._notes import add_outcome_notes
from ._record import CaptureRecord, LoadReport
from ._types import CapturedPage, CaptureOptions, Progress

SETTLE_S = 3.0


def _bare(url: str) -> str:
    return url.split("#", 1)[0]


class PageWatch:
    """Listens to one page for the things the metadata must report or the pipeline must stop on."""

    def __init__(self, page) -> None:
        self.page = page
        self.dialogs: list[dict] = []
        self.downloads: list[str] = []
        self.documents: list = []
        self.main_response = None
        self.crashed = False
        page.on("dialog", self._on_dialog)
        page.on("crash", self._on_crash)
        page.on("download", self._on_download)
        page.on("response", self._on_response)
        self._open_requests: set = set()
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_request_done)
        page.on("requestfailed", self._on_request_done)

    def _on_request(self, request) -> None:
        self._open_requests.add(request)

    def _on_request_done(self, request) -> None:
        self._open_requests.discard(request)

    def inflight(self) -> int:
        """Requests of this page still on the wire (for the settle step)."""
        return len(self._open_requests)

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append({"type": dialog.type, "message": dialog.message[:2000]})
        try:
            dialog.dismiss()
        except PlaywrightError:
            pass

    def _on_crash(self, _page) -> None:
        self.crashed = True

    def _on_download(self, download) -> None:
        self.downloads.append(download.url[:500])
        try:
            download.cancel()
        except PlaywrightError:
            pass

    def _on_response(self, response) -> None:
        request = response.request
        if request.resource_type != "document":
            return
        self.documents.append(response)
        try:
            if request.is_navigation_request() and request.frame == self.page.main_frame:
                self.main_response = response
        except PlaywrightError:
            pass

    def forget_documents(self) -> None:
        self.documents.clear()


def navigate(page, url: str, options: CaptureOptions, gate: Gate) -> tuple[object, LoadReport]:
    """Open ``url``; return the main response and how loading went.

    The settle is not waited for here: ``PageCapture`` waits for it after the lazy-scroll
    pass (``LoadReport.settle_until`` is its deadline, 3 s after load), so that its quiet
    period and the scroll pass's wait at the bottom of the page run at the same time.
    """
    started = time.monotonic()
    budget_ms = options.timeout_s * 1000
    try:
        response = page.goto(url, wait_until="commit", timeout=budget_ms)
    except PlaywrightError as exc:
        gate.raise_if_tripped()
        raise navigation_error(exc, url, options.timeout_s) from exc
    if response is None:
        raise NavigationError("The browser did not load a page for that address.")
    load = LoadReport()
    try:
        remaining = budget_ms - (time.monotonic() - started) * 1000
        page.wait_for_load_state("load", timeout=max(1.0, remaining))
    except PlaywrightTimeoutError:
        load.timed_out = True
        try:
            page.evaluate("window.stop()")  # freeze the page as it is now
        except PlaywrightError as exc:
            raise during_capture(exc) from exc
    except PlaywrightError as exc:
        gate.raise_if_tripped()
        raise during_capture(exc) from exc
    now = time.monotonic()
    load.waited_s = round(now - started, 3)
    if not load.timed_out:
        remaining_s = options.timeout_s - (now - started)
        load.settle_until = now + max(0.0, min(remaining_s, SETTLE_S))
    return response, load


class ScreenshotCheck:
    """The finished screenshot checked by the clause-71 guard on a helper thread while the
    page's facts and archive are read: on a 3-screen page the check (decoding and hashing
    1.5 MB of PNG, which release the GIL) was 0.07-0.09 s of a 1 s capture, spent waiting.

    ``finish_png()`` waits for both the PNG and its check and gives the PNG; a refusal is held by
    the gate like every other (``raise_if_tripped``). Nothing is kept before ``finish_png()``.
    """

    def __init__(self, gate: Gate, stitched) -> None:
        self._gate, self._stitched = gate, stitched
        self._png: bytes | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="evidence-vault-check-shot", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            png = _stitch.finish_png(self._stitched)
            pixels = self._stitched.pixels()  # hashed rather than decoding the PNG again
            try:
                self._gate.inspect(kind="artefact", url="screenshot.png", body=png,
                                   content_type="image/png", pixels=pixels)
            finally:
                if pixels is not None:
                    pixels.close()
            self._png = png
        except BaseException as exc:  # noqa: BLE001 - handed to the capture's thread by finish_png()
            self._error = exc

    def wait(self) -> None:
        self._thread.join()

    def finish_png(self) -> bytes:
        self.wait()
        if self._error is not None:
            raise self._error
        assert self._png is not None
        return self._png


class PageCapture:
    """The steps after loading, on one page whose main document must not change.

    ``run`` takes the ``CaptureRecord`` the caller started (address, start time, browser,
    device, main response, load report); each step fills in its part of it.
    """

    def __init__(self, *, page, cdp, gate: Gate, watch: PageWatch, options: CaptureOptions,
                 progress: Progress | None = None) -> None:
        self.page, self.cdp, self.gate, self.watch = page, cdp, gate, watch
        self.options = options
        self.progress = progress
        self.baseline: str | None = None
        self.record: CaptureRecord | None = None

    def run(self, record: CaptureRecord) -> CapturedPage:
        self.record = r = record
        o = self.options
        self.baseline = self._step(_dom.main_loader_id, self.cdp)
        self._check(document=False)  # the document was read just now
        if o.dismiss_consent:  # only on the user's request, and always recorded
            r.actions.append(self._step(_consent.dismiss, self.page))
            r.notes.append(r.actions[-1])
            self._check()
        scroll_started = time.monotonic()
        self._say("scrolling")
        r.scroll = self._step(_screenshot.lazy_scroll, self.page, o, r.device_scale)
        self._check()
        if r.load.settle_until is not None:
            self._say("settling")
            r.settle = self._step(_settle.settle, self.page, r.load.settle_until, self.watch.inflight)
            r.load.network_idle = r.settle["requests_in_flight"] == 0
            self._check()
            r.scroll = self._scroll_again_if_grown(r.scroll, o.lazy_scroll_budget_s - (time.monotonic() - scroll_started))
        r.ready, uris, unreadable_frames = self._step(_screenshot.wait_ready, self.page, min(10.0, o.timeout_s))
        self._check()
        self._inspect_documents()
        self._inspect_data_uris(uris, unreadable_frames)
        self._check()
        # The bands are stitched and encoded on a helper thread while the steps below run.
        stitched, r.shot = self._step(_screenshot.capture_bands, self.page, self.cdp, o, r.device_scale,
                                      lambda part, of: self._say("photographing", part, of))
        r.height_before = r.shot["page_height_css_px"]  # measured just before the first band
        # The guard checks the finished screenshot on a helper thread meanwhile.
        shot_check = ScreenshotCheck(self.gate, stitched)
        try:
            seen = self._read_and_archive(r)
            self._say("finishing")
        except BaseException:
            shot_check.wait()  # never left running into the next capture, holding pixels
            raise
        r.png = self._step(shot_check.finish_png)
        r.finished_at = _metadata.utc_now_iso()
        add_outcome_notes(r, o, watch=self.watch, gate=self.gate)
        found = _quality.warnings(seen, settle=r.settle, dismissed=o.dismiss_consent)
        r.quality = {"seen": seen, "warnings": found}
        r.notes.extend(f"{w['message']} Next step: {w['next_step']}" for w in found)
        metadata = r.metadata(dialogs=self.watch.dialogs, downloads=self.watch.downloads,
                              failed=self.gate.failed, inspected=self.gate.inspected)
        text_bytes = r.text.encode("utf-8")
        self.gate.raise_if_tripped()  # the screenshot's check (``shot_check``) included
        for name, data, content_type in (
            ("page.mhtml", r.mhtml, "multipart/related"),
            ("text.txt", text_bytes, "text/plain; charset=utf-8"),
        ):
            self.gate.inspect(kind="artefact", url=name, body=data, content_type=content_type)
            self.gate.raise_if_tripped()
        return CapturedPage(screenshot_png=r.png, mhtml=r.mhtml, text=r.text, metadata=metadata)

    def _read_and_archive(self, r: CaptureRecord) -> dict:
        """The page as photographed (at the top): what it shows (returned, for the quality
        warnings), its height, text and title; then its archive, checked part by part."""
        after = self._step(_quality.look_and_read, self.page)
        r.height_after, r.text = after["height"], after["text"]
        r.title, r.user_agent, r.viewport = after["title"], after["userAgent"], after["viewport"]
        r.final_url = self.page.url
        self._check()
        self._say("archiving")
        snapshot = self._step(self.cdp.send, "Page.captureSnapshot", {"format": "mhtml"})
        r.mhtml = snapshot["data"].encode("utf-8")
        del snapshot
        self.gate.inspect_mhtml(r.mhtml)
        self._check()
        return after["seen"]

    def _scroll_again_if_grown(self, scroll: dict, budget_s: float) -> dict:
        """Content that arrived after the scroll pass (before the network went idle) and made
        the page taller gets its own pass, within what is left of the scroll budget."""
        if scroll.get("skipped") or scroll.get("stuck") or scroll.get("stoppedAtMax") or budget_s < 0.5:
            return scroll
        height = self._step(_screenshot.page_dimensions, self.page)["height"]
        if height <= scroll.get("finalHeight", height) + 1:
            return scroll
        again = self._step(_screenshot.lazy_scroll, self.page, self.options, self.record.device_scale, budget_s)
        self._check()
        if again.get("skipped"):
            return scroll
        merged = dict(again)
        for key in ("steps", "grew", "usedMs"):
            merged[key] = scroll.get(key, 0) + again.get(key, 0)
        merged["startHeight"] = scroll.get("startHeight", again.get("startHeight"))
        merged["passes"] = 2
        return merged

    # --- guards between steps -------------------------------------------------------

    def _check(self, *, document: bool = True) -> None:
        """Stop on a refusal, a crashed tab, or (``document``) another main document."""
        self.gate.raise_if_tripped()
        if self.watch.crashed:
            raise CaptureError(
                "The page crashed the browser tab while it was being captured; nothing was saved."
            )
        if document and self.baseline is not None:
            try:
                current = _dom.main_loader_id(self.cdp)
            except PlaywrightError as exc:
                raise during_capture(exc) from exc
            if current != self.baseline:
                raise PageChangedError(PAGE_CHANGED)

    def _say(self, step: str, part: int = 0, of: int = 0) -> None:
        """Tell the caller which step starts (``Progress``); it may stop the capture here."""
        if self.progress is not None:
            self.progress(step, part, of)

    def _step(self, fn, *args):
        started = time.monotonic()
        try:
            return fn(*args)
        except PlaywrightError as exc:
            self.gate.raise_if_tripped()
            if self.watch.crashed:
                raise CaptureError(
                    "The page crashed the browser tab while it was being captured; nothing was saved."
                ) from exc
            if self.baseline is not None:
                try:
                    changed = _dom.main_loader_id(self.cdp) != self.baseline
                except PlaywrightError:
                    changed = False
                if changed:
                    raise PageChangedError(PAGE_CHANGED) from exc
            raise during_capture(exc) from exc
        finally:
            name = getattr(fn, "__name__", "step")
            timings = self.record.timings
            timings[name] = round(timings.get(name, 0) + time.monotonic() - started, 3)

    # --- safeguarding steps -----------------------------------------------------------

    def _current_documents(self) -> list:
        """The response of the document each live frame shows now (older ones are gone)."""
        latest: dict = {}
        for response in list(self.watch.documents):
            try:
                frame = response.frame
                if frame.is_detached() or _bare(frame.url) != _bare(response.url):
                    continue
            except PlaywrightError:
                continue
            latest[frame] = response
        return list(latest.values())

    def _inspect_documents(self) -> None:
        for response in self._current_documents():
            content_type = response.headers.get("content-type")
            if is_html(content_type) or 300 <= response.status < 400 or response.status == 204:
                continue
            try:
                body = response.body()
            except PlaywrightError as exc:
                self.gate.unreadable(kind="response", url=response.url, reason=str(exc).splitlines()[0][:200])
                continue
            if body:
                self.gate.inspect(kind="response", url=response.url, body=body, content_type=content_type)
            self.gate.raise_if_tripped()
            if response is self.watch.main_response:
                kind = (content_type or "unknown type").split(";")[0]
                self.record.notes.append(
                    f"This address is a file ({kind}) rather than a web page; it was captured as "
                    "the browser displayed it."
                )

    def _inspect_data_uris(self, uris: list[str], unreadable_frames: int) -> None:
        """Every data: image the frames showed (read with the ready step, ``wait_ready``)."""
        for _ in range(unreadable_frames):
            self.gate.unreadable(kind="data-uri", url=self.page.url, reason="a frame could not be read")
        self.gate.inspect_data_uris(uris)
