# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a body is: a picture, an SVG, video or audio, or something else.

Why this module exists: the guard must not trust a server's Content-Type (a browser shows a
JPEG in an ``<img>`` whatever the header says), nor ignore it (a header saying ``image/png`` on
bytes we cannot read is a picture we could not check). So a body is classified from its first
bytes ("magic") and its Content-Type together:

* magic of a picture format -> ``raster`` (it must then decode, or the guard fails closed);
* magic of a video/audio container -> ``media`` (exact hashes only), whatever the header says;
* SVG text, or ``image/svg+xml`` -> ``svg`` (vector text that can carry pictures inside it);
* no magic we know but ``image/*`` -> ``raster`` claimed by the header alone;
* ``video/*``/``audio/*`` -> ``media``; anything else -> ``other``.

Magic checks are strict enough that ordinary text is never taken for a picture (``BM`` alone
does not make a BMP). It also finds ``data:image/...`` URIs inside text (HTML, CSS, SVG, JS),
because pictures can travel inside another body and never appear as a response of their own.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import struct
import urllib.parse
from dataclasses import dataclass
from typing import Iterator

RASTER = "raster"
SVG = "svg"
MEDIA = "media"
OTHER = "other"

_BMFF_AVIF = {b"avif", b"avis"}
_BMFF_HEIF = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
_BMP_HEADER_SIZES = {12, 16, 40, 52, 56, 64, 108, 124}


@dataclass(frozen=True)
class Sniffed:
    """The class of a body (``RASTER``/``SVG``/``MEDIA``/``OTHER``), the format its magic
    names (``None`` when no magic matched), and whether the Content-Type alone made it so."""

    kind: str
    format: str | None
    by_content_type: bool = False


def sniff(body: bytes, content_type: str | None = None) -> Sniffed:
    """Classify ``body`` from its magic bytes and (optional) Content-Type."""
    fmt = magic_format(body)
    if fmt in _RASTER_FORMATS:
        return Sniffed(RASTER, fmt)
    if fmt in _MEDIA_FORMATS:
        return Sniffed(MEDIA, fmt)
    if fmt == "svg":
        return Sniffed(SVG, fmt)
    media_type = _media_type(content_type)
    if media_type == "image/svg+xml":
        return Sniffed(SVG, fmt, by_content_type=True)
    if media_type.startswith("image/"):
        return Sniffed(RASTER, fmt, by_content_type=True)
    if media_type.startswith(("video/", "audio/")):
        return Sniffed(MEDIA, fmt, by_content_type=True)
    return Sniffed(OTHER, fmt)


_RASTER_FORMATS = {"png", "jpeg", "gif", "webp", "bmp", "tiff", "ico", "cur", "avif", "heif", "jxl", "jp2"}
_MEDIA_FORMATS = {
    "mp4", "webm", "ogg", "avi", "wav", "mp3", "flac", "flv", "mpeg-ps", "mpeg-ts", "aac", "midi",
}
#: The picture and the video/audio formats ``magic_format`` names (identify.py uses them).
RASTER_FORMATS = frozenset(_RASTER_FORMATS)
MEDIA_FORMATS = frozenset(_MEDIA_FORMATS)


# Formats named by a fixed prefix alone, in the order they are tried.
_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\xff\x0a", "jxl"),
    (b"\x00\x00\x00\x0cJXL \r\n\x87\n", "jxl"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "jp2"),
    (b"\x1a\x45\xdf\xa3", "webm"),
    (b"OggS", "ogg"),
    (b"fLaC", "flac"),
    (b"FLV\x01", "flv"),
    (b"ID3", "mp3"),
    (b"\xff\xfb", "mp3"),
    (b"\xff\xf3", "mp3"),
    (b"\xff\xf2", "mp3"),
    (b"\xff\xf1", "aac"),
    (b"\xff\xf9", "aac"),
    (b"MThd", "midi"),
    (b"\x00\x00\x01\xba", "mpeg-ps"),
)


def magic_format(body: bytes) -> str | None:
    """The format named by the first bytes of ``body``, or ``None``."""
    head = body[:64]
    for prefix, fmt in _PREFIXES:
        if head.startswith(prefix):
            return fmt
    if head[:4] == b"RIFF" and len(head) >= 12:
        return {b"WEBP": "webp", b"AVI ": "avi", b"WAVE": "wav"}.get(head[8:12])
    if head[4:8] == b"ftyp":
        return _bmff_format(body)
    if head[4:8] in (b"moov", b"mdat", b"free", b"wide"):
        return "mp4"  # QuickTime files without an ftyp box
    if _is_bmp(head):
        return "bmp"
    if head[:4] in (b"\x00\x00\x01\x00", b"\x00\x00\x02\x00") and len(head) >= 6:
        count = struct.unpack("<H", head[4:6])[0]
        if 0 < count <= 256:
            return "ico" if head[2] == 1 else "cur"
    if len(body) >= 377 and body[0] == body[188] == body[376] == 0x47:
        return "mpeg-ts"  # three transport stream sync bytes, 188 bytes apart
    return "svg" if looks_like_svg(body) else None


def _bmff_format(body: bytes) -> str:
    """AVIF, HEIF or (any other ISO base media file) video/audio, from the ftyp box."""
    size = struct.unpack(">I", body[:4])[0]
    box = body[8 : max(16, min(size, 256))]
    brands = {box[i : i + 4] for i in range(0, len(box) - 3, 4)}
    major = body[8:12]
    if major in _BMFF_AVIF or brands & _BMFF_AVIF:
        return "avif"
    if major in _BMFF_HEIF or brands & _BMFF_HEIF:
        return "heif"
    return "mp4"


def _is_bmp(head: bytes) -> bool:
    if len(head) < 18 or not head.startswith(b"BM"):
        return False
    reserved = head[6:10]
    header_size = struct.unpack("<I", head[14:18])[0]
    return reserved == b"\x00\x00\x00\x00" and header_size in _BMP_HEADER_SIZES


_SVG_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]", re.I | re.S)


def looks_like_svg(body: bytes) -> bool:
    """Whether ``body`` is an SVG document (an XML prologue, comments, then ``<svg``)."""
    head = body[:4096]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return bool(_SVG_START.match(head))


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


# ---- pictures inside text -------------------------------------------------------------

_DATA_URI = re.compile(rb"data:(image/[a-z0-9.+-]+)((?:;[^;,\s\"'()]*)*?),", re.I)
_UNQUOTED_PAYLOAD = re.compile(rb"[^\s\"'()<>]*")
_TERMINATORS = {ord('"'): b'"', ord("'"): b"'", ord("("): b")"}


@dataclass(frozen=True)
class Embedded:
    """A picture found inside another body: its declared type and its decoded bytes."""

    media_type: str
    data: bytes


def embedded_images(body: bytes) -> Iterator[Embedded]:
    """Every ``data:image/...`` URI in ``body``, decoded as a browser would decode it.

    The URI ends at the quote or bracket that opened it (``src="..."``, ``url(...)``), or else
    at the first space or quote. Base64 payloads are decoded forgivingly, as browsers do:
    whitespace, percent-escapes and missing padding are allowed. A payload that does not
    decode is still yielded (with whatever bytes it gave) so the caller decides on its magic.
    """
    lowered = body.lower()  # schemes and media types are case-insensitive; find() is fast
    pos = lowered.find(b"data:image/")
    while pos >= 0:
        found = _DATA_URI.match(body, pos)
        pos = lowered.find(b"data:image/", pos + 1)
        if found is None:
            continue
        media_type = found.group(1).decode("ascii").lower()
        is_base64 = b";base64" in found.group(2).lower()
        start = found.end()
        entity = _quote_entity_before(lowered, found.start())
        if entity is not None:
            # Inside an HTML attribute, as a browser serialises a style: url(&quot;data:...&quot;)
            end = lowered.find(entity, start)
            raw = html.unescape(body[start : end if end >= 0 else len(body)].decode("latin-1")).encode("latin-1", "replace")
        else:
            terminator = _TERMINATORS.get(body[found.start() - 1]) if found.start() else None
            if terminator is not None:
                end = body.find(terminator, start)
                raw = body[start : end if end >= 0 else len(body)]
            else:
                raw = _UNQUOTED_PAYLOAD.match(body, start).group(0)
        data = _forgiving_base64(raw) if is_base64 else urllib.parse.unquote_to_bytes(raw)
        yield Embedded(media_type, data)


#: Character references for quotes, as HTML serialisers write them inside attribute values.
_QUOTE_ENTITIES = (b"&quot;", b"&#34;", b"&#x22;", b"&apos;", b"&#39;", b"&#x27;")


def _quote_entity_before(lowered: bytes, pos: int) -> bytes | None:
    """The quote entity that opens a ``data:`` URI ending just before ``pos``, if any."""
    for entity in _QUOTE_ENTITIES:
        if lowered.endswith(entity, 0, pos):
            return entity
    return None


def _forgiving_base64(raw: bytes) -> bytes:
    text = re.sub(rb"[^A-Za-z0-9+/]", b"", urllib.parse.unquote_to_bytes(raw))
    if len(text) % 4 == 1:
        text = text[:-1]  # cannot be valid; decode what can be
    try:
        return base64.b64decode(text + b"=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return b""
