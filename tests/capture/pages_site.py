# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A small real HTTP server on 127.0.0.1 serving pages a test puts in a dict, and what it was asked.

For the speed-path, quality and re-capture tests: each test sets the pages it needs (they can
be changed between two captures, as a real site changes), and reads ``hits`` to see which
pictures the browser (or the guard's fetch) really asked for.
"""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image


def solid_png(colour: tuple[int, int, int], size: tuple[int, int] = (120, 80)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


class PagesSite:
    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, str, bytes]] = {}
        self.hits: list[str] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                with site._lock:
                    site.hits.append(path)
                    status, ctype, body = site.pages.get(path, (404, "text/html", b"<title>Not found</title>"
                                                                b"<h1>Page not found</h1>"))
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", body.decode())
                    body = b""
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

        class Server(ThreadingHTTPServer):
            request_queue_size = 128
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def html(self, path: str, body: str, status: int = 200) -> str:
        with self._lock:
            self.pages[path] = (status, "text/html; charset=utf-8", body.encode())
        return self.base + path

    def redirect(self, path: str, to: str) -> None:
        with self._lock:
            self.pages[path] = (302, "text/plain", to.encode())

    def png(self, path: str, body: bytes) -> None:
        with self._lock:
            self.pages[path] = (200, "image/png", body)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
