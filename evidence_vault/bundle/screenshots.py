# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Tall screenshots on A4: readable scale, split into overlapping parts, one page each.

A 30,000 px page shrunk onto one sheet is an unreadable strip, so the screenshot is scaled
to the printable width (never enlarged past 1 pt per pixel) and cut into as many page-high
parts as it needs, each overlapping the previous by a few pixels so no line of text is lost
in the cut. Every part page carries the clause-61 header: address, local date and time with
zone and UTC, item number and "part N of M".

Only one decoded screenshot is held at a time: the PNG is decoded when its first part is
drawn and released after its last, which keeps memory flat however many items a case has.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass

from PIL import Image

from .layout import CONTENT_W, MARGIN, PAGE_H, PageWriter

HEADER_H = 68.0
OVERLAP_PX = 48
# Screenshots are our own captures, already through the clause-71 guard; a 60,000 px page at
# device scale 2 is ~300 M pixels, which Pillow's decompression-bomb guard would refuse.
MAX_PIXELS = 400_000_000


@dataclass(frozen=True)
class Geometry:
    width: int
    height: int
    scale: float  # points per pixel
    part_px: int
    step_px: int
    parts: int

    def span(self, part: int) -> tuple[int, int]:
        """Pixel rows [top, bottom) shown by part ``part`` (0-based)."""
        top = part * self.step_px
        return top, min(self.height, top + self.part_px)


def image_area_height(writer_bottom: float) -> float:
    return (PAGE_H - MARGIN) - HEADER_H - 6 - writer_bottom


def geometry(width: int, height: int, bottom: float) -> Geometry:
    scale = min(CONTENT_W / max(width, 1), 1.0)
    part_px = max(1, int(image_area_height(bottom) / scale))
    if height <= part_px:
        return Geometry(width, height, scale, part_px, part_px, 1)
    overlap = min(OVERLAP_PX, part_px // 4)
    step = part_px - overlap
    parts = math.ceil((height - overlap) / step)
    return Geometry(width, height, scale, part_px, step, parts)


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
    """Draw every part of ``image`` on its own page; ``header(part, top, bottom)`` gives the
    band lines for that page."""
    from reportlab.lib.utils import ImageReader

    for part in range(geo.parts):
        top, bottom = geo.span(part)
        pw.band(header(part, top, bottom), height=HEADER_H)
        piece = image.crop((0, top, geo.width, bottom))
        w_pt, h_pt = geo.width * geo.scale, (bottom - top) * geo.scale
        y = (PAGE_H - MARGIN) - HEADER_H - 6 - h_pt
        pw.c.drawImage(ImageReader(piece), MARGIN, y, width=w_pt, height=h_pt)
        pw.c.setLineWidth(0.5)
        pw.c.rect(MARGIN, y, w_pt, h_pt, stroke=1, fill=0)
        del piece
        pw.finish_page()
