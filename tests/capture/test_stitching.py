"""StitchedPng: bands in, one exact PNG out, encoded while the bands arrive (no browser here;
tests/capture/test_screenshot.py photographs real pages)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from evidence_vault.capture._stitch import StitchedPng


def band(seed: int, height: int, width: int = 300, mode: str = "RGB") -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray((rng.random((height, width, 3)) * 255).astype(np.uint8)).convert(mode)


def png_of(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def stitch(bands: list[Image.Image], *, expected: int, max_height: int = 100_000) -> StitchedPng:
    stitched = StitchedPng(max_height, expected_height=expected)
    for i, image in enumerate(bands):
        stitched.add(png_of(image), last=i == len(bands) - 1)
    return stitched


def expected_pixels(bands: list[Image.Image], height: int) -> np.ndarray:
    rows = np.concatenate([np.asarray(b.convert("RGB")) for b in bands])
    return rows[:height]


def decoded(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


@pytest.mark.parametrize("heights, expected", [
    ([400, 400, 123], 923),   # the bands fill the canvas exactly: streamed
    ([400, 400, 120], 923),   # three rows short (rounding at a fractional scale): drawn again
    ([400, 400, 126], 923),   # three rows over: drawn again, at the height the bands give
])
def test_result_is_exactly_the_bands_top_to_bottom(heights, expected):
    bands = [band(i, h) for i, h in enumerate(heights)]
    stitched = stitch(bands, expected=expected)
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
