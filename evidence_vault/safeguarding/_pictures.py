# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a picture carries besides its pixels, and pictures carved out of bytes nobody opened.

Why: a photo file is more than one picture. A JPEG's EXIF block holds a second, smaller JPEG
(the thumbnail, IFD1) that file browsers and phones show; XMP may hold another (base64, in
``xmpGImg:image``); text chunks may hold anything; and bytes after a picture's end (a zip
appended to a PNG, the second picture of an MPO) are read by other programs. Each is handed
back to the walker, leniently: a broken EXIF thumbnail is common and shows nothing.

Carving: in bytes the walker cannot open by their structure (a picture's own bytes, video and
audio with cover art, Word 97 documents, RTF with ``\\bin`` data, any unknown binary) it
looks for the signatures of pictures and of containers it can open, and hands each one found
back. Pictures are cut at their own end (PNG chunks, JPEG markers, GIF blocks, RIFF size).
Carving is a best effort, not a guarantee: it finds files stored as they are, not files
stored in pieces or compressed by a format the walker does not know. It stops after
``MAX_CARVED`` finds in one body (a motion-JPEG video holds thousands of pictures).
"""

from __future__ import annotations

import io
import struct
import zlib
from typing import Iterator

from PIL import ExifTags, Image

from ._parts import Child
from .hashing import PICTURE_FORMATS

#: Most parts carved out of one body.
MAX_CARVED = 1_000

_PNG = b"\x89PNG\r\n\x1a\n"
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (_PNG, "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"RIFF", "riff"),
    (b"qoif", "qoi"),
    (b"8BPS\x00\x01", "rest"),
    (b"II*\x00", "rest"),
    (b"MM\x00*", "rest"),
    (b"%PDF-", "first"),
    (b"PK\x03\x04", "first"),
    (b"\x1f\x8b\x08", "first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "first"),
    (b"BZh91AY&SY", "first"),
    (b"\xfd7zXZ\x00", "first"),
)


def extras(walk, data: bytes) -> Iterator[Child]:
    """The EXIF thumbnail, XMP and text chunks of the picture ``data``, and bytes after its end."""
    try:
        image = Image.open(io.BytesIO(data), formats=PICTURE_FORMATS)
    except Exception:  # noqa: BLE001 - it decoded a moment ago; Pillow raises many types
        return
    with image:
        info = dict(image.info)
        thumbnail = _exif_thumbnail(image, info.get("exif"))
    if thumbnail:
        yield Child(thumbnail, strict=False, carved=True)  # carved: the body's carving covers it
    for key, value in info.items():
        if key in ("icc_profile", "exif"):
            continue
        if isinstance(value, str) and len(value) > 16:
            yield Child(value.encode("utf-8", "surrogatepass"), declared="text/xml" if "xmp" in str(key).lower() else None,
                        strict=False, carved=True)
        elif isinstance(value, (bytes, bytearray)) and len(value) > 16:
            yield Child(bytes(value), strict=False, carved=True)
    end = picture_end(data)
    if end is not None and end < len(data) and data[end:].strip(b"\x00\r\n \t"):
        yield Child(data[end:], strict=False, carved=True)


def _exif_thumbnail(image: Image.Image, raw) -> bytes | None:
    """The JPEG that EXIF's second directory (IFD1) points to, if any."""
    if not isinstance(raw, (bytes, bytearray)) or len(raw) < 14:
        return None
    try:
        ifd1 = image.getexif().get_ifd(ExifTags.IFD.IFD1)
        offset, length = ifd1.get(0x0201), ifd1.get(0x0202)
    except Exception:  # noqa: BLE001 - a damaged EXIF block only loses the thumbnail
        return None
    if not isinstance(offset, int) or not isinstance(length, int) or length <= 0:
        return None
    base = 6 if bytes(raw[:6]) == b"Exif\x00\x00" else 0
    piece = bytes(raw[base + offset: base + offset + length])
    return piece or None


def carve(walk, data: bytes) -> Iterator[Child]:
    """Pictures and containers found inside ``data`` (not at its start)."""
    found = 0
    for signature, how in _SIGNATURES:
        at = data.find(signature, 1)
        while at > 0:
            walk.tick()
            if how == "riff" and data[at + 8: at + 12] != b"WEBP":
                at = data.find(signature, at + 1)
                continue
            whole = how in ("first", "rest")
            end = None if whole else picture_end(data, at)
            if (end is None and not whole) or (whole and not _plausible(data, at, signature)):
                at = data.find(signature, at + 1)
                continue  # no end found, or not the container it looked like
            stop = len(data) if end is None else end
            yield Child(data[at:stop], strict=False, carved=True)
            found += 1
            if found >= MAX_CARVED:
                walk.guard.count("carving_stopped")
                return
            if whole:
                break  # the rest of the body from here holds any later ones too
            at = data.find(signature, at + 1)


def _plausible(data: bytes, at: int, signature: bytes) -> bool:
    """More than a signature's few bytes, before the rest of a body is copied and opened:
    three random bytes of a long video are a gzip signature now and then."""
    if signature == b"PK\x03\x04":  # a zip opens only from the directory at the body's end
        tail = data[-65_557:]
        return tail.rfind(b"PK\x05\x06") >= 0
    if signature == b"%PDF-":
        return data[at + 5: at + 6].isdigit() and data[at + 6: at + 7] == b"."
    if signature == b"\x1f\x8b\x08":
        if data[at + 3] & 0xE0:  # reserved flag bits
            return False
        try:
            return bool(zlib.decompressobj(wbits=31).decompress(data[at: at + 4096], 64))
        except zlib.error:
            return False
    return True


def picture_end(data: bytes, start: int = 0) -> int | None:
    """Where the picture starting at ``start`` ends, for PNG, JPEG, GIF, WebP and QOI."""
    head = data[start: start + 16]
    try:
        if head.startswith(_PNG):
            return _png_end(data, start)
        if head.startswith(b"\xff\xd8\xff"):
            return _jpeg_end(data, start)
        if head.startswith((b"GIF87a", b"GIF89a")):
            return _gif_end(data, start)
        if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
            end = start + struct.unpack("<I", head[4:8])[0] + 8
            return end if end <= len(data) else None
        if head.startswith(b"qoif"):
            end = data.find(b"\x00" * 7 + b"\x01", start + 14)
            return end + 8 if end >= 0 else None
    except (struct.error, IndexError, ValueError):
        return None
    return None


def _png_end(data: bytes, start: int) -> int | None:
    pos = start + 8
    while pos + 8 <= len(data):
        length = struct.unpack(">I", data[pos: pos + 4])[0]
        kind = data[pos + 4: pos + 8]
        pos += 12 + length
        if kind == b"IEND":
            return pos if pos <= len(data) else None
    return None


def _jpeg_end(data: bytes, start: int) -> int | None:
    pos, size = start + 2, len(data)
    while pos + 4 <= size:
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker == 0xD9:
            return pos + 2
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 2
            continue
        pos += 2 + struct.unpack(">H", data[pos + 2: pos + 4])[0]
        if marker == 0xDA:  # entropy-coded data: runs to the next marker that is not a restart
            while True:
                pos = data.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= size:
                    return None
                following = data[pos + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    pos += 2
                elif following == 0xFF:
                    pos += 1
                else:
                    break
    return None


def _gif_end(data: bytes, start: int) -> int | None:
    flags = data[start + 10]
    pos = start + 13 + (3 * (2 << (flags & 7)) if flags & 0x80 else 0)
    while pos < len(data):
        block = data[pos]
        if block == 0x3B:
            return pos + 1
        if block == 0x21:
            pos += 2
        elif block == 0x2C:
            local = data[pos + 9]
            pos += 10 + (3 * (2 << (local & 7)) if local & 0x80 else 0) + 1
        else:
            return None
        while pos < len(data) and data[pos]:
            pos += 1 + data[pos]
        pos += 1
    return None
