# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""StitchedPng: bands in, one exact PNG out, encoded while the bands arrive (no browser here;
tests/capture/test_screenshot.py photographs real pages)."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from evidence_vault.capture._band_png import decode_band
from evidence_vault.capture._stitch import StitchedPng


def band(seed: int, height: int, width: int = 300, mode: str = "RGB") -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray((rng.random((height, width, 3)) * 255).astype(np.uint8)).convert(mode)


def png_of(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(body, zlib.crc32(kind)))


def fast_png_of(image: Image.Image, row_filter: int = 2) -> bytes:
    """A PNG the way Chromium's fast encoder writes it (8-bit RGB, every row "Up"), or with
    every row "None" (``row_filter=0``), made here byte by byte."""
    pixels = np.asarray(image.convert("RGB")).reshape(image.height, -1)
    rows = pixels - np.vstack([np.zeros_like(pixels[:1]), pixels[:-1]]) if row_filter == 2 else pixels
    lines = np.hstack([np.full((image.height, 1), row_filter, dtype=np.uint8), rows.astype(np.uint8)])
    header = struct.pack(">IIBBBBB", image.width, image.height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"sRGB", b"\0")
            + chunk(b"IDAT", zlib.compress(lines.tobytes(), 1)) + chunk(b"IEND", b""))


ENCODERS = {"pillow": png_of, "chromium": fast_png_of, "none": lambda image: fast_png_of(image, 0)}


def stitch(bands: list[Image.Image], *, expected: int, max_height: int = 100_000,
           encoder=png_of) -> StitchedPng:
    stitched = StitchedPng(max_height, expected_height=expected)
    for i, image in enumerate(bands):
        stitched.add(encoder(image), last=i == len(bands) - 1)
    return stitched


def expected_pixels(bands: list[Image.Image], height: int) -> np.ndarray:
    rows = np.concatenate([np.asarray(b.convert("RGB")) for b in bands])
    return rows[:height]


def decoded(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


@pytest.mark.parametrize("encoder", sorted(ENCODERS))
@pytest.mark.parametrize("heights, expected", [
    ([400, 400, 123], 923),   # the bands fill the canvas exactly: streamed
    ([400, 400, 120], 923),   # three rows short (rounding at a fractional scale): drawn again
    ([400, 400, 126], 923),   # three rows over: drawn again, at the height the bands give
])
def test_result_is_exactly_the_bands_top_to_bottom(heights, expected, encoder):
    bands = [band(i, h) for i, h in enumerate(heights)]
    stitched = stitch(bands, expected=expected, encoder=ENCODERS[encoder])
    png = stitched.result()
    image = decoded(png)
    assert image.mode == "RGB" and image.size == (300, sum(heights))
    assert np.array_equal(np.asarray(image), expected_pixels(bands, sum(heights)))
    pixels = stitched.pixels()  # the guard's copy is the same picture
    assert pixels.size == image.size and np.array_equal(np.asarray(pixels), np.asarray(image))
    assert stitched.pixels() is None  # handed over once


def test_bands_past_the_maximum_height_are_cut():
    bands = [band(i, 500) for i in range(3)]
    stitched = stitch(bands, expected=1200, max_height=1200)
    image = decoded(stitched.result())
    assert image.size == (300, 1200)
    assert np.array_equal(np.asarray(image), expected_pixels(bands, 1200))


def test_bands_with_transparency_are_flattened_to_rgb():
    bands = [band(1, 200, mode="RGBA"), band(2, 200, mode="RGBA")]
    image = decoded(stitch(bands, expected=400).result())
    assert image.mode == "RGB"
    assert np.array_equal(np.asarray(image), expected_pixels(bands, 400))


def test_one_band_is_kept_as_chromium_sent_it():
    only = png_of(band(3, 250))
    stitched = StitchedPng(100_000, expected_height=250)
    stitched.add(only, last=True)
    assert stitched.result() == only
    assert stitched.pixels() is None  # the guard decodes this one itself


def test_abandoned_stitch_stops_its_helper_and_keeps_no_pixels():
    stitched = StitchedPng(100_000, expected_height=1000)
    stitched.add(png_of(band(4, 500)), last=False)
    stitched.abandon()
    stitched._thread.join(timeout=30)
    assert not stitched._thread.is_alive()
    assert stitched.pixels() is None and stitched._png is None


def test_a_damaged_band_is_raised_to_the_caller():
    stitched = StitchedPng(100_000, expected_height=400)
    stitched.add(png_of(band(5, 200)), last=False)
    good = png_of(band(6, 200))
    stitched.add(good[:60] + b"\0" * (len(good) - 60), last=True)  # header intact, data not
    with pytest.raises(OSError):
        stitched.result()
    assert stitched.pixels() is None


def test_a_narrower_band_leaves_white_beside_it_and_the_png_matches_the_guards_pixels():
    """A band narrower than the first (a page whose width changed): its rows come from the
    canvas, white where it has no pixels, and the PNG is still exactly the guard's copy."""
    bands = [band(1, 200, width=300), band(2, 150, width=240)]
    stitched = stitch(bands, expected=350)
    image = decoded(stitched.result())
    want = np.full((350, 300, 3), 255, dtype=np.uint8)
    want[:200] = np.asarray(bands[0])
    want[200:, :240] = np.asarray(bands[1])
    assert image.size == (300, 350) and np.array_equal(np.asarray(image), want)
    assert np.array_equal(np.asarray(stitched.pixels()), want)


@pytest.mark.parametrize("encoder, reused", [("chromium", True), ("none", True), ("pillow", False)])
def test_chromiums_fast_png_is_read_without_pillow_and_gives_the_same_pixels(encoder, reused):
    image = band(7, 300)
    decoded_band = decode_band(ENCODERS[encoder](image))
    assert (decoded_band.scanlines is not None) == reused
    assert np.array_equal(np.asarray(decoded_band.image), np.asarray(image))


@pytest.mark.parametrize("damage", ["crc", "truncated", "inflate"])
def test_a_damaged_fast_png_goes_to_pillow_which_refuses_it(damage):
    good = bytearray(fast_png_of(band(8, 200)))
    idat = good.index(b"IDAT")
    if damage == "crc":
        good[idat + 10] ^= 0xFF  # a byte of the data: the chunk's CRC no longer matches
    elif damage == "truncated":
        good = good[:idat + 40]
    else:  # the data is not a zlib stream, with a CRC that matches it
        (length,) = struct.unpack_from(">I", good, idat - 4)
        good = good[:idat - 4] + chunk(b"IDAT", b"\1" * length) + chunk(b"IEND", b"")
    stitched = StitchedPng(100_000, expected_height=400)
    stitched.add(fast_png_of(band(9, 200)), last=False)
    stitched.add(bytes(good), last=True)
    with pytest.raises(OSError):
        stitched.result()
