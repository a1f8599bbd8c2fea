# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Stitching screenshot bands into one PNG while they arrive (``StitchedPng``).

Why a module of its own: the bands are decoded, pasted and encoded on a helper thread, in
step with ``_screenshot.capture_bands`` photographing the next band; this is the only place
that touches pixels, and what it makes is what the clause-71 guard checks (``pixels()``).
"""

from __future__ import annotations

import io
import queue
import threading
import time

import numpy as np
import png
from PIL import Image
from zlib_ng import zlib_ng

from ._band_png import Band, decode_band, first_row_as_none

#: zlib-ng level of the stitched PNG; the pixels are the same at every level. On the 60,000 px
#: page (Chromium's "Up"-filtered rows): level 1 0.10 s of CPU for 4.4 MB, level 2 0.11 s for
#: 2.4 MB, level 6 0.24 s for 2.3 MB; stdlib zlib at level 1 took 0.53 s for 3.2 MB.
PNG_COMPRESS_LEVEL = 2
#: Rows encoded at a time when a whole canvas is encoded again (``_Redraw``): bounds the copy.
_REDRAW_BLOCK_ROWS = 2048


def finish_png(stitched: "StitchedPng") -> bytes:
    """Wait for the helper thread's PNG (a pipeline step of its own, for the timings)."""
    return stitched.result()


class _Abandoned(Exception):
    """The capture stopped between bands; the helper drops what it has."""


class _Redraw(Exception):
    """The bands did not add up to the canvas made for them: draw and encode again (rare)."""


class StitchedPng:
    """Bands in, one RGB PNG out; decoding, pasting and PNG encoding run on a helper thread.

    The PNG is written while the bands arrive (one zlib stream fed band by band, ``_encode``;
    Chromium's own rows reused as they are, ``_band_png``), so when the last band is in only
    that band is left to encode: on a 60,000 px page the wait after the last band went from
    1.3 s to about 0.1 s (bench/).
    The pixels are also pasted into one canvas, kept for the safeguarding guard
    (``pixels()``): it hashes them instead of decoding the PNG again.

    Memory: the bands are kept compressed (as Chromium sent them); the peak is one full-size
    canvas plus one decoded band. The canvas is made for the height the page should give
    (``expected_height``); if the bands add up to another height (rounding at fractional
    device scales), the canvas is drawn again from the compressed bands at the end and encoded
    whole, so the result is always exact.
    """

    def __init__(self, max_height_px: int, *, expected_height: int) -> None:
        self.max_height_px = max_height_px
        self.expected_height = max(1, expected_height)
        self.info: dict | None = None
        self.bands = 0
        self.width_px = 0
        self.height_px = 0
        self._sizes: list[tuple[int, int]] = []
        self._compressed: list[bytes] = []
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._done = threading.Event()
        self._png: bytes | None = None
        self._canvas: Image.Image | None = None
        self._error: BaseException | None = None
        self._waited_s = 0.0
        self._encode_s = 0.0
        self._thread: threading.Thread | None = None

    # --- the worker thread's side ------------------------------------------------------

    def add(self, png_bytes: bytes, *, last: bool) -> None:
        with Image.open(io.BytesIO(png_bytes)) as header:  # reads the header only
            size, mode = header.size, header.mode
        self._sizes.append(size)
        self._compressed.append(png_bytes)
        self.bands += 1
        self.width_px = max(w for w, _ in self._sizes)
        self.height_px = min(sum(h for _, h in self._sizes), self.max_height_px)
        if last and self.bands == 1 and mode == "RGB" and size[1] <= self.max_height_px:
            self._png = png_bytes  # one band, already an RGB PNG of the right size: keep it
            self._compressed.clear()
            self._done.set()
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="evidence-vault-stitch", daemon=True)
            self._thread.start()
        self._jobs.put((len(self._compressed) - 1, last))

    def abandon(self) -> None:
        """The capture failed mid-way: stop the helper and drop the pixels."""
        self._jobs.put(None)
        self.release()

    def result(self) -> bytes:
        """The finished PNG; waits for the helper thread and raises what it raised."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        if self.info is not None:
            self.info["encode_s"] = round(self._encode_s, 3)
        assert self._png is not None
        png_bytes, self._png = self._png, None
        return png_bytes

    def pixels(self) -> Image.Image | None:
        """The stitched RGB pixels of the PNG ``result()`` gave, handed over once (the
        caller closes them); ``None`` when Chromium's own PNG was kept as it is."""
        self._done.wait()
        canvas, self._canvas = self._canvas, None
        return canvas

    def release(self) -> None:
        """Drop the pixels if nobody took them (a capture that stopped after the bands)."""
        if self._done.is_set() and self._canvas is not None:
            self._canvas.close()
            self._canvas = None

    # --- the helper thread -------------------------------------------------------------

    def _run(self) -> None:
        started = time.monotonic()
        canvas = None
        try:
            canvas = Image.new("RGB", (self._sizes[0][0], self.expected_height), "white")
            try:
                out = self._encode(canvas, self._streamed_blocks(canvas))
            except _Redraw:
                canvas.close()
                canvas = self._redraw()
                out = self._encode(canvas, _blocks(canvas))
            self._png = out
            self._canvas, canvas = canvas, None
        except _Abandoned:
            pass
        except BaseException as exc:  # noqa: BLE001 - handed to the worker thread by result()
            self._error = exc
        finally:
            if canvas is not None:
                canvas.close()
            self._compressed.clear()
            self._encode_s = time.monotonic() - started - self._waited_s
            self._done.set()

    @staticmethod
    def _encode(canvas: Image.Image, blocks) -> bytes:
        """A PNG of ``canvas``'s size from ``blocks``: its scanlines (each row with its filter
        byte first), whole rows, top to bottom. pypng writes the signature, header and chunks;
        the pixel data is one zlib stream, compressed by zlib-ng (same format, about five
        times faster than zlib: on a 60,000 px page 0.53 s of CPU became 0.11 s, on 2
        cores that Chromium needs for the next band)."""
        out = io.BytesIO()
        png.Writer(canvas.width, canvas.height, greyscale=False, bitdepth=8).write_preamble(out)
        compressor = zlib_ng.compressobj(PNG_COMPRESS_LEVEL)
        for block in blocks:
            data = compressor.compress(block)
            if data:
                png.write_chunk(out, b"IDAT", data)
        png.write_chunk(out, b"IDAT", compressor.flush())
        png.write_chunk(out, b"IEND")
        return out.getvalue()

    def _streamed_blocks(self, canvas: Image.Image):
        """Each band's pixel rows, one block per band as it arrives (pasted into the canvas
        first); ``_Redraw`` at the end when the bands did not fill the canvas exactly."""
        y_px = 0
        while True:
            waiting = time.monotonic()
            job = self._jobs.get()
            self._waited_s += time.monotonic() - waiting
            if job is None:
                raise _Abandoned
            index, last = job
            if y_px < canvas.height:  # a band past the bottom is not drawn
                band = self._paste(canvas, self._compressed[index], y_px)
                image = band.image
                drawn = min(image.height, canvas.height - y_px)
                if band.scanlines is not None and image.width == canvas.width:
                    yield first_row_as_none(band.scanlines)  # Chromium's own rows, as they are
                    yield band.scanlines[1:drawn]
                elif image.width == canvas.width:  # its rows are the canvas's: read them from it
                    yield _filtered((image if drawn == image.height else image.crop((0, 0, image.width, drawn))).tobytes(),
                                    canvas.width)
                else:
                    yield _filtered(canvas.crop((0, y_px, canvas.width, y_px + drawn)).tobytes(), canvas.width)
                band.close()
                y_px += drawn
            if last:
                if canvas.size != (self.width_px, self.height_px):
                    raise _Redraw
                return

    def _redraw(self) -> Image.Image:
        canvas = Image.new("RGB", (self.width_px, self.height_px), "white")
        y_px = 0
        for band in self._compressed:
            if y_px >= self.height_px:
                break
            pasted = self._paste(canvas, band, y_px)
            y_px += pasted.image.height
            pasted.close()
        return canvas

    @staticmethod
    def _paste(canvas: Image.Image, band_png: bytes, y_px: int) -> Band:
        """Decode one band, paste it at ``y_px``; return it (the caller closes it)."""
        band = decode_band(band_png)
        canvas.paste(band.image, (0, y_px))
        return band


def _blocks(canvas: Image.Image):
    """The whole canvas's scanlines, a block of rows at a time (for ``_encode``)."""
    for y_px in range(0, canvas.height, _REDRAW_BLOCK_ROWS):
        rows = canvas.crop((0, y_px, canvas.width, min(canvas.height, y_px + _REDRAW_BLOCK_ROWS)))
        yield _filtered(rows.tobytes(), canvas.width)


def _filtered(raw: bytes, width: int) -> np.ndarray:
    """RGB rows as PNG scanlines: each row prefixed with its filter type, 0 (None)."""
    rows = np.frombuffer(raw, dtype=np.uint8).reshape(-1, width * 3)
    lines = np.zeros((rows.shape[0], width * 3 + 1), dtype=np.uint8)
    lines[:, 1:] = rows
    return lines
