# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What someone holding a bundle (but not the vault) could do to it, with real PDF tools."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric import rsa as rsa_keys
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore


def other_signer(name: str = "Someone Else", *, rsa: bool = False, title: str | None = None, key=None):
    """A fresh key and self-signed certificate: a valid signature by the wrong signer. With
    ``rsa`` it can also act as a timestamp authority (timeStamping purpose)."""
    if key is None:
        key = rsa_keys.generate_private_key(public_exponent=65537, key_size=2048) if rsa else \
            ec.generate_private_key(ec.SECP256R1())
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if title:
        attrs.append(x509.NameAttribute(NameOID.TITLE, title))
    subject = x509.Name(attrs)
    now = dt.datetime.now(dt.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=30))
               .not_valid_after(now + dt.timedelta(days=30)))
    if rsa:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    return builder.sign(key, hashes.SHA256()), key


def simple_signer(cert, key) -> signers.SimpleSigner:
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        cert_registry=SimpleCertificateStore())


def _names(writer) -> generic.ArrayObject:
    return writer.root["/Names"]["/EmbeddedFiles"]["/Names"]


def rewrite_unsigned(src: Path, *, edit_manifest=None, replace: dict[str, bytes] | None = None) -> bytes:
    """Copy every object into a new file without the signature, editing the manifest or files."""
    with open(src, "rb") as fh:
        reader = PdfFileReader(fh, strict=False)
        writer = copy_into_new_writer(reader)
    if "/AcroForm" in writer.root:
        del writer.root["/AcroForm"]
    for i in range(len(list(_pages(writer)))):
        page_ref, _ = writer.find_page_for_modification(i)
        page = page_ref.get_object()
        if "/Annots" in page:
            del page["/Annots"]
    names = _names(writer)
    for i in range(0, len(names), 2):
        name = str(names[i])
        spec = names[i + 1].get_object()
        new = None
        if name == "manifest.json" and edit_manifest is not None:
            doc = json.loads(spec["/EF"]["/F"].get_object().data)
            edit_manifest(doc)
            new = json.dumps(doc).encode()
        elif replace and name in replace:
            new = replace[name]
        if new is not None:
            ef = embed.EmbeddedFileObject.from_file_data(writer, new, mime_type="application/json")
            spec["/EF"] = generic.DictionaryObject({generic.pdf_name("/F"): ef.ef_stream_ref,
                                                    generic.pdf_name("/UF"): ef.ef_stream_ref})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pages(writer):
    from pyhanko.pdf_utils.rw_common import PdfHandler  # noqa: F401 - for the type only
    count = int(writer.root["/Pages"]["/Count"])
    return range(count)


def sign_bytes(data: bytes, signer: signers.SimpleSigner, dst: Path) -> None:
    meta = signers.PdfSignatureMetadata(field_name="Seal", md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    with open(dst, "wb") as out:
        signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data), strict=False), meta, signer=signer, output=out)


def incremental(src: Path, dst: Path, change) -> None:
    """Add an incremental update made by ``change(writer)`` after the signature."""
    data = src.read_bytes()
    buf = io.BytesIO(data)
    writer = IncrementalPdfFileWriter(buf, strict=False)
    change(writer)
    writer.write_in_place()
    dst.write_bytes(buf.getvalue())


def add_annotation(writer) -> None:
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    annot = generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
        generic.pdf_name("/Subtype"): generic.pdf_name("/Text"),
        generic.pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(x) for x in (50, 50, 80, 80)]),
        generic.pdf_name("/Contents"): generic.TextStringObject("This was never said"),
    })
    ref = writer.add_object(annot)
    annots = page.get("/Annots")
    if annots is None:
        page["/Annots"] = generic.ArrayObject([ref])
    else:
        annots.get_object().append(ref)
    writer.update_container(page_ref)


def replace_attachment(name: str, data: bytes):
    def change(writer) -> None:
        names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
        for i in range(0, len(names), 2):
            if str(names[i]) == name:
                spec = names[i + 1].get_object()
                ef = embed.EmbeddedFileObject.from_file_data(writer, data)
                spec["/EF"] = generic.DictionaryObject({generic.pdf_name("/F"): ef.ef_stream_ref,
                                                        generic.pdf_name("/UF"): ef.ef_stream_ref})
                writer.update_container(names[i + 1])
                return
        raise AssertionError(f"no attachment {name}")
    return change


def remove_attachment(name: str):
    def change(writer) -> None:
        names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
        kept = generic.ArrayObject()
        for i in range(0, len(names), 2):
            if str(names[i]) != name:
                kept.extend([names[i], names[i + 1]])
        tree = writer.root["/Names"]["/EmbeddedFiles"]
        tree["/Names"] = writer.add_object(kept)
        writer.update_container(tree)
        if "/AF" in writer.root:
            del writer.root["/AF"]
            writer.update_root()
    return change
