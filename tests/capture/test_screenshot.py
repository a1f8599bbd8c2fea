# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The stitched screenshot is pixel-right: every band once, in order; fixed parts once."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from evidence_vault.capture import CaptureOptions

from capture_site import BAND_CSS, N_BANDS, band_colour

pytestmark = pytest.mark.browser

MAGENTA, CYAN, YELLOW = (255, 0, 255), (0, 255, 255), (255, 255, 0)
PROBE_X = 1100  # right of the band labels, inside every band, fixed bar and sticky bar


def _rows_of(image: Image.Image, colour) -> list[int]:
    column = image.crop((PROBE_X, 0, PROBE_X + 1, image.height)).tobytes()
    return [y for y in range(image.height) if tuple(column[3 * y:3 * y + 3]) == colour]


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    runs = []
    for y in rows:
        if runs and y == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], y)
        else:
            runs.append((y, y))
    return runs


def test_sixty_thousand_pixel_page_has_every_band_once_in_order(worker, site):
    page = worker.capture(site.base + "/tall")
    shot = page.metadata["screenshot"]
    assert shot == {**shot, "width_px": 1280, "height_px": N_BANDS * BAND_CSS,
                    "full_height_px": N_BANDS * BAND_CSS, "truncated": False, "bands": 8}
    with Image.open(io.BytesIO(page.screenshot_png)) as image:
        image = image.convert("RGB")
        assert image.size == (1280, 60_000)
        for i in range(N_BANDS):
            centre = i * BAND_CSS + BAND_CSS // 2
            assert image.getpixel((PROBE_X, centre)) == band_colour(i), f"band {i}"
            assert image.getpixel((PROBE_X, i * BAND_CSS + 60 if i else 200)) == band_colour(i)
        # fixed header and footer: once, where they sit with the page at the top
        assert _runs(_rows_of(image, MAGENTA)) == [(0, 49)]
        assert _runs(_rows_of(image, CYAN)) == [(770, 799)]
        # sticky bar: once, at its place in the flow
        assert len(_runs(_rows_of(image, YELLOW))) == 1
        if os.environ.get("EV_KEEP_SCREENSHOT"):
            image.crop((0, 0, 1280, 2400)).save("/tmp/ev-tall-top.png")
            image.crop((0, 7000, 1280, 9000)).save("/tmp/ev-tall-seam.png")
    assert page.metadata["notes"] == []


def test_tall_page_is_cut_at_the_maximum_height_and_says_so(worker, site):
    options = CaptureOptions(max_height_px=20_000, band_css_px=3000, lazy_scroll_budget_s=3)
    page = worker.capture(site.base + "/tall", options)
    shot = page.metadata["screenshot"]
    assert shot["truncated"] is True
    assert shot["height_px"] == 20_000 and shot["full_height_px"] == 60_000
    assert shot["bands"] == 7 and shot["band_height_css_px"] == 3000
    with Image.open(io.BytesIO(page.screenshot_png)) as image:
        image = image.convert("RGB")
        assert image.height == 20_000
        for i in range(20):
            assert image.getpixel((PROBE_X, i * BAND_CSS + BAND_CSS // 2)) == band_colour(i)
        assert _runs(_rows_of(image, MAGENTA)) == [(0, 49)]
    assert any("cut at 20000 pixels" in note for note in page.metadata["notes"])
    assert "band 59" in page.text  # the text keeps the whole page


def test_phone_emulation_stitches_device_pixels(worker, site):
    options = CaptureOptions(device="Pixel 7", max_height_px=9000, lazy_scroll_budget_s=3)
    page = worker.capture(site.base + "/tall", options)
    m = page.metadata
    scale = m["device_scale_factor"]
    shot = m["screenshot"]
    assert scale > 1 and shot["height_px"] == 9000 and shot["truncated"] is True
    assert shot["band_height_css_px"] == int(8000 // scale)
    with Image.open(io.BytesIO(page.screenshot_png)) as image:
        image = image.convert("RGB")
        css_width = shot["page_width_css_px"]
        assert image.width == round(css_width * scale)
        x = image.width - 20
        for i in range(int(9000 / scale) // BAND_CSS):
            y = round((i * BAND_CSS + BAND_CSS // 2) * scale)
            assert image.getpixel((x, y)) == band_colour(i), f"band {i}"
