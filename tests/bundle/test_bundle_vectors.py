# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The bundle vectors of docs/bundle-format.md: each file reaches the result it is tagged with,
and the worked example in the spec recomputes with nothing but hashlib and json."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from evidence_vault.bundle import verify_bundle

VECTORS = Path(__file__).resolve().parent.parent / "vectors" / "bundle"
TAGS = json.loads((VECTORS / "MANIFEST.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(TAGS))
def test_vector(name):
    tag = TAGS[name]
    report = verify_bundle(VECTORS / name)
    if tag == "ok":
        assert report.ok, report.failures
    else:
        assert not report.ok
        assert any(tag.removeprefix("fail: ") in line for line in report.failures), report.failures


def test_worked_example_recomputes_with_the_standard_library_only(tmp_path):
    """docs/bundle-format.md "Worked example": the chain and the originals, by hand."""
    subprocess.run(["pdfdetach", "-saveall", str(VECTORS / "good.pdf")], cwd=tmp_path, check=True)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    hashes = manifest["chain"]["hashes"]
    for event in manifest["events"]:
        prev = bytes.fromhex(hashes[event["seq"] - 2]) if event["seq"] > 1 else bytes(32)
        digest = hashlib.sha256(b"evidence-vault/1 event\n" + prev + event["body"].encode("utf-8")).hexdigest()
        assert digest == event["hash"] == hashes[event["seq"] - 1]
    for entry in manifest["attachments"]:
        assert hashlib.sha256((tmp_path / entry["name"]).read_bytes()).hexdigest() == entry["sha256"]
    checkpoint = json.loads((tmp_path / "checkpoint.json").read_text(encoding="utf-8"))["checkpoint"]
    assert checkpoint["head"] == hashes[-1] and checkpoint["seq"] == len(hashes)


def test_worked_example_sender_code(tmp_path):
    """docs/bundle-format.md "The sender's code": from pdfsig's SHA-256 to the code, by hand."""
    from evidence_vault.bundle import verify_bundle as check

    sha = check(VECTORS / "good.pdf").signer_fingerprint
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    bits = bin(int(sha, 16))[2:].zfill(256)[:100]
    code = "".join(alphabet[int(bits[i:i + 5], 2)] for i in range(0, 100, 5))
    doc = (Path(__file__).resolve().parents[2] / "docs" / "bundle-format.md").read_text(encoding="utf-8")
    assert f"{code[0:5]} {code[5:10]} {code[10:15]} {code[15:20]}" in doc and sha in doc


def test_worked_example_checkpoint_signature(tmp_path):
    import base64

    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    subprocess.run(["pdfdetach", "-saveall", str(VECTORS / "good.pdf")], cwd=tmp_path, check=True)
    doc = json.loads((tmp_path / "checkpoint.json").read_text(encoding="utf-8"))
    cp = doc["checkpoint"]
    # format 2: the checkpoint also signs "chain", the SHA-256 of every event hash up to it
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    chain = hashlib.sha256(b"".join(bytes.fromhex(h) for h in manifest["chain"]["hashes"])).hexdigest()
    assert cp["chain"] == chain
    message = b"evidence-vault/2 checkpoint\n" + json.dumps(
        {k: cp[k] for k in ("vault_id", "seq", "head", "at", "chain")}, sort_keys=True, separators=(",", ":"),
        ensure_ascii=False).encode("utf-8")
    key = serialization.load_der_public_key(base64.b64decode(doc["public_key"]))
    key.verify(bytes.fromhex(cp["signature"]), message, ec.ECDSA(hashes.SHA256()))  # raises if forged
    assert hashlib.sha256(base64.b64decode(doc["public_key"])).hexdigest() == doc["public_key_sha256"]
