# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Files made for issue 18's findings: each hides a stand-in "listed" picture where the guard once
did not look, and each has an innocent twin made the same way around a clean picture.

Only generated pictures are used (random smooth colour fields, synthetic_images.py); the tests
put the stand-in's own hashes on a list. ``FINDINGS`` maps a name to (finding number, maker,
list types that must catch it): a maker takes the picture's PNG bytes and returns
(file name, file bytes). SHA-256 catches a picture stored byte for byte; PDQ also catches one
stored as re-encoded pixels (a PDF's Flate image, a GIF frame, a PPM).
"""

from __future__ import annotations

import base64
import binascii
import email.policy
import gzip
import io
import tarfile
import zipfile
from datetime import datetime, timezone
from email.message import EmailMessage

from PIL import Image
from synthetic_images import encode, smooth_image

LISTED_IMAGE = smooth_image(71)
LISTED_PNG = encode(LISTED_IMAGE)
LISTED_JPEG = encode(LISTED_IMAGE, "JPEG", quality=90)
CLEAN_IMAGE = smooth_image(72)
CLEAN_PNG = encode(CLEAN_IMAGE)


def jpeg_of(png: bytes) -> bytes:
    return encode(Image.open(io.BytesIO(png)).convert("RGB"), "JPEG", quality=90)


def image_of(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


# -- containers ----------------------------------------------------------------------------------

def zip_of(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


_OOXML_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                b'content-types"><Default Extension="png" ContentType="image/png"/></Types>')


def office(kind: str, png: bytes) -> tuple[str, bytes]:
    """A .docx / .pptx / .xlsx / .odt / .epub laid out as the real ones are, the picture in its media folder."""
    if kind == "odt":
        return "minutes.odt", zip_of({"mimetype": b"application/vnd.oasis.opendocument.text",
                                      "content.xml": b"<office:document-content/>",
                                      "Pictures/10000000000002800000001E0.png": png})
    if kind == "epub":
        return "book.epub", zip_of({"mimetype": b"application/epub+zip",
                                    "META-INF/container.xml": b"<container/>", "OEBPS/images/cover.png": png})
    folder = {"docx": "word", "pptx": "ppt", "xlsx": "xl"}[kind]
    return f"report.{kind}", zip_of({"[Content_Types].xml": _OOXML_TYPES,
                                     f"{folder}/document.xml": b"<w:document/>",
                                     f"{folder}/media/image1.png": png})


def pdf_by_pillow(png: bytes) -> tuple[str, bytes]:
    out = io.BytesIO()
    image_of(png).save(out, "PDF")
    return "scan.pdf", out.getvalue()


def pdf_by_reportlab(png: bytes, *, jpeg: bool) -> tuple[str, bytes]:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 750, "Letter from the parent")
    page.drawImage(ImageReader(io.BytesIO(jpeg_of(png) if jpeg else png)), 72, 300, width=320, height=240)
    page.showPage()
    page.save()
    return ("letter-jpeg.pdf" if jpeg else "letter.pdf"), out.getvalue()


def pdf_with_attachment(png: bytes) -> tuple[str, bytes]:
    import pikepdf
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.attachments["holiday.png"] = pikepdf.AttachedFileSpec(pdf, png)
    out = io.BytesIO()
    pdf.save(out)
    return "bundle.pdf", out.getvalue()


def pdf_with_inline_image(png: bytes) -> tuple[str, bytes]:
    import pikepdf
    image = image_of(png).resize((64, 48))
    pdf = pikepdf.new()
    pdf.add_blank_page()
    content = (b"q 320 0 0 240 72 300 cm BI /W 64 /H 48 /CS /RGB /BPC 8 ID " + image.tobytes()
               + b" EI Q")
    pdf.pages[0].Contents = pdf.make_stream(content)
    out = io.BytesIO()
    pdf.save(out)
    return "inline.pdf", out.getvalue()


def tar_gz(png: bytes) -> tuple[str, bytes]:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        info = tarfile.TarInfo("photos/IMG_0001.png")
        info.size = len(png)
        archive.addfile(info, io.BytesIO(png))
    return "backup.tar.gz", out.getvalue()


# -- markup ---------------------------------------------------------------------------------------

def svg_with(href: str) -> bytes:
    return (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
            b'xmlns:xlink="http://www.w3.org/1999/xlink" width="640" height="480"><image xlink:href="'
            + href.encode() + b'" width="640" height="480"/></svg>')


def html_with(src: str) -> bytes:
    return (b"<!DOCTYPE html><html><head><title>Chat</title></head><body><p>Look</p><img alt='' src=\""
            + src.encode() + b'"></body></html>')


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def charref_uris(png: bytes) -> dict[str, str]:
    data = b64(png)
    return {
        "decimal colon": f"data&#58;image/png;base64,{data}",
        "named colon": f"data&colon;image/png;base64,{data}",
        "first payload char": f"data:image/png;base64,&#105;{data[1:]}",
    }


# -- email ----------------------------------------------------------------------------------------

def message(subject: str = "About Ms Smith", body: str = "See attached.\n") -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Pat Sender <pat@sender.example>"
    msg["To"] = "Ms Smith <smith@school.example>"
    msg["Date"] = "Fri, 27 Nov 2026 16:30:00 +0000"
    msg["Subject"] = subject
    msg["Message-ID"] = "<20261127163000.1234@sender.example>"
    msg.set_content(body)
    return msg


def eml_attaching(png: bytes) -> bytes:
    msg = message(subject="the picture")
    msg.add_attachment(png, maintype="image", subtype="png", filename="look.png")
    return msg.as_bytes(policy=email.policy.SMTP)


def eml_with_zip(png: bytes) -> tuple[str, bytes]:
    msg = message()
    msg.add_attachment(zip_of({"photos/look.png": png}), maintype="application", subtype="zip",
                       filename="photos.zip")
    return "with-zip.eml", msg.as_bytes(policy=email.policy.SMTP)


def eml_with_eml_as_octet_stream(png: bytes) -> tuple[str, bytes]:
    msg = message(subject="Fwd: the picture")
    msg.add_attachment(eml_attaching(png), maintype="application", subtype="octet-stream",
                       filename="forwarded.eml")
    return "forward.eml", msg.as_bytes(policy=email.policy.SMTP)


def eml_with_base64_rfc822(png: bytes) -> tuple[str, bytes]:
    inner = base64.encodebytes(eml_attaching(png)).decode()
    raw = ("From: Pat Sender <pat@sender.example>\r\nTo: smith@school.example\r\n"
           "Subject: Fwd\r\nDate: Fri, 27 Nov 2026 16:30:00 +0000\r\nMIME-Version: 1.0\r\n"
           'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\n'
           "see below\r\n--B\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           + inner.replace("\n", "\r\n") + "--B--\r\n")
    return "rfc822-base64.eml", raw.encode()


def eml_with_uuencode(png: bytes) -> tuple[str, bytes]:
    lines = "".join(binascii.b2a_uu(png[i:i + 45]).decode() for i in range(0, len(png), 45))
    body = f"Here it is:\n\nbegin 644 look.png\n{lines}`\nend\n\nBye\n"
    return "uuencoded.eml", message(body=body).as_bytes(policy=email.policy.SMTP)


def outlook(*attachments: tuple[str, bytes]) -> bytes:
    from msgforge import Message
    msg = Message(subject="Meeting tomorrow", text_body="Come alone.", html_body=None,
                  sender=("pat@sender.example", "Pat Sender"), to=[("smith@school.example", "Ms Smith")],
                  sent=datetime(2026, 11, 27, 16, 30, tzinfo=timezone.utc))
    for name, data in attachments:
        msg.attach_bytes(name, data)
    return msg.as_bytes()


def mhtml(png: bytes, *, top: str = "multipart/related", padding: int = 0) -> bytes:
    pad = "".join(f"X-Padding-{n}: {'p' * 70}\r\n" for n in range(padding // 90))
    return ("From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.test/\r\n"
            f"Subject: page\r\n{pad}MIME-Version: 1.0\r\nContent-Type: {top};\r\n\ttype=\"text/html\";\r\n"
            '\tboundary="----B"\r\n\r\n------B\r\nContent-Type: text/html\r\n'
            "Content-Transfer-Encoding: quoted-printable\r\nContent-Location: https://example.test/\r\n\r\n"
            "<html><img src=3D\"https://example.test/a.png\"></html>\r\n------B\r\n"
            "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
            f"Content-Location: https://example.test/a.png\r\n\r\n{base64.encodebytes(png).decode()}\r\n"
            "------B--\r\n").encode()


def nested_emails(png: bytes, levels: int) -> bytes:
    body = eml_attaching(png)
    for n in range(levels):
        body = (f"From: a{n}@sender.example\r\nSubject: fwd {n}\r\nMIME-Version: 1.0\r\n"
                "Content-Type: message/rfc822\r\n\r\n").encode() + body
    return body


def nested_mhtml(png: bytes, levels: int) -> bytes:
    body = mhtml(png)
    for n in range(levels):
        body = (f"From: <Saved by Blink>\r\nSubject: frame {n}\r\nMIME-Version: 1.0\r\n"
                f'Content-Type: multipart/related; boundary="L{n}"\r\n\r\n--L{n}\r\n'
                "Content-Type: multipart/related; boundary=\"L" + str(n) + "x\"\r\n\r\n").encode() \
            + b"--L" + str(n).encode() + b"x\r\nContent-Type: message/rfc822\r\n\r\n" + body \
            + b"\r\n--L" + str(n).encode() + b"x--\r\n--L" + str(n).encode() + b"--\r\n"
    return body


# -- pictures -------------------------------------------------------------------------------------

def animation(png: bytes, fmt: str, *, frames: int = 130, at: int = 65) -> bytes:
    pictures = [smooth_image(1000 + n, size=(160, 120)) for n in range(frames)]
    pictures[at] = image_of(png).resize((160, 120))
    if fmt == "GIF":
        return encode(pictures[0], "GIF", save_all=True, append_images=pictures[1:], duration=40)
    return encode(pictures[0], "TIFF", save_all=True, append_images=pictures[1:])


def jpeg_with_thumbnail(thumbnail_jpeg: bytes) -> bytes:
    """A clean photo whose EXIF thumbnail (IFD1) is ``thumbnail_jpeg``, as a camera writes it."""
    import struct
    tiff = bytearray(b"II*\x00" + struct.pack("<I", 8))
    tiff += struct.pack("<H", 0) + struct.pack("<I", 26)          # IFD0: no entries, next: IFD1 at 26
    tiff += b"\x00" * (26 - len(tiff))
    ifd1_entries = [(0x0201, 4, 1, 26 + 2 + 3 * 12 + 4), (0x0202, 4, 1, len(thumbnail_jpeg)),
                    (0x0103, 3, 1, 6)]
    tiff += struct.pack("<H", len(ifd1_entries))
    for tag, kind, count, value in ifd1_entries:
        tiff += struct.pack("<HHII", tag, kind, count, value)
    tiff += struct.pack("<I", 0) + thumbnail_jpeg
    return encode(smooth_image(90), "JPEG", quality=85, exif=b"Exif\x00\x00" + bytes(tiff))


def in_other_formats(png: bytes, fmt: str) -> bytes:
    return encode(image_of(png), fmt)


def chat_export_with_cut_uri() -> bytes:
    cut = b64(CLEAN_PNG)[:300]
    return ("[27/11/2026, 16:30:01] Pat: look at this\n"
            f"[27/11/2026, 16:30:05] Pat: data:image/png;base64,{cut}\u2026 (message cut)\n"
            "[27/11/2026, 16:31:12] Ms Smith: Please stop messaging me.\n").encode()


# -- the findings ----------------------------------------------------------------------------------

BOTH = ("sha256", "pdq")
PDQ = ("pdq",)

FINDINGS = {
    "zip deflated": (1, lambda p: ("photos.zip", zip_of({"a.png": p})), BOTH),
    "zip stored": (1, lambda p: ("photos.zip", zip_of({"a.png": p}, zipfile.ZIP_STORED)), BOTH),
    "zip nested": (1, lambda p: ("outer.zip", zip_of({"inner.zip": zip_of({"a.png": p})})), BOTH),
    "docx": (1, lambda p: office("docx", p), BOTH),
    "pptx": (1, lambda p: office("pptx", p), BOTH),
    "xlsx": (1, lambda p: office("xlsx", p), BOTH),
    "odt": (1, lambda p: office("odt", p), BOTH),
    "epub": (1, lambda p: office("epub", p), BOTH),
    "pdf by pillow": (1, pdf_by_pillow, PDQ),
    "pdf by reportlab (png)": (1, lambda p: pdf_by_reportlab(p, jpeg=False), PDQ),
    "pdf by reportlab (jpeg)": (1, lambda p: pdf_by_reportlab(p, jpeg=True), BOTH),
    "pdf attachment": (1, pdf_with_attachment, BOTH),
    "pdf inline image": (1, pdf_with_inline_image, PDQ),
    "png with a zip appended": (1, lambda p: ("innocent.png", CLEAN_PNG + zip_of({"a.png": p})), BOTH),
    "zip attached to an eml": (1, eml_with_zip, BOTH),
    "zip attached to a msg": (1, lambda p: ("with-zip.msg", outlook(("photos.zip", zip_of({"a.png": p})))), BOTH),
    "tar.gz": (1, tar_gz, BOTH),
    "svgz": (2, lambda p: ("logo.svgz", gzip.compress(svg_with(f"data:image/png;base64,{b64(p)}"))), BOTH),
    **{f"svg {how}": (3, lambda p, how=how: ("logo.svg", svg_with(charref_uris(p)[how])), BOTH)
       for how in ("decimal colon", "named colon", "first payload char")},
    **{f"html {how}": (3, lambda p, how=how: ("chat.html", html_with(charref_uris(p)[how])), BOTH)
       for how in ("decimal colon", "named colon", "first payload char")},
    "svg octet-stream": (4, lambda p: ("logo.svg", svg_with(f"data:application/octet-stream;base64,{b64(p)}")), BOTH),
    "html octet-stream": (4, lambda p: ("chat.html", html_with(f"data:application/octet-stream;base64,{b64(p)}")), BOTH),
    "mhtml multipart/mixed": (5, lambda p: ("page.mhtml", mhtml(p, top="multipart/mixed")), BOTH),
    "mhtml long header": (5, lambda p: ("page.mhtml", mhtml(p, padding=20_000)), BOTH),
    "eml in eml as octet-stream": (6, eml_with_eml_as_octet_stream, BOTH),
    "rfc822 part in base64": (6, eml_with_base64_rfc822, BOTH),
    "eml inside a msg": (6, lambda p: ("forward.msg", outlook(("forwarded.eml", eml_attaching(p)))), BOTH),
    "uuencode in a text body": (7, eml_with_uuencode, BOTH),
    "eml renamed txt": (8, lambda p: ("message.txt", eml_attaching(p)), BOTH),
    "msg renamed txt": (8, lambda p: ("message.txt", outlook(("look.png", p))), BOTH),
    "gif frame 65 of 130": (9, lambda p: ("funny.gif", animation(p, "GIF")), PDQ),
    "tiff page 65 of 130": (9, lambda p: ("scan.tiff", animation(p, "TIFF")), PDQ),
    "jpeg exif thumbnail": (10, lambda p: ("photo.jpg", jpeg_with_thumbnail(jpeg_of(p))), BOTH),
    **{f"{fmt.lower()}": (11, lambda p, fmt=fmt: (f"picture.{fmt.lower()}", in_other_formats(p, fmt)), PDQ)
       for fmt in ("PPM", "TGA", "PCX", "QOI")},
}


def email_with_long_subject(megabytes: float = 3.1) -> bytes:
    """An email whose Subject is ``megabytes`` of short words, folded as a mail server folds it
    (written by hand: the standard library's own header code is what takes minutes over it)."""
    words = ("ab " * int(megabytes * 1024 * 1024 / 3)).strip()
    lines = [words[i:i + 76] for i in range(0, len(words), 76)]
    subject = "\r\n ".join(lines)
    return (f"From: Pat Sender <pat@sender.example>\r\nTo: smith@school.example\r\n"
            f"Date: Fri, 27 Nov 2026 16:30:00 +0000\r\nMessage-ID: <long@sender.example>\r\n"
            f"Subject: {subject}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n"
            "You will regret this.\r\n").encode()
