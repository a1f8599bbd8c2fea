# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reading a bundle that may be hostile, and judging its one PDF signature with pyHanko.

Every pyHanko or parser exception raised by a damaged or doctored file is turned into a
finding here, at the boundary: the verifier reports, it never crashes on what it was given.
"""

from __future__ import annotations

import hashlib
import logging
from contextlib import contextmanager

from asn1crypto import keys as asn1_keys
from cryptography import x509
from pyhanko.pdf_utils.crypt import AuthStatus
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .certificate import subject_name

HEADER = b"%PDF-"


def open_pdf(path, password, report, password_error):
    """(reader, open file) or (None, None) with the reason added to ``report``."""
    size = path.stat().st_size
    report.details["size"] = size
    if size == 0:
        report.failures.append("file: it is empty (0 bytes), not a bundle")
        return None, None
    fh = open(path, "rb")
    head = fh.read(1024)
    if HEADER not in head:
        fh.close()
        report.failures.append("file: it is not a PDF (no %PDF- header), so it is not a bundle")
        return None, None
    fh.seek(0)
    try:
        reader = PdfFileReader(fh, strict=False)
        encrypted = reader.encrypted
        if encrypted:
            if password is None:
                raise password_error("This bundle is encrypted: it can be checked only with its "
                                     "password (the sender gives it to you separately).")
            result = reader.decrypt(password)
            if result.status == AuthStatus.FAILED:
                raise password_error("That password does not open this bundle. Nothing was checked.")
        reader.root  # noqa: B018 - forces the catalog to parse
    except password_error:
        fh.close()
        raise
    except Exception as exc:  # noqa: BLE001 - a hostile or truncated file; reported, not raised
        fh.close()
        report.failures.append(
            f"file: it cannot be read as a PDF; it is damaged or truncated ({_why(exc)})")
        return None, None
    report.details["encrypted"] = bool(encrypted)
    return reader, fh


@contextmanager
def _quiet(*names):
    loggers = [logging.getLogger(n) for n in names]
    old = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, level in zip(loggers, old):
            lg.setLevel(level)


def _tsa_certs(sig) -> list:
    """The timestamp authority's own certificate(s) from the token, as roots (trust is not judged)."""
    try:
        token = sig.attached_timestamp_data
        if token is None:
            return []
        return [c.chosen for c in token["certificates"] if c.name == "certificate"] if token["certificates"] else []
    except Exception:  # noqa: BLE001 - a garbled token is judged by the validation itself
        return []


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def check_signature(reader, path, report) -> bytes | None:
    """Judge the one signature; return the signer's public key (SPKI DER) or None."""
    try:
        sigs = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001
        report.failures.append(f"signature: the signature cannot be read ({_why(exc)})")
        return None
    if not sigs:
        report.failures.append("signature: the bundle is not signed")
        return None
    if len(sigs) > 1:
        report.failures.append(f"signature: the bundle carries {len(sigs)} signatures; a bundle has exactly one, "
                               "so it was signed again after it was made")
    sig = sigs[0]
    try:
        cert = sig.signer_cert
        report.signer_fingerprint = hashlib.sha256(cert.dump()).hexdigest()
        report.signer_name = subject_name(x509.load_der_x509_certificate(cert.dump()))
        key_der = cert.public_key.dump()
    except Exception as exc:  # noqa: BLE001
        report.failures.append(f"signature: the signer's certificate cannot be read ({_why(exc)})")
        return None
    try:
        # Trust is not this check's question (the certificate is the sender's own; the recipient
        # compares its fingerprint by phone), so the signer's certificate is its own root, and
        # pyHanko's path-building complaints are kept out of the user's terminal.
        vc = ValidationContext(trust_roots=[cert], allow_fetching=False)
        ts_vc = ValidationContext(trust_roots=_tsa_certs(sig), allow_fetching=False)
        with _quiet("pyhanko", "pyhanko_certvalidator"):
            status = validate_pdf_signature(sig, signer_validation_context=vc, ts_validation_context=ts_vc)
    except Exception as exc:  # noqa: BLE001 - e.g. a /ByteRange pointing past the end after a rewrite
        report.failures.append(f"signature: it cannot be checked; the file was rewritten or damaged ({_why(exc)})")
        return key_der
    details = {"intact": bool(status.intact), "valid": bool(status.valid),
               "coverage": status.coverage.name if status.coverage else None,
               "signed_at": str(sig.self_reported_timestamp) if sig.self_reported_timestamp else None}
    report.details["signature"] = details
    if not status.intact:
        report.failures.append("signature: the signed bytes have changed since signing (the file was altered or "
                               "rewritten)")
    elif not status.valid:
        report.failures.append("signature: the signature value is not valid for this certificate (forged)")
    size = path.stat().st_size
    byte_range = [int(x) for x in sig.byte_range]
    signed_end = sum(byte_range[-2:]) if len(byte_range) == 4 else None
    if status.intact and status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        revisions = reader.xrefs.total_revisions
        if sig.signed_revision < revisions - 1:
            report.failures.append(
                f"signature: {revisions - 1 - sig.signed_revision} update(s) were added to the file after it was "
                "signed (an incremental update: pages, notes or attachments may have been changed)")
        elif signed_end is not None and size > signed_end:
            report.failures.append(f"signature: {size - signed_end} byte(s) were appended after the signed part")
        else:
            report.failures.append("signature: it does not cover the whole file")
    ts = status.timestamp_validity
    if ts is not None:
        report.details["timestamp"] = {"intact": bool(ts.intact), "valid": bool(ts.valid),
                                       "time": ts.timestamp.isoformat() if ts.timestamp else None,
                                       "authority": ts.signing_cert.subject.human_friendly if ts.signing_cert else None}
        if not (ts.intact and ts.valid):
            report.failures.append("timestamp: the timestamp token is not valid or does not cover the signature")
    return key_der


__all__ = ["open_pdf", "check_signature", "PdfError", "asn1_keys"]
