# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The bundle's seal and its document timestamp, judged with pyHanko plus the checks a
recipient's other tools make, so that ``verify-bundle`` and ``pdfsig`` never disagree.

A bundle has exactly one signature (``/Sig``) and at most one document timestamp
(``/DocTimeStamp``) after it, nothing else. Beyond pyHanko's own judgement this module checks:
- that each signature's unsigned gap is exactly its ``/Contents`` string, hex digits only, and
  that after the CMS object there is nothing but zero padding (poppler's "Total document
  signed" rests on the same thing: a changed padding passed pyHanko but not pdfsig);
- that the signing certificate's own signature is valid (self-signed, or chained through the
  certificates in the signature to a self-signed root), so its fingerprint cannot be ground by
  editing its last bytes;
- that the timestamp's authority is one the reader trusts (timestamps.py), and which.
Every pyHanko or parser exception raised by a damaged or doctored file becomes a finding here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from asn1crypto import parser as asn1_parser
from cryptography import x509
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .certificate import subject_name
from .pdf_open import why

_HEX = re.compile(rb"[0-9A-Fa-f]*")
MAX_CHAIN = 8


@dataclass
class Seal:
    """What the seal showed; the verifier combines it with the manifest."""

    signer_name: str | None = None
    signer_fingerprint: str | None = None
    signer_key_der: bytes | None = None
    signed_at: dt.datetime | None = None
    timestamp: dict | None = None  # {"kind", "time", "authority", "trusted", "intact", "valid"}
    timestamp_time: dt.datetime | None = None
    details: dict = field(default_factory=dict)


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


def _contents_problem(opened, sig, what: str, limits) -> str | None:
    """The signed byte ranges must leave out exactly the /Contents string and nothing else."""
    try:
        br = [int(x) for x in sig.byte_range]
    except (TypeError, ValueError):
        return f"{what}: its byte range cannot be read (the file was altered or rewritten)"
    if len(br) != 4 or br[0] != 0 or br[1] < 1 or br[2] <= br[1] + 1 or min(br) < 0:
        return f"{what}: its byte range is not one a signature over the whole file has (altered)"
    gap = br[2] - br[1]
    if gap > limits.max_signature_bytes:
        return f"{what}: it leaves {gap:,} bytes unsigned, more than any signature needs (altered)"
    raw = opened.read_range(br[1], gap)
    inner = raw[1:-1]
    if raw[:1] != b"<" or raw[-1:] != b">" or not _HEX.fullmatch(inner) or len(inner) % 2:
        return (f"{what}: the unsigned part of the file is not just the signature value: bytes next to it "
                "were changed (pdfsig: not total document signed)")
    content = bytes.fromhex(inner.decode("ascii"))
    try:
        info = asn1_parser.parse(content)  # (class, method, tag, header, contents, trailer)
        used = len(info[3]) + len(info[4])
    except ValueError:
        return f"{what}: its value cannot be read (altered)"
    if content[used:].strip(b"\0"):
        return (f"{what}: the padding after the signature value was changed (pdfsig: not total "
                "document signed)")
    return None


def _certificate_problem(sig) -> str | None:
    """The signer's certificate must carry a valid signature of its issuer (or its own)."""
    try:
        leaf = x509.load_der_x509_certificate(sig.signer_cert.dump())
        others = [x509.load_der_x509_certificate(c.dump()) for c in sig.other_embedded_certs]
    except Exception as exc:  # noqa: BLE001
        return f"signature: the signer's certificate cannot be read ({why(exc)})"
    cert = leaf
    for _ in range(MAX_CHAIN):
        if cert.issuer == cert.subject:
            try:
                cert.verify_directly_issued_by(cert)
                return None
            except Exception:  # noqa: BLE001 - InvalidSignature, ValueError, TypeError
                return ("signature: the signer's certificate is not validly signed (its bytes were changed, "
                        "for example to imitate another fingerprint)")
        issuer = next((o for o in others if o.subject == cert.issuer and o is not cert), None)
        if issuer is None:
            return ("signature: the certificate of the organisation that sealed it does not include its issuer, "
                    "so it cannot be checked")
        try:
            cert.verify_directly_issued_by(issuer)
        except Exception:  # noqa: BLE001
            return "signature: the signer's certificate is not validly signed by its issuer"
        cert = issuer
    return "signature: the signer's certificate chain is longer than any bundle's"


def check_seal(opened, report, limits, trusted) -> Seal:
    """Judge the one signature and the optional document timestamp; findings go to ``report``."""
    seal = Seal()
    reader = opened.reader
    try:
        with _quiet("pyhanko", "pyhanko_certvalidator"):
            sigs = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001
        report.fail(f"signature: the signature cannot be read ({why(exc)})")
        return seal
    regular = [s for s in sigs if s.sig_object_type == "/Sig"]
    stamps = [s for s in sigs if s.sig_object_type == "/DocTimeStamp"]
    if not regular:
        report.fail("signature: the bundle is not signed")
        return seal
    if len(regular) > 1:
        report.fail(f"signature: the bundle carries {len(regular)} signatures; a bundle has exactly one, "
                    "so it was signed again after it was made")
    if len(stamps) > 1:
        report.fail(f"timestamp: the bundle carries {len(stamps)} document timestamps; a bundle has at most one")
    sig = regular[0]
    stamp = stamps[-1] if stamps else None
    try:
        cert = sig.signer_cert
        seal.signer_fingerprint = hashlib.sha256(cert.dump()).hexdigest()
        seal.signer_name = subject_name(x509.load_der_x509_certificate(cert.dump()))
        seal.signer_key_der = cert.public_key.dump()
    except Exception as exc:  # noqa: BLE001
        report.fail(f"signature: the signer's certificate cannot be read ({why(exc)})")
        return seal
    for problem in (_contents_problem(opened, sig, "signature", limits), _certificate_problem(sig),
                    _contents_problem(opened, stamp, "timestamp", limits) if stamp else None):
        if problem:
            report.fail(problem)
    _judge_signature(opened, sig, stamp, seal, report, trusted)
    if stamp is not None:
        _judge_stamp(stamp, seal, report, trusted)
    return seal


def _anchors(trusted) -> list:
    from asn1crypto import x509 as asn1_x509
    return [asn1_x509.Certificate.load(c) for a in trusted for c in a.certificates]


def _anchor(path) -> str | None:
    """SHA-256 of the trusted certificate a validated token's chain ends at."""
    try:
        return hashlib.sha256(path[0].dump()).hexdigest() if path is not None else None
    except Exception:  # noqa: BLE001
        return None


def _authority_for(path, trusted):
    anchor = _anchor(path)
    return next((a for a in trusted if anchor and anchor in a.certificates_sha256), None)


def _judge_signature(opened, sig, stamp, seal: Seal, report, trusted) -> None:
    reader = opened.reader
    try:
        # The certificate's trust is not this check's question (it is the sender's own: the
        # recipient compares its code by phone), so it is its own root here.
        vc = ValidationContext(trust_roots=[sig.signer_cert], allow_fetching=False)
        ts_vc = ValidationContext(trust_roots=_anchors(trusted), allow_fetching=False)
        with _quiet("pyhanko", "pyhanko_certvalidator"):
            status = validate_pdf_signature(sig, signer_validation_context=vc, ts_validation_context=ts_vc)
    except Exception as exc:  # noqa: BLE001 - e.g. a /ByteRange past the end after a rewrite
        report.fail(f"signature: it cannot be checked; the file was rewritten or damaged ({why(exc)})")
        return
    seal.signed_at = sig.self_reported_timestamp
    seal.details["signature"] = {"intact": bool(status.intact), "valid": bool(status.valid),
                                 "coverage": status.coverage.name if status.coverage else None,
                                 "signed_at": seal.signed_at.isoformat() if seal.signed_at else None}
    if not status.intact:
        report.fail("signature: the signed bytes have changed since signing (the file was altered or rewritten)")
        return
    if not status.valid:
        report.fail("signature: the signature value is not valid for this certificate (forged)")
    revisions = reader.xrefs.total_revisions
    last = revisions - 1 - (1 if stamp is not None else 0)
    if stamp is not None and stamp.signed_revision != revisions - 1:
        report.fail("timestamp: it does not cover the latest version of the file (something was added after it)")
    if stamp is not None and stamp.signed_revision <= sig.signed_revision:
        report.fail("timestamp: it covers an earlier version of the file, not the seal")
    if sig.signed_revision < last:
        report.fail(f"signature: {last - sig.signed_revision} update(s) were added to the file after it was "
                    "signed (an incremental update: pages, notes or attachments may have been changed)")
    elif stamp is None and status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        report.fail("signature: it does not cover the whole file")
    elif stamp is not None and (status.coverage != SignatureCoverageLevel.ENTIRE_REVISION
                                or status.modification_level is None
                                or status.modification_level > ModificationLevel.LTA_UPDATES):
        report.fail("signature: the file was changed after it was sealed, beyond adding a timestamp")
    if opened.appended:
        report.fail(f"signature: {opened.appended} byte(s) were appended after the signed part")
    legacy = status.timestamp_validity  # a signature timestamp (bundles of format 1)
    if legacy is not None and stamp is None:
        authority = _authority_for(legacy.validation_path, trusted)
        _record_stamp(seal, report, "signature", legacy, authority)


def _judge_stamp(stamp, seal: Seal, report, trusted) -> None:
    try:
        vc = ValidationContext(trust_roots=_anchors(trusted), allow_fetching=False)
        with _quiet("pyhanko", "pyhanko_certvalidator"):
            status = validate_pdf_timestamp(stamp, validation_context=vc)
    except Exception as exc:  # noqa: BLE001
        report.fail(f"timestamp: it cannot be checked; the file was rewritten or damaged ({why(exc)})")
        return
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        report.fail("timestamp: it does not cover the whole file")
    _record_stamp(seal, report, "document", status, _authority_for(status.validation_path, trusted))


def _record_stamp(seal: Seal, report, kind: str, status, authority) -> None:
    issued_by = "an unknown authority"
    if status.signing_cert is not None:
        names = status.signing_cert.subject.native
        issued_by = str(names.get("common_name") or status.signing_cert.subject.human_friendly)
    seal.timestamp_time = status.timestamp
    seal.timestamp = {"kind": kind, "time": status.timestamp.isoformat() if status.timestamp else None,
                      "authority": authority.name if authority else None, "issued_by": issued_by,
                      "anchor_sha256": _anchor(status.validation_path) if authority else None,
                      "trusted": bool(status.trusted and authority), "intact": bool(status.intact),
                      "valid": bool(status.valid)}
    if not (status.intact and status.valid):
        report.fail("timestamp: the timestamp token is not valid or does not cover the signature")
    elif not (status.trusted and authority):
        report.fail(f"timestamp: it was made by '{issued_by[:80]}', an authority you have not chosen to trust, "
                    "so its time proves nothing (add the authority's certificate with --trust-tsa FILE if your "
                    "organisation trusts it)")


__all__ = ["check_seal", "Seal"]
