# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The guard the capture engine calls on every body before anything is written (clause 71).

Why this module exists: policy clause 71 makes it an offence to save, send, alter or show an
indecent image of a child. Evidence Vault therefore checks every body a capture would keep
(each response, each ``data:`` URI, each MHTML part, each artefact it makes, each file given
to it) *before* a byte of it is written, and refuses the whole capture when one is on a hash
list. ``ImageGuard`` implements the capture engine's Inspector protocol::

    inspect(*, kind, url, body, content_type) -> None     raises a SafeguardingBlock
    unreadable(*, kind, url, reason) -> None              always raises a SafeguardingBlock

Each body goes to the walker (walker.py), which opens what it holds by its bytes (zip and
Office files, PDFs, emails and MHTML, data: URIs in markup, every frame of a picture, EXIF
thumbnails ...) and hands every part to the hash lists: MD5, SHA-1 and SHA-256 of every part,
PDQ of every picture. docs/blocklists.md has the full table and the limits.

It fails closed: a body that is a picture by its bytes (or that an email or a server says is
a picture) but cannot be decoded, a picture too large to decode safely, a limit of the walk
reached, and a body the browser could not hand over (``unreadable``) all refuse, with a
message saying it could not be checked (``UncheckableContent``, ``LimitReached``). An empty
body is not a picture and passes.

The exceptions live in refusals.py (re-exported here). ``record()`` gives counts for the
capture metadata; neither it nor the exceptions ever hold a hash or a pixel of the page.
"""

from __future__ import annotations

import io
import threading

from PIL import Image

from .hashing import NOT_READABLE, own_png_hashes
from .matcher import Matcher
from .refusals import BlockedImage, LimitReached, UncheckableContent, safe_url  # noqa: F401 (re-exported)
from . import walker as _walker
from .walker import LIMITS, Limits, Walk

KINDS = frozenset({"response", "data-uri", "mhtml-part", "artefact", "file"})

#: Parts inside parts: deeper nesting than this is refused, not explored (walker.Limits).
MAX_DEPTH = LIMITS.depth

_CLEAN_CACHE_LIMIT = 20_000


class ImageGuard:
    """Checks bodies against a :class:`Matcher`; thread-safe; one per capture is the intent.

    Bodies already found clean are remembered by SHA-256 (in memory only), so the same
    picture met again as a response, an MHTML part and a file is decoded once.
    """

    def __init__(self, matcher: Matcher, *, limits: Limits | None = None) -> None:
        self.matcher = matcher
        self.limits = limits
        self._lock = threading.Lock()
        self._clean: dict[tuple, dict[str, int]] = {}
        self._counts = {"bodies_checked": 0, "pdq_checked": 0, "pdq_low_quality": 0, "exact_only": 0,
                        "embedded_checked": 0, "opaque": 0}

    # -- the Inspector protocol ---------------------------------------------------------------

    def inspect(self, *, kind: str, url: str, body: bytes, content_type: str | None) -> None:
        """Return if ``body`` may be kept; raise ``BlockedImage``/``UncheckableContent`` if not."""
        if kind not in KINDS:
            raise ValueError(f"unknown body kind {kind!r}; expected one of {sorted(KINDS)}")
        self._bump("bodies_checked")
        # walker.LIMITS is read at each walk (not frozen into a default) so a test can lower it.
        Walk(self, kind=kind, url=url, limits=self.limits or _walker.LIMITS).visit(body, declared=content_type)

    def inspect_picture(self, *, kind: str, url: str, body: bytes, content_type: str | None,
                        pixels: Image.Image) -> None:
        """``inspect`` for a PNG the capture engine encoded itself from ``pixels`` (its RGB
        pixels, consumed): they are hashed rather than decoded again from ``body``. Anything
        that is not plainly such a PNG (another format, size or mode) gets ``inspect``."""
        if kind not in KINDS:
            raise ValueError(f"unknown body kind {kind!r}; expected one of {sorted(KINDS)}")
        if not _png_of(body, pixels):
            self.inspect(kind=kind, url=url, body=body, content_type=content_type)
            return
        self._bump("bodies_checked")
        pdq_checked, low_quality = self._raster_verdict(own_png_hashes(body, pixels), kind=kind, url=url, depth=0)
        self.count("pdq_checked", pdq_checked)
        self.count("pdq_low_quality", low_quality)

    def unreadable(self, *, kind: str, url: str, reason: str) -> None:
        """The capture engine could not get a body to check: refuse (fail closed)."""
        if kind not in KINDS:
            raise ValueError(f"unknown body kind {kind!r}; expected one of {sorted(KINDS)}")
        raise UncheckableContent(
            kind=kind, url=url, reason="the browser could not hand it over to be checked", detail=reason
        )

    def record(self) -> dict[str, object]:
        """Counts for the capture metadata ("guard"): lists and numbers, never a hash."""
        with self._lock:
            counts = dict(self._counts)
        return {"lists": self.matcher.summary(), "coverage": self.matcher.coverage(), **counts}

    # -- the walker's bookkeeping (walker.Walk calls these) ------------------------------

    def seen(self, key: tuple) -> bool:
        """Whether this part was walked and found clean before; if so, its counts again."""
        with self._lock:
            delta = self._clean.get(key)
            if delta is not None:
                for name, value in delta.items():
                    self._counts[name] += value
        return delta is not None

    def remember(self, key: tuple, before: dict[str, int]) -> None:
        """This part was found clean; ``before`` is ``counts()`` from before it was walked."""
        with self._lock:
            delta = {name: value - before.get(name, 0) for name, value in self._counts.items()
                     if name != "bodies_checked" and value != before.get(name, 0)}
            if len(self._clean) >= _CLEAN_CACHE_LIMIT:
                self._clean.clear()
            self._clean[key] = delta

    def counts(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)

    def count(self, name: str, by: int = 1) -> None:
        with self._lock:
            self._counts[name] = self._counts.get(name, 0) + by

    def _raster_verdict(self, hashes, *, kind: str, url: str, depth: int) -> tuple[int, int]:
        """Refuse a match, or a picture that did not decode; else (pdq_checked, low_quality)."""
        verdict = self.matcher.examine(hashes)
        if verdict.match is not None:
            raise BlockedImage(match=verdict.match, kind=kind, url=url, embedded=depth > 0)
        if not hashes.decoded:
            raise UncheckableContent(kind=kind, url=url, reason=hashes.failure or NOT_READABLE)
        return (0, 1) if verdict.pdq_unreliable else (1, 0)

    def _bump(self, name: str) -> None:
        self.count(name)


def _png_of(body: bytes, pixels: Image.Image) -> bool:
    """Whether ``body`` is a one-frame RGB PNG of the size of ``pixels`` (its header says so;
    nothing is decoded)."""
    if pixels.mode != "RGB" or not body.startswith(b"\x89PNG\r\n\x1a\n"):
        return False
    try:
        with Image.open(io.BytesIO(body), formats=("PNG",)) as header:
            return (header.mode, header.size, getattr(header, "n_frames", 1)) == ("RGB", pixels.size, 1)
    except Exception:  # noqa: BLE001 - not a PNG we made: the ordinary inspection decides
        return False
