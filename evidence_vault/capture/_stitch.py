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

import png
from PIL import Image

#: zlib level of the stitched PNG. Level 1 encodes a 60,000 px page several times faster than
#: level 6 (the PNG step was most of a tall capture's time) for a somewhat larger file; the
#: pixels are the same at every level.
PNG_COMPRESS_LEVEL = 1


def finish_png(stitched: "StitchedPng") -> bytes:
    """Wait for the helper thread's PNG (a pipeline step of its own, for the timings)."""
    return stitched.result()


class _Abandoned(Exception):
    """The capture stopped between bands; the helper drops what it has."""


class _Redraw(Exception):
    """The bands did not add up to the canvas made for them: draw and encode again (rare)."""


class StitchedPng:
    """Bands in, one RGB PNG out; decoding, pasting and PNG encoding run on a helper thread.

    The PNG is written while the bands arrive (``pypng``: one zlib stream fed band by band,
    filter "none" on every row), so when the last band is in only that band is left to encode:
    on a 60,000 px page the wait after the last band went from 1.3 s to about 0.1 s (bench/).
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
                out = self._encode(canvas, self._streamed_rows(canvas))
            except _Redraw:
                canvas.close()
                canvas = self._redraw()
                out = self._encode(canvas, _rows(canvas, 0, canvas.height))
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
    def _encode(canvas: Image.Image, rows) -> bytes:
        out = io.BytesIO()
        png.Writer(canvas.width, canvas.height, greyscale=False, bitdepth=8,
                   compression=PNG_COMPRESS_LEVEL).write(out, rows)
        return out.getvalue()

    def _streamed_rows(self, canvas: Image.Image):
        """Each band's rows as it arrives (pasted into the canvas first); ``_Redraw`` at the
        end when the bands did not fill the canvas exactly."""
        y_px = 0
        while True:
            waiting = time.monotonic()
            job = self._jobs.get()
            self._waited_s += time.monotonic() - waiting
            if job is None:
                raise _Abandoned
            index, last = job
            if y_px < canvas.height:  # a band past the bottom is not drawn
                drawn = min(self._paste(canvas, self._compressed[index], y_px), canvas.height - y_px)
                yield from _rows(canvas, y_px, drawn)
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
            y_px += self._paste(canvas, band, y_px)
        return canvas

    @staticmethod
    def _paste(canvas: Image.Image, band_png: bytes, y_px: int) -> int:
        with Image.open(io.BytesIO(band_png)) as band:
            band.load()
            canvas.paste(band.convert("RGB") if band.mode != "RGB" else band, (0, y_px))
            return band.height


def _rows(canvas: Image.Image, y_px: int, height: int):
    """Rows ``y_px`` .. ``y_px + height`` of an RGB canvas, as bytes views, top to bottom."""
    if height <= 0:
        return
    raw = memoryview(canvas.crop((0, y_px, canvas.width, y_px + height)).tobytes())
    stride = canvas.width * 3
    for start in range(0, height * stride, stride):
        yield raw[start:start + stride]
