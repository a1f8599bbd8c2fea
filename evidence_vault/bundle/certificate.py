# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The certificate a bundle is signed with: the vault's own, or an organisation's PKCS#12.

A PDF signature needs an X.509 certificate. The vault already has a signing key (it signs the
ledger's checkpoints), so the bundle's certificate is made for that same key: a recipient can
then see that the key which sealed the PDF is the key which signed the checkpoint inside it.
It is self-signed (no authority vouches for a school teacher), made once, and kept sealed in
the vault's ``meta`` table under ``signing_cert`` so that every bundle carries the same
fingerprint, which the sender can read out over the phone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from ..errors import UsageError

VALID_YEARS = 20


@dataclass(frozen=True)
class SignerMaterial:
    """What pyHanko needs to sign, plus what a person is shown about it."""

    cert_der: bytes
    key_der: bytes  # PKCS#8, unencrypted, kept in memory only
    chain_der: tuple[bytes, ...]
    name: str
    fingerprint: str  # SHA-256 of the certificate (what pdfsig and browsers show)
    is_vault_key: bool

    def asn1_cert(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.cert_der)

    def asn1_key(self) -> asn1_keys.PrivateKeyInfo:
        return asn1_keys.PrivateKeyInfo.load(self.key_der)


def cert_fingerprint(cert_der: bytes) -> str:
    return hashlib.sha256(cert_der).hexdigest()


def subject_name(cert: x509.Certificate) -> str:
    """'Alex Example, Deputy Head' from CN and title, or the whole subject if it has neither."""
    parts = [a.value for oid in (NameOID.COMMON_NAME, NameOID.TITLE, NameOID.ORGANIZATION_NAME)
             for a in cert.subject.get_attributes_for_oid(oid)]
    return ", ".join(str(p) for p in parts) or cert.subject.rfc4514_string()


def _make_vault_cert(key, owner: dict, vault_id_hex: str) -> bytes:
    name = (owner.get("name") or "Evidence Vault owner").strip()[:64]
    role = (owner.get("role") or "").strip()[:64]
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if role:
        attrs.append(x509.NameAttribute(NameOID.TITLE, role))
    attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, f"Evidence Vault {vault_id_hex[:16]}"))
    subject = x509.Name(attrs)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * VALID_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.DER)


def vault_signer(vault) -> SignerMaterial:
    """The vault's certificate (made and sealed on first use) with its private key."""
    key = vault.signing_key()
    cert_der = vault.signing_certificate()
    if cert_der is None:
        cert_der = _make_vault_cert(key, vault.owner(), vault.vault_id.hex())
        vault.keep_signing_certificate(cert_der)  # sealed, with a ledger event
    cert = x509.load_der_x509_certificate(cert_der)
    if cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo) \
            != vault.public_key_der():
        from ..errors import IntegrityError
        raise IntegrityError("The vault's bundle certificate does not belong to its signing key. "
                             "Run 'evidence-vault verify' for details.", ["meta: signing_cert key mismatch"])
    key_der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return SignerMaterial(cert_der, key_der, (), subject_name(cert), cert_fingerprint(cert_der), True)


def org_signer(path: Path, password: bytes | None) -> SignerMaterial:
    """An organisation certificate from a PKCS#12 (.p12/.pfx) file, with a clear message if not."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"The organisation certificate {path} could not be read ({exc.strerror}).") from exc
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, password)
    except ValueError as exc:
        raise UsageError(
            f"{path.name} could not be opened as a PKCS#12 certificate file: the password is wrong "
            "or the file is not a .p12/.pfx certificate.") from exc
    if key is None or cert is None:
        raise UsageError(f"{path.name} holds no private key and certificate to sign with.")
    cert_der = cert.public_bytes(serialization.Encoding.DER)
    key_der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    chain = tuple(c.public_bytes(serialization.Encoding.DER) for c in (extra or ()))
    if not _chains_to_a_root(cert, list(extra or ())):
        raise UsageError(f"{path.name} does not hold the certificates that issued {subject_name(cert)}, so a "
                         "recipient could not check it. Export the .p12 again with its whole chain.")
    return SignerMaterial(cert_der, key_der, chain, subject_name(cert), cert_fingerprint(cert_der), False)


def _chains_to_a_root(cert: x509.Certificate, others: list) -> bool:
    """What the verifier checks (signature_check._certificate_problem): each certificate validly
    signed by the next, ending in a self-signed one."""
    for _ in range(8):
        issuer = cert if cert.issuer == cert.subject else next((o for o in others if o.subject == cert.issuer), None)
        if issuer is None:
            return False
        try:
            cert.verify_directly_issued_by(issuer)
        except Exception:  # noqa: BLE001 - InvalidSignature, ValueError, TypeError
            return False
        if issuer is cert:
            return True
        cert = issuer
    return False
