# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""PDQ perceptual hashes, computed the way Meta's reference computes them.

Why this module exists: a hash list from a police force or a hash-sharing body holds PDQ hashes
that someone else computed, almost always with Meta's reference code or a library that follows
it. A near-duplicate is only recognised if *we* hash the picture the same way. The DCT at the
heart of PDQ comes from the ``pdqhash`` package (a wrapper of Meta's C++); what that package
leaves to the caller is the step before it, and that step decides whether we agree with the
reference bit for bit or drift by up to a dozen bits:

* Meta's Python reference (``pdqhashing.hasher.pdq_hasher.PDQHasher.fromFile``) opens the file
  with Pillow, calls ``img.thumbnail((512, 512))`` on the image *as opened* (original mode, so
  Pillow may use JPEG draft decoding, premultiplied alpha and nearest-neighbour for palettes),
  and only then converts to RGB. Hashing the full-size image instead moves hashes of the
  reference vectors by 4 to 12 bits; the steps below reproduce all of them exactly.
* The luma weights (0.299, 0.587, 0.114) are applied inside ``pdqhash.compute``.
* EXIF orientation is *not* applied by the reference, so the hash that must agree with a list
  is the one of the pixels as stored. Because a browser shows the picture turned the EXIF way,
  ``hashing.image_hashes`` also hashes the turned picture as an extra candidate.
* Alpha is dropped by ``convert("RGB")``, as in the reference.

The hash is 256 bits, written as 64 lower-case hex digits, most significant bit first: the
format of Meta's tools, of ``expected.csv`` in the reference vectors, and of hash lists.
"""

from __future__ import annotations

import numpy as np
import pdqhash
from PIL import Image

#: The reference decodes at most this many pixels along each side before hashing.
REFERENCE_MAX_SIDE = 512

#: Hashes this close (in differing bits out of 256) are treated as the same picture. Meta's
#: recommended match threshold for PDQ is 31.
MATCH_THRESHOLD = 31

#: Below this quality the hash of a picture says little about it (flat or nearly flat images
#: all hash alike), so it must not be used for near matching. Meta recommends 50.
MIN_QUALITY = 50

PDQ_BITS = 256
PDQ_HEX_DIGITS = 64

# Pillow's thumbnail() defaults since Pillow 7; spelt out so a change of default in a later
# Pillow cannot silently move our hashes away from the reference.
_RESAMPLE = Image.Resampling.BICUBIC
_REDUCING_GAP = 2.0


def reference_thumbnail(image: Image.Image) -> Image.Image:
    """Shrink ``image`` in place to fit 512 x 512, then return it converted to RGB.

    This is the reference's decode step. Call it on the image straight from ``Image.open`` (or
    on a copy of one animation frame): calling it on an image that was already converted gives
    slightly different pixels for palette, alpha and large JPEG images.
    """
    image.thumbnail((REFERENCE_MAX_SIDE, REFERENCE_MAX_SIDE), _RESAMPLE, _REDUCING_GAP)
    return image.convert("RGB")


def pdq_of_rgb(rgb: Image.Image) -> tuple[str, int]:
    """PDQ hash (64 hex digits) and quality (0-100) of an RGB image already prepared.

    ``rgb`` must be the output of :func:`reference_thumbnail` (or an orientation of it).
    """
    if rgb.mode != "RGB":
        raise ValueError(f"pdq_of_rgb needs an RGB image, not {rgb.mode}")
    array = np.asarray(rgb, dtype=np.uint8)
    bits, quality = pdqhash.compute(array)
    return bits_to_hex(bits), int(quality)


def pdq_of_image(image: Image.Image) -> tuple[str, int]:
    """PDQ hash and quality of a freshly opened image, exactly as the reference computes them.

    The image is modified in place (shrunk), as with ``Image.thumbnail``.
    """
    return pdq_of_rgb(reference_thumbnail(image))


def bits_to_hex(bits: np.ndarray) -> str:
    """256 bits (most significant first, as ``pdqhash`` returns them) as 64 hex digits."""
    if bits.shape != (PDQ_BITS,):
        raise ValueError(f"a PDQ hash has {PDQ_BITS} bits, not {bits.shape}")
    return np.packbits(bits.astype(np.uint8)).tobytes().hex()


def hamming(a: str, b: str) -> int:
    """Number of differing bits between two PDQ hashes given as hex."""
    if len(a) != PDQ_HEX_DIGITS or len(b) != PDQ_HEX_DIGITS:
        raise ValueError("a PDQ hash is 64 hex digits")
    return (int(a, 16) ^ int(b, 16)).bit_count()
