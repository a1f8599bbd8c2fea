"""The capture pipeline. Its order is written down here, once (and in docs/capture.md).

    load        navigate (commit within the budget), wait for ``load`` (bounded); at the
                deadline stop loading and capture what is there
    baseline    note the main document's identity (CDP loaderId)
    scroll      lazy-load pass, bounded; back to the top
    settle      network idle (up to 3 s after load, counted while the scroll pass runs, so
                the two quiet periods overlap); a page that grew meanwhile is scrolled again
    ready       images decoded, fonts ready (bounded)
    inspect     non-HTML documents (image/PDF opened directly), then every data: image
    screenshot  bands, stitched in memory
    mhtml       Page.captureSnapshot of the same document; every non-page part inspected
    text        document.body.innerText
    seal        metadata, SHA-256 of each artefact, artefacts inspected, finish time

Between every two steps ``_check`` stops the capture if the safeguarding gate refused
something, the tab crashed, or the main document changed (``PageChangedError``), so two
pages are never mixed and a refused image never reaches an artefact.
"""

from __future__ import annotations

import time
from http import HTTPStatus

from evidence_vault.errors import CaptureError, NavigationError, PageChangedError

from . import _dom, _metadata, _screenshot
from ._errors import PAGE_CHANGED, PlaywrightError, PlaywrightTimeoutError, during_capture, navigation_error
from ._guard import Gate, is_html
from ._types import CapturedPage, CaptureOptions

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


def navigate(page, url: str, options: CaptureOptions, gate: Gate) -> tuple[object, dict]:
    """Open ``url``; return the main response and how loading went.

    The network-idle settle is not waited for here: ``PageCapture`` waits for it after the
    lazy-scroll pass (``settle_until`` is its deadline), so that its quiet period and the
    scroll pass's wait at the bottom of the page run at the same time, not one after the other.
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
    timed_out = False
    network_idle = None
    try:
        remaining = budget_ms - (time.monotonic() - started) * 1000
        page.wait_for_load_state("load", timeout=max(1.0, remaining))
    except PlaywrightTimeoutError:
        timed_out = True
        try:
            page.evaluate("window.stop()")  # freeze the page as it is now
        except PlaywrightError as exc:
            raise during_capture(exc) from exc
    except PlaywrightError as exc:
        gate.raise_if_tripped()
        raise during_capture(exc) from exc
    now = time.monotonic()
    load = {
        "timed_out": timed_out,
        "waited_s": round(now - started, 3),
        "network_idle": network_idle,
    }
    if not timed_out:
        remaining_s = options.timeout_s - (now - started)
        load["settle_until"] = now + max(0.0, min(remaining_s, SETTLE_S))
    return response, load


def wait_network_idle(page, until: float) -> bool:
    """Whether the page's network has been idle (Playwright's 500 ms rule) by ``until``."""
    try:
        page.wait_for_load_state("networkidle", timeout=max(1.0, (until - time.monotonic()) * 1000))
        return True
    except PlaywrightTimeoutError:
        return False


class PageCapture:
    """The steps after loading, on one page whose main document must not change."""

    def __init__(self, *, page, cdp, gate: Gate, watch: PageWatch, options: CaptureOptions,
                 device: str | None, device_scale: float, browser: dict, started_at: str) -> None:
        self.page, self.cdp, self.gate, self.watch = page, cdp, gate, watch
        self.options, self.device, self.device_scale = options, device, device_scale
        self.browser, self.started_at = browser, started_at
        self.notes: list[str] = []
        self.timings: dict[str, float] = {}
        self.baseline: str | None = None

    def run(self, *, requested_url: str, response, load: dict) -> CapturedPage:
        o = self.options
        self.baseline = self._step(_dom.main_loader_id, self.cdp)
        self._check()
        scroll_started = time.monotonic()
        scroll = self._step(_screenshot.lazy_scroll, self.page, o, self.device_scale)
        self._check()
        settle_until = load.pop("settle_until", None)
        if settle_until is not None:
            load["network_idle"] = self._step(wait_network_idle, self.page, settle_until)
            self._check()
            scroll = self._scroll_again_if_grown(scroll, o.lazy_scroll_budget_s - (time.monotonic() - scroll_started))
        ready = self._step(_screenshot.wait_ready, self.page, min(10.0, o.timeout_s))
        self._check()
        self._inspect_documents()
        self._inspect_data_uris()
        self._check()
        height_before = self._step(_screenshot.page_dimensions, self.page)["height"]
        # The bands are stitched and encoded on a helper thread while the steps below run.
        stitched, shot = self._step(_screenshot.capture_bands, self.page, o, self.device_scale, o.timeout_s)
        height_after = self._step(_screenshot.page_dimensions, self.page)["height"]
        self._check()
        snapshot = self._step(self.cdp.send, "Page.captureSnapshot", {"format": "mhtml"})
        mhtml = snapshot["data"].encode("utf-8")
        del snapshot
        self.gate.inspect_mhtml(mhtml)
        self._check()
        text = self._step(_dom.visible_text, self.page)
        title = self._step(self.page.title)
        user_agent = self._step(self.page.evaluate, "navigator.userAgent")
        viewport = self._step(self.page.evaluate, "({width: innerWidth, height: innerHeight})")
        final_url = self.page.url
        self._check()
        png = self._step(_screenshot.finish_png, stitched)
        finished_at = _metadata.utc_now_iso()
        text_bytes = text.encode("utf-8")
        self._notes(response, load, scroll, ready, shot, height_before, height_after, final_url)
        server_ip, server_port = _metadata.server_address(response) if response else (None, None)
        metadata = {
            "requested_url": requested_url,
            "final_url": final_url,
            "redirect_chain": _metadata.redirect_chain(response) if response else [],
            "http_status": response.status if response else None,
            "response_headers": response.all_headers() if response else {},
            "server_ip": server_ip,
            "server_port": server_port,
            "tls": _metadata.tls_details(response) if response else None,
            "title": title,
            "capture_started_at": self.started_at,
            "capture_finished_at": finished_at,
            "local_timezone": _metadata.local_timezone(),
            "clock_source": _metadata.CLOCK_SOURCE,
            "browser": self.browser,
            "user_agent": user_agent,
            "viewport": viewport,
            "device_scale_factor": self.device_scale,
            "device": self.device,
            "screenshot": shot,
            "load": load,
            "lazy_scroll": scroll,
            "dialogs": list(self.watch.dialogs),
            "downloads_blocked": list(self.watch.downloads),
            "failed_requests": list(self.gate.failed),
            "safeguarding": {"bodies_inspected": self.gate.inspected},
            "notes": self.notes,
            "step_timings_s": self.timings,
            "capture_tool": _metadata.capture_tool(),
            "sha256": {
                "screenshot.png": _metadata.sha256_hex(png),
                "page.mhtml": _metadata.sha256_hex(mhtml),
                "text.txt": _metadata.sha256_hex(text_bytes),
            },
        }
        for name, data, content_type in (
            ("screenshot.png", png, "image/png"),
            ("page.mhtml", mhtml, "multipart/related"),
            ("text.txt", text_bytes, "text/plain; charset=utf-8"),
        ):
            self.gate.inspect(kind="artefact", url=name, body=data, content_type=content_type)
            self.gate.raise_if_tripped()
        return CapturedPage(screenshot_png=png, mhtml=mhtml, text=text, metadata=metadata)

    def _scroll_again_if_grown(self, scroll: dict, budget_s: float) -> dict:
        """Content that arrived after the scroll pass (before the network went idle) and made
        the page taller gets its own pass, within what is left of the scroll budget."""
        if scroll.get("skipped") or scroll.get("stuck") or scroll.get("stoppedAtMax") or budget_s < 0.5:
            return scroll
        height = self._step(_screenshot.page_dimensions, self.page)["height"]
        if height <= scroll.get("finalHeight", height) + 1:
            return scroll
        again = self._step(_screenshot.lazy_scroll, self.page, self.options, self.device_scale, budget_s)
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

    def _check(self) -> None:
        self.gate.raise_if_tripped()
        if self.watch.crashed:
            raise CaptureError(
                "The page crashed the browser tab while it was being captured; nothing was saved."
            )
        if self.baseline is not None:
            try:
                current = _dom.main_loader_id(self.cdp)
            except PlaywrightError as exc:
                raise during_capture(exc) from exc
            if current != self.baseline:
                raise PageChangedError(PAGE_CHANGED)

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
            self.timings[name] = round(self.timings.get(name, 0) + time.monotonic() - started, 3)

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
                self.notes.append(
                    f"This address is a file ({kind}) rather than a web page; it was captured as "
                    "the browser displayed it."
                )

    def _inspect_data_uris(self) -> None:
        uris, unreadable_frames = self._step(_dom.collect_data_uris, self.page)
        for _ in range(unreadable_frames):
            self.gate.unreadable(kind="data-uri", url=self.page.url, reason="a frame could not be read")
        self.gate.inspect_data_uris(uris)

    # --- what the user should know -----------------------------------------------------

    def _notes(self, response, load, scroll, ready, shot, height_before, height_after, final_url) -> None:
        add = self.notes.append
        if load.get("timed_out"):
            add(f"The page had not finished loading after {self.options.timeout_s:g} seconds; "
                "loading was stopped and the page was captured as it was at that moment.")
        if response is not None and response.status >= 400:
            try:
                phrase = HTTPStatus(response.status).phrase
            except ValueError:
                phrase = "error"
            add(f"The website answered with HTTP status {response.status} ({phrase}); the capture "
                "shows the page the server sent with that status.")
        if response is None:
            add("The network details of this page were not available (it may have been restored "
                "from the browser's history), so server, certificate and headers are missing.")
        elif _bare(final_url) != _bare(response.url):
            add(f"The page changed its own address to {final_url[:300]} without loading a new page.")
        if shot["truncated"]:
            add(f"The page is {shot['full_height_px']} pixels tall; the screenshot was cut at "
                f"{shot['height_px']} pixels. The text and the MHTML archive contain the whole page.")
        if shot["width_truncated"]:
            add("The page is wider than the screenshot; its right-hand part was cut off.")
        if not scroll.get("skipped"):
            limit = f"{self.options.lazy_scroll_budget_s:g}-second"
            if scroll.get("stuck"):
                add("The page does not scroll normally (it may use its own scrolling area); parts "
                    "further down may be missing from the screenshot.")
            elif not scroll.get("endReached") and scroll.get("finalHeight", 0) > scroll.get("startHeight", 0):
                where = ("at the maximum screenshot height" if scroll.get("stoppedAtMax")
                         else f"at the {limit} scrolling limit")
                add("The page kept loading more content while it was scrolled (an endless feed); "
                    f"scrolling stopped {where}, so later content is not included.")
            elif not scroll.get("endReached") and scroll.get("budgetExhausted"):
                add(f"Scrolling through the page took longer than the {limit} limit; images "
                    "that load only when scrolled to may be missing further down.")
        if ready.get("incomplete"):
            add(f"{ready['incomplete']} image(s) had not finished loading when the screenshot was taken.")
        if ready.get("timed_out"):
            add("Some images or fonts were still being prepared when the screenshot was taken.")
        if abs(height_after - height_before) > 1:
            add(f"The page changed its height while it was photographed ({height_before} to "
                f"{height_after} CSS pixels); the screenshot may show a seam.")
        if self.gate.failed:
            add(f"{len(self.gate.failed)} part(s) of the page (images or data) failed to load and "
                "are missing; they are listed under failed_requests.")
        if self.watch.dialogs:
            add(f"The page showed {len(self.watch.dialogs)} pop-up message(s); they were dismissed "
                "automatically and are listed under dialogs.")
        if self.watch.downloads:
            add("The page tried to start a file download; it was blocked and nothing was saved.")
        if self.gate.unreadable_notes:
            add(f"{len(self.gate.unreadable_notes)} item(s) could not be read for the safeguarding check.")
