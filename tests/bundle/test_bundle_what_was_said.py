# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the teacher did reaches the head teacher (issue 20, the bundle): a correction beside the
wording it replaced and named in the index and the custody log; when it happened, with its
source, beside when it was added, and the index in that order; the mark of a kept error page;
plain words on page 2 with the commands in an appendix; text in any language drawn, or said
plainly and attached exactly; each font embedded once; a refused export that signs nothing.
All on real exports read with poppler's pdftotext, pdfdetach and pdffonts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from evidence_vault.bundle import export_bundle, verify_bundle
from evidence_vault.capture._metadata import CLOCK_SOURCE
from evidence_vault.errors import QuarantinedError

from bundle_helpers import PASSPHRASE, add_synthetic_capture, page_png

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "vault"))
from helpers import run_cli  # noqa: E402

POLISH = "Zażółć gęślą jaźń — napisała matka ucznia"
URDU = "یہ پیغام بہت برا تھا"
BENGALI = "এই বার্তাটি খুব খারাপ ছিল"


def _text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    pages = ["-f", str(first), "-l", str(last or first)] if first else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def _cli(folder, *args):
    result = run_cli(folder, *args, passphrase=PASSPHRASE, timeout=300)
    assert result.returncode == 0, result.stderr
    return result


def test_a_note_corrected_with_the_cli_reads_corrected_beside_the_old_wording_in_time_order(vault, tmp_path):
    case = vault.add_case("Messages to Ms Smith")
    folder = vault.folder
    vault.close()  # the CLI needs the vault's lock
    shot = tmp_path / "Screenshot_20261119-163012.png"
    shot.write_bytes(page_png(300, 400, "chat"))
    earlier = tmp_path / "first-message.png"
    earlier.write_bytes(page_png(200, 400, "first"))
    _cli(folder, "add-file", "--case", case.name, "--at", "19/11/2026 16:30",
         "--note", "The message arrived on 18 November at 4pm", str(shot))                       # item 1
    _cli(folder, "add-file", "--case", case.name, "--at", "17/11/2026", "--time-unknown",
         "--note", "The first message", str(earlier))                                             # item 2
    _cli(folder, "amend", "1", "--note", "The message arrived on 19 November at 4pm")
    out = tmp_path / "bundle.pdf"
    _cli(folder, "export", "--case", case.name, "-o", str(out))

    index = _text(out, 3)
    flat_index = _flat(index)
    # in the order things happened: item 2 (17 Nov) before item 1 (19 Nov), each with its source
    assert re.search(r"^\s*2\s.*\n(.*\n)*?\s*1\s", index, re.M), index
    assert "Happened Tue 17 Nov 2026 " in index and "(day only; as given by the person)" in index
    assert "Happened Thu 19 Nov 2026, 16:30" in index and "(as given by the person)" in index
    assert flat_index.count("Added ") == 2
    assert "Note corrected, see page" in flat_index

    whole = _text(out)
    item_page = next(page for page in whole.split("\f") if "Item 1: Imported file" in page)
    flat_item = _flat(item_page)
    assert "Note as it reads now (corrected)" in flat_item
    assert "The message arrived on 19 November at 4pm" in flat_item
    assert "The message arrived on 18 November at 4pm" in flat_item          # the earlier wording, beside it
    assert "Earlier wording 1 (the original): written" in flat_item and "by Alex Example" in flat_item
    assert "When it happened Thu 19 Nov 2026, 16:30:00" in flat_item
    assert "given by the person who added it" in flat_item and "Imported" in flat_item

    custody = _text(out, _pages(out) - 1)
    assert "Note corrected – item 1: '…18 November…' → '…19 November…', by Alex" in custody
    assert "Details amended" not in whole
    assert verify_bundle(out).ok


def test_a_kept_error_page_carries_its_mark_in_the_index_and_on_its_page(vault, tmp_path):
    case = vault.add_case("Gone posts")
    problem = {"kind": "http_error", "status": 404, "mark": "Page gone (HTTP 404)",
               "says": "The website says this page does not exist (404)."}
    add_synthetic_capture(vault, case, height=600, url="https://example.test/gone",
                          extra_info={"page_problem": problem, "http_status": 404})
    add_synthetic_capture(vault, case, height=600, url="https://example.test/fine")
    out = tmp_path / "bundle.pdf"
    export_bundle(vault, case, out)
    index = _text(out, 3)
    rows = re.split(r"\n(?=\s*\d+\s)", index.split("SHA-256", 1)[1])
    gone = next(r for r in rows if "https://example.test/gone" in r)
    fine = next(r for r in rows if "https://example.test/fine" in r)
    assert re.match(r"\s*1\s", gone) and "PAGE GONE (HTTP 404):" in gone
    assert "PAGE GONE" not in fine
    page = _flat(_text(out, 4))
    assert "Item 1: Web page" in page
    assert "PAGE GONE (HTTP 404): The website says this page does not exist (404)." in page
    assert re.search(r"Server answer HTTP status \d+ \(Page gone \(HTTP 404\)\)", page)


def test_page_2_is_for_a_head_teacher_and_the_commands_are_in_the_appendix(filled, tmp_path):
    vault, case = filled
    out = tmp_path / "bundle.pdf"
    result = export_bundle(vault, case, out)
    page2 = _text(out, 2)
    assert page2.lstrip().startswith("How to check this bundle")
    first_step = _flat(page2).split("2. Check the file")[0]
    assert "Ring the sender and compare the short code" in first_step
    assert "Check a bundle I received" in _flat(page2)
    for command in ("evidence-vault", "pdfsig", "pdfdetach", "sha256sum", "--expect", "mkdir", "bundle.pdf"):
        assert command not in page2, command
    appendix = _text(out, result.pages)
    assert "Appendix for IT staff" in appendix
    assert 'evidence-vault verify-bundle --expect "CODE" bundle.pdf' in appendix
    assert "pdfdetach -saveall ../bundle.pdf && sha256sum *" in appendix and "pdfsig bundle.pdf" in appendix
    assert f"on page {result.pages}, the last page" in _flat(page2)
    whole = _text(out)
    for word in ("time.time", "UTC+00:00", "  =  ", "Checkpoint head", "Details amended"):
        assert word not in whole, word
    from evidence_vault.bundle.item_details import clock_words
    assert "time.time" not in clock_words(CLOCK_SOURCE, {})


def test_polish_is_drawn_urdu_and_bengali_are_said_and_attached_exactly(vault, tmp_path):
    case = vault.add_case("Notes in three languages")
    items = {}
    for name, note in (("polish", POLISH), ("urdu", URDU), ("bengali", BENGALI)):
        path = tmp_path / f"{name}.png"
        path.write_bytes(page_png(200, 300, name))
        items[name] = vault.add_file(case, path, guard=None, note=note).id
    out = tmp_path / "bundle.pdf"
    export_bundle(vault, case, out)
    whole = _text(out)
    assert "\ufffd" not in whole and "?????" not in whole
    pages = {name: next(p for p in whole.split("\f") if f"Item {n}: Imported file" in p) for name, n in items.items()}
    assert POLISH in _flat(pages["polish"]) and "[…]" not in pages["polish"]
    assert "cannot draw" not in pages["polish"]
    for name in ("urdu", "bengali"):
        flat = _flat(pages[name])
        attached = f"item{items[name]:04d}-typed-text.txt"
        assert (f"Part of this text is in a script this bundle cannot draw (shown as […]); the exact text is "
                f"attached as {attached}.") in flat
        assert "[…]" in flat
    folder = tmp_path / "attached"
    folder.mkdir()
    subprocess.run(["pdfdetach", "-saveall", str(out)], cwd=folder, check=True, capture_output=True)
    assert (folder / f"item{items['urdu']:04d}-typed-text.txt").read_bytes() == URDU.encode("utf-8")
    assert (folder / f"item{items['bengali']:04d}-typed-text.txt").read_bytes() == BENGALI.encode("utf-8")
    assert not (folder / f"item{items['polish']:04d}-typed-text.txt").exists()
    assert verify_bundle(out).ok


def test_each_font_is_embedded_once_however_many_items(vault, tmp_path):
    case = vault.add_case("Two items")
    vault.add_incident(case, kind="phone_call", text="Parent rang at 4pm.", occurred_at="2026-11-20T16:00:00Z")
    note = tmp_path / "chat.txt"
    note.write_text("16:02 anon: everyone knows\n", encoding="utf-8")
    vault.add_file(case, note, guard=None, note="Chat log")
    out = tmp_path / "bundle.pdf"
    export_bundle(vault, case, out)
    listed = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    embedded = [line.split()[0] for line in listed.splitlines() if "DejaVu" in line]
    assert sorted(embedded) == ["AAAAAA+DejaVuSans", "AAAAAA+DejaVuSans-Bold", "AAAAAA+DejaVuSansMono"], listed
    assert out.stat().st_size < 150_000  # 267 kB when every part embedded its own copy


def test_a_refused_export_signs_no_checkpoint_and_writes_nothing_to_the_history(vault, tmp_path):
    case = vault.add_case("Refused")
    picture = tmp_path / "photo.png"
    picture.write_bytes(page_png(200, 300, "photo"))
    item = vault.add_file(case, picture, guard=None)
    vault.quarantine(item.id)
    before = [(seq, digest) for seq, digest, _event in vault.events()]
    with pytest.raises(QuarantinedError):
        export_bundle(vault, case, tmp_path / "no.pdf", item_ids=[item.id])
    assert [(seq, digest) for seq, digest, _event in vault.events()] == before
    assert not (tmp_path / "no.pdf").exists()


def test_a_release_from_lock_away_is_said_in_words_in_the_custody_log(vault, tmp_path):
    case = vault.add_case("Released")
    picture = tmp_path / "photo.png"
    picture.write_bytes(page_png(200, 300, "adult"))
    item = vault.add_file(case, picture, guard=None, note="A photo of the parent's car")
    vault.quarantine(item.id)
    vault.release(item.id, reason="the picture is of an adult's car, checked", agreed_by="Sam Lead")
    out = tmp_path / "bundle.pdf"
    result = export_bundle(vault, case, out)
    custody = _text(out, result.pages - 1)
    assert "Locked away under the safeguarding policy – item 1" in custody
    released = next(line for line in custody.splitlines() if "Released from lock-away – item 1:" in line)
    assert released.rstrip().endswith("Released from lock-away – item 1: the picture is of an adult's car, checked;")
    assert "agreed by Sam Lead (safeguarding lead); released by Alex Example" in custody


def test_a_file_name_or_case_name_that_cannot_be_drawn_is_said_and_is_exact_in_the_attachments(vault, tmp_path):
    case = vault.add_case(f"Messages {URDU}")
    path = tmp_path / f"{BENGALI}.png"
    path.write_bytes(page_png(200, 300, "named"))
    item = vault.add_file(case, path, guard=None)
    out = tmp_path / "bundle.pdf"
    export_bundle(vault, case, out)
    cover = _flat(_text(out, 1))
    assert "Messages […]" in cover and "Part of these names is in a script this bundle cannot draw" in cover
    page = _flat(_text(out, 4))
    assert f"Item {item.id}: Imported file" in page and "File name […].png" in page
    assert (f"Part of these details is in a script this bundle cannot draw (shown as […]); the exact text is "
            f"attached as item{item.id:04d}-record.json (the item's record).") in page
    assert "\ufffd" not in _text(out)
