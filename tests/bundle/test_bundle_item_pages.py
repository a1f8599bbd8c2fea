# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the head teacher reads on the item pages (issue 19, finding 14): the words of emails
and text files printed, one item number everywhere, and screen prints whose text is no smaller
than about 8 pt (turned to landscape, or split into columns, never shrunk). Checked on real
exports with pdftotext and pdfinfo, and the pages rendered with pdftoppm for a person to look at."""

from __future__ import annotations

import json
import re
import subprocess
from email.message import EmailMessage

import pytest

from evidence_vault import workflows
from evidence_vault.bundle import export_bundle, screenshots, verify_bundle
from evidence_vault.mail import DnsUnavailable

from bundle_helpers import add_synthetic_capture, sha256_of_detached

BOTTOM = 36 + 22 + 4


def _text(pdf, first: int, last: int | None = None) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(first), "-l", str(last or first), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def _page_sizes(pdf) -> dict[int, tuple[float, float]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    return {int(m.group(1)): (float(m.group(2)), float(m.group(3)))
            for m in re.finditer(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", out)}


def _offline(_name):
    raise DnsUnavailable("no network in this test")


@pytest.fixture
def mixed(vault, tmp_path):
    """Items of two cases interleaved, so the case's items are vault items 2, 4, 5, 6."""
    other = vault.add_case("Another case")
    case = vault.add_case("Messages to Mr Brown")
    vault.add_incident(other, kind="conversation", text="Not this case.", occurred_at="2026-11-19T10:00:00Z")
    add_synthetic_capture(vault, case, height=2200, url="https://example.test/wall")          # item 2
    vault.add_incident(other, kind="conversation", text="Also not.", occurred_at="2026-11-19T11:00:00Z")
    msg = EmailMessage()
    msg["From"], msg["To"] = "Pat Sender <pat@sender.example>", "Mr Brown <brown@school.example>"
    msg["Subject"], msg["Date"] = "You will regret this", "Fri, 27 Nov 2026 16:30:00 +0000"
    msg.set_content("I know where you park.\nSee you on Monday.\n")
    eml = tmp_path / "threat.eml"
    eml.write_bytes(bytes(msg))
    workflows.add_email(vault, case, eml, dns=_offline)                                          # item 4
    note = tmp_path / "chat-log.txt"
    note.write_text("16:02 anon: everyone knows what you did\n16:03 anon: watch your back\n", encoding="utf-8")
    vault.add_file(case, note, guard=None)                                                       # item 5
    add_synthetic_capture(vault, case, height=900, url="https://example.test/wide")              # item 6
    return vault, case


def test_words_of_emails_and_text_files_are_printed_and_items_keep_their_vault_number(mixed, tmp_path):
    vault, case = mixed
    out = tmp_path / "bundle.pdf"
    result = export_bundle(vault, case, out)
    assert result.items_exported == [2, 4, 5, 6]
    manifest = json.loads((sha256_of_detached(out, tmp_path / "d") and (tmp_path / "d" / "manifest.json"))
                          .read_text(encoding="utf-8"))
    first = {i["id"]: i["first_page"] for i in manifest["items"]}
    # in the order things happened (the captures' times, then the items added later), vault numbers kept
    assert [i["number"] for i in manifest["items"]] == [2, 6, 4, 5]

    email_page = _text(out, first[4])
    assert "Item 4: Email" in email_page and "Vault item number" not in email_page
    assert "I know where you park." in email_page and "See you on Monday." in email_page
    assert "You will regret this" in email_page and "Pat Sender" in email_page
    # the details page of an email: From, To, Date, Subject and the DKIM result in words
    flat = " ".join(email_page.split())
    assert "To Mr Brown <brown@school.example>" in flat and "Date Fri, 27 Nov 2026 16:30:00 +0000" in flat
    assert "Sender's signature No DKIM signature: the sending server did not sign this email." in flat
    text_page = _text(out, first[5])
    assert "Item 5: Imported file" in text_page and "The file's text, word for word:" in text_page
    assert "16:03 anon: watch your back" in text_page
    assert "Item 2 | Screen print, part 1 of" in " ".join(_text(out, first[2] + 1).split())
    index = _text(out, 3)
    for number in (2, 4, 5, 6):
        assert re.search(rf"^\s*{number}\s", index, re.M), index
    assert not re.search(r"^\s*[13]\s", index, re.M)  # never a position number
    custody = _text(out, result.pages - 1)
    assert "Evidence added and sealed – item 4" in custody
    assert verify_bundle(out).ok


def test_screen_print_text_is_never_below_about_8_pt():
    def text_pt(geo, device_scale):  # points a 16 CSS px letter gets
        return 16 * geo.scale * device_scale

    desktop = screenshots.geometry(1280, 5000, BOTTOM)
    assert desktop.landscape and desktop.columns == 1 and text_pt(desktop, 1) >= 8.8 - 0.01
    wide = screenshots.geometry(1920, 3000, BOTTOM)
    assert wide.landscape and wide.columns == 2 and text_pt(wide, 1) >= 8.8 - 0.01
    assert wide.columns_of(0) == (0, wide.col_px) and wide.columns_of(1)[1] == 1920
    assert wide.columns_of(0)[1] - wide.columns_of(1)[0] == screenshots.OVERLAP_PX  # no column lost in a cut
    retina = screenshots.geometry(2560, 5000, BOTTOM, device_scale=2)
    assert retina.landscape and retina.columns == 1 and text_pt(retina, 2) >= 8.8 - 0.01
    phone = screenshots.geometry(1170, 5000, BOTTOM, device_scale=3)
    assert not phone.landscape and text_pt(phone, 3) >= 8.8
    photo = screenshots.geometry(1080, 2400, BOTTOM, device_scale=None)  # an imported picture: fitted
    assert not photo.landscape and photo.columns == 1


def test_wide_screen_print_is_turned_and_split_on_a_real_export(vault, tmp_path):
    case = vault.add_case("Wide")
    add_synthetic_capture(vault, case, height=1500, url="https://example.test/wide-page")
    item = vault.items(case)[0]
    out = tmp_path / "wide.pdf"
    export_bundle(vault, case, out)
    sizes = _page_sizes(out)
    geo = screenshots.geometry(1280, 1500, BOTTOM)
    first_print = 5  # cover, how to check, index, details
    for page in range(first_print, first_print + geo.parts):
        assert sizes[page] == pytest.approx((841.89, 595.28), abs=0.5)  # A4 landscape
        assert "https://example.test/wide-page" in _text(out, page)
    assert sizes[1] == pytest.approx((595.28, 841.89), abs=0.5) and sizes[len(sizes)] == sizes[1]
    for name, page in (("cover", 1), ("how-to-check", 2), ("index", 3), ("details", 4), ("screen-print", 5)):
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(out),
                        str(tmp_path / name)], check=True)
        assert (tmp_path / f"{name}.png").stat().st_size > 3000
    assert item.id == 1
