# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Tall screenshots on A4 with text a person can read: never shrunk below ~8 pt, split instead.

A 30,000 px page shrunk onto one sheet is an unreadable strip, and a 1280 px wide desktop page
shrunk to a portrait A4's width prints 16 px text at 6.5 pt. So a screen print keeps its text at
least ``MIN_PT_PER_CSS_PX`` points per CSS pixel (16 px text prints at 8.8 pt or larger):
portrait when the page fits at that size, landscape A4 when it needs the width (a desktop page),
and cut into side-by-side columns when even landscape is too narrow (wider bands are split, not
shrunk). Down the page it is cut into page-high parts. Neighbouring parts overlap by a few
pixels each way so no line of text is lost in a cut; it is never enlarged past 1 pt per pixel.
Every part page carries the clause-61 header: address, local date and time with zone and UTC,
item number and "part N of M" with the rows and columns it shows.

Imported pictures (a phone's screenshot, whose pixel density is unknown) are fitted to the
portrait width as before. Only one decoded screenshot is held at a time: the PNG is decoded when
its first part is drawn and released after its last, which keeps memory flat however many
items a case has.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass

from PIL import Image

from .layout import MARGIN, PAGE_H, PAGE_W, PageWriter

HEADER_H = 68.0
OVERLAP_PX = 48
MIN_PT_PER_CSS_PX = 0.55  # 16 CSS px text at 8.8 pt, 14 px at 7.7 pt
# Screenshots are our own captures, already through the clause-71 guard; a 60,000 px page at
# device scale 2 is ~300 M pixels, which Pillow's decompression-bomb guard would refuse.
MAX_PIXELS = 400_000_000


@dataclass(frozen=True)
class Geometry:
    width: int
    height: int
    scale: float  # points per pixel
    part_px: int  # pixel rows per part
    step_px: int
    rows: int
    landscape: bool = False
    col_px: int = 0  # pixel columns per part (0: the whole width)
    col_step: int = 0
    columns: int = 1

    @property
    def parts(self) -> int:
        return self.rows * self.columns

    def span(self, part: int) -> tuple[int, int]:
        """Pixel rows [top, bottom) shown by part ``part`` (0-based; parts go down each column
        band by band: all columns of the first rows, then the next rows)."""
        top = (part // self.columns) * self.step_px
        return top, min(self.height, top + self.part_px)

    def columns_of(self, part: int) -> tuple[int, int]:
        """Pixel columns [left, right) shown by part ``part``."""
        if self.columns == 1:
            return 0, self.width
        left = min((part % self.columns) * self.col_step, max(0, self.width - self.col_px))
        return left, min(self.width, left + self.col_px)


def page_size(landscape: bool) -> tuple[float, float]:
    return (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)


def image_area_height(writer_bottom: float, landscape: bool = False) -> float:
    return (page_size(landscape)[1] - MARGIN) - HEADER_H - 6 - writer_bottom


def content_width(landscape: bool) -> float:
    return page_size(landscape)[0] - 2 * MARGIN


def _rows(height: int, part_px: int) -> tuple[int, int]:
    if height <= part_px:
        return part_px, 1
    overlap = min(OVERLAP_PX, part_px // 4)
    step = part_px - overlap
    return step, math.ceil((height - overlap) / step)


def geometry(width: int, height: int, bottom: float, *, device_scale: float | None = 1.0) -> Geometry:
    """How a ``width`` x ``height`` px picture is laid out. ``device_scale``: device pixels per
    CSS pixel of a web capture (its text size depends on it); None for an imported picture."""
    width, height = max(width, 1), max(height, 1)
    if device_scale is None:  # fitted to the portrait width, as a photo
        scale = min(content_width(False) / width, 1.0)
        part_px = max(1, int(image_area_height(bottom) / scale))
        step, rows = _rows(height, part_px)
        return Geometry(width, height, scale, part_px, step, rows)
    need = MIN_PT_PER_CSS_PX / max(device_scale, 0.1)  # points per device pixel for readable text
    for landscape in (False, True):
        scale = min(content_width(landscape) / width, 1.0)
        if scale >= need:
            part_px = max(1, int(image_area_height(bottom, landscape) / scale))
            step, rows = _rows(height, part_px)
            return Geometry(width, height, scale, part_px, step, rows, landscape)
    # wider than landscape A4 can show at a readable size: side-by-side columns
    most = int(content_width(True) / need)
    columns = math.ceil((width - OVERLAP_PX) / max(1, most - OVERLAP_PX))
    col_px = math.ceil((width + (columns - 1) * OVERLAP_PX) / columns)
    scale = min(content_width(True) / col_px, 1.0)
    part_px = max(1, int(image_area_height(bottom, True) / scale))
    step, rows = _rows(height, part_px)
    return Geometry(width, height, scale, part_px, step, rows, True, col_px, col_px - OVERLAP_PX, columns)


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height from the header only (nothing decoded)."""
    with _open(data) as img:
        return img.size


def _open(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        old = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        try:
            return Image.open(io.BytesIO(data))
        finally:
            Image.MAX_IMAGE_PIXELS = old


def decode_rgb(data: bytes) -> Image.Image:
    """The whole picture as RGB (transparency flattened onto white, as it would print)."""
    with _open(data) as img:
        img.load()
        if img.mode in ("RGBA", "LA", "P", "PA"):
            rgba = img.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            return flat
        return img.convert("RGB") if img.mode != "RGB" else img.copy()


def draw_parts(pw: PageWriter, image: Image.Image, geo: Geometry, header) -> None:
    """Draw every part of ``image`` on its own page; ``header(part, top, bottom, left, right)``
    gives the band lines for that page."""
    from reportlab.lib.utils import ImageReader

    for part in range(geo.parts):
        top, bottom = geo.span(part)
        left, right = geo.columns_of(part)
        pw.start_page(landscape=geo.landscape)
        pw.band(header(part, top, bottom, left, right), height=HEADER_H)
        piece = image.crop((left, top, right, bottom))
        w_pt, h_pt = (right - left) * geo.scale, (bottom - top) * geo.scale
        y = (pw.page_h - MARGIN) - HEADER_H - 6 - h_pt
        pw.c.drawImage(ImageReader(piece), MARGIN, y, width=w_pt, height=h_pt)
        pw.c.setLineWidth(0.5)
        pw.c.rect(MARGIN, y, w_pt, h_pt, stroke=1, fill=0)
        del piece
        pw.finish_page()
