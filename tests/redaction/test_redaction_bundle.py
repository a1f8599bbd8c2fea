# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A redacted copy of a real capture: the pupil's name and the "face" are gone from every
page, every picture and every attached file of the copy, and are still in the original.

Chromium captures a real page on 127.0.0.1 (redaction_site.py); the CLI records the
redactions and makes both bundles; the recipient's own tools (pdftotext, pdfimages -all,
pdfdetach -saveall, pdfsig, qpdf) read them.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from evidence_vault import Vault, workflows

from bundle_helpers import pdfsig, qpdf_check
from helpers import OWNER, PASSPHRASE, run_cli
from redaction_site import FACE_CSS, NAME, face_box, face_pixels

pytestmark = pytest.mark.browser
NAME_RE = re.compile(r"jane\s*pupil", re.IGNORECASE)


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _images(pdf: Path, folder: Path) -> list[Path]:
    folder.mkdir()
    subprocess.run(["pdfimages", "-all", str(pdf), str(folder / "img")], check=True)
    return sorted(folder.iterdir())


def _attachments(pdf: Path, folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    subprocess.run(["pdfdetach", "-saveall", "-o", str(folder), str(pdf)], check=True, capture_output=True)
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _holds_name(data: bytes) -> bool:
    """The name in a file's bytes: as text, or in an MHTML's quoted-printable lines."""
    text = data.decode("utf-8", "replace")
    return bool(NAME_RE.search(text) or NAME_RE.search(text.replace("=\r\n", "").replace("=\n", "")))


def test_redacted_copy_holds_neither_the_name_nor_the_face(worker, face_site, tmp_path):
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASSPHRASE, owner_name=OWNER[0], owner_role=OWNER[1])
    try:
        case = vault.add_case("Posts about a pupil")
        page = workflows.capture_url(vault, worker, url=face_site.url, case=case,
                                     note=f"{NAME}'s parent showed me this")
        told = vault.add_incident(case, kind="conversation", text=f"{NAME} told me about the post.",
                                  occurred_at="2026-11-20T16:00:00Z")
        shot = vault.read_artefact(page.id, "screenshot")
        originals = {a.role: a.sha256 for a in vault.item(page.id).artefacts}
        scale = json.loads(vault.read_artefact(page.id, "metadata")).get("device_scale_factor") or 1
        events_before = len(vault.events())
    finally:
        vault.close()
    x, y, w, h = face_box(shot)
    assert (x, y) == (round(FACE_CSS[0] * scale), round(FACE_CSS[1] * scale))  # the page drew it where we said
    box = f"{x - 2},{y - 2},{w + 4},{h + 4}"
    made = run_cli(folder, "redact", str(page.id), "--text", NAME, "--box", box)
    assert made.returncode == 0, made.stderr
    assert "The original is unchanged" in made.stdout and "--box" in made.stdout  # pixels need a box
    listed = run_cli(folder, "redact", str(page.id), "--list", "--json")
    redactions = json.loads(listed.stdout)["redactions"]
    assert [r["kind"] for r in redactions] == ["text", "box"] and redactions[1]["box"] == [x - 2, y - 2, w + 4, h + 4]
    assert all(r["by"] == OWNER[0] for r in redactions)

    red, full = tmp_path / "redacted.pdf", tmp_path / "full.pdf"
    done = run_cli(folder, "export", "--case", "Posts about a pupil", "--redacted", "-o", str(red), timeout=300)
    assert done.returncode == 0, done.stderr
    assert "REDACTED COPY" in done.stdout
    assert f"Item {page.id}'s screen print is a picture: words hidden with --text may still be readable" in done.stderr
    assert run_cli(folder, "export", "--case", "Posts about a pupil", "-o", str(full), timeout=300).returncode == 0

    # the original is sealed and unchanged; the vault still checks
    checked = run_cli(folder, "verify")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    vault = Vault.open(folder, PASSPHRASE)
    try:
        assert {a.role: a.sha256 for a in vault.item(page.id).artefacts} == originals
        assert vault.read_artefact(page.id, "screenshot") == shot
        ledger = [(e.type, e.data) for _s, _h, e in vault.events()[events_before:]]
    finally:
        vault.close()
    redacted_events = [d for t, d in ledger if t == "item_redacted"]
    assert [d["kind"] for d in redacted_events] == ["text", "box"]
    assert all(d["item_id"] == page.id and d["by"] == OWNER[0] for d in redacted_events)
    assert ("export_made", True) in [(t, d.get("redacted")) for t, d in ledger]

    # the recipient's tools accept the redacted copy, and it says what it is
    assert "Signature is Valid." in pdfsig(red)
    assert qpdf_check(red).returncode == 0
    verified = run_cli(None, "verify-bundle", str(red), passphrase=None, timeout=300)
    assert verified.returncode == 0, verified.stderr
    assert "REDACTED COPY" in verified.stdout and OWNER[0] in verified.stdout
    as_json = json.loads(run_cli(None, "verify-bundle", str(red), "--json", passphrase=None, timeout=300).stdout)
    assert as_json["ok"] and sorted(as_json["redacted_copy"]["items"]) == sorted([page.id, told.id])
    full_json = json.loads(run_cli(None, "verify-bundle", str(full), "--json", passphrase=None, timeout=300).stdout)
    assert full_json["ok"] and full_json["redacted_copy"] is None

    # pdftotext: no name in the copy, "Redacted copy" and who on every page; the name in the original
    red_text, full_text = _text(red), _text(full)
    assert not NAME_RE.search(red_text)
    assert NAME_RE.search(full_text)
    pages = red_text.split("\f")[:-1]
    assert pages and all("REDACTED COPY - redacted by Alex Example" in p for p in pages)
    assert "REDACTED COPY" not in full_text

    # pdfimages -all: not one pixel of the face's colour in any picture of the copy
    red_images = _images(red, tmp_path / "red-images")
    assert red_images
    assert {p.name: face_pixels(p) for p in red_images} == {p.name: 0 for p in red_images}
    full_images = _images(full, tmp_path / "full-images")
    assert sum(face_pixels(p) for p in full_images) >= w * h  # the test can see a face where there is one

    # pdfdetach -saveall: no attached file names her or holds the face; the originals do
    red_files = _attachments(red, tmp_path / "red-files")
    assert [n for n, data in red_files.items() if _holds_name(data)] == []
    assert not any(n.endswith(".mhtml") for n in red_files)  # the page's original is not in the copy
    for name, data in red_files.items():
        if name.endswith(".png"):
            assert face_pixels(tmp_path / "red-files" / name) == 0, name
    full_files = _attachments(full, tmp_path / "full-files")
    assert {n for n, data in full_files.items() if _holds_name(data)} >= {
        f"item{page.id:04d}-mhtml.mhtml", f"item{page.id:04d}-text.txt", f"item{told.id:04d}-entry.txt"}
    assert face_pixels(tmp_path / "full-files" / f"item{page.id:04d}-screenshot.png") >= w * h

    # each rendering names its original; the ledger's SHA-256 is the copy's picture
    manifest = json.loads(red_files["manifest.json"])
    rendered = {a["name"]: a for a in manifest["attachments"] if a.get("redacted")}
    screenshot = rendered[f"item{page.id:04d}-screenshot.png"]
    assert screenshot["original_sha256"] == originals["screenshot"]
    assert screenshot["sha256"] == redacted_events[-1]["rendering"]["screenshot"]
    assert {i["item"] for i in manifest["redacted"]["items"]} == {page.id, told.id}
    assert manifest["version"] == json.loads(full_files["manifest.json"])["version"]
