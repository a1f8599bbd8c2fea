# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every hash Evidence Vault compares against a hash list, from the bytes of one body.

Why this module exists: the guard must decide about an image *before* a single byte of it is
written, so everything here works on bytes in memory and never touches the disk. It is also
where untrusted bytes meet an image decoder, so it is written to fail closed:

* Every format Pillow decodes itself is opened (``PICTURE_FORMATS``: PNG, JPEG/MPO, GIF, WebP,
  BMP, ICO/CUR, TIFF, AVIF, and PPM, TGA, PCX, QOI, PSD, JPEG 2000 … a picture need not be
  a web format to be saved and shown). Left out: EPS, which Pillow opens by running
  Ghostscript on the bytes, and the stubs (WMF, GRIB, HDF5, BUFR, MPEG) that only name a
  format. A body in any other format is "not decoded"; the walker decides what that means.
* A picture of more than ``MAX_PIXELS`` pixels is refused before it is decoded (a
  "decompression bomb": a few kilobytes that unpack to gigabytes). Pillow's own bomb check
  only warns below twice its limit; ours refuses at the limit, and Pillow's
  ``MAX_IMAGE_PIXELS`` is never changed, since other parts of the app share it.
* A damaged or cut-short file is "not decoded". (Browsers show the top part of a truncated
  picture, so it must not be waved through.)

Animations (GIF, APNG, animated WebP/AVIF, multi-page TIFF, MPO, PSD layers): every frame is
hashed. One of more than ``MAX_FRAMES`` frames is not decoded (``failure`` says so, and the
walker refuses it as a limit reached): sampling frames would let a listed picture hide in a
frame that is not sampled. Frame 0 is hashed exactly as the reference would. An animation
whose frames together exceed ``MAX_ANIMATION_PIXELS`` is refused as too large.

EXIF orientation: the hash that must agree with a list is of the pixels as stored (the
reference ignores EXIF). When the file asks to be shown turned or mirrored, the picture as
shown is hashed too, as a second candidate, so a list made by a tool that honours EXIF also
matches.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import Callable

from PIL import Image

from ..errors import EvidenceVaultError
from . import pdq

#: Raised by the walker's clock (``tick``): never taken for a damaged picture.
_STOPS = (EvidenceVaultError,)

#: Largest picture (width x height) we agree to decode: Pillow's default warning limit,
#: about 89 million pixels, which still admits a full-page screenshot of a very long page.
MAX_PIXELS = 89_478_485

#: Most frames of one picture that are hashed, each of them (see the module docstring): 80
#: seconds of a 25 fps animation; longer is refused as a limit reached, never sampled.
MAX_FRAMES = 2_000

#: Most pixels decoded for one animation, all frames together (reaching a late frame means
#: decoding every frame before it). A 1080p animation of 1,000 frames fits; an animation
#: bomb (a huge canvas repeated) does not, and is refused like any picture too large.
MAX_ANIMATION_PIXELS = 1 << 31

#: Pillow formats never opened: EPS runs Ghostscript on the bytes; the others are stubs that
#: only recognise a format and cannot decode it.
_NEVER_OPENED = frozenset({"EPS", "WMF", "GRIB", "HDF5", "BUFR", "MPEG"})
Image.init()
#: Pillow format names we let decode untrusted bytes: every format Pillow decodes itself.
PICTURE_FORMATS = tuple(sorted(set(Image.OPEN) - _NEVER_OPENED))

# Why a body could not be decoded, in words for the person using the app.
TOO_LARGE = "the picture is too large to check safely"
TOO_MANY_FRAMES = f"a picture in it has more than {MAX_FRAMES:,} frames, more than Evidence Vault checks"
NOT_READABLE = "the picture is in a format Evidence Vault cannot read"
DAMAGED = "the picture is damaged or incomplete"

# EXIF orientation value -> the transpose that shows the stored pixels the intended way.
_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_EXIF_ORIENTATION_TAG = 0x0112


@dataclass(frozen=True)
class PdqCandidate:
    """One PDQ hash computed from a body: of one frame, as stored or as shown (EXIF)."""

    hex: str = field(repr=False)
    quality: int
    frame: int = 0
    oriented: bool = False

    @property
    def reliable(self) -> bool:
        """Whether the picture has enough detail for its hash to mean anything."""
        return self.quality >= pdq.MIN_QUALITY


@dataclass(frozen=True)
class ImageHashes:
    """The hashes of one body. Held in memory only; never written, logged or recorded.

    ``pdq``/``pdq_quality`` are those of the first frame as stored (the reference hash);
    ``candidates`` holds every PDQ hash computed (all frames hashed, and the EXIF-turned
    picture), which is what the matcher compares. ``failure`` says, in plain words, why a body
    was not decoded; it is ``None`` when it was decoded, and when it simply is not a picture.
    """

    md5: str = field(repr=False)
    sha1: str = field(repr=False)
    sha256: str = field(repr=False)
    pdq: str | None = field(repr=False)
    pdq_quality: int | None
    decoded: bool
    candidates: tuple[PdqCandidate, ...] = field(default=(), repr=False)
    frames: int = 0
    frames_hashed: int = 0
    failure: str | None = None


@dataclass(frozen=True)
class ExactHashes:
    """MD5, SHA-1 and SHA-256 of a body, as lower-case hex."""

    md5: str = field(repr=False)
    sha1: str = field(repr=False)
    sha256: str = field(repr=False)


def exact_hashes(data: bytes) -> ExactHashes:
    """The three cryptographic hashes hash lists use, of the exact bytes."""
    return ExactHashes(
        md5=hashlib.md5(data, usedforsecurity=False).hexdigest(),
        sha1=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def image_hashes(
    data: bytes, *, max_pixels: int = MAX_PIXELS, max_frames: int = MAX_FRAMES,
    tick: Callable[[], None] | None = None, exact: ExactHashes | None = None,
) -> ImageHashes:
    """Exact hashes of ``data`` and, when it decodes as a picture, its PDQ hashes.

    Never raises for bad input: a body that is not a picture, or cannot be decoded, comes back
    with ``decoded=False`` (and ``failure`` set when a decoder recognised it but gave up).
    ``tick`` is called before each frame (the walker's clock: it may raise to stop); ``exact``
    spares hashing the bytes again when the caller has their exact hashes already.
    """
    exact = exact or exact_hashes(data)
    candidates, frames, failure = _pdq_candidates(data, max_pixels, max_frames, tick)
    first = candidates[0] if candidates else None
    return ImageHashes(
        md5=exact.md5,
        sha1=exact.sha1,
        sha256=exact.sha256,
        pdq=first.hex if first else None,
        pdq_quality=first.quality if first else None,
        decoded=bool(candidates),
        candidates=candidates,
        frames=frames,
        frames_hashed=len({c.frame for c in candidates}),
        failure=failure,
    )


def own_png_hashes(data: bytes, pixels: Image.Image, *, max_pixels: int = MAX_PIXELS) -> ImageHashes:
    """The hashes ``image_hashes(data)`` gives, for a PNG Evidence Vault encoded itself from
    ``pixels`` (the stitched screenshot): one frame, no EXIF, lossless, so decoding ``data``
    would give exactly ``pixels`` again, and the PDQ hash is taken from them directly (on a
    60,000 px screenshot 0.1 s instead of 0.7 s). ``pixels`` is shrunk in place, as the
    reference does to the image it opens. The caller checks that ``data`` is a PNG of the
    same size and mode (``ImageGuard.inspect_picture``)."""
    exact = exact_hashes(data)
    if pixels.mode != "RGB":
        raise ValueError(f"own_png_hashes needs the RGB pixels the PNG was made from, not {pixels.mode}")
    if pixels.width * pixels.height > max_pixels:
        return ImageHashes(md5=exact.md5, sha1=exact.sha1, sha256=exact.sha256, pdq=None,
                           pdq_quality=None, decoded=False, failure=TOO_LARGE)
    candidate = _candidate(pdq.reference_thumbnail(pixels), 0, oriented=False)
    return ImageHashes(md5=exact.md5, sha1=exact.sha1, sha256=exact.sha256, pdq=candidate.hex,
                       pdq_quality=candidate.quality, decoded=True, candidates=(candidate,),
                       frames=1, frames_hashed=1)


def pixels_hashes(image: Image.Image, *, max_pixels: int = MAX_PIXELS) -> tuple[PdqCandidate, ...]:
    """PDQ of a picture already decoded by someone else (an image inside a PDF, which is not a
    file of its own): shrunk and hashed as the reference does. ``image`` is shrunk in place."""
    if image.width * image.height > max_pixels:
        raise ValueError(TOO_LARGE)
    return (_candidate(pdq.reference_thumbnail(image), 0, oriented=False),)


def _pdq_candidates(
    data: bytes, max_pixels: int, max_frames: int, tick: Callable[[], None] | None = None,
) -> tuple[tuple[PdqCandidate, ...], int, str | None]:
    """(candidates, frame count, failure). Untrusted bytes meet the decoder only here.

    Pillow's plugins raise a zoo of exception types on hostile input (OSError, ValueError,
    SyntaxError, EOFError, struct.error, IndexError, DecompressionBombError...). Every one of
    them means the same thing to us, "this could not be checked", and the caller fails closed
    on it, so this is the one place that catches ``Exception``.
    """
    try:
        image = Image.open(io.BytesIO(data), formats=PICTURE_FORMATS)
    except Image.DecompressionBombError:
        return (), 0, TOO_LARGE
    except Image.UnidentifiedImageError:
        return (), 0, None  # not a picture in a format we open; the guard decides what that means
    except Exception:  # noqa: BLE001 - see the docstring
        return (), 0, DAMAGED
    with image:
        width, height = image.size
        if width * height > max_pixels:
            return (), 0, TOO_LARGE
        try:
            return _hash_frames(image, max_frames, tick)
        except _STOPS:
            raise
        except Image.DecompressionBombError:
            return (), 0, TOO_LARGE
        except Exception:  # noqa: BLE001 - see the docstring
            return (), 0, DAMAGED


def _hash_frames(
    image: Image.Image, max_frames: int, tick: Callable[[], None] | None = None,
) -> tuple[tuple[PdqCandidate, ...], int, str | None]:
    count = int(getattr(image, "n_frames", 1) or 1)
    if count > max_frames:
        return (), count, TOO_MANY_FRAMES
    if count > 1 and image.width * image.height * count > MAX_ANIMATION_PIXELS:
        return (), count, TOO_LARGE
    orientation = _orientation(image)
    if count == 1:
        # Exactly the reference: thumbnail on the image as opened (JPEG draft and all).
        rgb = pdq.reference_thumbnail(image)
        candidates = [_candidate(rgb, 0, oriented=False)]
        if orientation in _ORIENTATION:
            candidates.append(_candidate(rgb.transpose(_ORIENTATION[orientation]), 0, oriented=True))
        return tuple(candidates), 1, None
    candidates = []
    for index in range(count):
        if tick is not None:
            tick()
        image.seek(index)
        rgb = pdq.reference_thumbnail(image.copy())
        candidates.append(_candidate(rgb, index, oriented=False))
        if index == 0 and orientation in _ORIENTATION:
            candidates.append(_candidate(rgb.transpose(_ORIENTATION[orientation]), 0, oriented=True))
    return tuple(candidates), count, None


def _candidate(rgb: Image.Image, frame: int, *, oriented: bool) -> PdqCandidate:
    hex_hash, quality = pdq.pdq_of_rgb(rgb)
    return PdqCandidate(hex=hex_hash, quality=quality, frame=frame, oriented=oriented)


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation (1-8), or 1 when absent or unreadable (a broken EXIF block is
    common on the web and does not stop a browser showing the picture)."""
    try:
        value = image.getexif().get(_EXIF_ORIENTATION_TAG, 1)
    except Exception:  # noqa: BLE001 - a damaged EXIF block only loses the extra candidate
        return 1
    return value if isinstance(value, int) else 1
