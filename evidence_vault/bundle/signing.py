# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Embedding the originals, optional encryption, the PAdES seal and the document timestamp,
all through pyHanko.

The drawn pages come from reportlab; pyHanko then adds the attachments as incremental
updates (flushed every few megabytes so that a case of fifty long captures never holds all its
originals in memory at once), re-writes the file AES-256 encrypted if a password is asked for,
and signs it (PAdES B-B). With a timestamp authority, a document timestamp (PAdES B-LTA style:
an RFC 3161 token over the whole signed file, in its own revision; pyHanko sizes the space for
it from a trial answer) follows, and the manifest inside the signed bytes names the authority,
so the timestamp can be neither removed nor swapped unnoticed. A password bundle's attachments
carry no media type and no size in the clear (the encrypted names and contents hide the rest).
"""

from __future__ import annotations

import asyncio
import io
import os
from pathlib import Path

import aiohttp
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko_certvalidator.registry import SimpleCertificateStore

from ..errors import BundleWriteError, UsageError
from .certificate import SignerMaterial

FLUSH_BYTES = 8 << 20
TSA_TIMEOUT = 15
FIELD_NAME = "EvidenceVaultSeal"
TIMESTAMP_FIELD = "EvidenceVaultTimestamp"
TSA_ERRORS = (TimestampRequestError, aiohttp.ClientError, asyncio.TimeoutError, OSError, ValueError,
              SigningError, PdfError)


def embed_attachments(path: Path, batches, page_af: dict[str, int], *, private: bool = False) -> None:
    """Embed ``(Attachment, bytes)`` pairs from ``batches`` as incremental updates of ``path``.

    ``page_af`` maps an attachment name to the 0-based page it belongs to; that page's /AF
    array lists it (PDF 2.0 associated files), so a reader can show it beside the page.
    ``private`` (a password bundle): no media type and no size, which encryption leaves readable."""
    pending = 0
    with open(path, "rb+") as fh:
        writer = IncrementalPdfFileWriter(fh, strict=False)
        for att, data in batches:
            ef = embed.EmbeddedFileObject.from_file_data(
                writer, data, compress=True,
                params=embed.EmbeddedFileParams(embed_checksum=False, embed_size=not private),
                mime_type=None if private else (att.media_type.split(";")[0].strip() or None))
            relation = "/Source" if att.item is not None else "/Data"
            spec = embed.FileSpec(file_spec_string=att.name, file_name=att.name, embedded_data=ef,
                                  description=f"{att.role} of item {att.item}" if att.item else att.role,
                                  af_relationship=generic.pdf_name(relation))
            embed.embed_file(writer, spec)
            if att.name in page_af:
                page_ref, _res = writer.find_page_for_modification(page_af[att.name])
                page = page_ref.get_object()
                spec_ref = writer.root["/AF"][-1]
                if "/AF" not in page:
                    page["/AF"] = generic.ArrayObject()
                page["/AF"].append(spec_ref)
                writer.update_container(page_ref)
            pending += len(data)
            del data
            if pending >= FLUSH_BYTES:
                writer.write_in_place()
                fh.seek(0)
                writer = IncrementalPdfFileWriter(fh, strict=False)
                pending = 0
        writer.write_in_place()


def encrypt_copy(src: Path, dst: Path, password: str) -> None:
    """Rewrite ``src`` into ``dst`` encrypted with AES-256 (PDF 2.0 standard security handler)."""
    with open(src, "rb") as fh:
        reader = PdfFileReader(fh, strict=False)
        writer = copy_into_new_writer(reader)
        writer.encrypt(password, password)
        with open(dst, "wb") as out:
            writer.write(out)


def _signer(material: SignerMaterial) -> signers.SimpleSigner:
    chain = [asn1_x509.Certificate.load(c) for c in material.chain_der]
    return signers.SimpleSigner(signing_cert=material.asn1_cert(), signing_key=material.asn1_key(),
                                cert_registry=SimpleCertificateStore.from_certs(chain))


def sign(src: Path, dst: Path, material: SignerMaterial, *, password: str | None) -> None:
    """Seal ``src`` into ``dst`` (PAdES B-B over the whole file)."""
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason="Sealed evidence bundle (Evidence Vault)", name=material.name)
    try:
        with open(src, "rb") as fh, open(dst, "wb") as out:
            writer = IncrementalPdfFileWriter(fh, strict=False)
            if password is not None:
                writer.encrypt(password)
            signers.sign_pdf(writer, meta, signer=_signer(material), output=out)
    except (SigningError, PdfError, ValueError) as exc:
        raise BundleWriteError(f"The bundle could not be signed ({_short(exc)}). Nothing was saved.") from exc


def check_timestamp_url(url: str) -> str:
    if not url.lower().startswith(("http://", "https://")):
        raise UsageError(f"The timestamp address must start with http:// or https:// (got '{url}').")
    return url


def add_document_timestamp(path: Path, authority, *, password: str | None) -> str | None:
    """Append a document timestamp from ``authority`` to the sealed file at ``path``.

    Returns None when done, or why not (the file is then exactly as it was)."""
    size = path.stat().st_size
    try:
        with open(path, "rb+") as fh:
            writer = IncrementalPdfFileWriter(fh, strict=False)
            if password is not None:
                writer.encrypt(password)
            stamper = PdfTimeStamper(HTTPTimeStamper(authority.url, timeout=TSA_TIMEOUT), field_name=TIMESTAMP_FIELD)
            stamper.timestamp_pdf(writer, "sha256", in_place=True)
        return None
    except TSA_ERRORS as exc:
        os.truncate(path, size)  # in place: what was appended is cut off again
        return _short(exc)


def _short(exc: BaseException) -> str:
    seen, cause = 0, exc
    while cause is not None and seen < 8:  # pyHanko wraps the network error it met
        if isinstance(cause, (asyncio.TimeoutError, aiohttp.ServerTimeoutError)):
            return f"no answer within {TSA_TIMEOUT} seconds"
        cause, seen = cause.__cause__ or cause.__context__, seen + 1
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def file_sha256(path: Path) -> str:
    import hashlib
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def remove_quietly(*paths: Path) -> None:
    for p in paths:
        try:
            os.unlink(p)
        except FileNotFoundError:
            pass


__all__ = ["embed_attachments", "encrypt_copy", "sign", "file_sha256", "BundleWriteError", "io"]
