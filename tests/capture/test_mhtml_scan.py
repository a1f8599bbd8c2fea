# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The real guard on real Chromium archives (issue 11, item 0).

Chromium writes the page into ``page.mhtml`` as quoted-printable, so the soft line breaks
fall inside the ``data:`` pictures; the guard used to read the raw text and refuse a real
news page as "could not check". Here pictures of many sizes sit in HTML, inline styles,
style sheets and SVG: the capture must pass, a listed one among them must still be refused,
and an inline picture that cannot be checked is removed from the page and named, not a
reason to lose the whole page.
"""

from __future__ import annotations

import base64
import email
import email.policy
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import io

import numpy as np
import pytest
from PIL import Image

from evidence_vault.capture import CaptureOptions
from evidence_vault.capture._screenshot import MAX_SCREENSHOT_PIXELS
from evidence_vault.safeguarding import MAX_PIXELS, BlockedImage, HashList, ImageGuard, Matcher, image_hashes

pytestmark = pytest.mark.browser

SIDES = (1, 3, 8, 27, 64, 150)


def smooth_image(seed: int, size: tuple[int, int] = (640, 480), grid: tuple[int, int] = (24, 32)) -> Image.Image:
    """A random smooth picture (as tests/safeguarding/synthetic_images.py makes them)."""
    cells = (np.random.default_rng(seed).random(grid + (3,)) * 255).astype(np.uint8)
    return Image.fromarray(cells).resize(size, Image.Resampling.BICUBIC)


def encode(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()

LISTED_PNG = encode(smooth_image(4242, size=(120, 90)))


def _uri(data: bytes, media_type: str) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode()}"


def _pictures() -> list[tuple[str, bytes]]:
    out = []
    for side in SIDES:
        picture = smooth_image(side, size=(side, side), grid=(1 + side // 8, 1 + side // 8))
        out += [("image/png", encode(picture)), ("image/jpeg", encode(picture, "JPEG", quality=85))]
    return out


def _svg(uri: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="30" height="30">'
            f'<image href="{uri}" width="30" height="30"/></svg>')


def _page(pictures: list[tuple[str, bytes]]) -> dict[str, tuple[str, bytes]]:
    rows, css = [], []
    for n, (media_type, data) in enumerate(pictures):
        uri = _uri(data, media_type)
        for shift in range(0, 76, 19):  # the same picture at several line offsets
            pad = "p" * ((shift + 5 * n) % 76)
            rows.append(f'<div>{pad}<img src="{uri}" width="30" height="30"></div>')
            rows.append(f'<div style="width:30px;height:30px;background-image:url(&quot;{uri}&quot;)">{pad}</div>')
            rows.append(f"<div>{pad}{_svg(uri)}</div>")
        css.append(f".c{n} {{ width: 30px; height: 30px; background: url({uri}) }}")
        rows.append(f'<div class="c{n}"></div><img src="/picture{n}.svg" width="30" height="30">')
    html = ("<!DOCTYPE html><html><head><title>Inline pictures</title>"
            f'<link rel="stylesheet" href="/style.css"><style>{css[0]}</style></head>'
            f"<body>{''.join(rows)}</body></html>")
    files = {"/page": ("text/html; charset=utf-8", html.encode()),
             "/style.css": ("text/css", "\n".join(css).encode())}
    for n, (media_type, data) in enumerate(pictures):
        files[f"/picture{n}.svg"] = ("image/svg+xml", _svg(_uri(data, media_type)).encode())
    return files


@pytest.fixture
def serve():
    servers = []

    def start(files: dict[str, tuple[str, bytes]]) -> str:
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                ctype, body = files.get(self.path, ("text/plain", b"not found"))
                self.send_response(200 if self.path in files else 404)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _guard() -> ImageGuard:
    listed = image_hashes(LISTED_PNG)
    hash_list = HashList(
        name="Synthetic list",
        entries={"md5": frozenset(), "sha1": frozenset(), "sha256": frozenset({bytes.fromhex(listed.sha256)}),
                 "pdq": frozenset({bytes.fromhex(listed.pdq)})},
        source_sha256="0" * 64,
    )
    return ImageGuard(Matcher([hash_list]))


def _html_part(mhtml: bytes) -> bytes:
    message = email.message_from_bytes(mhtml, policy=email.policy.compat32)
    return next(p.get_payload(decode=True) for p in message.walk() if p.get_content_type() == "text/html")


def test_inline_pictures_of_every_size_pass_the_real_guard(worker, serve):
    base = serve(_page(_pictures()))
    guard = _guard()
    page = worker.capture(base + "/page", CaptureOptions(lazy_scroll_budget_s=2), inspector=guard)
    assert b"=\r\n" in page.mhtml and b"base64," in page.mhtml  # QP lines cut through the URIs
    assert page.metadata["left_out"] == [] and page.metadata["failed_requests"] == []
    assert guard.record()["embedded_checked"] >= 3 * len(_pictures())


@pytest.mark.parametrize("where", ["img", "style", "svg", "css", "svg-file"])
def test_a_listed_inline_picture_is_still_refused(worker, serve, where):
    files = _page([("image/png", LISTED_PNG)])
    page, css = files["/page"][1].decode(), files["/style.css"][1].decode()
    clean = _uri(encode(smooth_image(7, size=(20, 20))), "image/png")
    listed = _uri(LISTED_PNG, "image/png")
    if where != "css":  # the listed picture stays only where this case puts it
        css = css.replace(listed, clean)
        page = page.replace(f"<style>.c0 {{ width: 30px; height: 30px; background: url({listed}) }}</style>", "")
    if where != "svg-file":
        files["/picture0.svg"] = ("image/svg+xml", files["/picture0.svg"][1].replace(listed.encode(), clean.encode()))
    keep = {"img": "<img src=\"data:", "style": "&quot;data:", "svg": "<svg", "css": None, "svg-file": None}[where]
    rows = page.split("<div")
    page = rows[0] + "".join("<div" + r if (keep and keep in r) or listed not in r else "<div" + r.replace(listed, clean)
                             for r in rows[1:])
    files["/page"] = (files["/page"][0], page.encode())
    files["/style.css"] = ("text/css", css.encode())
    with pytest.raises(BlockedImage):
        worker.capture(serve(files) + "/page", CaptureOptions(lazy_scroll_budget_s=2), inspector=_guard())


def test_an_inline_picture_that_cannot_be_checked_is_left_out_and_named(worker, serve):
    broken = "data:image/png;base64," + base64.b64encode(encode(smooth_image(9))[:300]).decode()
    good = _uri(encode(smooth_image(10, size=(40, 40))), "image/png")
    html = (f'<title>Broken</title><img id="good" src="{good}"><img id="bad" src="{broken}">'
            f'<div id="bg" style="width:50px;height:50px;background-image:url(\'{broken}\')"></div>'
            f"<style>#bg::after {{ content: url({broken}) }}</style>")
    base = serve({"/page": ("text/html", html.encode())})
    page = worker.capture(base + "/page", CaptureOptions(lazy_scroll_budget_s=1), inspector=_guard())
    assert page.metadata["left_out"] == [
        {"url": "data:image/png (picture inside the page)", "reason": "the picture is damaged or incomplete"}
    ]
    assert any("left out of this capture" in note for note in page.metadata["notes"])
    payload = broken.split(",", 1)[1]
    assert payload[:60].encode() not in _html_part(page.mhtml)  # not in the archive
    assert good.split(",", 1)[1][:60].encode() in _html_part(page.mhtml).replace(b"\r\n", b"")


def test_a_wide_and_very_tall_page_is_cut_shorter_not_refused(worker, serve):
    """The guard checks the finished screenshot and decodes no picture above MAX_PIXELS: a
    page 2,000 px wide and 50,000 px tall (a real saved news page was 1,500 x 60,000) must be
    captured, cut where the screenshot stays checkable and saying so, not refused whole."""
    html = ('<!doctype html><title>Wide</title><body style="margin:0">'
            '<div style="width:2000px;height:50000px;background:linear-gradient(#fff,#8ab)">'
            'A long thread</div></body>')
    base = serve({"/page": ("text/html", html.encode())})
    page = worker.capture(base + "/page", CaptureOptions(lazy_scroll_budget_s=1), inspector=_guard())
    shot = page.metadata["screenshot"]
    assert shot["width_px"] == 2000 and shot["truncated"] is True
    assert shot["height_px"] == MAX_PIXELS // 2000
    assert shot["width_px"] * shot["height_px"] <= MAX_PIXELS
    assert any("cut at 44739 pixels" in note for note in page.metadata["notes"])


def test_the_screenshot_limit_is_the_guards_limit():
    assert MAX_SCREENSHOT_PIXELS == MAX_PIXELS
