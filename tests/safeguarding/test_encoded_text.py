# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Pictures inside encoded text: MHTML parts are looked into only after decoding them.

Issue 11, item 0: the guard scanned the raw MHTML text, where the HTML part is
quoted-printable; a soft line break (``=`` CRLF) cut a ``data:image/jpeg;base64,...`` URI,
and the stub was refused as a damaged picture, depending on where the breaks fell. Here
every picture sits at every offset of a 76-character quoted-printable line, in HTML, in CSS
and inside an SVG, so each break position is met; a listed picture must still be found
there, and the same URIs in an HTML attribute written with ``&quot;`` must decode whole.
"""

from __future__ import annotations

import base64
import hashlib
import email.policy
import quopri
from email.message import EmailMessage

import pytest
from synthetic_images import encode, smooth_image
from test_image_guard import LISTED_PNG, inspect, make_guard

from evidence_vault.safeguarding import BlockedImage

QP_LINE = 76


def _pictures() -> list[tuple[str, bytes]]:
    """Clean pictures from 1x1 to 640x480, PNG and JPEG (from a few dozen bytes to ~100 kB)."""
    out = []
    for side in (1, 2, 3, 5, 8, 13, 27, 64, 200):
        picture = smooth_image(side, size=(side, side), grid=(1 + side // 8, 1 + side // 8))
        out.append(("image/png", encode(picture)))
        out.append(("image/jpeg", encode(picture, "JPEG", quality=80)))
    out.append(("image/jpeg", encode(smooth_image(5), "JPEG")))
    return out


PICTURES = _pictures()


def _uri(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode()}"


def _svg(uri: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{uri}" width="9" height="9"/></svg>'


def _html(pictures: list[tuple[str, bytes]]) -> str:
    """Each picture three ways (img, inline style with &quot;, inline SVG), each at a new offset."""
    rows = []
    for n, (media_type, data) in enumerate(pictures):
        uri = _uri(media_type, data)
        for offset in range(0, QP_LINE, 7):
            pad = "x" * ((offset + n) % QP_LINE)
            rows.append(f'<p>{pad}<img src="{uri}"></p>')
            rows.append(f'<div style="background-image: url(&quot;{uri}&quot;);">{pad}</div>')
            rows.append(f"<div>{pad}{_svg(uri)}</div>")
    return "<!DOCTYPE html><html><body>" + "\n".join(rows) + "</body></html>"


def _css(pictures: list[tuple[str, bytes]]) -> str:
    return "\n".join(
        f".p{n}{'x' * (n % QP_LINE)} {{ background: url({_uri(t, d)}) }} .q{n} {{ background: url('{_uri(t, d)}') }}"
        for n, (t, d) in enumerate(pictures)
    )


def _mhtml(html: str, css: str, svg: str) -> bytes:
    """An archive shaped like Chromium's Page.captureSnapshot: QP text parts, base64 binary."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = "http://127.0.0.1/page"
    message["MIME-Version"] = "1.0"
    message.set_type("multipart/related")
    message.set_param("type", "text/html")
    for content_type, location, text in (
        ("text/html", "http://127.0.0.1/page", html),
        ("text/css", "http://127.0.0.1/style.css", css),
        ("image/svg+xml", "http://127.0.0.1/picture.svg", svg),
    ):
        part = EmailMessage(policy=email.policy.SMTP)
        maintype, subtype = content_type.split("/")
        part.set_content(text.encode(), maintype=maintype, subtype=subtype, cte="quoted-printable")
        part["Content-Location"] = location
        message.attach(part)
    raw = message.as_bytes()
    assert b"=\r\n" in raw  # soft line breaks are really there
    return raw


def test_soft_line_breaks_never_cut_a_picture_in_two():
    svg = _svg(_uri(*PICTURES[6])) + "".join(_svg(_uri(t, d)) for t, d in PICTURES)
    mhtml = _mhtml(_html(PICTURES), _css(PICTURES), svg)
    # The raw text really does hold cut URIs (what the old scan tripped over).
    cut = quopri.encodestring(_uri(*PICTURES[-1]).encode())
    assert b"=\n" in cut
    guard = make_guard()
    inspect(guard, mhtml, "multipart/related", kind="artefact", url="page.mhtml")
    record = guard.record()
    assert record["pdq_checked"] + record["pdq_low_quality"] >= len({d for _, d in PICTURES})
    # every picture met in each of the three parts (HTML, CSS, SVG); the same URI met again in
    # one part is the same bytes, checked once
    assert record["embedded_checked"] >= len(PICTURES) * 3


@pytest.mark.parametrize("where", ["img", "style", "svg", "css", "svg-part"])
def test_a_listed_picture_is_found_across_soft_line_breaks(where):
    listed = [("image/png", LISTED_PNG)]
    html = _html(listed if where in ("img", "style", "svg") else [])
    if where in ("img", "style", "svg"):  # keep only the one form under test
        wanted = {"img": "<img", "style": "&quot;data:", "svg": "<svg"}[where]
        html = "\n".join(line for line in html.split("\n") if wanted in line)
    css = _css(listed) if where == "css" else ".a { color: red }"
    svg = _svg(_uri(*listed[0])) if where == "svg-part" else _svg("data:image/png;base64,")
    with pytest.raises(BlockedImage) as caught:
        inspect(make_guard(), _mhtml(html, css, svg), "multipart/related", kind="artefact", url="page.mhtml")
    assert caught.value.embedded


@pytest.mark.parametrize("quote", ["&quot;", "&#39;", "&#x22;", "&apos;"])
def test_a_listed_svg_in_an_attribute_is_decoded_byte_exact(quote):
    """An SVG is matched by its exact hashes only, so one stray byte would let it through."""
    svg = _svg("data:image/png;base64,").encode()
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    html = f'<div style="background: url({quote}{uri}{quote}) no-repeat"></div>'.encode()
    with pytest.raises(BlockedImage) as caught:
        inspect(make_guard(sha256=[hashlib.sha256(svg).hexdigest()]), html, "text/html")
    assert caught.value.match_type == "sha256"

