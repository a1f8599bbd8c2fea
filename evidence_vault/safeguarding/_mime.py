# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Emails and MHTML archives, one level at a time: headers, then the parts, each decoded.

Why not ``email.message_from_bytes(...).walk()``: the standard library's parser descends
into every nested part and message by recursion, so an email nested 1,000 levels deep ends
in ``RecursionError`` (a crash, not a refusal), and its policy.default header parser takes
minutes over a 3 MB header (CPython gh-136063). Here the standard library reads *one* header
block (``headersonly``, policy compat32, which does not parse header values), the multipart
body is cut at its boundary lines, and each part goes back to the walker one level deeper,
where ``Limits.depth`` and the clock apply. The three headers that must be parsed
(Content-Type, -Disposition, -Transfer-Encoding) are refused past ``Limits.header_bytes``.

What is looked at: every part whatever its declared type (an email attached as
application/octet-stream is still an email: the walker decides by the bytes), each decoded
by its own transfer encoding (base64, quoted-printable, uuencode) *including* message/rfc822
parts (which the standard library would not decode), the preamble and epilogue of every
multipart (as text: a mail program may show them), and MHTML of any top type. Many emails in
one file (mbox) are split at their "From " lines.
"""

from __future__ import annotations

import binascii
import codecs
import email.policy
import re
from email.parser import BytesParser
from typing import Iterator

from ._parts import Child

_STRUCTURAL = ("content-type", "content-disposition", "content-transfer-encoding")
_MESSAGE_TYPES = ("message/rfc822", "message/global", "message/news")
_UU = ("x-uuencode", "uuencode", "x-uue", "uue")
_MBOX_FROM = re.compile(rb"^From ", re.M)
_ASCII_FAMILY = re.compile(r"(us-)?ascii|utf-?8|iso-?8859.*|latin.*|(windows|cp)-?125\d|koi8.*|gb.*|big5.*|"
                           r"shift_jis|euc.*", re.I)


def entity_children(walk, data: bytes) -> Iterator[Child]:
    """The body of the MIME entity ``data`` (an email, an MHTML document, one part of them)."""
    message = BytesParser(policy=email.policy.compat32).parsebytes(data, headersonly=True)
    for name in _STRUCTURAL:
        for value in message.get_all(name) or ():
            if len(value) > walk.limits.header_bytes:
                raise walk.limit("header_bytes", "one of the headers that describe its parts is longer "
                                 f"than {walk.limits.header_bytes // 1024} KB")
    payload = message.get_payload()
    body = payload.encode("ascii", "surrogateescape") if isinstance(payload, str) else b""
    content_type = message.get_content_type()
    if content_type.startswith("multipart/"):
        boundary = message.get_boundary()
        if boundary:
            yield from _multipart(walk, body, boundary)
            return
    encoding = str(message.get("Content-Transfer-Encoding", "")).strip().lower()
    decoded = decode(walk, body, encoding)
    name = _filename(message)
    if content_type in _MESSAGE_TYPES:
        yield Child(decoded, entity=True, name=name)
        return
    if content_type.startswith("text/"):
        decoded = _as_utf8(decoded, message.get_content_charset())
    declared = content_type if message.get("Content-Type") is not None else None
    yield Child(decoded, declared=declared, name=name)


def _filename(message) -> str | None:
    try:
        name = message.get_filename()
    except (ValueError, IndexError, TypeError, LookupError):
        return None
    return str(name) if name else None


def _multipart(walk, body: bytes, boundary: str) -> Iterator[Child]:
    """Each part between the boundary lines; the preamble and epilogue as text (lenient)."""
    mark = re.escape(boundary.encode("ascii", "surrogateescape"))
    lines = re.compile(rb"^--" + mark + rb"(--)?[ \t]*\r?$", re.M)
    found = list(lines.finditer(body))
    if not found:
        yield Child(body, declared="text/plain")
        return
    yield Child(_trim(body[: found[0].start()]), declared="text/plain", strict=False)
    for this, following in zip(found, found[1:] + [None]):
        walk.tick()
        start = _after_line(body, this.end())
        if this.group(1):  # the closing boundary: what follows is the epilogue
            yield Child(body[start:], declared="text/plain", strict=False)
            return
        end = len(body) if following is None else following.start()
        yield Child(_trim(body[start:end]), entity=True)


def _after_line(body: bytes, pos: int) -> int:
    if body[pos: pos + 2] == b"\r\n":
        return pos + 2
    return pos + 1 if body[pos: pos + 1] in (b"\n", b"\r") else pos


def _trim(part: bytes) -> bytes:
    """A part without the line break that belongs to the boundary line after it."""
    if part.endswith(b"\r\n"):
        return part[:-2]
    return part[:-1] if part.endswith((b"\n", b"\r")) else part


def decode(walk, body: bytes, encoding: str) -> bytes:
    """``body`` decoded by its Content-Transfer-Encoding, forgivingly (as mail programs do)."""
    if encoding == "base64":
        out = forgiving_base64(body)
    elif encoding == "quoted-printable":
        out = binascii.a2b_qp(body)
    elif encoding in _UU:
        out = uudecode(body.splitlines())
    else:
        return body
    walk.take(len(out))
    return out


def forgiving_base64(text: bytes) -> bytes:
    """Base64 with anything outside its alphabet skipped, and missing padding allowed."""
    try:
        return binascii.a2b_base64(text, strict_mode=False)
    except binascii.Error:
        clean = re.sub(rb"[^A-Za-z0-9+/]", b"", text)
        clean = clean[: len(clean) - (len(clean) % 4 == 1)]
        return binascii.a2b_base64(clean + b"=" * (-len(clean) % 4))


def uudecode(lines: list[bytes]) -> bytes:
    """The lines of a uuencoded file (without its ``begin``/``end`` lines), forgivingly."""
    out = bytearray()
    for line in lines:
        line = line.rstrip(b"\r\n")
        if not line or line.startswith((b"begin ", b"end")) or line == b"`":
            continue
        try:
            out += binascii.a2b_uu(line)
        except binascii.Error:  # trailing garbage after the counted bytes, as some encoders write
            count = (((line[0] - 32) & 63) * 4 + 5) // 3
            try:
                out += binascii.a2b_uu(line[:count])
            except binascii.Error:
                continue
    return bytes(out)


def _as_utf8(data: bytes, charset: str | None) -> bytes:
    """Text in a character set that does not spell ASCII as ASCII (UTF-16, UTF-7 …) as UTF-8,
    so that ``data:`` and base64 can be found in it."""
    if not charset or _ASCII_FAMILY.fullmatch(charset):
        return data
    try:
        codecs.lookup(charset)
        return data.decode(charset, errors="replace").encode("utf-8")
    except (LookupError, ValueError):
        return data


def mbox_children(walk, data: bytes) -> Iterator[Child]:
    """Each email of an mbox file (after its "From " line)."""
    starts = [m.start() for m in _MBOX_FROM.finditer(data)] + [len(data)]
    for start, end in zip(starts, starts[1:]):
        walk.tick()
        line_end = data.find(b"\n", start, end)
        if line_end >= 0:
            yield Child(data[line_end + 1: end], entity=True)
