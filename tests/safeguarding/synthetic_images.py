# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Synthetic pictures for the safeguarding tests (a module with a unique name, so test files
in other folders can never shadow it).

Only generated images are used: random smooth colour fields whose hashes the tests put on
lists themselves. No real abusive material and no real list hashes (IWF, NCMEC) ever appear.

Pure per-pixel noise is a poor PDQ test subject: halving it destroys most of what PDQ looks
at. A 24 x 32 grid of random colours upscaled to 640 x 480 has detail at the scales PDQ uses,
so a resized, JPEG-recompressed copy stays within a few bits while another random image lands
near 128 bits away, which is what a real photograph does.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

REPO_ROOT = Path(__file__).resolve().parents[2]
PDQ_VECTORS = REPO_ROOT.parent / "shared" / "pdq-vectors"


def smooth_image(seed: int, size: tuple[int, int] = (640, 480), grid: tuple[int, int] = (24, 32)) -> Image.Image:
    """A random smooth RGB picture, reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    cells = (rng.random(grid + (3,)) * 255).astype(np.uint8)
    return Image.fromarray(cells).resize(size, Image.Resampling.BICUBIC)


def encode(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    """The bytes of ``image`` saved as ``fmt``, in memory."""
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_with_header(width: int, height: int) -> bytes:
    """A tiny PNG file whose header claims ``width`` x ``height`` (a decompression bomb shape)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )
