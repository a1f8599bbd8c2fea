# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Decoding evidence pictures for the screen: blurred thumbnails and previews, memory only.

Why here: a full-page screenshot can be 60,000 pixels tall, so decoding happens off the UI
thread (a small thread pool) and only for rows that are actually painted; results are kept in a
small in-memory cache that ``clear()`` empties when the vault locks. Nothing is written to
disk. Thumbnails are always blurred (the design's "nothing hurtful without asking").
"""

from __future__ import annotations

import io
import struct
import sys
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

from PIL import Image, ImageFilter
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from evidence_vault import EvidenceVaultError

THUMB_SIZE = 56
PREVIEW_WIDTH = 480
PREVIEW_MAX_HEIGHT = 1400

Image.MAX_IMAGE_PIXELS = 120_000_000  # a 60,000 px tall capture at 1280 px wide fits


def picture_role(item) -> str | None:
    """Which artefact of ``item`` is a picture worth a thumbnail, if any."""
    if item.state != "active":
        return None
    if item.kind == "web_capture":
        return "screenshot"
    if item.kind == "file" and str(item.info.get("media_type", "")).startswith("image/"):
        return "original"
    return None


def to_qimage(img: Image.Image) -> QImage:
    rgba = img.convert("RGBA")
    data = rgba.tobytes("raw", "RGBA")
    return QImage(data, rgba.width, rgba.height, rgba.width * 4, QImage.Format.Format_RGBA8888).copy()


class PictureUnreadable(EvidenceVaultError):
    """A stored picture that the picture library cannot decode (damaged, or not a picture)."""


# What Pillow raises for a file it cannot decode: its own OSError (UnidentifiedImageError),
# a truncated or malformed file, or one too large to decode safely.
_UNDECODABLE = (OSError, ValueError, SyntaxError, EOFError, struct.error, Image.DecompressionBombError)


def open_picture(data: bytes) -> Image.Image:
    """The picture decoded; ``PictureUnreadable`` (a project error, shown calmly) if it cannot be."""
    try:
        img = Image.open(io.BytesIO(data))
        img.load()
    except _UNDECODABLE as exc:
        raise PictureUnreadable("This picture cannot be shown: the stored file is not a picture this "
                                "app can read. It is kept in the vault as it was saved.") from exc
    return img


def blurred(img: Image.Image, *, width: int) -> Image.Image:
    """A version too blurred to show detail: shrink hard, blur, scale to ``width``."""
    small = img.copy()
    small.thumbnail((24, 24 * max(1, img.height // max(1, img.width))))
    small = small.convert("RGB").filter(ImageFilter.GaussianBlur(2))
    height = max(1, round(width * img.height / max(1, img.width)))
    return small.resize((width, height), Image.Resampling.BILINEAR)


def top_part(img: Image.Image, *, width: int, max_height: int) -> Image.Image:
    """The top of a (possibly very tall) page, scaled to ``width``."""
    scale = width / max(1, img.width)
    crop_h = min(img.height, int(max_height / scale) + 1)
    part = img.crop((0, 0, img.width, crop_h)) if crop_h < img.height else img
    return part.resize((width, max(1, round(part.height * scale))), Image.Resampling.LANCZOS)


def _thumbnail_rgba(data: bytes) -> tuple[int, int, bytes]:
    img = open_picture(data)
    square = img.crop((0, 0, img.width, min(img.height, img.width)))
    small = blurred(square, width=THUMB_SIZE).resize((THUMB_SIZE, THUMB_SIZE)).convert("RGBA")
    return small.width, small.height, small.tobytes("raw", "RGBA")


class ThumbnailCache(QObject):
    """item id -> blurred QImage, decoded lazily off the UI thread; memory only.

    Decoding runs on plain Python threads (a small executor); results come back through a
    lock-protected dict and an argument-less signal, so no Python object crosses threads
    inside a Qt signal.
    """

    ready = Signal(int)
    _wake = Signal()

    def __init__(self, reader, *, limit: int = 400, parent=None) -> None:
        super().__init__(parent)
        self.reader = reader  # (item_id, role) -> bytes | None; None when locked
        self.limit = limit
        self.decoded = 0  # how many thumbnails were decoded (the benchmark counts them)
        self._images: OrderedDict[int, QImage | None] = OrderedDict()
        self._pending: dict[int, Future] = {}
        self._done: list[tuple[int, int, tuple | None]] = []
        self._done_lock = threading.Lock()
        self._generation = 0
        self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="thumbnails")
        self._wake.connect(self._collect, Qt.ConnectionType.QueuedConnection)

    def get(self, item) -> QImage | None:
        role = picture_role(item)
        if role is None:
            return None
        if item.id in self._images:
            self._images.move_to_end(item.id)
            return self._images[item.id]
        if item.id not in self._pending:
            self._pending[item.id] = self._executor.submit(self._decode, item.id, role, self._generation)
        return None

    def _decode(self, item_id: int, role: str, generation: int) -> None:
        """On an executor thread: read, decode, blur; hand back raw RGBA bytes."""
        raw = None  # a picture that cannot be read, or a locked vault: no thumbnail
        try:
            data = self.reader(item_id, role)
            raw = _thumbnail_rgba(data) if data is not None else None
        except EvidenceVaultError:
            pass
        except Exception:  # noqa: BLE001 - a bug: reported (ui/crash.py), never swallowed by the Future
            sys.excepthook(*sys.exc_info())
        with self._done_lock:
            self._done.append((item_id, generation, raw))
        self._wake.emit()

    def _collect(self) -> None:
        with self._done_lock:
            done, self._done = self._done, []
        for item_id, generation, raw in done:
            if generation != self._generation:
                continue  # decoded before a lock: drop it
            self._pending.pop(item_id, None)
            self.decoded += 1
            image = None
            if raw is not None:
                width, height, pixels = raw
                image = QImage(pixels, width, height, width * 4, QImage.Format.Format_RGBA8888).copy()
            self._images[item_id] = image
            while len(self._images) > self.limit:
                self._images.popitem(last=False)
            self.ready.emit(item_id)

    def wait(self) -> None:
        """Wait for every decode asked for so far and take in the results (tests, bench)."""
        for future in list(self._pending.values()):
            future.exception()
        self._collect()

    def stop(self) -> None:
        """Drop queued decodes and wait for running ones (before locking or closing)."""
        for future in list(self._pending.values()):
            future.cancel()
        for future in list(self._pending.values()):
            if not future.cancelled():
                future.exception()
        self.clear()

    def shutdown(self) -> None:
        """The window is closing: stop, and let the decoding threads end."""
        self.stop()
        self._executor.shutdown(wait=True, cancel_futures=True)

    def clear(self) -> None:
        self._generation += 1
        self._images.clear()
        self._pending.clear()
        with self._done_lock:
            self._done.clear()
