# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Who sealed it (issue 19, findings 2-4): the sender's code, compared in full; the
certificate's own signature; the checkpoint that pins every history entry, also those a bundle
cannot show. Each attack is made on a real bundle and checked with the real CLI."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from evidence_vault import Vault
from evidence_vault.bundle import export_bundle, verify_bundle
from evidence_vault.bundle.certificate import vault_signer
from evidence_vault.fingerprints import ALPHABET, matches, short_code, vault_fingerprint
from evidence_vault.vault.ledger import chain_hash

import bundle_tamper as tamper
from bundle_helpers import OWNER, PASSPHRASE, add_synthetic_capture

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "vault"))
from helpers import run_cli  # noqa: E402


def _page_text(pdf, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def _vault_with_case(folder: Path, text: str):
    vault, _ = Vault.create(folder, PASSPHRASE, owner_name=OWNER[0], owner_role=OWNER[1])
    case = vault.add_case("Comments about Ms Smith")
    add_synthetic_capture(vault, case, height=1500)
    vault.add_incident(case, kind="phone_call", text=text, occurred_at="2026-11-20T16:00:00Z")
    return vault, case


def test_short_code_format_and_whole_comparison():
    sha = "5109f7894d1add720ea44fb9388c5ab8ef6a4306ee1a127085780ea5b17d16cf"
    code = short_code(sha)
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{5}( [0-9A-HJKMNP-TV-Z]{5}){3}", code)
    # the first 100 bits of the SHA-256, 5 bits a character (docs/bundle-format.md works it by hand)
    bits = bin(int(sha, 16))[2:].zfill(256)[:100]
    assert code.replace(" ", "") == "".join(ALPHABET[int(bits[i:i + 5], 2)] for i in range(0, 100, 5))
    assert matches(code, sha) and matches(code.lower().replace(" ", "-"), sha) and matches(sha.upper(), sha)
    assert matches(code.replace("0", "O").replace("1", "I"), sha)  # what people mishear is forgiven
    wrong_last = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert not matches(wrong_last, sha)  # the whole code, never a part
    with pytest.raises(Exception, match="20 letters and digits"):
        matches(code[:11], sha)


def test_re_sealed_forgery_passes_only_as_not_yet_confirmed_and_fails_against_the_code(tmp_path):
    """Finding 2: a changed bundle sealed by someone else under the same name and role."""
    genuine_vault, case = _vault_with_case(tmp_path / "genuine", "Parent rang at 4pm.")
    forger_vault, forged_case = _vault_with_case(tmp_path / "forger", "Parent rang at 9pm and apologised.")
    try:
        genuine = export_bundle(genuine_vault, case, tmp_path / "genuine.pdf")
        forged = export_bundle(forger_vault, forged_case, tmp_path / "forged.pdf")
        assert vault_fingerprint(genuine_vault).code == short_code(genuine.signer_fingerprint)
    finally:
        genuine_vault.close()
        forger_vault.close()
    code = short_code(genuine.signer_fingerprint)

    plain = run_cli(None, "verify-bundle", str(tmp_path / "forged.pdf"), passphrase=None)
    assert plain.returncode == 0 and "Sealed by: Alex Example, Deputy Head" in plain.stdout
    assert "Sender NOT YET CONFIRMED" in plain.stdout and "--expect" in plain.stdout

    caught = run_cli(None, "verify-bundle", "--expect", code, str(tmp_path / "forged.pdf"), passphrase=None)
    assert caught.returncode == 1
    assert caught.stderr.splitlines() == [
        f"FAILED: sender: this bundle was sealed by the code {short_code(forged.signer_fingerprint)}, not the "
        f"code the sender gave you ({code}): it was not sealed by them, or it was sealed again by someone else. "
        "Do not rely on it"]

    confirmed = run_cli(None, "verify-bundle", "--expect", code.lower(), str(tmp_path / "genuine.pdf"),
                        passphrase=None)
    assert confirmed.returncode == 0 and "Sender CONFIRMED" in confirmed.stdout
    report = verify_bundle(tmp_path / "genuine.pdf", expect=code)
    assert report.status == "confirmed" and report.to_json()["sender_confirmed"] is True

    # the cover shows the code but never asks the reader to compare the file with itself
    cover = _page_text(tmp_path / "genuine.pdf", 1)
    assert code in " ".join(cover.split())
    assert "Do not confirm the sender from this page" in " ".join(cover.split())
    assert "compare it with what your PDF reader" not in cover


def test_certificate_with_its_last_bytes_ground_fails(tmp_path):
    """Finding 3: a look-alike certificate made by editing its last bytes (its own signature
    value) until the fingerprint looks right: one SHA-256 per try instead of a signature. The
    bundle is then sealed with that certificate's key, so the PDF signature itself is valid."""
    vault, case = _vault_with_case(tmp_path / "v", "Said in the corridor.")
    try:
        export_bundle(vault, case, tmp_path / "b.pdf")
    finally:
        vault.close()
    cert, key = tamper.other_signer("Alex Example", title="Deputy Head")
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    ground = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    value = bytearray(ground["signature_value"].native)
    value[-1] ^= 0x5A  # one "try" of the grinding
    ground["signature_value"] = bytes(value)
    ground = asn1_x509.Certificate.load(ground.dump(force=True))
    from asn1crypto import keys as asn1_keys
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore
    signer = signers.SimpleSigner(signing_cert=ground, cert_registry=SimpleCertificateStore(),
                                  signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
                                      serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())))
    tamper.sign_bytes(tamper.rewrite_unsigned(tmp_path / "b.pdf"), signer, tmp_path / "ground.pdf")
    report = verify_bundle(tmp_path / "ground.pdf")
    assert report.signer_name == "Alex Example, Deputy Head"
    assert "signature: the signer's certificate is not validly signed (its bytes were changed, for example to " \
           "imitate another fingerprint)" in report.failures, report.failures


def test_history_rewritten_below_a_withheld_entry_breaks_the_checkpoint(tmp_path):
    """Finding 4: an item's recorded SHA-256 rewritten and the chain recomputed up to a withheld
    entry, re-sealed by the vault's own key, against the genuine checkpoint."""
    vault, case = _vault_with_case(tmp_path / "v", "Parent rang.")
    hidden = add_synthetic_capture(vault, case, url="https://example.test/hidden", label="hidden")
    vault.quarantine(hidden.id)  # events 5 and 6: withheld, no body in the bundle
    vault.add_incident(case, kind="conversation", text="Later entry.", occurred_at="2026-11-21T09:00:00Z")
    try:
        export_bundle(vault, case, tmp_path / "b.pdf")
        material = vault_signer(vault)
    finally:
        vault.close()
    fake = b"a different screenshot"

    def edit(doc):
        hashes = doc["chain"]["hashes"]
        events = {e["seq"]: e for e in doc["events"]}
        withheld = min(e["seq"] for e in doc["events"] if e.get("withheld"))
        added = next(e for e in doc["events"] if '"item_added"' in e.get("body", "") and '"item_id":1' in e["body"])
        body = json.loads(added["body"])
        for a in body["artefacts"]:
            if a["role"] == "screenshot":
                a["sha256"], a["size"] = hashlib.sha256(fake).hexdigest(), len(fake)
        added["body"] = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        for seq in range(added["seq"], withheld):  # recompute up to the gap; after it, as it was
            if seq in events and "body" in events[seq]:
                hashes[seq - 1] = chain_hash(hashes[seq - 2], events[seq]["body"].encode())
                events[seq]["hash"] = hashes[seq - 1]
        for a in doc["attachments"]:
            if a["name"] == "item0001-screenshot.png":
                a["sha256"], a["size"] = hashlib.sha256(fake).hexdigest(), len(fake)

    data = tamper.rewrite_unsigned(tmp_path / "b.pdf", edit_manifest=edit, replace={"item0001-screenshot.png": fake})
    from asn1crypto import keys, x509
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore
    signer = signers.SimpleSigner(signing_cert=x509.Certificate.load(material.cert_der),
                                  signing_key=keys.PrivateKeyInfo.load(material.key_der),
                                  cert_registry=SimpleCertificateStore())
    tamper.sign_bytes(data, signer, tmp_path / "rewritten.pdf")
    report = verify_bundle(tmp_path / "rewritten.pdf")
    assert report.signer_fingerprint == material.fingerprint  # the sender's own key and code...
    assert report.failures == ["history: the listed event hashes are not the ones the vault signed at its "
                               "checkpoint (an entry of the history was changed)"]  # ...and still caught
