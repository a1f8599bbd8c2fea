# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Appending drawn pages to the bundle file as they are made, so memory stays flat.

reportlab holds a whole document in memory until it saves it, so a case of fifty long
captures drawn as one document would hold every page's pixels at once. Instead the front pages,
each item's pages and the custody log are drawn as separate small documents, and their page
trees are grafted onto the bundle file (pyHanko, incremental updates flushed every
``FLUSH_BYTES``). The page order and the footer numbers are the ones planned up front.

A font that two parts embed identically (fonts.seed makes the common part of every font the
same in each) is kept once: the second part's pages point at the first one's copy.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import _ObjectImporter  # import_object with a reference map

FONT_PARTS = ("/BaseFont", "/Subtype", "/FirstChar", "/LastChar", "/Widths", "/Encoding")

FLUSH_BYTES = 8 << 20


class PageAppender:
    """Graft the pages of in-memory PDFs onto the end of ``path`` (which must exist)."""

    def __init__(self, path: Path):
        self._fh = open(path, "rb+")
        self._writer = None
        self._pending = 0
        self._fonts: dict[str, tuple[int, int]] = {}  # font fingerprint -> (idnum, generation)

    def _open_writer(self):
        if self._writer is None:
            self._fh.seek(0)
            self._writer = IncrementalPdfFileWriter(self._fh, strict=False)
            if not self._fonts:  # the fonts of the pages already in the file (the front pages)
                _known, fresh = self._known_fonts(self._writer.prev, self._writer)
                for ref, key in fresh.items():
                    self._fonts.setdefault(key, (ref.idnum, ref.generation))
        return self._writer

    def append(self, pdf: bytes) -> int:
        """Add every page of ``pdf``; returns how many."""
        writer = self._open_writer()
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        # One import of the whole page tree keeps shared objects (fonts) shared; a font already
        # in the bundle is not imported again.
        known, fresh = self._known_fonts(reader, writer)
        importer = _ObjectImporter(source=reader, target=writer, reference_map=known, obj_stream=None)
        tree = importer.import_object(reader.root.raw_get("/Pages")).get_object()
        for source_ref, key in fresh.items():
            target = importer.reference_map.get(source_ref)
            if target is not None:
                self._fonts.setdefault(key, (target.idnum, target.generation))
        root_ref = writer.root.raw_get("/Pages")
        root = root_ref.get_object()
        kids = root["/Kids"]
        added = 0
        for kid_ref in tree["/Kids"]:
            kid_ref = kid_ref if isinstance(kid_ref, generic.IndirectObject) else writer.add_object(kid_ref)
            kid_ref.get_object()["/Parent"] = root_ref
            kids.append(kid_ref)
            added += 1
        root["/Count"] = generic.NumberObject(int(root["/Count"]) + added)
        writer.update_container(root)
        writer.update_container(kids)
        self._pending += len(pdf)
        if self._pending >= FLUSH_BYTES:
            self.flush()
        return added

    def _known_fonts(self, reader, writer) -> tuple[dict, dict]:
        """({source ref: the bundle's copy} for fonts already in the bundle, {source ref:
        fingerprint} for the others)."""
        known, fresh = {}, {}
        for page in _pages(reader.root["/Pages"]):
            resources = page.get("/Resources")
            font_dict = resources.get_object().get("/Font") if resources is not None else None
            if font_dict is None:
                continue
            font_dict = font_dict.get_object()
            for name in font_dict:
                ref = font_dict.raw_get(name)
                if not isinstance(ref, generic.IndirectObject) or ref.reference in known or ref.reference in fresh:
                    continue
                key = _font_key(ref.get_object())
                if key is None:
                    continue
                if key in self._fonts:
                    idnum, generation = self._fonts[key]
                    known[ref.reference] = generic.IndirectObject(idnum, generation, writer)
                else:
                    fresh[ref.reference] = key
        return known, fresh

    def flush(self) -> None:
        if self._writer is not None:
            self._writer.write_in_place()
            self._writer = None
            self._pending = 0

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self._fh.close()


def _pages(node, depth: int = 0):
    """The leaves of a page tree drawn by reportlab (our own, small, in memory)."""
    node = node.get_object()
    if "/Kids" not in node:
        yield node
        return
    if depth > 16:
        return
    for kid in node["/Kids"]:
        yield from _pages(kid, depth + 1)


def _stream_bytes(obj) -> bytes:
    obj = obj.get_object() if obj is not None else None
    return obj.data if isinstance(obj, generic.StreamObject) else b""


def _font_key(font) -> str | None:
    """A fingerprint of everything a TrueType font object draws with; None for other fonts."""
    if not isinstance(font, generic.DictionaryObject) or font.get("/Subtype") != "/TrueType":
        return None
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return None
    descriptor = descriptor.get_object()
    sha = hashlib.sha256()
    for part in FONT_PARTS:
        sha.update(repr(font.get(part)).encode() + b"\0")
    for part in sorted(str(k) for k in descriptor if k != "/FontFile2"):
        sha.update(part.encode() + repr(descriptor.get(part)).encode() + b"\0")
    sha.update(_stream_bytes(font.get("/ToUnicode")) + b"\0" + _stream_bytes(descriptor.get("/FontFile2")))
    return sha.hexdigest()
