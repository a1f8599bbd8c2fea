# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a part is, decided by its bytes: the walker's first question about everything it meets.

Why by bytes: a file's name and a declared type (an email's Content-Type, a server's header,
a data: URI's label) are written by whoever made the file, and programs that show pictures
(browsers, mail programs, Office) look at the bytes. So a part is named here from its first
bytes ("magic numbers"). A zip keeps its index at its end, so a zip behind other bytes (a
self-extracting file, a picture with a zip appended) is found by ``has_zip_directory`` and
opened by the walker as well. A declared type may add a check (``text/html`` makes a text part
markup), never remove one.

The kinds, in the order they are tried::

    picture    a picture format with a strong signature (PNG, JPEG, GIF, WebP, TIFF, QOI …)
    media      video or audio (exact hashes; cover art is found by carving)
    svg        an SVG document (markup)
    zip, gzip, bzip2, xz, tar, pdf, ole, rtf    containers the walker opens
    opaque     archives it cannot open (7z, RAR, zstd, CAB): kept, their pictures not checked
    mime       an email or MHTML document: RFC 822 header lines first
    mbox       many emails, each after a "From " line
    html, xml  markup; text  any other text; binary  anything else
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import sniff

PICTURE, MEDIA, SVG = "picture", "media", "svg"
ZIP, GZIP, BZIP2, XZ, TAR, PDF, OLE, RTF, OPAQUE = "zip", "gzip", "bzip2", "xz", "tar", "pdf", "ole", "rtf", "opaque"
MIME, MBOX, HTML, XML, TEXT, BINARY = "mime", "mbox", "html", "xml", "text", "binary"

#: Kinds whose text the markup reader looks into (data: URIs, uuencode, base64 runs).
TEXT_KINDS = frozenset({SVG, HTML, XML, TEXT, RTF})

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Picture formats with a signature strong enough that bytes which carry it and do not decode
# are a damaged picture (the walker then refuses), beyond sniff's web formats.
_MORE_PICTURES: tuple[tuple[bytes, str], ...] = (
    (b"qoif", "qoi"),
    (b"8BPS\x00\x01", "psd"),
    (b"8BPS\x00\x02", "psd"),
    (b"DDS ", "dds"),
    (b"icns", "icns"),
    (b"\x59\xa6\x6a\x95", "sun"),
    (b"BLP1", "blp"),
    (b"BLP2", "blp"),
    (b"\xff\x4f\xff\x51", "j2k"),
    (b"\xb1\x68\xde\x3a", "dcx"),
)
_NETPBM = re.compile(rb"P[1-7][ \t\r\n]")
_OPAQUE: tuple[tuple[bytes, str], ...] = (
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "rar"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"MSCF\x00\x00\x00\x00", "cab"),
)
_CONTAINERS: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", ZIP),
    (b"PK\x05\x06", ZIP),
    (b"PK\x07\x08", ZIP),
    (b"\x1f\x8b", GZIP),
    (b"\xfd7zXZ\x00", XZ),
    (OLE_MAGIC, OLE),
    (b"{\\rtf", RTF),
)

#: Header names that make a block of "Name: value" lines an email or MHTML header.
_MAIL_FIELDS = frozenset({
    b"from", b"to", b"cc", b"subject", b"date", b"message-id", b"mime-version", b"received",
    b"content-type", b"content-transfer-encoding", b"return-path", b"reply-to", b"sender",
    b"dkim-signature", b"snapshot-content-location", b"in-reply-to", b"references",
})
_FIELD = re.compile(rb"([!-9;-~]+)[ \t]*:")
_HTML_START = re.compile(
    rb"\s*(?:<!doctype\s+html|<html|<head|<body|<script|<iframe|<img|<div|<table|<a[\s>]|<p[\s>]"
    rb"|<style|<title|<b[\s>]|<br|<font|<h1|<span|<meta|<link|<!--)", re.I)
_XML_START = re.compile(rb"\s*(?:<\?xml|<[A-Za-z_][\w.:-]*[\s>/])")


@dataclass(frozen=True)
class Identified:
    kind: str
    format: str | None = None


def identify(data: bytes, declared: str | None = None) -> Identified:
    """The kind of ``data`` (see the module docstring), from its bytes first."""
    fmt = sniff.magic_format(data)
    if fmt in sniff.RASTER_FORMATS:
        return Identified(PICTURE, fmt)
    head = data[:16]
    for magic, name in _MORE_PICTURES:
        if head.startswith(magic):
            return Identified(PICTURE, name)
    if _NETPBM.match(head) and head[:2] in (b"P4", b"P5", b"P6", b"P7"):
        return Identified(PICTURE, "netpbm")
    for magic, kind in _CONTAINERS:
        if head.startswith(magic):
            return Identified(kind, kind)
    if data[:3] == b"BZh" and data[4:10] == b"1AY&SY":
        return Identified(BZIP2, "bzip2")
    for magic, name in _OPAQUE:
        if head.startswith(magic):
            return Identified(OPAQUE, name)
    if fmt in sniff.MEDIA_FORMATS:
        return Identified(MEDIA, fmt)
    if fmt == "svg":
        return Identified(SVG, "svg")
    if b"%PDF-" in data[:1024]:
        return Identified(PDF, "pdf")
    if data[257:262] == b"ustar":
        return Identified(TAR, "tar")
    if not is_text(data):
        return Identified(BINARY, None)
    if data.startswith(b"From ") and looks_like_headers(data[data.find(b"\n") + 1:]):
        return Identified(MBOX, "mbox")
    if looks_like_headers(data):
        return Identified(MIME, "mime")
    media_type = (declared or "").split(";", 1)[0].strip().lower()
    if media_type == "image/svg+xml":
        return Identified(SVG, "svg")
    if _HTML_START.match(data[:1024].lstrip(b"\xef\xbb\xbf")) or media_type in ("text/html", "application/xhtml+xml"):
        return Identified(HTML, "html")
    if _XML_START.match(data[:1024].lstrip(b"\xef\xbb\xbf")):
        return Identified(XML, "xml")
    return Identified(TEXT, None)


def has_zip_directory(data: bytes) -> bool:
    """Whether a zip's end-of-central-directory record sits in the last 64 KiB (a zip after
    other bytes: a self-extracting file, or a picture with a zip appended)."""
    tail = data[-65_557:]
    at = tail.rfind(b"PK\x05\x06")
    return at >= 0 and len(tail) - at >= 22


def is_text(data: bytes) -> bool:
    """No NUL byte in the first 8 KiB, or a UTF-16/32 byte order mark."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return b"\x00" not in head


def looks_like_headers(data: bytes) -> bool:
    """RFC 822 header lines from the first byte, among them at least one an email or an MHTML
    document has. Read up to the blank line (or the first line that is not a header line)."""
    if not _FIELD.match(data, 0):
        return False
    pos, known = 0, False
    end = len(data)
    while pos < end:
        nl = data.find(b"\n", pos)
        line = data[pos: end if nl < 0 else nl].rstrip(b"\r")
        if not line:
            break
        if line[:1] not in (b" ", b"\t"):
            field = _FIELD.match(line)
            if field is None:
                break
            known = known or field.group(1).lower() in _MAIL_FIELDS
        if nl < 0:
            break
        pos = nl + 1
    return known
