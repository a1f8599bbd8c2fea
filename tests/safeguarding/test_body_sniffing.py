# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a body is taken for: magic bytes first, Content-Type second, ordinary text never a picture."""

from __future__ import annotations

import pytest
from synthetic_images import encode, smooth_image

from evidence_vault.safeguarding.sniff import MEDIA, OTHER, RASTER, SVG, embedded_images, magic_format, sniff

PICTURE = smooth_image(5, size=(64, 48))


@pytest.mark.parametrize(
    ("body", "fmt"),
    [
        (encode(PICTURE, "PNG"), "png"),
        (encode(PICTURE, "JPEG"), "jpeg"),
        (encode(PICTURE, "GIF"), "gif"),
        (encode(PICTURE, "WEBP"), "webp"),
        (encode(PICTURE, "BMP"), "bmp"),
        (encode(PICTURE, "TIFF"), "tiff"),
        (encode(PICTURE, "ICO"), "ico"),
        (encode(PICTURE, "AVIF"), "avif"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "heif"),
        (b"\x00\x00\x00\x1cftypisom\x00\x00\x02\x00isomiso2avc1mp41", "mp4"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01", "webm"),
        (b"OggS\x00\x02", "ogg"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "wav"),
        (b"ID3\x04\x00\x00", "mp3"),
        (b'<?xml version="1.0"?>\n<!-- drawn -->\n<svg xmlns="http://www.w3.org/2000/svg"/>', "svg"),
        (b"\xef\xbb\xbf  <svg width='1'></svg>", "svg"),
    ],
)
def test_magic_bytes(body, fmt):
    assert magic_format(body) == fmt


@pytest.mark.parametrize("text", [b"BMW and BMX", b"<html><svg></svg></html>", b"II is two", b"{}", b""])
def test_ordinary_text_is_not_a_picture(text):
    assert sniff(text, "text/html").kind == OTHER


@pytest.mark.parametrize(
    ("body", "content_type", "kind", "by_header"),
    [
        (encode(PICTURE, "PNG"), "text/html; charset=utf-8", RASTER, False),
        (b"not a picture", "IMAGE/PNG; q=1", RASTER, True),
        (b"<svg/>", "image/svg+xml", SVG, True),
        (b"\x00\x00\x00\x1cftypisom\x00\x00\x02\x00isomiso2avc1mp41", "image/gif", MEDIA, False),
        (b"\x00\x01\x02", "video/mp4", MEDIA, True),
        (b"\x00\x01\x02", None, OTHER, False),
    ],
)
def test_magic_wins_and_the_header_fills_in(body, content_type, kind, by_header):
    found = sniff(body, content_type)
    assert (found.kind, found.by_content_type) == (kind, by_header)


def test_data_uris_are_decoded_as_a_browser_would():
    body = (
        b'<img src="data:image/png;base64,aGVs\n bG8=">'
        b"<div style='background:url(data:image/gif;charset=x;base64,d29y%2BbGQ)'>"
        b'<x href="data:image/svg+xml,%3Csvg%2F%3E">'
        b"var a = 'data:image/png;base64,' + b;"
    )
    found = [(e.media_type, e.data) for e in embedded_images(body)]
    assert found == [
        ("image/png", b"hello"),
        ("image/gif", b"wor\xf9\xb1\x90"),  # %2B is '+': percent-decoded before base64
        ("image/svg+xml", b"<svg/>"),
        ("image/png", b""),
    ]
