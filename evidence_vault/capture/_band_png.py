# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reading one screenshot band: its pixels, and its PNG scanlines when they can be reused.

Why a module of its own: on a 60,000 px page the stitcher decoded eight 7,500 px bands with
Pillow (0.66 s of CPU) and filtered and compressed every row again, on a 2-core machine
whose other core Chromium needs to paint the next band. Chromium's fast PNG (what
``Page.captureScreenshot`` with ``optimizeForSpeed`` sends) is always the same shape: 8-bit
RGB, not interlaced, one zlib stream, every row filtered "Up". So such a band is inflated
with zlib-ng, its pixels are the running sum of its rows (numpy), and its scanlines go into
the stitched PNG as they are (``Band.scanlines``): only the first row of a band changes its
filter byte, to "None", because its bytes are already the pixels (an "Up" row over the zero
row before a PNG's first row is the row itself).

Anything else (another encoder, a filter mix, a damaged file, a CRC that does not match) is
decoded by Pillow as before, and a damaged band raises ``OSError`` there. Nothing here is
trusted to be right without the check the stitcher's tests make: the finished PNG, decoded
by Pillow, equals the pixels the guard hashes.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass

import numpy as np
from PIL import Image
from zlib_ng import zlib_ng

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_FILTER_NONE, _FILTER_UP = 0, 2


@dataclass
class Band:
    """One decoded band. ``scanlines``: its PNG rows (filter byte first), ready to go into the
    stitched PNG, or None when it was not Chromium's fast PNG (the stitcher filters it)."""

    image: Image.Image  # RGB
    scanlines: np.ndarray | None = None

    def close(self) -> None:
        self.image.close()
        self.scanlines = None


def decode_band(png_bytes: bytes) -> Band:
    """The band's RGB pixels (and reusable scanlines when it is Chromium's fast PNG)."""
    fast = _fast_png(png_bytes)
    if fast is not None:
        width, lines = fast
        if lines[0, 0] == _FILTER_UP:  # every row "Up": each row adds to the one above
            pixels = _undo_up(lines[:, 1:])
        else:  # every row "None"
            pixels = np.ascontiguousarray(lines[:, 1:])
        image = Image.frombuffer("RGB", (width, lines.shape[0]), pixels, "raw", "RGB", 0, 1)
        return Band(image, lines)
    band = Image.open(io.BytesIO(png_bytes))  # in memory: nothing to close but the pixels
    band.load()
    if band.mode != "RGB":
        rgb = band.convert("RGB")
        band.close()
        band = rgb
    return Band(band)


def first_row_as_none(lines: np.ndarray) -> bytes:
    """A band's first scanline with filter "None": its bytes already are the pixels (an
    "Up" row over a PNG's zero row is unchanged), and the row above it in the stitched PNG
    belongs to another band."""
    return bytes((_FILTER_NONE,)) + lines[0, 1:].tobytes()


def _undo_up(rows: np.ndarray) -> np.ndarray:
    """Pixels of rows filtered "Up": each row plus the pixels above it, bytes wrapping at
    256. One vector add per row: numpy's cumsum down the rows took 13 times as long."""
    pixels = np.empty_like(rows)
    pixels[0] = rows[0]
    for i in range(1, rows.shape[0]):
        np.add(pixels[i - 1], rows[i], out=pixels[i])
    return pixels


def _fast_png(data: bytes) -> tuple[int, np.ndarray] | None:
    """(width, scanlines as rows x (1 + 3 x width)) of an 8-bit RGB, non-interlaced PNG whose
    rows are all "Up" or all "None"; None for any other PNG or anything malformed."""
    if not data.startswith(_SIGNATURE):
        return None
    pos, header, idat = len(_SIGNATURE), None, []
    while pos + 12 <= len(data):
        (length,) = struct.unpack_from(">I", data, pos)
        kind = data[pos + 4:pos + 8]
        end = pos + 8 + length
        if end + 4 > len(data):
            return None
        body = data[pos + 8:end]
        (crc,) = struct.unpack_from(">I", data, end)
        if zlib.crc32(body, zlib.crc32(kind)) != crc:
            return None
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body) if length == 13 else None
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        elif not kind[0:1].islower() and kind != b"IHDR":
            return None  # another critical chunk (a palette...): not the fast PNG
        pos = end + 4
    else:
        return None  # no IEND
    if header is None or header[2:] != (8, 2, 0, 0, 0) or not idat:
        return None
    width, height = header[0], header[1]
    stride = 1 + 3 * width
    try:
        raw = zlib_ng.decompress(b"".join(idat))
    except zlib_ng.error:
        return None
    if width == 0 or len(raw) != stride * height:
        return None
    lines = np.frombuffer(raw, dtype=np.uint8).reshape(height, stride)
    filters = lines[:, 0]
    if not (np.all(filters == _FILTER_UP) or np.all(filters == _FILTER_NONE)):
        return None
    return width, lines
