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
"""

from __future__ import annotations

import base64
import binascii
import email
import email.policy
import re
import time
import traceback
from urllib.parse import unquote_to_bytes

from playwright.sync_api import Error as PlaywrightError

from evidence_vault.errors import SafeguardingBlock

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

    def _record(self, exc: BaseException) -> None:
        # The traceback's finished frames hold the refused body; let it go now.
        traceback.clear_frames(exc.__traceback__)
        if isinstance(exc, SafeguardingBlock):
            if self.block is None:
                self.block = exc
        elif self.error is None:
            self.error = exc

    # --- calls into the Inspector ------------------------------------------------------

    def inspect(self, *, kind: str, url: str, body: bytes, content_type: str | None) -> None:
        """Inspect now; a refusal is recorded (and re-raised by ``raise_if_tripped``)."""
        started = time.monotonic()
        try:
            self.inspected += 1
            self.inspector.inspect(kind=kind, url=url, body=body, content_type=content_type)
        except Exception as exc:  # noqa: BLE001 - recorded, re-raised by the pipeline
            self._record(exc)
        finally:
            self.inspector_s += time.monotonic() - started

    def unreadable(self, *, kind: str, url: str, reason: str) -> None:
        self.unreadable_notes.append(f"{kind} {url[:200]}: {reason}")
        method = getattr(self.inspector, "unreadable", None)
        try:
            if method is None:
                Inspector.unreadable(self.inspector, kind=kind, url=url, reason=reason)
            else:
                method(kind=kind, url=url, reason=reason)
        except Exception as exc:  # noqa: BLE001
            self._record(exc)

    # --- the route handler ---------------------------------------------------------

    def handle_route(self, route) -> None:
        """Context-wide route: never raises (it runs inside Playwright's dispatcher)."""
        try:
            self._handle(route)
        except Exception as exc:  # noqa: BLE001
            if not _is_closed(exc):
                self._record(exc)
            _quietly(route.abort, "blockedbyclient")

    def _handle(self, route) -> None:
        request = route.request
        if self.tripped:
            _quietly(route.abort, "blockedbyclient")
            return
        if request.resource_type in DIRECT_TYPES:
            try:
                route.continue_()
            except PlaywrightError:
                pass  # the page went away; nothing to deliver
            return
        try:
            response = route.fetch(timeout=self.fetch_timeout_ms)
        except PlaywrightError as exc:
            # Nothing was received, so nothing can render; the page just lacks this resource.
            self.failed.append({"url": request.url[:500], "error": _first_line(exc)})
            _quietly(route.abort, "failed")
            return
        try:
            body = response.body()
        except PlaywrightError as exc:
            _quietly(route.abort, "failed")
            self.unreadable(kind="response", url=response.url, reason=_first_line(exc))
            return
        self.inspect(
            kind="response", url=response.url, body=body,
            content_type=response.headers.get("content-type"),
        )
        if self.tripped:
            _quietly(route.abort, "blockedbyclient")
            return
        headers = {
            k: v for k, v in response.headers.items() if k.lower() not in _HOP_HEADERS
        }
        try:
            route.fulfill(status=response.status, headers=headers, body=body)
        except PlaywrightError:
            pass  # the page went away meanwhile

    # --- after load ------------------------------------------------------------------

    def inspect_data_uris(self, uris: list[str]) -> int:
        """Decode and inspect every distinct ``data:`` URI collected from the DOM."""
        count = 0
        for uri in dict.fromkeys(uris):
            count += 1
            try:
                content_type, body = decode_data_uri(uri)
            except ValueError as exc:
                self.unreadable(kind="data-uri", url=uri[:100], reason=str(exc))
            else:
                self.inspect(kind="data-uri", url=uri[:100], body=body, content_type=content_type)
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
                inline = _inline_data_uris(body)
                count += self.inspect_data_uris(inline)
            elif _needs_inspection(content_type, body):
                count += 1
                self.inspect(kind="mhtml-part", url=url, body=body, content_type=content_type)
            if self.tripped:
                break
        return count


_DATA_IN_TEXT = re.compile(
    rb"data:(?:image|video|audio)/[a-zA-Z0-9.+-]+(?:;[a-zA-Z0-9=._-]+)*;base64,[A-Za-z0-9+/=\s]+"
)


def _inline_data_uris(text: bytes) -> list[str]:
    return [m.group(0).decode("ascii") for m in _DATA_IN_TEXT.finditer(text)]


_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"\x00\x00\x01\x00", b"RIFF")


def _needs_inspection(content_type: str, body: bytes) -> bool:
    """Media parts always; any other non-text part too, and anything that sniffs as an image."""
    main = content_type.split("/", 1)[0]
    if main in ("image", "video", "audio"):
        return True
    if body[:12].startswith(_IMAGE_MAGIC) or body[4:12] in (b"ftypavif", b"ftypheic"):
        return True
    return not (main == "text" or content_type in (
        "application/javascript", "application/json", "application/x-javascript",
        "application/ecmascript", "application/xml",
    ))


def decode_data_uri(uri: str) -> tuple[str | None, bytes]:
    """Decode ``data:[<media type>][;base64],<data>`` into (media type, bytes)."""
    if not uri[:5].lower() == "data:" or "," not in uri:
        raise ValueError("not a data: URI")
    header, _, payload = uri[5:].partition(",")
    params = [p.strip() for p in header.split(";")]
    media = params[0].lower() or "text/plain"
    if params[-1].lower() == "base64":
        cleaned = re.sub(r"\s+", "", unquote_to_bytes(payload).decode("ascii", "replace"))
        try:
            return media, base64.b64decode(cleaned + "=" * (-len(cleaned) % 4), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError("the inline image's base64 data is corrupt") from exc
    return media, unquote_to_bytes(payload)


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
