# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every hostile edit of a bundle is named by verify-bundle, in one plain line, never a traceback.

The bundle is made once per module; each test doctors a copy with a real tool (pyHanko, qpdf,
plain byte edits) and runs the real CLI in a subprocess as a recipient would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from evidence_vault.bundle import export_bundle, verify_bundle
from evidence_vault.bundle.certificate import vault_signer
from evidence_vault.fingerprints import spaced

import bundle_tamper as tamper
from bundle_helpers import capture_and_conversation, pdfsig

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "vault"))
from helpers import run_cli  # noqa: E402


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("made")
    with capture_and_conversation(folder, "Hostile", height=2500) as (vault, case):
        out = folder / "bundle.pdf"
        result = export_bundle(vault, case, out)
        locked = folder / "locked.pdf"
        export_bundle(vault, case, locked, password="right password")
        yield {"pdf": out, "result": result, "locked": locked, "vault": vault, "case": case, "folder": folder}


def copy(made, tmp_path) -> Path:
    dst = tmp_path / "copy.pdf"
    shutil.copyfile(made["pdf"], dst)
    return dst


def check(path: Path, *extra: str, code: int = 1) -> list[str]:
    """Run the real verify-bundle; return its FAILED lines (stderr), asserting the exit code."""
    result = run_cli(None, "verify-bundle", str(path), *extra, passphrase=None)
    assert result.returncode == code, (result.stdout, result.stderr)
    return result.stderr.splitlines()


def test_untouched_bundle_passes_and_prints_the_fingerprint(made):
    result = run_cli(None, "verify-bundle", str(made["pdf"]), passphrase=None)
    assert result.returncode == 0, result.stderr
    assert spaced(made["result"].signer_fingerprint) in result.stdout and "Alex Example, Deputy Head" in result.stdout
    shown = json.loads(run_cli(None, "verify-bundle", "--json", str(made["pdf"]), passphrase=None).stdout)
    assert shown["ok"] and shown["signer_fingerprint"] == made["result"].signer_fingerprint


@pytest.mark.parametrize("where", [0.02, 0.3, 0.6, 0.95])
def test_one_byte_flipped_anywhere(made, tmp_path, where):
    path = copy(made, tmp_path)
    data = bytearray(path.read_bytes())
    at = int(len(data) * where)
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    lines = check(path)
    assert lines and all(line.startswith("FAILED: ") for line in lines)
    assert any("signature" in line or "file:" in line or "attachment" in line for line in lines)


def test_bytes_appended(made, tmp_path):
    path = copy(made, tmp_path)
    with open(path, "ab") as fh:
        fh.write(b"\n% a comment added later\n")
    assert "Signature is Valid." in pdfsig(path)  # poppler alone does not object...
    lines = check(path)
    assert any("byte(s) were appended after the signed part" in line for line in lines), lines


def test_incremental_update_adding_an_annotation(made, tmp_path):
    path = tmp_path / "annotated.pdf"
    tamper.incremental(made["pdf"], path, tamper.add_annotation)
    assert "Total document signed" not in pdfsig(path)
    lines = check(path)
    assert any("update(s) were added to the file after it was signed" in line for line in lines), lines


def test_incremental_update_replacing_an_attachment(made, tmp_path):
    path = tmp_path / "replaced.pdf"
    tamper.incremental(made["pdf"], path, tamper.replace_attachment("item0001-text.txt", b"other words"))
    lines = check(path)
    assert any("update(s) were added" in line for line in lines), lines
    assert "FAILED: attachment item0001-text.txt: its SHA-256 does not match the manifest (changed)" in lines


def test_attachment_removed(made, tmp_path):
    path = tmp_path / "removed.pdf"
    tamper.incremental(made["pdf"], path, tamper.remove_attachment("item0002-entry.txt"))
    lines = check(path)
    assert "FAILED: attachment item0002-entry.txt: missing (listed in the manifest, not in the PDF)" in lines


def test_rewritten_by_another_pdf_library(made, tmp_path):
    path = tmp_path / "rewritten.pdf"
    subprocess.run(["qpdf", "--object-streams=generate", str(made["pdf"]), str(path)], check=True)
    lines = check(path)
    assert any(line.startswith("FAILED: signature:") for line in lines), lines


def test_manifest_edited_and_re_signed_with_another_key(made, tmp_path):
    def edit(doc):
        doc["recipient"] = "someone else"
        doc["attachments"][0]["sha256"] = "0" * 64
    data = tamper.rewrite_unsigned(made["pdf"], edit_manifest=edit)
    cert, key = tamper.other_signer("Mallory")
    path = tmp_path / "resigned.pdf"
    tamper.sign_bytes(data, tamper.simple_signer(cert, key), path)
    assert "Signature is Valid." in pdfsig(path)  # a valid signature...
    result = run_cli(None, "verify-bundle", str(path), passphrase=None)
    assert result.returncode == 1
    assert "Mallory" in result.stdout and spaced(made["result"].signer_fingerprint) not in result.stdout
    lines = result.stderr.splitlines()
    assert any("than the key that signed the vault's checkpoint" in line for line in lines), lines  # ...by the wrong signer
    assert any("is not the one the manifest names" in line for line in lines), lines


def test_bundle_from_a_newer_format_version(made, tmp_path):
    data = tamper.rewrite_unsigned(made["pdf"], edit_manifest=lambda doc: doc.update(version=4))
    path = tmp_path / "v3.pdf"
    material = vault_signer(made["vault"])
    from asn1crypto import keys, x509
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore
    signer = signers.SimpleSigner(signing_cert=x509.Certificate.load(material.cert_der),
                                  signing_key=keys.PrivateKeyInfo.load(material.key_der),
                                  cert_registry=SimpleCertificateStore())
    tamper.sign_bytes(data, signer, path)
    lines = check(path)
    assert lines == ["FAILED: manifest: bundle format 4 was made by a newer Evidence Vault; this checker reads "
                     "format 3. Update Evidence Vault to check it."], lines


@pytest.mark.parametrize("content, message", [
    (b"", "file: it is empty (0 bytes), not a bundle"),
    (b"GIF89a not a pdf at all", "file: it is not a PDF (no %PDF- header), so it is not a bundle"),
])
def test_not_a_pdf_or_empty(tmp_path, content, message):
    path = tmp_path / "thing.pdf"
    path.write_bytes(content)
    assert check(path) == [f"FAILED: {message}"]


def test_truncated(made, tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(made["pdf"].read_bytes()[: made["pdf"].stat().st_size // 2])
    lines = check(path)
    assert len(lines) >= 1 and lines[0].startswith("FAILED: ")


def test_encrypted_bundle_needs_the_right_password(made, tmp_path):
    wrong = tmp_path / "wrong"
    wrong.write_text("not it\n")
    right = tmp_path / "right"
    right.write_text("right password\n")
    for extra, text in [((), "This bundle is encrypted"), (("--password-file", str(wrong)), "does not open")]:
        result = run_cli(None, "verify-bundle", str(made["locked"]), *extra, passphrase=None)
        assert result.returncode == 2 and len(result.stderr.splitlines()) == 1 and text in result.stderr
    ok = run_cli(None, "verify-bundle", str(made["locked"]), "--password-file", str(right), passphrase=None)
    assert ok.returncode == 0, ok.stderr
    assert verify_bundle(made["locked"], password="right password").ok


def test_missing_file_is_a_usage_error(tmp_path):
    result = run_cli(None, "verify-bundle", str(tmp_path / "absent.pdf"), passphrase=None)
    assert result.returncode == 2 and "There is no file at" in result.stderr
