# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Archives the walker opens: the zip family, tar, and gzip/bzip2/xz streams.

Why these: a zip is also every Office document (.docx .xlsx .pptx: word/media/...), every
OpenDocument file (.odt: Pictures/...), every EPUB and most phone "export chat" files; gzip
is also .svgz and .tar.gz. All are read with the standard library, in memory, one member at
a time, and each member is counted against the walk's budget *while* it is unpacked (a zip
bomb's sizes in its directory are not believed): the walk is refused the moment what was
unpacked passes ``Limits.expanded_bytes``.

A member that cannot be read (damaged, a compression method Python does not have) refuses the
file when the archive stands where a person would open it (``strict``): an archive program
might show what we could not check. A member protected by a password is counted as opaque:
nobody can see it without the password, and neither can we (docs/blocklists.md).
"""

from __future__ import annotations

import bz2
import io
import lzma
import struct
import tarfile
import zipfile
import zlib
from typing import Iterator

from . import identify as ident
from ._parts import Child

_CHUNK = 1 << 20
_DAMAGED = "a file inside it is damaged or packed in a way Evidence Vault cannot read"


def children(walk, data: bytes, kind: str, *, strict: bool) -> Iterator[Child]:
    """The parts of the archive ``data`` of ``kind`` (identify.ZIP, TAR, GZIP, BZIP2, XZ)."""
    if kind == ident.ZIP:
        yield from _zip_members(walk, data, strict=strict)
    elif kind == ident.TAR:
        yield from _tar_members(walk, data, strict=strict)
    else:
        yield from _stream(walk, data, kind, strict=strict)


def _zip_members(walk, data: bytes, *, strict: bool) -> Iterator[Child]:
    declared = _zip_entry_count(data)
    if declared is not None and declared > walk.limits.parts:
        raise walk.limit("parts", f"it holds more than {walk.limits.parts:,} files, pictures and parts")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error) as exc:
        if strict and data.startswith(b"PK"):
            raise walk.uncheckable("it is a damaged zip file") from exc
        return
    with archive:
        for info in archive.infolist():
            walk.tick()
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:  # encrypted: a password is needed to see it
                walk.guard.count("opaque")
                continue
            try:
                with archive.open(info) as member:
                    body = _read_capped(walk, member)
            except (zipfile.BadZipFile, NotImplementedError, OSError, ValueError, EOFError,
                    zlib.error, lzma.LZMAError, struct.error) as exc:
                if strict:
                    raise walk.uncheckable(_DAMAGED) from exc
                continue
            yield Child(body, name=info.filename)


def _zip_entry_count(data: bytes) -> int | None:
    """Entries the zip's end record claims (before Python builds an object for each)."""
    tail = data[-65_557:]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    return struct.unpack("<H", tail[at + 10: at + 12])[0]


def _read_capped(walk, stream) -> bytes:
    """Read ``stream`` to its end, counting every chunk against the walk's budget."""
    out = bytearray()
    while True:
        walk.tick()
        chunk = stream.read(min(_CHUNK, walk.room + 1))
        if not chunk:
            return bytes(out)
        walk.take(len(chunk))
        out += chunk


def _tar_members(walk, data: bytes, *, strict: bool) -> Iterator[Child]:
    try:
        archive = tarfile.open(fileobj=io.BytesIO(data), mode="r:")
        with archive:
            for info in archive:
                walk.tick()
                if not info.isfile():
                    continue
                handle = archive.extractfile(info)
                if handle is None:
                    continue
                walk.take(info.size)
                yield Child(handle.read(), name=info.name)
    except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
        if strict:
            raise walk.uncheckable("it is a damaged archive (tar)") from exc


def _stream(walk, data: bytes, kind: str, *, strict: bool) -> Iterator[Child]:
    """gzip, bzip2 or xz: one stream (or several, one after another) unpacked as one body."""
    out = bytearray()
    rest = data
    try:
        while rest:
            if kind == ident.GZIP:
                inflater = zlib.decompressobj(wbits=31)
                unpack = inflater.decompress
            elif kind == ident.BZIP2:
                inflater = bz2.BZ2Decompressor()
                unpack = inflater.decompress
            else:
                inflater = lzma.LZMADecompressor()
                unpack = inflater.decompress
            pending = rest
            while True:
                walk.tick()
                chunk = unpack(pending, min(_CHUNK, walk.room + 1)) if kind == ident.GZIP else \
                    unpack(pending, max_length=min(_CHUNK, walk.room + 1))
                walk.take(len(chunk))
                out += chunk
                pending = getattr(inflater, "unconsumed_tail", b"") if kind == ident.GZIP else b""
                if inflater.eof:
                    break
                if kind == ident.GZIP and not pending and not chunk:
                    raise EOFError("cut short")
                if kind != ident.GZIP and inflater.needs_input:
                    raise EOFError("cut short")
            rest = inflater.unused_data
            if not _starts_stream(rest, kind):
                break  # bytes after the last stream (padding): not part of it
    except (zlib.error, OSError, EOFError, lzma.LZMAError, ValueError) as exc:
        if strict:
            raise walk.uncheckable("it is compressed, and the compressed data is damaged or cut "
                                   "short") from exc
        if not out:
            return
    yield Child(bytes(out))


def _starts_stream(rest: bytes, kind: str) -> bool:
    return rest.startswith({ident.GZIP: b"\x1f\x8b", ident.BZIP2: b"BZh", ident.XZ: b"\xfd7zXZ\x00"}[kind])
