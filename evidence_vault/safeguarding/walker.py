# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The one walker: everything a file holds, opened by its bytes and shown to the hash lists.

Why one walker: policy clause 71 forbids saving an indecent image of a child, and a picture
saved inside a zip, a Word file, a PDF, an email inside an email or a data: URI written with
character references is saved all the same. Every intake path (add-file, add-email, the
app's drag and drop, a capture's responses, MHTML archive and artefacts, an email's text
rendering) reaches the hash lists through ``ImageGuard.inspect``, and that is this walk: so
they cannot differ in what they look into.

How it walks (``Walk.visit``), for each part, the file itself first:

1. count it, and check the clock (the limits below);
2. MD5, SHA-1 and SHA-256 of its exact bytes against the lists;
3. say what it is from its bytes (identify.py), never from a name or a declared type;
4. a picture: PDQ of every frame against the lists (hashing.py), then what it carries (EXIF
   and XMP thumbnails, text chunks, bytes after its end, pictures found by carving);
   a container: each of its parts, one level deeper (zip family, gzip/bzip2/xz, tar, PDF,
   OLE/Outlook, MIME email and MHTML, mbox); text and markup: the data: URIs, uuencoded
   files and base64 runs in it (markup.py); anything else: Pillow is asked whether it is a
   picture after all, and embedded files are carved out (pictures.py).

A part that is a picture by its bytes and cannot be decoded is refused when it stands where a
program would show it ("strict": a file, an attachment, a zip member, a data: URI in markup);
where no program would show it (a data: URI quoted in a chat export, bytes found by carving,
an EXIF thumbnail) it is only checked if it decodes ("lenient"). A limit reached refuses the
whole file (``LimitReached``: exit code 3, the limit named in plain words), never a hang and
never a crash. Nothing here writes to disk: every part is bytes in memory.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Iterator

from PIL import Image

from . import _archives as archives
from . import _documents as documents
from . import _markup as markup
from . import _mime as mime
from . import _pictures as pictures
from . import identify as ident
from ._parts import Child
from .hashing import NOT_READABLE, TOO_MANY_FRAMES, ImageHashes, exact_hashes, image_hashes, pixels_hashes
from .refusals import BlockedImage, LimitReached, UncheckableContent


@dataclass(frozen=True)
class Limits:
    """What one walk (one file, one body) may cost before it is refused; docs/blocklists.md
    gives the reason for each number."""

    depth: int = 32                       # parts inside parts inside ...
    parts: int = 50_000                   # parts met in all
    expanded_bytes: int = 2 * 1024 ** 3   # bytes unpacked or decoded in all
    frames: int = 2_000                   # frames (or pages, layers) of one picture
    seconds: float = 180.0                # time for the whole walk
    header_bytes: int = 64 * 1024         # one MIME header the walker must parse


LIMITS = Limits()


class Walk:
    """One walk over one body, with its own budget. Made by ``ImageGuard.inspect``."""

    def __init__(self, guard, *, kind: str, url: str, limits: Limits = LIMITS) -> None:
        self.guard, self.kind, self.url, self.limits = guard, kind, url, limits
        self.matcher = guard.matcher
        self.started = time.monotonic()
        self.parts = 0
        self.expanded = 0

    # -- the budget ------------------------------------------------------------------------

    def tick(self) -> None:
        """Called often (each part, frame, member): refuses once the time is up."""
        if time.monotonic() - self.started > self.limits.seconds:
            raise self.limit("seconds", f"checking it took longer than {_duration(self.limits.seconds)}")

    def take(self, size: int) -> int:
        """Account for ``size`` more bytes unpacked or decoded; refuses past the limit.
        Returns how many bytes may still be unpacked (for readers that stop early)."""
        self.expanded += size
        if self.expanded > self.limits.expanded_bytes:
            raise self.limit("expanded_bytes", "what it holds would unpack to more than "
                             f"{_size(self.limits.expanded_bytes)}")
        return self.limits.expanded_bytes - self.expanded

    @property
    def room(self) -> int:
        """Bytes that may still be unpacked."""
        return self.limits.expanded_bytes - self.expanded

    def limit(self, name: str, reason: str) -> LimitReached:
        return LimitReached(limit=name, kind=self.kind, url=self.url, reason=reason)

    def uncheckable(self, reason: str) -> UncheckableContent:
        return UncheckableContent(kind=self.kind, url=self.url, reason=reason)

    # -- the walk --------------------------------------------------------------------------

    def visit(self, data: bytes, *, depth: int = 0, declared: str | None = None, strict: bool = True,
              entity: bool = False, carved: bool = False) -> None:
        """Check ``data`` and everything inside it; raise a ``SafeguardingBlock`` to refuse."""
        if not data:
            return
        self.parts += 1
        if self.parts > self.limits.parts:
            raise self.limit("parts", f"it holds more than {self.limits.parts:,} files, pictures and parts")
        if depth > self.limits.depth:
            raise self.limit("depth", f"what it holds is nested more than {self.limits.depth} levels deep")
        self.tick()
        exact = exact_hashes(data)
        self._refuse_if(self.matcher.match_exact(exact), depth)
        found = ident.Identified(ident.MIME, "mime") if entity else ident.identify(data, declared)
        claims = _claims_picture(declared)
        key = (bytes.fromhex(exact.sha256), found.kind, strict, claims, carved)
        if self.guard.seen(key):
            return
        before = self.guard.counts()
        decoded = self._dispatch(data, exact, found, depth=depth, declared=declared, strict=strict,
                                 carved=carved)
        if strict and claims and not decoded and found.kind not in (ident.PICTURE, ident.MEDIA):
            # Said to be a picture (a server's or an email's Content-Type), and nothing shows
            # it is not: a program would try to show it, and we could not check it.
            raise self.uncheckable(NOT_READABLE)
        self.guard.remember(key, before)

    def _dispatch(self, data: bytes, exact, found: ident.Identified, *, depth: int,
                  declared: str | None, strict: bool, carved: bool) -> bool:
        """Look inside ``data`` by its kind; True when it decoded as a picture."""
        kind = found.kind
        if kind == ident.PICTURE:
            return self._picture(data, exact, depth=depth, strict=strict, carved=carved)
        if kind in (ident.ZIP, ident.TAR, ident.GZIP, ident.BZIP2, ident.XZ):
            self._children(archives.children(self, data, kind, strict=strict), depth)
            if kind != ident.ZIP and ident.has_zip_directory(data):  # a zip behind something else
                self._children(archives.children(self, data, ident.ZIP, strict=False), depth)
            return False
        if kind == ident.PDF:
            self._children(documents.pdf_children(self, data, strict=strict, carved=carved), depth)
        elif kind == ident.OLE:
            self._children(documents.ole_children(self, data, strict=strict), depth)
        elif kind == ident.MIME:
            self._children(mime.entity_children(self, data), depth)
        elif kind == ident.MBOX:
            self._children(mime.mbox_children(self, data), depth)
        elif kind in ident.TEXT_KINDS:
            self._children(markup.text_children(self, data, kind, declared), depth)
            if kind == ident.RTF and not carved:
                self._children(pictures.carve(self, data), depth)
            if ident.has_zip_directory(data):  # a zip behind text (a polyglot)
                self._children(archives.children(self, data, ident.ZIP, strict=False), depth)
            if markup.may_be_text_picture(data):
                return self._maybe_picture(data, exact, depth=depth)
        elif kind == ident.OPAQUE:
            self.guard.count("opaque")
        elif kind == ident.MEDIA:
            self.guard.count("exact_only")
            if not carved:
                self._children(pictures.carve(self, data), depth)
            if ident.has_zip_directory(data):
                self._children(archives.children(self, data, ident.ZIP, strict=False), depth)
        else:  # binary that no signature names: Pillow may still know it (TGA, PCX …)
            decoded = self._maybe_picture(data, exact, depth=depth)
            if not carved:
                self._children(pictures.carve(self, data), depth)
            if ident.has_zip_directory(data):
                self._children(archives.children(self, data, ident.ZIP, strict=False), depth)
            return decoded
        if kind in (ident.PDF, ident.OLE) and ident.has_zip_directory(data):
            self._children(archives.children(self, data, ident.ZIP, strict=False), depth)
        return False

    def _children(self, children: Iterator[Child], depth: int) -> None:
        for child in children:
            self.guard.count("embedded_checked")
            if child.pixels is not None:
                self._pixels(child.pixels, depth=depth + 1, strict=child.strict)
                continue
            try:
                self.visit(child.data, depth=depth + 1, declared=child.declared, strict=child.strict,
                           entity=child.entity, carved=child.carved)
            except (BlockedImage, UncheckableContent) as block:
                if child.name:
                    block.inside.insert(0, child.name[:200])
                raise

    # -- pictures --------------------------------------------------------------------------

    def _picture(self, data: bytes, exact, *, depth: int, strict: bool, carved: bool) -> bool:
        hashes = image_hashes(data, max_frames=self.limits.frames, tick=self.tick, exact=exact)
        verdict = self.matcher.examine(hashes)
        self._refuse_if(verdict.match, depth)
        if hashes.failure == TOO_MANY_FRAMES:
            raise self.limit("frames", f"a picture in it has more than {self.limits.frames:,} frames")
        if not hashes.decoded:
            if strict:
                raise self.uncheckable(hashes.failure or NOT_READABLE)
            return False
        self.guard.count("pdq_low_quality" if verdict.pdq_unreliable else "pdq_checked")
        self._children(pictures.extras(self, data), depth)
        if not carved:
            self._children(pictures.carve(self, data), depth)
        return True

    def _maybe_picture(self, data: bytes, exact, *, depth: int) -> bool:
        """Bytes no strong signature names: checked as a picture if Pillow decodes them."""
        hashes = image_hashes(data, max_frames=self.limits.frames, tick=self.tick, exact=exact)
        if hashes.failure == TOO_MANY_FRAMES:
            raise self.limit("frames", f"a picture in it has more than {self.limits.frames:,} frames")
        if not hashes.decoded:
            return False
        verdict = self.matcher.examine(hashes)
        self._refuse_if(verdict.match, depth)
        self.guard.count("pdq_low_quality" if verdict.pdq_unreliable else "pdq_checked")
        return True

    def _pixels(self, image: Image.Image, *, depth: int, strict: bool) -> None:
        """A picture decoded by a container's own reader (an image inside a PDF)."""
        self.tick()
        try:
            candidates = pixels_hashes(image)
        except ValueError as exc:
            if strict:
                raise self.uncheckable(str(exc)) from None
            return
        finally:
            image.close()
        hashes = ImageHashes(md5="", sha1="", sha256="", pdq=candidates[0].hex,
                             pdq_quality=candidates[0].quality, decoded=True, candidates=candidates,
                             frames=1, frames_hashed=1)
        verdict = self.matcher.examine(hashes)  # no exact hashes: pixels only
        self._refuse_if(verdict.match, depth)
        self.guard.count("pdq_low_quality" if verdict.pdq_unreliable else "pdq_checked")

    def _refuse_if(self, match, depth: int) -> None:
        if match is not None:
            raise BlockedImage(match=match, kind=self.kind, url=self.url, embedded=depth > 0)


def _claims_picture(declared: str | None) -> bool:
    media_type = (declared or "").split(";", 1)[0].strip().lower()
    return media_type.startswith("image/") and media_type != "image/svg+xml"


def _size(count: int) -> str:
    for unit, size in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("KB", 1024)):
        if count >= size:
            return f"{count / size:g} {unit}"
    return f"{count} bytes"


def _duration(seconds: float) -> str:
    if seconds >= 120 and seconds % 60 == 0:
        return f"{int(seconds // 60)} minutes"
    return f"{seconds:g} seconds"
