# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Trusted time (issue 19, findings 6 and 7): a document timestamp from a real local authority
(openssl ts -reply, pinned by its certificate as a user would pin theirs), and the ways a
timestamp can be faked, stripped, swapped or added, each with the exact refusal.

Forged tokens are made with pyHanko's DummyTimeStamper, which signs a token for any time with
any key: an authority that is not the one pinned, or the pinned one's key with a false time.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import socket

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from evidence_vault import UsageError
from evidence_vault.bundle import export_bundle, signing, verify_bundle
from evidence_vault.bundle.timestamps import TimestampAuthority, choose, load_trust_file, offered

from bundle_helpers import pdfsig
from bundle_tamper import other_signer


def rsa_tsa(name: str):
    """A home-made timestamp authority (RSA: pyHanko's DummyTimeStamper signs only with RSA)."""
    return other_signer(name, rsa=True)


def _signed_revision_end(path) -> int:
    """Where the sealed file ended, before its document timestamp was appended."""
    with open(path, "rb") as fh:
        reader = PdfFileReader(fh, strict=False)
        sig = next(s for s in reader.embedded_signatures if s.sig_object_type == "/Sig")
        return int(sig.byte_range[2]) + int(sig.byte_range[3])


def _stamp(path, stamper) -> None:
    data = io.BytesIO(path.read_bytes())
    PdfTimeStamper(stamper, field_name="Forged").timestamp_pdf(
        IncrementalPdfFileWriter(data, strict=False), "sha256", in_place=True)
    path.write_bytes(data.getvalue())


def _tsa_stamper(tsa, when: dt.datetime) -> DummyTimeStamper:
    """The pinned authority's own key, made to say any time (as if it were stolen or lying)."""
    key = serialization.load_pem_private_key((tsa.folder / "tsa.key").read_bytes(), None)
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    return DummyTimeStamper(tsa_cert=asn1_x509.Certificate.load(tsa.cert_der),
                            tsa_key=asn1_keys.PrivateKeyInfo.load(der), fixed_dt=when)


@pytest.fixture
def stamped(filled, tsa, tmp_path):
    vault, case = filled
    out = tmp_path / "stamped.pdf"
    result = export_bundle(vault, case, out, timestamp=tsa.authority())
    assert result.timestamped and not result.warnings and tsa.served
    return out, tsa


def test_document_timestamp_from_a_pinned_authority_is_verified(stamped):
    out, tsa = stamped
    report = verify_bundle(out, trusted_timestamps=[tsa.authority()])
    assert report.ok, report.failures
    assert report.timestamp["kind"] == "document" and report.timestamp["trusted"]
    assert report.timestamp["authority"] == "Test Timestamp Authority"
    seal, stamp = pdfsig(out).split("Signature #2:")  # what docs/for-recipients.md tells IT staff
    assert "EvidenceVaultSeal" in seal and "Signature is Valid." in seal and "Not total document signed" in seal
    assert "EvidenceVaultTimestamp" in stamp and "Total document signed" in stamp
    # the manifest names the authority, inside the signed bytes
    with open(out, "rb") as fh:
        reader = PdfFileReader(fh, strict=False)
        assert [s.sig_object_type for s in reader.embedded_signatures] == ["/Sig", "/DocTimeStamp"]


def test_a_timestamp_from_an_authority_the_reader_did_not_choose_fails(stamped):
    out, _tsa = stamped
    report = verify_bundle(out, trusted_timestamps=offered())
    assert not report.ok
    assert any(line.startswith("timestamp: it was made by 'Test Timestamp Authority', an authority you have "
                               "not chosen to trust") for line in report.failures), report.failures


def test_self_made_digicert_dated_before_the_bundle_fails(filled, tsa, tmp_path):
    """Finding 6: a home-made 'DigiCert' token dated 16 days before the bundle existed."""
    vault, case = filled
    out = tmp_path / "plain.pdf"
    export_bundle(vault, case, out)
    cert, key = rsa_tsa("DigiCert Timestamp 2026")
    fake = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        fixed_dt=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=16))
    _stamp(out, fake)
    report = verify_bundle(out, trusted_timestamps=offered() + [tsa.authority()])
    assert "timestamp: a timestamp was added after the bundle was sealed; the sender's export did not ask " \
           "for one" in report.failures
    assert any("'DigiCert Timestamp 2026', an authority you have not chosen to trust" in line
               for line in report.failures), report.failures


def test_pinned_authority_with_a_false_time_fails(stamped, tmp_path):
    """The right authority's key, but a time 16 days before the history it covers."""
    out, tsa = stamped
    forged = tmp_path / "backdated.pdf"
    forged.write_bytes(out.read_bytes()[:_signed_revision_end(out)])
    _stamp(forged, _tsa_stamper(tsa, dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=16)))
    report = verify_bundle(forged, trusted_timestamps=[tsa.authority()])
    assert any(line.startswith("timestamp: its time (") and "is earlier than the history it covers" in line
               for line in report.failures), report.failures
    assert any("is far from when the bundle says it was signed" in line for line in report.failures)


def test_stripped_timestamp_is_found(stamped, tmp_path):
    """Finding 7: cutting the file back to its seal leaves a valid signature, but the signed
    manifest says a timestamp should be there."""
    out, tsa = stamped
    stripped = tmp_path / "stripped.pdf"
    stripped.write_bytes(out.read_bytes()[:_signed_revision_end(out)])
    assert "Signature is Valid." in pdfsig(stripped) and "Total document signed" in pdfsig(stripped)
    report = verify_bundle(stripped, trusted_timestamps=[tsa.authority()])
    assert report.failures == ["timestamp: the bundle says it was timestamped by Test Timestamp Authority, but the "
                               "timestamp is missing (removed after it was sealed)"]


def test_swapped_timestamp_from_another_trusted_authority_is_found(stamped, tmp_path):
    """Finding 7: a token for the same bytes from another authority the reader also trusts."""
    out, tsa = stamped
    swapped = tmp_path / "swapped.pdf"
    swapped.write_bytes(out.read_bytes()[:_signed_revision_end(out)])
    cert, key = rsa_tsa("Another Trusted TSA")
    other_der = cert.public_bytes(serialization.Encoding.DER)
    _stamp(swapped, DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(other_der),
        tsa_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))))
    other = TimestampAuthority("Another Trusted TSA", None, (other_der,))
    report = verify_bundle(swapped, trusted_timestamps=[tsa.authority(), other])
    assert report.failures == ["timestamp: it is from Another Trusted TSA, not from the authority the bundle names "
                               "(Test Timestamp Authority): it was swapped after the bundle was sealed"]


@pytest.mark.parametrize("answer", ["down", "slow", "garbage"])
def test_a_failing_authority_costs_the_timestamp_not_the_export(filled, tsa, tmp_path, monkeypatch, answer):
    vault, case = filled
    authority = tsa.authority()
    if answer == "down":
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            authority = TimestampAuthority("Down", f"http://127.0.0.1:{s.getsockname()[1]}/tsa", (tsa.cert_der,))
    monkeypatch.setattr(signing, "TSA_TIMEOUT", 2)
    tsa.mode["answer"] = answer
    out = tmp_path / f"{answer}.pdf"
    result = export_bundle(vault, case, out, timestamp=authority)
    assert not result.timestamped
    assert len(result.warnings) == 1 and "sealed without one" in result.warnings[0]
    if answer == "slow":
        assert "no answer within 2 seconds" in result.warnings[0]
    report = verify_bundle(out, trusted_timestamps=[tsa.authority()])
    assert report.ok, report.failures
    assert report.timestamp is None


def test_an_authority_answering_with_another_certificate_is_not_used(filled, tsa, tmp_path):
    vault, case = filled
    cert, _key = other_signer("What the user pinned")
    pinned = TimestampAuthority("Pinned", tsa.url, (cert.public_bytes(serialization.Encoding.DER),))
    result = export_bundle(vault, case, tmp_path / "x.pdf", timestamp=pinned)
    assert not result.timestamped
    assert "its answer is not signed by the certificate pinned for it" in result.warnings[0]
    assert verify_bundle(tmp_path / "x.pdf").ok


def test_choosing_an_authority(tsa, tmp_path):
    with pytest.raises(UsageError, match="trusts only timestamp authorities you choose"):
        choose(tsa.url, cert_file=None, config_dir=tmp_path)
    pem = tmp_path / "tsa.pem"
    pem.write_bytes(tsa.pem)
    chosen = choose(tsa.url, cert_file=pem, config_dir=tmp_path)
    assert chosen.certificates == (tsa.cert_der,) and chosen.name == "Test Timestamp Authority"
    assert choose("digicert", cert_file=None, config_dir=tmp_path).url == "http://timestamp.digicert.com"
    # an organisation's own list replaces the offered one
    (tmp_path / "timestamp-authorities.json").write_text(json.dumps({"authorities": [
        {"name": "School TSA", "url": tsa.url, "certificates": tsa.pem.decode()}]}), encoding="utf-8")
    assert choose(tsa.url, cert_file=None, config_dir=tmp_path).name == "School TSA"
    with pytest.raises(UsageError, match="no timestamp authority called 'digicert'"):
        choose("digicert", cert_file=None, config_dir=tmp_path)
    with pytest.raises(UsageError, match="is not a list of timestamp authorities"):
        (tmp_path / "junk.pem").write_text("not a certificate", encoding="utf-8")
        load_trust_file(tmp_path / "junk.pem")


def test_timestamp_url_must_be_http(filled, tmp_path):
    vault, case = filled
    with pytest.raises(UsageError, match="must start with http"):
        export_bundle(vault, case, tmp_path / "x.pdf",
                      timestamp=TimestampAuthority("File", "file:///etc/passwd", ()))


def test_password_bundle_with_a_document_timestamp(filled, tsa, tmp_path):
    vault, case = filled
    out = tmp_path / "locked-stamped.pdf"
    result = export_bundle(vault, case, out, password="open sesame 42", timestamp=tsa.authority())
    assert result.timestamped and not result.warnings
    report = verify_bundle(out, password="open sesame 42", trusted_timestamps=[tsa.authority()])
    assert report.ok, report.failures
    assert report.timestamp["kind"] == "document" and report.timestamp["trusted"]
    assert "Signature is Valid." in pdfsig(out, "-upw", "open sesame 42")
