# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The redacted copy in the library, without a browser: what is rendered, what is attached as
it is, what the manifest and the check say, and what is refused."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess

import pytest
from PIL import Image

from evidence_vault import Vault, redacting
from evidence_vault.bundle import export_bundle, verify_bundle
from evidence_vault.errors import UsageError

from bundle_helpers import add_synthetic_capture
from helpers import OWNER, PASSPHRASE


@pytest.fixture
def vault(tmp_path):
    v, _ = Vault.create(tmp_path / "vault", PASSPHRASE, owner_name=OWNER[0], owner_role=OWNER[1])
    yield v
    v.close()


def _detach(pdf, folder) -> dict[str, bytes]:
    folder.mkdir()
    subprocess.run(["pdfdetach", "-saveall", "-o", str(folder), str(pdf)], check=True, capture_output=True)
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_box_only_copy_keeps_the_history_checkable(vault, tmp_path):
    case = vault.add_case("Case")
    page = add_synthetic_capture(vault, case, height=600)
    original = vault.read_artefact(page.id, "screenshot")
    redacting.redact_box(vault, page.id, "0,0,1280,40")
    out = tmp_path / "copy.pdf"
    result = export_bundle(vault, case, out, redacted=True)
    assert result.redacted and result.warnings == []  # no words hidden: nothing to warn about
    report = verify_bundle(out)
    assert report.ok, report.failures
    files = _detach(out, tmp_path / "files")
    manifest = json.loads(files["manifest.json"])
    shot = next(a for a in manifest["attachments"] if a["name"] == f"item{page.id:04d}-screenshot.png")
    assert shot["redacted"] and shot["original_sha256"] == page.main_sha256 and shot["sha256"] != page.main_sha256
    added = [e for e in manifest["events"] if '"item_added"' in e.get("body", "")]
    assert added and not manifest["redacted"]["hidden_events"]  # check 8 ties the rendering to its original
    with Image.open(io.BytesIO(files[f"item{page.id:04d}-screenshot.png"])) as img, \
            Image.open(io.BytesIO(original)) as before:
        assert img.size == before.size
        assert img.crop((0, 0, 1280, 40)).getextrema() == ((0, 0), (0, 0), (0, 0))  # every pixel black
        assert img.crop((0, 40, 1280, 600)).tobytes() == before.convert("RGB").crop((0, 40, 1280, 600)).tobytes()
    assert f"item{page.id:04d}-mhtml.mhtml" not in files  # the original page is not in the copy
    assert manifest["redacted"]["items"][0]["left_out"][0]["role"] == "mhtml"
    locked = tmp_path / "locked.pdf"  # a redacted copy with a password checks the same way
    export_bundle(vault, case, locked, redacted=True, password="a long bundle password")
    opened = verify_bundle(locked, password="a long bundle password")
    assert opened.ok and opened.details["redacted_copy"]["items"] == [page.id]


def test_words_hidden_in_one_item_are_hidden_in_every_item(vault, tmp_path):
    case = vault.add_case("About Jane Pupil")  # the case's name is on every page's foot
    told = vault.add_incident(case, kind="phone_call", text="Jane Pupil's mum rang.", occurred_at="2026-11-20T16:00:00Z")
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear parents of JANE\n PUPIL, ...", encoding="utf-8")
    noted = vault.add_file(case, letter, guard=None)
    other = tmp_path / "other.bin"
    other.write_bytes(b"\x00\x01 nothing to hide")
    plain = vault.add_file(case, other, guard=None)
    redacting.redact_text(vault, told.id, "Jane Pupil")
    out = tmp_path / "copy.pdf"
    export_bundle(vault, case, out, redacted=True)
    assert verify_bundle(out).ok
    files = _detach(out, tmp_path / "files")
    assert not [n for n, d in files.items() if b"jane" in d.lower()]
    assert files[f"item{noted.id:04d}-original.txt"].startswith(b"Dear parents of [redacted]")
    assert files[f"item{plain.id:04d}-original.bin"] == other.read_bytes()  # untouched: the original, as it is
    manifest = json.loads(files["manifest.json"])
    assert {i["item"] for i in manifest["redacted"]["items"]} == {told.id, noted.id}
    assert manifest["redacted"]["items"][0]["text_redactions"] == 1
    assert not any("Jane" in e.get("body", "") for e in manifest["events"])
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "[redacted]'s mum rang" in text and "Hidden in this redacted copy" in text
    assert "Jane" not in text and "Evidence bundle: About [redacted]" in text
    assert manifest["case"]["name"] == "About [redacted]"


def test_a_copy_of_items_without_redactions_is_refused(vault, tmp_path):
    case = vault.add_case("Case")
    told = vault.add_incident(case, kind="phone_call", text="Jane Pupil rang.", occurred_at="2026-11-20T16:00:00Z")
    other = vault.add_incident(case, kind="phone_call", text="Someone else rang.", occurred_at="2026-11-21T16:00:00Z")
    out = tmp_path / "copy.pdf"
    with pytest.raises(UsageError, match="No item of this vault has a redaction yet"):
        export_bundle(vault, case, out, redacted=True)
    redacting.redact_text(vault, told.id, "Jane Pupil")
    with pytest.raises(UsageError, match="None of the items in this export has a redaction"):
        export_bundle(vault, case, out, item_ids=[other.id], redacted=True)
    assert not out.exists()
    assert vault.verify().ok


def test_a_box_on_an_imported_photo(vault, tmp_path):
    """A phone's JPEG: the copy carries a new PNG with the box black, and a page showing it."""
    case = vault.add_case("Case")
    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (400, 300), (255, 0, 200)).save(photo, "JPEG", quality=95)
    item = vault.add_file(case, photo, guard=None, note="a photo from a parent")
    done = redacting.redact_box(vault, item.id, (0, 0, 400, 300))
    out = tmp_path / "copy.pdf"
    export_bundle(vault, case, out, redacted=True)
    assert verify_bundle(out).ok
    files = _detach(out, tmp_path / "files")
    assert f"item{item.id:04d}-original.jpg" not in files
    rendered = files[f"item{item.id:04d}-original.png"]
    assert done.rendering["original"] == hashlib.sha256(rendered).hexdigest()
    with Image.open(io.BytesIO(rendered)) as img:
        assert img.format == "PNG" and img.getextrema() == ((0, 0), (0, 0), (0, 0))
    images = tmp_path / "images"
    images.mkdir()
    subprocess.run(["pdfimages", "-all", str(out), str(images / "img")], check=True)
    pictures = list(images.iterdir())
    assert pictures
    for p in pictures:
        with Image.open(p) as img:
            assert img.convert("RGB").getextrema() == ((0, 0), (0, 0), (0, 0)), p.name


def test_verify_finds_a_forged_undo(vault):
    """Taking back a redaction that was never made (written with the key, outside the vault's
    own methods) is a forged record: the vault's check names it."""
    case = vault.add_case("Case")
    told = vault.add_incident(case, kind="phone_call", text="Jane Pupil rang.", occurred_at="2026-11-20T16:00:00Z")
    done = redacting.redact_text(vault, told.id, "Jane Pupil")
    redacting.undo(vault, told.id, done.redaction.seq)
    assert vault.verify().ok
    with vault.database.transaction("forging") as tx:
        vault._append(tx, "redaction_removed", {"item_id": told.id, "redaction_seq": done.redaction.seq,
                                                "by": "someone", "rendering": {}})
    problems = vault.verify().problems
    assert any(f"takes back redaction {done.redaction.seq} of item {told.id}" in p for p in problems), problems
