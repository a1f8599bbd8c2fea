# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Export a case and check the result with the recipient's own tools (poppler, qpdf, pyHanko)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from evidence_vault import NotFoundError, QuarantinedError, UsageError
from evidence_vault.bundle import export_bundle, verify_bundle
from evidence_vault.bundle import screenshots

from bundle_helpers import add_synthetic_capture, pdfsig, qpdf_check, sha256_of_detached


def page_text(pdf, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def detached_manifest(pdf, folder) -> tuple[dict, dict]:
    sums = sha256_of_detached(pdf, folder)
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8")), sums


def test_bundle_passes_pdfsig_pdfdetach_qpdf_and_pyhanko(filled, tmp_path):
    vault, case = filled
    steps = []
    out = tmp_path / "bundle.pdf"
    result = export_bundle(vault, case, out, recipient="PC Jones, Kent Police", progress=steps.append)
    assert result.path == out and result.items_exported == [1, 2, 3, 4] and result.items_withheld == 0
    assert result.signer_name == "Alex Example, Deputy Head" and len(result.signer_fingerprint) == 64
    assert any("Signing" in s for s in steps) and not result.warnings

    sig = pdfsig(out)
    assert "Signature is Valid." in sig and "Total document signed" in sig and "Alex Example" in sig

    manifest, sums = detached_manifest(out, tmp_path / "detached")
    listed = {a["name"]: a["sha256"] for a in manifest["attachments"]}
    assert set(sums) == set(listed) | {"manifest.json"}
    assert all(sums[name] == digest for name, digest in listed.items())
    originals = {a.sha256 for item in map(vault.item, [1, 2, 3, 4]) for a in item.artefacts}
    assert originals <= set(sums.values())  # every original, bit for bit

    check = qpdf_check(out)
    assert check.returncode == 0 and "No syntax or stream encoding errors" in check.stdout, check.stdout

    with open(out, "rb") as fh:
        embedded = PdfFileReader(fh).embedded_signatures[0]
        context = ValidationContext(trust_roots=[embedded.signer_cert], allow_fetching=False)
        status = validate_pdf_signature(embedded, context)
    assert status.intact and status.valid and status.coverage == SignatureCoverageLevel.ENTIRE_FILE

    report = verify_bundle(out)
    assert report.ok, report.failures
    assert report.signer_fingerprint == result.signer_fingerprint

    # the export is history: its event carries the bundle's SHA-256, items and recipient
    last = [e for _s, _h, e in vault.events() if e.type == "export_made"][-1]
    assert last.data["bundle_sha256"] == result.sha256 and last.data["items"] == [1, 2, 3, 4]
    assert last.data["recipient"] == "PC Jones, Kent Police"
    assert vault.verify().ok


def test_every_screenshot_page_is_a_clause_61_screen_print(filled, tmp_path):
    vault, case = filled
    out = tmp_path / "bundle.pdf"
    export_bundle(vault, case, out)
    manifest, _ = detached_manifest(out, tmp_path / "d")
    first = next(i["first_page"] for i in manifest["items"] if i["id"] == 1)
    geo = screenshots.geometry(1280, 5000, 36 + 22 + 4)
    assert geo.parts >= 3 and geo.landscape and geo.columns == 1  # a desktop page: turned, not shrunk
    for part in range(geo.parts):
        text = page_text(out, first + 1 + part)
        assert f"Item 1 | Screen print, part {part + 1} of {geo.parts}" in text
        assert "https://example.test/post/1" in text
        assert "Fri 20 Nov 2026, 16:30:00 GMT" in text and "UTC+00:00" not in text and "  =  " not in text
    cover = page_text(out, 1)
    assert "Alex Example, Deputy Head" in cover and "Comments about Ms Smith" in cover
    index = page_text(out, 3)
    assert "Web page" in index and "Incident log" in index and str(first) in index


def test_quarantined_item_is_left_out_and_refused_by_number(filled, tmp_path):
    vault, case = filled
    secret_sha = vault.item(3).main_sha256
    vault.quarantine(3)
    with pytest.raises(QuarantinedError, match="safeguarding policy"):
        export_bundle(vault, case, tmp_path / "refused.pdf", item_ids=[1, 3])
    assert not (tmp_path / "refused.pdf").exists()

    out = tmp_path / "bundle.pdf"
    result = export_bundle(vault, case, out)
    assert result.items_exported == [1, 2, 4] and result.items_withheld == 1
    manifest, sums = detached_manifest(out, tmp_path / "d")
    assert secret_sha not in sums.values()
    assert secret_sha not in json.dumps(manifest)
    assert not any(a["item"] == 3 for a in manifest["attachments"])
    withheld = [e for e in manifest["events"] if e.get("withheld")]
    assert withheld and all(set(e) == {"seq", "hash", "withheld"} for e in withheld)
    assert "1 item(s) withheld under the safeguarding policy" in page_text(out, 1)
    assert verify_bundle(out).ok


def test_case_with_no_items_is_refused_clearly(vault, tmp_path):
    case = vault.add_case("Empty case")
    with pytest.raises(UsageError, match="has no evidence yet"):
        export_bundle(vault, case, tmp_path / "empty.pdf")
    with pytest.raises(NotFoundError, match="Item 9 is not in the case"):
        add_synthetic_capture(vault, case)
        export_bundle(vault, case, tmp_path / "x.pdf", item_ids=[9])
    assert not list(tmp_path.glob("*.pdf"))


@pytest.mark.slow
def test_60000_px_screenshot_is_split_not_shrunk(vault, tmp_path):
    case = vault.add_case("Tall")
    add_synthetic_capture(vault, case, height=60_000)
    out = tmp_path / "tall.pdf"
    result = export_bundle(vault, case, out)
    geo = screenshots.geometry(1280, 60_000, 36 + 22 + 4)
    assert geo.parts > 30 and geo.scale == pytest.approx(769.89 / 1280, rel=0.01)
    # cover, how to check, index; details; parts; custody; the appendix for IT staff
    assert result.pages == 3 + 1 + geo.parts + 1 + 1
    last = page_text(out, 4 + geo.parts)
    assert f"part {geo.parts} of {geo.parts}" in last and "of 60,000" in last
    assert "Signature is Valid." in pdfsig(out) and verify_bundle(out).ok


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_200_items(vault, tmp_path):
    case = vault.add_case("Many")
    for i in range(200):
        add_synthetic_capture(vault, case, height=900, url=f"https://example.test/post/{i}", label=f"post {i}")
    out = tmp_path / "many.pdf"
    result = export_bundle(vault, case, out)
    assert len(result.items_exported) == 200
    manifest, sums = detached_manifest(out, tmp_path / "d")
    assert len(sums) == 200 * 5 + 2
    assert manifest["items"][-1]["number"] == 200
    assert "Total document signed" in pdfsig(out) and qpdf_check(out).returncode == 0
    assert verify_bundle(out).ok


def test_password_protected_bundle_uses_aes_256(filled, tmp_path):
    vault, case = filled
    out = tmp_path / "locked.pdf"
    export_bundle(vault, case, out, password="open sesame 42")
    shown = subprocess.run(["qpdf", "--show-encryption", "--password=open sesame 42", str(out)],
                           capture_output=True, text=True).stdout
    assert "R = 6" in shown and "AESv3" in shown and "RC4" not in shown
    assert qpdf_check(out, "open sesame 42").returncode == 0
    sig = pdfsig(out, "-upw", "open sesame 42")
    assert "Signature is Valid." in sig and "Total document signed" in sig
    assert verify_bundle(out, password="open sesame 42").ok
    # what a password hides (finding 5): names, types and exact sizes of the attached files; the
    # certificate (name and role) and the number of files stay readable, as the dialog says
    raw = out.read_bytes()
    for clear in (b"item0001", b"manifest.json", b"image#2Fpng", b"application#2Fjson",
                  b"Comments about Ms Smith", b"photo from a parent"):
        assert clear not in raw, clear
    sizes = re.compile(rb"/Params\s*<<\s*/Size")
    assert not sizes.search(raw)
    plain = out.with_name("plain.pdf")
    export_bundle(vault, case, plain)
    assert b"image#2Fpng" in plain.read_bytes() and sizes.search(plain.read_bytes())


def test_organisation_certificate_needs_its_chain(filled, tmp_path):
    """The verifier checks the certificate's issuer; an export that could not pass is refused."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
    from cryptography.x509.oid import NameOID

    from bundle_tamper import other_signer
    vault, case = filled
    ca_cert, ca_key = other_signer("Oakfield Trust Root CA")
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Oakfield Academy Safeguarding")]))
            .issuer_name(ca_cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .sign(ca_key, hashes.SHA256()))
    alone = tmp_path / "alone.p12"
    alone.write_bytes(pkcs12.serialize_key_and_certificates(b"org", key, cert, None, BestAvailableEncryption(b"pw")))
    with pytest.raises(UsageError, match="does not hold the certificates that issued Oakfield Academy Safeguarding"):
        export_bundle(vault, case, tmp_path / "x.pdf", org_cert=alone, org_cert_password=b"pw")
    chained = tmp_path / "chained.p12"
    chained.write_bytes(pkcs12.serialize_key_and_certificates(b"org", key, cert, [ca_cert],
                                                              BestAvailableEncryption(b"pw")))
    export_bundle(vault, case, tmp_path / "org.pdf", org_cert=chained, org_cert_password=b"pw")
    report = verify_bundle(tmp_path / "org.pdf")
    assert report.ok, report.failures
    assert report.signer_name == "Oakfield Academy Safeguarding"


def test_organisation_certificate(filled, tmp_path):
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    from bundle_tamper import other_signer
    vault, case = filled
    cert, key = other_signer("Oakfield Academy Safeguarding")
    p12 = tmp_path / "org.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(b"org", key, cert, None, BestAvailableEncryption(b"pw")))
    out = tmp_path / "org.pdf"
    result = export_bundle(vault, case, out, org_cert=p12, org_cert_password=b"pw")
    assert result.signer_name == "Oakfield Academy Safeguarding"
    report = verify_bundle(out)
    assert report.ok, report.failures
    assert report.signer_name == "Oakfield Academy Safeguarding"
    with pytest.raises(UsageError, match="password is wrong"):
        export_bundle(vault, case, tmp_path / "x.pdf", org_cert=p12, org_cert_password=b"nope")


def test_vault_certificate_is_made_once_and_kept(filled, tmp_path):
    vault, case = filled
    a = export_bundle(vault, case, tmp_path / "a.pdf")
    b = export_bundle(vault, case, tmp_path / "b.pdf")
    assert a.signer_fingerprint == b.signer_fingerprint
    assert vault.verify().ok  # the sealed certificate is storage verify accepts


def test_withdrawn_item_is_left_out_and_listed_in_the_custody_log(filled, tmp_path):
    vault, case = filled
    vault.withdraw(4, reason="sent to the wrong case")
    out = tmp_path / "bundle.pdf"
    result = export_bundle(vault, case, out)
    assert result.items_exported == [1, 2, 3]
    manifest, sums = detached_manifest(out, tmp_path / "d")
    assert manifest["withdrawn_items"] == [4] and not any(a["item"] == 4 for a in manifest["attachments"])
    assert any('"item_withdrawn"' in e.get("body", "") for e in manifest["events"])
    with pytest.raises(UsageError, match="was withdrawn"):
        export_bundle(vault, case, tmp_path / "x.pdf", item_ids=[4])
    assert verify_bundle(out).ok
