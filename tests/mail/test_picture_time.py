# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Phone pictures: the time the file says it was taken, kept apart from when it was added
("taken at, according to the file"). Files are made here with Pillow, as phones write them."""

from __future__ import annotations

import io

import pytest
from mail_support import PASSPHRASE
from PIL import Image, PngImagePlugin

from evidence_vault.picture_time import FIELD, taken_at
from evidence_vault.times import format_local
from evidence_vault.workflows import add_file
from tests.vault.helpers import run_cli


def photo(fmt: str, *, original: str | None = None, offset: str | None = None,
          pnginfo=None) -> bytes:
    image = Image.new("RGB", (96, 64), (10, 120, 200))
    exif = Image.Exif()
    if original is not None:
        exif[0x010F] = "PhoneMaker"  # Make, in IFD0 as a phone writes it
        sub = exif.get_ifd(0x8769)
        sub[0x9003] = original
        if offset is not None:
            sub[0x9011] = offset
    out = io.BytesIO()
    options = {"exif": exif} if original is not None else {}
    if pnginfo is not None:
        options["pnginfo"] = pnginfo
    image.save(out, fmt, **options)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_exif_time_with_its_offset(fmt):
    found = taken_at(photo(fmt, original="2026:06:12 16:30:05", offset="+01:00"))
    assert found == {"source": "EXIF DateTimeOriginal with OffsetTimeOriginal", "written": "2026:06:12 16:30:05",
                     "time": "2026-06-12T16:30:05+01:00", "utc": "2026-06-12T15:30:05Z",
                     "shown": "12 Jun 2026, 16:30:05 (UTC+01:00)"}


def test_exif_time_without_a_zone_says_so_and_gives_no_utc():
    found = taken_at(photo("JPEG", original="2026:11:27 09:05:00"))
    assert found["time"] == "2026-11-27T09:05:00" and found["utc"] is None
    assert found["shown"] == "27 Nov 2026, 09:05:00 (the file does not say in which time zone)"


def test_png_creation_time_and_xmp_date():
    info = PngImagePlugin.PngInfo()
    info.add_text("Creation Time", "Fri, 27 Nov 2026 16:30:00 +0000")
    assert taken_at(photo("PNG", pnginfo=info))["utc"] == "2026-11-27T16:30:00Z"
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", '<x:xmpmeta><rdf:Description photoshop:DateCreated='
                  '"2026-11-27T17:30:00+01:00"/></x:xmpmeta>')
    found = taken_at(photo("PNG", pnginfo=info))
    assert found["source"] == "XMP DateCreated" and found["utc"] == "2026-11-27T16:30:00Z"


@pytest.mark.parametrize("data", [
    photo("PNG"), photo("JPEG", original="0000:00:00 00:00:00"), photo("JPEG", original="soon"),
    b"not a picture", photo("JPEG", original="2026:06:12 16:30:05")[:200],
])
def test_no_or_unreadable_time_is_simply_absent(data):
    assert taken_at(data) is None


def test_an_imported_picture_keeps_the_time_apart_from_when_it_was_added(vault, case, vault_dir, tmp_path):
    path = tmp_path / "IMG_0042.jpg"
    path.write_bytes(photo("JPEG", original="2026:06:12 16:30:05", offset="+01:00"))
    item = add_file(vault, case, path)
    assert item.info[FIELD]["utc"] == "2026-06-12T15:30:05Z"
    assert item.created_at != item.info[FIELD]["utc"]
    plain = tmp_path / "notes.txt"
    plain.write_text("no pictures here")
    assert FIELD not in add_file(vault, case, plain).info
    vault.close()

    shown = run_cli(vault_dir, "show", str(item.id), passphrase=PASSPHRASE)
    assert shown.returncode == 0, shown.stderr
    assert ("taken at, according to the file: 12 Jun 2026, 16:30:05 (UTC+01:00) "
            "(EXIF DateTimeOriginal with OffsetTimeOriginal; not checked") in shown.stdout
    assert f"stored {format_local(item.created_at, with_utc=True)}" in shown.stdout
    assert FIELD not in shown.stdout  # said once, in words, not as a raw record
