# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Small files built to stall, flood or fool a bundle checker (issue 19, findings 8-13).

Shared by tests/bundle/test_bundle_limits.py (which asserts the exact refusal of each) and
bench/verify_hostile_bench.py (which measures verify-bundle's time and peak memory on each
against a genuine bundle of the same size). Each builder writes one file and returns its path.
"""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import PdfFileWriter


def long_line_tail(genuine: Path, dst: Path, size: int, byte: bytes = b"A") -> Path:
    """A genuine bundle followed by ``size`` bytes without a single line break (finding 8)."""
    with open(dst, "wb") as out:
        out.write(genuine.read_bytes())
        block = byte * (1 << 20)
        left = size
        while left > 0:
            out.write(block[:left])
            left -= len(block)
    return dst


def no_end_marker(dst: Path, size: int) -> Path:
    """A PDF header and then ``size`` bytes with no line break and no %%EOF at all."""
    with open(dst, "wb") as out:
        out.write(b"%PDF-1.7\n")
        block = b"B" * (1 << 20)
        left = size
        while left > 0:
            out.write(block[:left])
            left -= len(block)
    return dst


def _file_spec(writer, name: str, data: bytes | None = None, *, encoded: bytes | None = None):
    stream = generic.StreamObject(
        {generic.pdf_name("/Type"): generic.pdf_name("/EmbeddedFile")},
        stream_data=data, encoded_data=encoded)
    if encoded is not None:
        stream[generic.pdf_name("/Filter")] = generic.pdf_name("/FlateDecode")
    ref = writer.add_object(stream)
    return writer.add_object(generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Filespec"),
        generic.pdf_name("/F"): generic.TextStringObject(name),
        generic.pdf_name("/UF"): generic.TextStringObject(name),
        generic.pdf_name("/EF"): generic.DictionaryObject({generic.pdf_name("/F"): ref, generic.pdf_name("/UF"): ref}),
    }))


def shared_name_tree(dst: Path, levels: int = 16, fanout: int = 16) -> Path:
    """A name tree whose every node's kids are ``fanout`` pointers to one node (finding 9):
    ~3 KB of PDF, ``fanout ** levels`` paths for a naive walk."""
    writer = PdfFileWriter()
    leaf = writer.add_object(generic.DictionaryObject({
        generic.pdf_name("/Names"): generic.ArrayObject([
            generic.TextStringObject("manifest.json"), _file_spec(writer, "manifest.json", b"{}")])}))
    node = leaf
    for _ in range(levels):
        node = writer.add_object(generic.DictionaryObject({
            generic.pdf_name("/Kids"): generic.ArrayObject([node] * fanout)}))
    writer.root["/Names"] = generic.DictionaryObject({generic.pdf_name("/EmbeddedFiles"): node})
    out = io.BytesIO()
    writer.write(out)
    dst.write_bytes(out.getvalue())
    return dst


def _deflate_repeated(unit: bytes, count: int, head: bytes, tail: bytes) -> bytes:
    comp = zlib.compressobj(9)
    parts = [comp.compress(head)]
    block = unit * 65536
    left = count
    while left > 0:
        n = min(left, 65536)
        parts.append(comp.compress(block if n == 65536 else unit * n))
        left -= n
    parts.append(comp.compress(tail))
    parts.append(comp.flush())
    return b"".join(parts)


def _pdf_with_manifest(dst: Path, encoded: bytes) -> Path:
    """An unsigned PDF whose one attachment, manifest.json, is ``encoded`` (Flate)."""
    writer = PdfFileWriter()
    spec = _file_spec(writer, "manifest.json", encoded=encoded)
    writer.root["/Names"] = generic.DictionaryObject({generic.pdf_name("/EmbeddedFiles"): writer.add_object(
        generic.DictionaryObject({generic.pdf_name("/Names"): generic.ArrayObject(
            [generic.TextStringObject("manifest.json"), spec])}))})
    out = io.BytesIO()
    writer.write(out)
    dst.write_bytes(out.getvalue())
    return dst


_HEAD = b'{"format": "evidence-vault-bundle", "version": 2, "chain": {"hashes": []}, "events": ['


def huge_manifest(dst: Path, events: int = 10_000_000) -> Path:
    """A manifest.json declaring ``events`` history entries, deflated to a few hundred KB (finding 10)."""
    return _pdf_with_manifest(dst, _deflate_repeated(b'{"seq": 99, "hash": "00"},', events, _HEAD, b'{"seq": 99}]}'))


def many_small_failures(dst: Path, events: int = 100_000) -> Path:
    """A manifest within every size limit whose every event lies outside its history: a
    checker that prints one line per problem prints ``events`` lines."""
    return _pdf_with_manifest(dst, _deflate_repeated(b'{"seq": 5},', events, _HEAD, b'{"seq": 5}]}'))


def path_names(genuine: Path, dst: Path, evil: str = "../evil.txt") -> Path:
    """An incremental update that makes pdfdetach -saveall write an attachment as ``evil``
    (finding 12): its /F and /UF, which pdfdetach uses, not the name in the tree."""
    buf = io.BytesIO(genuine.read_bytes())
    writer = IncrementalPdfFileWriter(buf, strict=False)
    names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
    spec = names[1]
    spec["/F"] = generic.TextStringObject(evil)
    spec["/UF"] = generic.TextStringObject(evil)
    writer.update_container(spec)
    writer.write_in_place()
    dst.write_bytes(buf.getvalue())
    return dst


def changed_padding(genuine: Path, dst: Path) -> Path:
    """The zero padding after the signature value overwritten (finding 13): the signed bytes are
    untouched, pyHanko called it valid, pdfsig says 'Not total document signed'."""
    data = bytearray(genuine.read_bytes())
    m = re.search(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+\d+\s*\]", data)
    start, end = int(m.group(1)), int(m.group(2))
    inner = bytes(data[start + 1:end - 1])
    used = len(inner.rstrip(b"0"))
    used += used % 2
    for i in range(start + 1 + used + 16, end - 1 - 16):
        data[i] = ord("F")
    dst.write_bytes(bytes(data))
    return dst


__all__ = ["long_line_tail", "no_end_marker", "shared_name_tree", "huge_manifest", "many_small_failures",
           "path_names", "changed_padding"]
