# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Opening a bundle that may be hostile: find where the PDF ends before any parser reads it.

pyHanko finds a PDF's end by reading lines backwards one byte at a time; a file ending in
megabytes without a line break (or a genuine bundle with zeros appended) makes that take
minutes. So the end is found here first, with a bounded search in large chunks: the last
``%%EOF`` that follows ``startxref`` and a number, within ``max_trailer_line`` bytes. The
parser then sees only the file up to that end (a read-only window), and any bytes after it are
counted and reported as appended, never parsed.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from pyhanko.pdf_utils.crypt import AuthStatus
from pyhanko.pdf_utils.reader import PdfFileReader

from .limits import MiB, VerifyLimits

HEADER = b"%PDF-"
_TRAILER = re.compile(rb"startxref[ \t\r\n]+(\d{1,20})[ \t\r\n]*%%EOF\Z")
_CHUNK = 4 * MiB


class _Window(io.RawIOBase):
    """Bytes ``[0, end)`` of an open file, read-only: what the parser is allowed to see."""

    def __init__(self, fh, end: int):
        self._fh, self._end, self._pos = fh, end, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self._end}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def readinto(self, buffer) -> int:
        want = min(len(buffer), max(0, self._end - self._pos))
        if not want:
            return 0
        self._fh.seek(self._pos)
        got = self._fh.readinto(memoryview(buffer)[:want])
        self._pos += got or 0
        return got or 0


@dataclass
class OpenedPdf:
    reader: PdfFileReader
    path: Path | None  # None: read from memory
    end: int         # where the PDF ends (after %%EOF and its line break)
    size: int        # the whole file
    encrypted: bool
    _fh: object

    @property
    def appended(self) -> int:
        return self.size - self.end

    def read_range(self, start: int, length: int) -> bytes:
        self._fh.seek(start)
        return self._fh.read(length)

    def close(self) -> None:
        self._fh.close()


def find_end(fh, size: int, limits: VerifyLimits) -> int | None:
    """Offset just past the last well-formed ``startxref N %%EOF`` (and its line break), or None."""
    tried = 0
    pos = size
    carry = b""
    while pos > 0 and tried < limits.max_eof_markers:
        start = max(0, pos - _CHUNK)
        fh.seek(start)
        block = fh.read(pos - start) + carry
        hit = len(block)
        while tried < limits.max_eof_markers:
            hit = block.rfind(b"%%EOF", 0, hit)
            if hit < 0:
                break
            tried += 1
            at = start + hit
            fh.seek(max(0, at - limits.max_trailer_line))
            before = fh.read(min(at, limits.max_trailer_line) + 5)
            if _TRAILER.search(before):
                end = at + 5
                fh.seek(end)
                tail = fh.read(2)
                if tail[:2] == b"\r\n":
                    return end + 2
                return end + 1 if tail[:1] in (b"\n", b"\r") else end
        carry = block[:4]  # a marker cut by the chunk boundary
        pos = start
    return None


def open_pdf(path: Path | bytes, password: str | None, report, password_error, limits: VerifyLimits):
    """An ``OpenedPdf``, or None with the reason added to ``report``. ``path`` may be the
    file's bytes (a bundle inside a bundle, read in memory: nested.py)."""
    in_memory = isinstance(path, (bytes, bytearray))
    size = len(path) if in_memory else path.stat().st_size
    report.details["size"] = size
    if size == 0:
        report.fail("file: it is empty (0 bytes), not a bundle")
        return None
    if size > limits.max_file_bytes:
        report.fail(f"file: it is {size:,} bytes, more than the {limits.max_file_bytes:,} this checker reads; "
                    "this is not a bundle we can check")
        return None
    fh = io.BytesIO(path) if in_memory else open(path, "rb")
    try:
        if HEADER not in fh.read(1024):
            report.fail("file: it is not a PDF (no %PDF- header), so it is not a bundle")
            fh.close()
            return None
        end = find_end(fh, size, limits)
        if end is None:
            report.fail("file: it has no end-of-file marker where a PDF has one (startxref … %%EOF): it is "
                        "truncated, damaged or not a PDF, so it is not a bundle we can check")
            fh.close()
            return None
        window = io.BufferedReader(_Window(fh, end), buffer_size=1 * MiB)
        reader = PdfFileReader(window, strict=False)
        encrypted = reader.encrypted
        if encrypted:
            if password is None:
                raise password_error("This bundle is encrypted: it can be checked only with its "
                                     "password (the sender gives it to you separately).")
            if reader.decrypt(password).status == AuthStatus.FAILED:
                raise password_error("That password does not open this bundle. Nothing was checked.")
        reader.root  # noqa: B018 - forces the catalog to parse
    except password_error:
        fh.close()
        raise
    except Exception as exc:  # noqa: BLE001 - a hostile or truncated file: reported, not raised
        fh.close()
        report.fail(f"file: it cannot be read as a PDF; it is damaged or truncated ({why(exc)})")
        return None
    return OpenedPdf(reader, None if in_memory else path, end, size, bool(encrypted), fh)


def why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


__all__ = ["open_pdf", "OpenedPdf", "find_end", "why"]
