# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A page of many small pictures (a comment thread's avatars) served from 127.0.0.1 the way a
small real server would: socketserver's default listen backlog of 5, one connection per
request (HTTP/1.0), and, for the flaky variant, pictures whose connection is reset, cut
short, never answered or answered with something that is not a picture.

Each picture is a solid colour square at a known place in the page, so a test can tell from
the screenshot's pixels which pictures were drawn, and from the MHTML which were archived.
Handlers that never answer wait on a ``threading.Event`` the fixture sets at teardown;
nothing here sleeps.
"""

from __future__ import annotations

import email
import functools
import email.policy
import io
import socket
import struct
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image
from PIL.PngImagePlugin import PngInfo

CELL = 24
SIDE = 20
COLUMNS = 20

#: What the flaky server does for a picture (see ``flaky_plan``).
GOOD, RESET, RESET_ONCE, TRUNCATED, CUT_SHORT, NO_ANSWER, NOT_A_PICTURE = (
    "good", "reset", "reset-once", "truncated", "cut-short", "no-answer", "not-a-picture",
)
BAD_KINDS = (RESET, TRUNCATED, CUT_SHORT, NO_ANSWER, NOT_A_PICTURE)


def colour(i: int) -> tuple[int, int, int]:
    """Distinct colours for up to 432 pictures, none of them white or near the page's."""
    return (30 + (i % 6) * 40, 30 + ((i // 6) % 6) * 40, 20 + (i // 36) * 19)


def marker(i: int) -> bytes:
    """Text carried in the first half of picture ``i``'s file, unique to it."""
    return f"busy{i:03d}".encode()


@functools.lru_cache(maxsize=1024)
def picture(i: int, pad: int = 0) -> bytes:
    """Picture ``i``; ``pad`` bytes of text in the file make it as heavy as a real avatar."""
    info = PngInfo()
    info.add_text("Comment", marker(i).decode())  # written before the pixels
    if pad:
        info.add_text("Padding", "".join(chr(33 + (i * 7 + k * 13) % 90) for k in range(pad)))
    out = io.BytesIO()
    Image.new("RGB", (SIDE, SIDE), colour(i)).save(out, "PNG", pnginfo=info)
    body = out.getvalue()
    assert marker(i) in body[: len(body) // 2]
    return body


def position(i: int) -> tuple[int, int]:
    """Top-left corner of picture ``i`` in CSS pixels."""
    return (i % COLUMNS) * CELL, (i // COLUMNS) * CELL


def page_html(count: int, prefix: str = "/pic") -> bytes:
    cells = "".join(
        f'<img src="{prefix}/{i}.png" style="left:{position(i)[0]}px;top:{position(i)[1]}px" alt="">'
        for i in range(count)
    )
    return (
        "<!DOCTYPE html><html><head><title>Comments</title><style>"
        f"body{{margin:0;background:#fff}} img{{position:absolute;width:{SIDE}px;height:{SIDE}px}}"
        f"</style></head><body>{cells}</body></html>"
    ).encode()


def flaky_plan(count: int) -> list[str]:
    """Mostly good pictures; every 10th is bad in one of five ways, and some are reset once."""
    plan = []
    for i in range(count):
        if i % 10 == 7:
            plan.append(BAD_KINDS[(i // 10) % len(BAD_KINDS)])
        elif i % 10 == 3:
            plan.append(RESET_ONCE)
        else:
            plan.append(GOOD)
    # At most a few pictures that never answer: like Chromium, six connections per host are
    # allowed, and a page whose every connection hangs has nothing left to load with.
    seen = 0
    for i, kind in enumerate(plan):
        if kind == NO_ANSWER:
            seen += 1
            if seen > 2:
                plan[i] = RESET
    return plan


@dataclass
class BusySite:
    count: int
    plan: list[str]
    pad: int = 0
    server: ThreadingHTTPServer | None = None
    release: threading.Event = field(default_factory=threading.Event)
    attempts: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def bad(self) -> list[int]:
        return [i for i, kind in enumerate(self.plan) if kind in BAD_KINDS]

    def good(self) -> list[int]:
        return [i for i, kind in enumerate(self.plan) if kind not in BAD_KINDS]


class _Discard(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        return len(data)


def _handler(site: BusySite):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            if self.path.startswith("/page"):
                return self._send(200, "text/html; charset=utf-8", page_html(site.count))
            if not self.path.startswith("/pic/"):
                return self._send(404, "text/plain", b"not found")
            i = int(self.path[len("/pic/"):].split(".")[0])
            with site.lock:
                site.attempts[i] += 1
                attempt = site.attempts[i]
            kind = site.plan[i]
            body = picture(i, site.pad)
            if kind == RESET or (kind == RESET_ONCE and attempt == 1):
                return self._reset()
            if kind == TRUNCATED:  # promises the whole picture, sends half, drops the line
                self._head(200, "image/png", {"Content-Length": str(len(body))})
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                return self._reset()
            if kind == CUT_SHORT:  # no length promised: half a picture looks complete
                self._head(200, "image/png", {"Connection": "close"})
                self.wfile.write(body[: len(body) // 2])
                return None
            if kind == NO_ANSWER:
                site.release.wait()
                return self._reset()
            if kind == NOT_A_PICTURE:
                return self._send(200, "image/png", b"<html><body>Service unavailable</body></html>")
            return self._send(200, "image/png", body)

        def _head(self, status: int, ctype: str, headers: dict) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Cache-Control", "no-store")
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()

        def _send(self, status: int, ctype: str, body: bytes) -> None:
            self._head(status, ctype, {"Content-Length": str(len(body))})
            self.wfile.write(body)

        def _reset(self) -> None:
            """Close with a TCP reset (SO_LINGER 0), as a crashed or overloaded server does."""
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.wfile = _Discard()

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client that gave up (broken pipe, reset) is what this server is for; other
        errors are printed as usual."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def start(count: int, plan: list[str] | None = None, pad: int = 0) -> BusySite:
    """Serve ``count`` pictures on socketserver's default backlog (``request_queue_size`` 5)."""
    site = BusySite(count=count, plan=plan or [GOOD] * count, pad=pad)
    server = _Server(("127.0.0.1", 0), _handler(site))
    assert server.request_queue_size == 5  # socketserver's default listen backlog
    for i in range(count):  # made before serving, as files on a real server are
        picture(i, pad)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site.server = server
    return site


def stop(site: BusySite) -> None:
    site.release.set()
    site.server.shutdown()
    site.server.server_close()


def drawn(png: bytes, count: int) -> set[int]:
    """Pictures whose colour fills the middle of their square in the screenshot."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    found = set()
    for i in range(count):
        x, y = position(i)
        if image.getpixel((x + SIDE // 2, y + SIDE // 2)) == colour(i):
            found.add(i)
    return found


def archived(mhtml: bytes, base: str) -> dict[int, bytes]:
    """Picture number -> the body the MHTML archive holds for it."""
    message = email.message_from_bytes(mhtml, policy=email.policy.compat32)
    out = {}
    for part in message.walk():
        location = str(part.get("Content-Location", ""))
        if location.startswith(base + "/pic/"):
            out[int(location.rsplit("/", 1)[1].split(".")[0])] = part.get_payload(decode=True) or b""
    return out
