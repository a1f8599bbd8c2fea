# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The safeguarding gate: every image and media body reaches the Inspector before it renders.

How each kind of content reaches the Inspector:

* Network bodies: a route on the whole browser context. Images, media, fetch/XHR and
  "other" requests are fetched by Playwright on the browser's behalf (redirects followed
  there, so a redirect cannot lead the browser to an unfetched body), inspected, and only
  then handed to the browser with ``route.fulfill``. Documents, scripts, style sheets and
  fonts go to the network directly, so the main page keeps its own TLS and server details.
* Documents that are not HTML (an image or PDF opened directly, also in a frame) are read
  back and inspected after they load, before any artefact is made (headless: never shown).
* ``data:`` images inside the page (img, srcset, CSS backgrounds, in every frame), every
  non-HTML part of the MHTML archive, and the finished artefacts.

Route handlers run on the Playwright thread while it waits for something else, so they
never raise: a refusal is recorded, the request is aborted, and the capture checks the gate
after every step (``raise_if_tripped``) and stops with nothing kept.

Only a match refuses the whole capture. A picture that cannot be fetched, handed over or
checked (the Inspector raises ``UncheckableBlock``) is kept out of the page instead: a network
picture is never delivered to the browser, an inline ``data:`` picture is removed from the
page before anything is made (``_keep_out``), and each is listed as a capture warning
(``left_out``). What cannot be kept out that way (a frame that cannot be read, a part of the
finished archive, the artefacts themselves) still refuses the capture.
"""

from __future__ import annotations

import email
import email.policy
import time
import traceback

from playwright.sync_api import Error as PlaywrightError

from evidence_vault.errors import SafeguardingBlock, UncheckableBlock

from ._fetch_queue import RETRIES, FetchQueue, is_dropped_connection
from ._inline_media import decode_data_uri, inline_data_uris, needs_inspection
from ._types import Inspector

#: Resource types the browser may load directly: they cannot paint an image by themselves.
DIRECT_TYPES = frozenset(
    {"document", "script", "stylesheet", "font", "eventsource", "websocket", "manifest"}
)
#: Document types that are web pages; any other document body is inspected.
HTML_TYPES = ("text/html", "application/xhtml+xml")
_HOP_HEADERS = ("content-encoding", "content-length", "transfer-encoding", "connection")


class Gate:
    """Holds the Inspector for one browser context and remembers the first refusal."""

    def __init__(self, inspector: Inspector, *, fetch_timeout_s: float) -> None:
        self.inspector = inspector
        self.fetch_timeout_ms = max(1000.0, fetch_timeout_s * 1000)
        self.block: SafeguardingBlock | None = None
        self.error: BaseException | None = None
        self.failed: list[dict] = []
        self.unreadable_notes: list[str] = []
        self.inspected = 0
        self.inspector_s = 0.0
        self.queue = FetchQueue()
        #: Pictures kept out of the page: {"url", "reason"} (a data: URI cut to its type).
        self.left_out: list[dict] = []
        self._left_out_uris: dict[str, BaseException] = {}  # full data: URIs, memory only
        self._last_left_out: BaseException | None = None
        self.retried = 0
        #: No picture is fetched after this moment (time.monotonic()); None: no limit.
        self.deadline: float | None = None
        #: The page whose inline pictures may be removed; None: refuse instead.
        self.page = None

    # --- state -----------------------------------------------------------------------

    @property
    def tripped(self) -> bool:
        return self.block is not None or self.error is not None

    def raise_if_tripped(self) -> None:
        """Called by the pipeline between steps: a refusal anywhere stops the capture."""
        if self.block is not None:
            raise self.block
        if self.error is not None:
            raise self.error

    def reset(self) -> None:
        self.block = None
        self.error = None
        self.failed.clear()
        self.unreadable_notes.clear()
        self.left_out.clear()
        self._left_out_uris.clear()

    def _record(self, exc: BaseException) -> None:
        # The traceback's finished frames hold the refused body; let it go now.
        traceback.clear_frames(exc.__traceback__)
        if isinstance(exc, SafeguardingBlock):
            if self.block is None:
                self.block = exc
        elif self.error is None:
            self.error = exc

    # --- calls into the Inspector ------------------------------------------------------

    def inspect(self, *, kind: str, url: str, body: bytes, content_type: str | None,
                excludable: bool = False, pixels=None) -> bool:
        """Inspect now; True if the body may be kept. A refusal is recorded (and re-raised by
        ``raise_if_tripped``); with ``excludable`` an uncheckable body is left out instead.

        ``pixels``: for a PNG we encoded ourselves (the stitched screenshot), its decoded RGB
        pixels; an inspector that offers ``inspect_picture`` hashes them instead of decoding
        the PNG again (0.7 s on a 60,000 px page). Any other inspector gets ``inspect``.
        """
        started = time.monotonic()
        try:
            if kind != "artefact":  # the metadata counts the bodies checked before the artefacts
                self.inspected += 1
            inspect_picture = getattr(self.inspector, "inspect_picture", None)
            if pixels is not None and inspect_picture is not None:
                inspect_picture(kind=kind, url=url, body=body, content_type=content_type, pixels=pixels)
            else:
                self.inspector.inspect(kind=kind, url=url, body=body, content_type=content_type)
            return True
        except UncheckableBlock as exc:
            if not excludable:
                self._record(exc)
            else:
                self._leave_out(url, exc)
            return False
        except Exception as exc:  # noqa: BLE001 - recorded, re-raised by the pipeline
            self._record(exc)
            return False
        finally:
            self.inspector_s += time.monotonic() - started

    def unreadable(self, *, kind: str, url: str, reason: str, excludable: bool = False) -> None:
        method = getattr(self.inspector, "unreadable", None)
        try:
            if method is None:
                Inspector.unreadable(self.inspector, kind=kind, url=url, reason=reason)
            else:
                method(kind=kind, url=url, reason=reason)
            # An Inspector that lets it through: say so in the capture's notes.
            self.unreadable_notes.append(f"{kind} {url[:200]}: {reason}")
        except UncheckableBlock as exc:
            if not excludable:
                self._record(exc)
            else:
                self._leave_out(url, exc)
        except Exception as exc:  # noqa: BLE001
            self._record(exc)

    def _leave_out(self, url: str, exc: BaseException) -> None:
        traceback.clear_frames(exc.__traceback__)
        reason = getattr(exc, "reason", None) or "it could not be checked"
        self.left_out.append({"url": shown_url(url), "reason": str(reason)[:200]})
        self._last_left_out = exc

    # --- the route handler ---------------------------------------------------------

    def handle_route(self, route) -> None:
        """Context-wide route: never raises (it runs inside Playwright's dispatcher)."""
        try:
            request = route.request
            if self.tripped:
                _quietly(route.abort, "blockedbyclient")
            elif request.resource_type in DIRECT_TYPES:
                try:
                    route.continue_()
                except PlaywrightError:
                    pass  # the page went away; nothing to deliver
            else:
                self.queue.submit(route, self._serve)
        except Exception as exc:  # noqa: BLE001
            if not _is_closed(exc):
                self._record(exc)
            _quietly(route.abort, "blockedbyclient")
        if self.tripped:
            for waiting in self.queue.drain():
                _quietly(waiting.abort, "blockedbyclient")

    def _serve(self, route) -> None:
        """Fetch, inspect and deliver one picture (or other body); never raises."""
        try:
            self._serve_one(route)
        except Exception as exc:  # noqa: BLE001
            if not _is_closed(exc):
                self._record(exc)
            _quietly(route.abort, "blockedbyclient")

    def _serve_one(self, route) -> None:
        if self.tripped:
            _quietly(route.abort, "blockedbyclient")
            return
        response = self._fetch(route)
        if response is None:
            return
        try:
            body = response.body()
        except PlaywrightError as exc:
            _quietly(route.abort, "failed")
            self.unreadable(kind="response", url=response.url, reason=_first_line(exc), excludable=True)
            return
        allowed = self.inspect(
            kind="response", url=response.url, body=body,
            content_type=response.headers.get("content-type"), excludable=True,
        )
        if not allowed or self.tripped:
            _quietly(route.abort, "blockedbyclient")
            return
        headers = {
            k: v for k, v in response.headers.items() if k.lower() not in _HOP_HEADERS
        }
        try:
            route.fulfill(status=response.status, headers=headers, body=body)
        except PlaywrightError:
            pass  # the page went away meanwhile

    def _fetch(self, route):
        """``route.fetch`` within the capture's time, again if the connection was dropped."""
        request = route.request
        for attempt in range(RETRIES + 1):
            timeout_ms = self.fetch_timeout_ms
            if self.deadline is not None:
                timeout_ms = min(timeout_ms, (self.deadline - time.monotonic()) * 1000)
            if timeout_ms < 1:
                error = "the capture's time limit was reached before it could be fetched"
                break
            try:
                return route.fetch(timeout=max(1000.0, timeout_ms))
            except PlaywrightError as exc:
                error = _first_line(exc)
                if attempt == RETRIES or self.tripped or not is_dropped_connection(error):
                    break
                self.retried += 1
        # Nothing was received, so nothing can render; the page just lacks this resource.
        self.failed.append({"url": request.url[:500], "error": error})
        _quietly(route.abort, "failed")
        return None

    def notes(self) -> list[str]:
        """What the user should know about pictures left out (for the capture's notes)."""
        if not self.left_out:
            return []
        named = ", ".join(item["url"][:120] for item in self.left_out[:5])
        more = f" and {len(self.left_out) - 5} more" if len(self.left_out) > 5 else ""
        return [
            f"{len(self.left_out)} picture(s) could not be checked by the safeguarding filter, so "
            f"they were left out of this capture (not in the screenshot or the page archive): "
            f"{named}{more}. They are listed under left_out."
        ]

    # --- after load ------------------------------------------------------------------

    def inspect_data_uris(self, uris: list[str]) -> int:
        """Decode and inspect every distinct ``data:`` URI collected from the page's DOM.

        With the page known (``self.page``), an uncheckable one is removed from the page
        (every frame) and left out; otherwise, or if removing it fails, the capture is refused.
        """
        excludable = self.page is not None
        before = len(self.left_out)
        count = self._inspect_uris(uris, excludable=excludable)
        if excludable and len(self.left_out) > before and not self.tripped:
            from ._keep_out import remove_data_uris  # noqa: PLC0415 - only when needed

            remove_data_uris(self.page, self._left_out_uris, self._record)
        return count

    def _inspect_uris(self, uris: list[str], *, excludable: bool) -> int:
        count = 0
        for uri in dict.fromkeys(uris):
            count += 1
            before = len(self.left_out)
            try:
                content_type, body = decode_data_uri(uri)
            except ValueError as exc:
                self.unreadable(kind="data-uri", url=uri[:100], reason=str(exc), excludable=excludable)
            else:
                self.inspect(kind="data-uri", url=uri[:100], body=body, content_type=content_type,
                             excludable=excludable)
            if len(self.left_out) > before:
                self._left_out_uris[uri] = self._last_left_out
            if self.tripped:
                break
        return count

    def inspect_mhtml(self, mhtml: bytes) -> int:
        """Inspect every non-page part of the archive, and images inlined in its text parts."""
        try:
            message = email.message_from_bytes(mhtml, policy=email.policy.compat32)
        except Exception as exc:  # noqa: BLE001 - the email parser raises many types
            self.unreadable(kind="mhtml-part", url="page.mhtml", reason=f"unparsable: {exc}")
            return 0
        count = 0
        for part in message.walk():
            if part.is_multipart():
                continue
            content_type = part.get_content_type()
            url = str(part.get("Content-Location", ""))
            try:
                body = part.get_payload(decode=True) or b""
            except Exception as exc:  # noqa: BLE001
                self.unreadable(kind="mhtml-part", url=url, reason=str(exc))
                continue
            if content_type in HTML_TYPES or content_type == "text/css":
                inline = inline_data_uris(body)
                count += self._inspect_uris(inline, excludable=False)
            elif needs_inspection(content_type, body):
                count += 1
                self.inspect(kind="mhtml-part", url=url, body=body, content_type=content_type)
            if self.tripped:
                break
        return count


def gate_annotated(page, gate: Gate):
    """``page`` (a CapturedPage) with what the gate left out added to its notes and metadata,
    where the CLI and the app show every other capture warning."""
    notes = page.metadata.setdefault("notes", [])
    failed = page.metadata.setdefault("failed_requests", [])
    known = {item["url"] for item in failed}
    late = [url[:500] for url in dict.fromkeys(gate.queue.unfinished()) if url[:500] not in known]
    if late:
        failed.extend({"url": url, "error": "no answer before the capture was made"} for url in late)
        notes.append(f"{len(late)} picture(s) or other part(s) of the page had not arrived when the "
                     "capture was made; they are missing and listed under failed_requests.")
    notes.extend(gate.notes())
    page.metadata["left_out"] = list(gate.left_out)
    page.metadata["picture_fetching"] = {
        "retried_dropped_connections": gate.retried,
        "queued_for_a_free_connection": gate.queue.queued,
        "most_connections_to_one_host": gate.queue.peak_per_host,
    }
    return page


def shown_url(url: str) -> str:
    """An address as a warning may show it: a ``data:`` URI cut to its type (its payload
    is the picture), anything else cut to 300 printable characters."""
    if url[:5].lower() == "data:":
        media_type = url[5:].split(",", 1)[0].split(";", 1)[0][:100] or "unknown type"
        return f"data:{media_type} (picture inside the page)"
    return "".join(c for c in url if c.isprintable())[:300]


def is_html(content_type: str | None) -> bool:
    return (content_type or "").split(";", 1)[0].strip().lower() in HTML_TYPES


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]


def _is_closed(exc: BaseException) -> bool:
    text = str(exc)
    return "has been closed" in text or "Target closed" in text


def _quietly(fn, *args) -> None:
    try:
        fn(*args)
    except PlaywrightError:
        pass
