# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The redaction tests' page, served for real on 127.0.0.1: a pupil's name in the page text and
title, and a distinctive coloured block (the "face") at known CSS pixels.

The block's colour is one no other part of any bundle page uses, so "none of its pixels is
left" can be checked on every picture a PDF tool extracts."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
from PIL import Image

NAME = "Jane Pupil"
FACE_RGB = (255, 0, 200)
FACE_CSS = (200, 150, 120, 90)  # x, y, width, height in CSS pixels
PAGE = f"""<!doctype html><html><head><meta charset="utf-8"><title>Posts about {NAME}</title>
<style>body {{ margin: 0; background: #fff; font: 16px sans-serif; }}
#face {{ position: absolute; left: {FACE_CSS[0]}px; top: {FACE_CSS[1]}px; width: {FACE_CSS[2]}px;
height: {FACE_CSS[3]}px; background: rgb{FACE_RGB}; }}</style></head>
<body><p>Someone posted a photo of {NAME} and wrote about her teacher.</p><div id="face"></div>
<p style="margin-top:300px">Reply: leave {NAME.upper()} alone.</p></body></html>""".encode()


@dataclass
class FaceSite:
    url: str
    server: ThreadingHTTPServer


def start() -> FaceSite:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802 - the http.server name
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return FaceSite(f"http://127.0.0.1:{server.server_port}/post", server)


def face_pixels(path_or_image, tolerance: int = 12) -> int:
    """How many pixels of the picture are the face's colour (near enough for a resampled copy)."""
    image = path_or_image if isinstance(path_or_image, Image.Image) else Image.open(path_or_image)
    with image:
        rgb = np.asarray(image.convert("RGB"), dtype=np.int16)
    return int((np.abs(rgb - np.array(FACE_RGB, dtype=np.int16)).max(axis=2) <= tolerance).sum())


def face_box(png: bytes) -> tuple[int, int, int, int]:
    """The face's bounding box in the screen print's own pixels (X, Y, W, H)."""
    import io
    with Image.open(io.BytesIO(png)) as image:
        rgb = np.asarray(image.convert("RGB"), dtype=np.int16)
    mask = (rgb == np.array(FACE_RGB, dtype=np.int16)).all(axis=2)
    ys, xs = np.nonzero(mask)
    assert len(xs), "the face is not in the screen print"
    return int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)
