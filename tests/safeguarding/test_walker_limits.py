# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The walker's limits, each reached on purpose, and the hostile cases beyond the audit's fourteen.

Each limit refuses calmly through the real command line: exit code 3, the limit named in plain
words in the message and in the event log, nothing stored, never exit 70 and never a hang. The
limits are made small here (``walker.LIMITS`` is what ``ImageGuard`` reads at each walk) so a
test need not build a 2 GB bomb; the defaults are in docs/blocklists.md.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import io
import json
import zipfile

import pytest
from hostile_containers import CLEAN_PNG, LISTED_PNG, animation, b64, html_with, svg_with, zip_of
from test_cli_safeguarding import CASE, blob_files, events, write

from evidence_vault.safeguarding import HashList, ImageGuard, Matcher, image_hashes, walker
from evidence_vault.safeguarding.refusals import BlockedImage, LimitReached, UncheckableContent

_LISTED = image_hashes(LISTED_PNG)


def guard() -> ImageGuard:
    entries = {"md5": frozenset(), "sha1": frozenset(), "sha256": frozenset({bytes.fromhex(_LISTED.sha256)}),
               "pdq": frozenset({bytes.fromhex(_LISTED.pdq)})}
    return ImageGuard(Matcher([HashList(name="Stand-in list", entries=entries, source_sha256="0" * 64)]))


def inspect(body: bytes, g: ImageGuard | None = None) -> ImageGuard:
    g = g or guard()
    g.inspect(kind="file", url="given", body=body, content_type=None)
    return g


def email_with_content_type_of(size: int) -> bytes:
    return (b"From: a@sender.example\r\nTo: b@school.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="B"; x-padding="' + b"p" * size + b'"\r\n\r\n'
            b"--B\r\nContent-Type: text/plain\r\n\r\nhello\r\n--B--\r\n")


LIMIT_CASES = {
    "depth": ({"depth": 3}, lambda: zip_of({"a.zip": zip_of({"b.zip": zip_of({"c.zip": zip_of({"d.png": CLEAN_PNG})})})}),
              "nested more than 3 levels deep"),
    "parts": ({"parts": 10}, lambda: zip_of({f"{n}.txt": f"note {n}".encode() for n in range(20)}),
              "holds more than 10 files, pictures and parts"),
    "expanded_bytes": ({"expanded_bytes": 1024 * 1024}, lambda: zip_of({"zeros.bin": bytes(8 * 1024 * 1024)}),
                       "would unpack to more than 1 MB"),
    "frames": ({"frames": 50}, lambda: animation(CLEAN_PNG, "GIF", frames=60, at=0),
               "has more than 50 frames"),
    "seconds": ({"seconds": 0.0}, lambda: zip_of({"a.png": CLEAN_PNG}), "took longer than 0 seconds"),
    "header_bytes": ({}, lambda: email_with_content_type_of(70 * 1024),
                     "longer than 64 KB"),
}


@pytest.mark.parametrize("limit", sorted(LIMIT_CASES))
def test_each_limit_refuses_calmly_naming_it_and_stores_nothing(cli, vault_dir, tmp_path, monkeypatch, limit):
    changes, make, words = LIMIT_CASES[limit]
    monkeypatch.setattr(walker, "LIMITS", dataclasses.replace(walker.LIMITS, **changes))
    blobs = blob_files(vault_dir)
    result = cli("add-file", "--case", CASE, str(write(tmp_path / "given.bin", make())))
    assert result.code == 3, result.err
    assert "could not check this file" in result.err and words in result.err and "Traceback" not in result.err
    assert json.loads(cli("list", "--json").out) == [] and blob_files(vault_dir) == blobs
    refusal = events(cli)[-1]
    assert refusal["type"] == "capture_refused" and words in refusal["data"]["reason"]


def test_the_limit_is_on_the_exception_for_the_app():
    g = ImageGuard(guard().matcher, limits=dataclasses.replace(walker.LIMITS, parts=3))
    with pytest.raises(LimitReached) as caught:
        inspect(zip_of({f"{n}": b"x" for n in range(5)}), g)
    assert caught.value.limit == "parts" and caught.value.as_record()["limit"] == "parts"


# -- hostile cases beyond the fourteen ------------------------------------------------------------

def test_an_svg_entity_that_spells_the_data_uri_is_expanded():
    svg = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY pic "data:image/png;base64,' + base64.b64encode(LISTED_PNG)
           + b'">]><svg xmlns="http://www.w3.org/2000/svg"><image href="&pic;"/></svg>')
    with pytest.raises(BlockedImage):
        inspect(svg)


def test_css_escapes_in_a_style_attribute_are_undone():
    html = (b"<!DOCTYPE html><div style=\"background:url(d\\61 ta:image/png;base64," + base64.b64encode(LISTED_PNG)
            + b')"></div>')
    with pytest.raises(BlockedImage):
        inspect(html)


def test_json_escaped_base64_in_a_chat_export_is_found():
    payload = b64(LISTED_PNG).replace("/", "\\/")
    export = json.dumps({"messages": [{"from": "Pat", "photo": "data:image/png;base64," + payload}]})
    with pytest.raises(BlockedImage):
        inspect(export.replace("\\\\/", "\\/").encode())


def test_base64_without_a_data_prefix_in_xml_is_found():
    xml = b"<x:xmpmeta><xmpGImg:image>" + base64.encodebytes(LISTED_PNG).replace(b"\n", b"&#xA;") + b"</xmpGImg:image></x:xmpmeta>"
    with pytest.raises(BlockedImage):
        inspect(xml)


def test_a_picture_in_rtf_hex_is_found():
    rtf = b"{\\rtf1\\ansi {\\pict\\pngblip\\picw640\\pich480 " + binascii.hexlify(LISTED_PNG) + b"}}"
    with pytest.raises(BlockedImage):
        inspect(rtf)


def test_the_second_email_of_an_mbox_is_looked_into():
    first = b"From: a@sender.example\nSubject: one\nDate: Fri, 27 Nov 2026 16:30:00 +0000\n\nhello\n"
    second = (b"From: b@sender.example\nSubject: two\nMIME-Version: 1.0\nContent-Type: image/png\n"
              b"Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(LISTED_PNG))
    mbox = b"From a@sender.example Fri Nov 27 16:30:00 2026\n" + first + b"\nFrom b@x Fri Nov 27 16:31:00 2026\n" + second
    with pytest.raises(BlockedImage):
        inspect(mbox)


def test_a_zip_cut_short_is_refused_as_damaged_not_kept_unchecked():
    whole = zip_of({"a.png": CLEAN_PNG, "b.png": CLEAN_PNG[::-1]}, zipfile.ZIP_STORED)
    with pytest.raises(UncheckableContent, match="damaged"):
        inspect(whole[: len(whole) - 30])


def test_a_zip_member_that_does_not_inflate_is_refused():
    good = zip_of({"a.png": CLEAN_PNG})
    at = good.find(b"a.png") + 5 + 40  # inside the deflated data of the one member
    broken = good[:at] + bytes(b ^ 0xFF for b in good[at: at + 64]) + good[at + 64:]
    with pytest.raises(UncheckableContent):
        inspect(broken)


def test_clean_containers_are_counted_and_kept():
    g = inspect(zip_of({"a.png": CLEAN_PNG, "notes/b.txt": b"hello", "c.zip": zip_of({"d.png": CLEAN_PNG[:0] or CLEAN_PNG})}))
    record = g.record()
    assert record["pdq_checked"] >= 1 and record["embedded_checked"] >= 4 and record["bodies_checked"] == 1


def test_a_listed_picture_in_a_css_file_or_a_plain_text_file_is_refused():
    css = b".x { background: url(data:image/png;base64," + base64.b64encode(LISTED_PNG) + b") }"
    with pytest.raises(BlockedImage):
        inspect(css)
    with pytest.raises(BlockedImage):
        inspect(b"look: data:image/png;base64," + base64.b64encode(LISTED_PNG) + b"\nbye\n")


def test_markup_that_is_not_well_formed_is_still_read():
    svg = svg_with("data:image/png;base64," + b64(LISTED_PNG)).replace(b"</svg>", b"<unclosed></svg>")
    with pytest.raises(BlockedImage):
        inspect(svg)
    with pytest.raises(BlockedImage):
        inspect(html_with("data:image/png;base64," + b64(LISTED_PNG)).replace(b"<p>", b"<p <<"))


def test_a_picture_that_decodes_only_in_part_inside_markup_is_refused_but_in_text_is_text():
    cut = "data:image/png;base64," + b64(CLEAN_PNG)[:400]
    with pytest.raises(UncheckableContent, match="damaged"):
        inspect(html_with(cut))
    inspect(f"Pat wrote: {cut}\u2026\n".encode())  # finding 14: no refusal


def test_bytes_after_a_jpeg_end_are_looked_at():
    from hostile_containers import jpeg_of
    with pytest.raises(BlockedImage):
        inspect(jpeg_of(CLEAN_PNG) + io.BytesIO(LISTED_PNG).getvalue())
