# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Appending drawn pages to the bundle file as they are made, so memory stays flat.

reportlab holds a whole document in memory until it saves it, so a case of fifty long
captures drawn as one document would hold every page's pixels at once. Instead the front pages,
each item's pages and the custody log are drawn as separate small documents, and their page
trees are grafted onto the bundle file (pyHanko, incremental updates flushed every
``FLUSH_BYTES``). The page order and the footer numbers are the ones planned up front.
"""

from __future__ import annotations

import io
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

FLUSH_BYTES = 8 << 20


class PageAppender:
    """Graft the pages of in-memory PDFs onto the end of ``path`` (which must exist)."""

    def __init__(self, path: Path):
        self._fh = open(path, "rb+")
        self._writer = None
        self._pending = 0

    def _open_writer(self):
        if self._writer is None:
            self._fh.seek(0)
            self._writer = IncrementalPdfFileWriter(self._fh, strict=False)
        return self._writer

    def append(self, pdf: bytes) -> int:
        """Add every page of ``pdf``; returns how many."""
        writer = self._open_writer()
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        # One import of the whole page tree keeps shared objects (fonts) shared.
        tree = writer.import_object(reader.root.raw_get("/Pages")).get_object()
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
