# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Documents the walker opens by their structure: PDF (with pikepdf) and OLE compound files.

PDF: every object of the file is visited, not only what the pages show (an attacker's
picture need not be on a page, and an attachment need not be listed): each image XObject is
decoded (JPEG and JPEG 2000 as the files they are, anything else to pixels by pikepdf), each
inline image in a content stream is decoded, and every other stream (attached files,
XMP metadata, forms, fonts) is decoded and handed back to be identified by its bytes. pikepdf
is a binding of qpdf, a C++ library fuzzed continuously by OSS-Fuzz, which repairs damaged
files as viewers do and decodes every standard filter in memory (docs/blocklists.md says
why it was chosen over pypdf). JBIG2 images (black-and-white scans) are the exception: qpdf
cannot decode them, and pikepdf would run the jbig2dec program on temporary files, so its
decoder is replaced by one that declines, and those images are kept unchecked (counted as
opaque). A PDF that needs a password to open is opaque too.

OLE compound files (Outlook .msg, Word/Excel/PowerPoint 97, embedded objects): every stream
of every storage is handed back, so an Outlook attachment, an email attached inside it
(itself a storage of streams), its bodies and any embedded object are all looked at.
Outlook's Unicode text properties (``…001F``) are UTF-16 and are handed back as UTF-8;
its compressed RTF body (``…10090102``) is decompressed first.
"""

from __future__ import annotations

import io
import re
import zlib
from typing import Iterator

from ._parts import Child
from ._pictures import carve
from .hashing import MAX_PIXELS, TOO_LARGE

_UNREADABLE_IMAGE = "a picture in it is stored in a way Evidence Vault cannot read"


def pdf_children(walk, data: bytes, *, strict: bool, carved: bool = False) -> Iterator[Child]:
    import pikepdf  # noqa: PLC0415 - loaded only when a PDF is met
    _no_jbig2_programs()
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        walk.guard.count("opaque")
        return
    except (pikepdf.PdfError, ValueError, OSError, RuntimeError):
        # Not a PDF qpdf can read even after repair (a cut-short download, a file that only
        # starts like one): its streams are inflated and carved as a best effort.
        walk.guard.count("opaque")
        yield from _raw_streams(walk, data, carved=carved)
        return
    with pdf:
        objects = pdf.objects
        if len(objects) > walk.limits.parts:
            raise walk.limit("parts", f"it holds more than {walk.limits.parts:,} files, pictures and parts")
        for obj in objects:
            walk.tick()
            if isinstance(obj, pikepdf.Stream):
                yield from _stream(walk, pdf, obj, strict=strict)


_STREAM = re.compile(rb"stream\r?\n")


def _raw_streams(walk, data: bytes, *, carved: bool) -> Iterator[Child]:
    for found in _STREAM.finditer(data):
        walk.tick()
        end = data.find(b"endstream", found.end())
        body = data[found.end(): end if end >= 0 else len(data)]
        inflater = zlib.decompressobj()
        try:
            body = inflater.decompress(body, walk.room + 1)
        except zlib.error:
            pass  # not deflated: looked at as it is
        walk.take(len(body))
        yield Child(body, strict=False, carved=True)
    if not carved:
        yield from carve(walk, data)


def _stream(walk, pdf, stream, *, strict: bool) -> Iterator[Child]:
    import pikepdf  # noqa: PLC0415
    if stream.get("/Subtype") == pikepdf.Name.Image:
        yield from _image(walk, pdf, stream, strict=strict)
        return
    try:
        body = stream.read_bytes()
    except (pikepdf.PdfError, pikepdf.DependencyError, NotImplementedError, ValueError, RuntimeError):
        try:
            body = stream.read_raw_bytes()
        except (pikepdf.PdfError, ValueError, RuntimeError):
            return
    walk.take(len(body))
    embedded = stream.get("/Type") == pikepdf.Name.EmbeddedFile
    yield Child(body, strict=strict and embedded)
    if b"BI" in body and b"ID" in body and not embedded:  # an attached file is walked as itself
        yield from _inline_images(walk, stream, strict=strict)


def _image(walk, pdf, stream, *, strict: bool) -> Iterator[Child]:
    import pikepdf  # noqa: PLC0415
    try:
        width, height = int(stream.get("/Width", 0)), int(stream.get("/Height", 0))
    except (TypeError, ValueError):
        width = height = 0
    if width * height > MAX_PIXELS:
        if strict:
            raise walk.uncheckable(TOO_LARGE)
        return
    filters = stream.get("/Filter")
    names = [str(f) for f in (filters if isinstance(filters, pikepdf.Array) else [filters] if filters else [])]
    if "/JBIG2Decode" in names:
        walk.guard.count("opaque")
        return
    if names and names[-1] in ("/DCTDecode", "/JPXDecode"):
        try:  # the JPEG or JPEG 2000 file itself: checked as a file, EXIF thumbnail and all
            body = stream.read_raw_bytes()
            if len(names) > 1:  # ASCII85, Flate … around it: undone by qpdf, the last filter kept
                outer = pikepdf.Stream(pdf, body)
                outer.Filter = pikepdf.Array([pikepdf.Name(n) for n in names[:-1]])
                parms = stream.get("/DecodeParms")
                if isinstance(parms, pikepdf.Array):
                    outer.DecodeParms = pikepdf.Array(list(parms)[:-1])
                body = outer.read_bytes()
        except (pikepdf.PdfError, ValueError, RuntimeError) as exc:
            if strict:
                raise walk.uncheckable(_UNREADABLE_IMAGE) from exc
            return
        walk.take(len(body))
        yield Child(body, strict=strict)
        return
    try:
        picture = pikepdf.PdfImage(stream).as_pil_image()
    except Exception as exc:  # noqa: BLE001 - pikepdf and Pillow raise many types on odd images
        if strict:
            raise walk.uncheckable(_UNREADABLE_IMAGE) from exc
        return
    walk.take(picture.width * picture.height * len(picture.getbands()))
    yield Child(pixels=picture, strict=strict)


def _inline_images(walk, stream, *, strict: bool) -> Iterator[Child]:
    import pikepdf  # noqa: PLC0415
    try:
        instructions = pikepdf.parse_content_stream(stream)
    except (pikepdf.PdfError, ValueError, RuntimeError, TypeError):
        # not a content stream: an attached file or a font that happens to hold "BI" (pikepdf
        # raises TypeError for one whose tokens are not operands, e.g. a bundle's manifest)
        return
    for instruction in instructions:
        walk.tick()
        for operand in instruction.operands:
            if isinstance(operand, pikepdf.PdfInlineImage):
                try:
                    picture = operand.as_pil_image()
                except Exception as exc:  # noqa: BLE001 - as for image XObjects
                    if strict:
                        raise walk.uncheckable(_UNREADABLE_IMAGE) from exc
                    continue
                yield Child(pixels=picture, strict=strict)


_DECLINER = None


def _no_jbig2_programs() -> None:
    """Make pikepdf decline JBIG2 rather than run jbig2dec over temporary files."""
    global _DECLINER  # noqa: PLW0603 - set once, the first time a PDF is met
    if _DECLINER is not None:
        return
    from pikepdf import jbig2  # noqa: PLC0415
    from pikepdf._exceptions import DependencyError  # noqa: PLC0415

    class _Declines(jbig2.JBIG2DecoderInterface):
        def check_available(self) -> None:
            raise DependencyError("JBIG2 is not decoded by Evidence Vault (no temporary files)")

        def decode_jbig2(self, jbig2_data: bytes, jbig2_globals: bytes) -> bytes:
            self.check_available()
            return b""

    _DECLINER = _Declines()
    jbig2.set_decoder(_DECLINER)


# -- OLE compound files ---------------------------------------------------------------------------

def ole_children(walk, data: bytes, *, strict: bool) -> Iterator[Child]:
    import olefile  # noqa: PLC0415
    try:
        ole = olefile.OleFileIO(data)
    except Exception as exc:  # noqa: BLE001 - olefile raises OSError, ValueError, IndexError …
        if strict:
            raise walk.uncheckable("it is a damaged Office or Outlook file") from exc
        return
    with ole:
        entries = ole.listdir(streams=True, storages=False)
        if len(entries) > walk.limits.parts:
            raise walk.limit("parts", f"it holds more than {walk.limits.parts:,} files, pictures and parts")
        names = _attachment_names(ole, entries)
        for path in entries:
            walk.tick()
            try:
                walk.take(ole.get_size(path))
                body = ole.openstream(path).read()
            except Exception as exc:  # noqa: BLE001 - a damaged sector chain
                if strict:
                    raise walk.uncheckable("it is a damaged Office or Outlook file") from exc
                continue
            part = _ole_part(path[-1], body, strict=strict)
            part.name = next((names[tuple(path[:n])] for n in range(len(path) - 1, 0, -1)
                              if tuple(path[:n]) in names), None)
            yield part


def _attachment_names(ole, entries) -> dict[tuple, str]:
    """Outlook attachment storages and the file names Outlook keeps for them."""
    names: dict[tuple, str] = {}
    for path in entries:
        if path[-1].upper() in ("__SUBSTG1.0_3707001F", "__SUBSTG1.0_3704001F") and len(path) > 1:
            try:
                if ole.get_size(path) > 2048:
                    continue
                name = ole.openstream(path).read().decode("utf-16-le", errors="replace").rstrip("\x00")
            except Exception:  # noqa: BLE001 - a name is only for the record
                continue
            if name and (tuple(path[:-1]) not in names or path[-1].upper().startswith("__SUBSTG1.0_3707")):
                names[tuple(path[:-1])] = name
    return names


def _ole_part(name: str, body: bytes, *, strict: bool) -> Child:
    upper = name.upper()
    if upper.endswith("001F") and upper.startswith("__SUBSTG1.0_"):  # Outlook Unicode text
        return Child(body.decode("utf-16-le", errors="replace").encode("utf-8"), declared=_text_type(upper),
                     strict=False)
    if upper == "__SUBSTG1.0_10090102":  # Outlook's compressed RTF body
        try:
            import compressed_rtf  # noqa: PLC0415

            return Child(compressed_rtf.decompress(body), strict=False)
        except Exception:  # noqa: BLE001 - not compressed RTF after all: look at it as it is
            return Child(body, strict=False)
    if upper == "__SUBSTG1.0_10130102":  # Outlook's HTML body
        return Child(body, declared="text/html", strict=strict)
    return Child(body, strict=strict)


def _text_type(name: str) -> str | None:
    return "text/html" if name.startswith("__SUBSTG1.0_1013") else None
