# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Embedding the originals, optional encryption, and the PAdES seal, all through pyHanko.

The drawn pages come from reportlab; pyHanko then adds the attachments as incremental
updates (flushed every few tens of megabytes so that a case of fifty long captures never holds
all its originals in memory at once), re-writes the file AES-256 encrypted if a password is
asked for, and finally signs it: PAdES B-B, or B-T when a timestamp authority answers. A
timestamp authority that is down, slow (bounded by ``TSA_TIMEOUT``) or answers garbage costs
the timestamp, never the export: the file is signed again without one and a warning says so.
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
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko_certvalidator.registry import SimpleCertificateStore

from ..errors import BundleWriteError, UsageError
from .certificate import SignerMaterial

FLUSH_BYTES = 8 << 20
TSA_TIMEOUT = 15
FIELD_NAME = "EvidenceVaultSeal"
TSA_ERRORS = (TimestampRequestError, aiohttp.ClientError, asyncio.TimeoutError, OSError, ValueError,
              SigningError, PdfError)


def embed_attachments(path: Path, batches, page_af: dict[str, int]) -> None:
    """Embed ``(Attachment, bytes)`` pairs from ``batches`` as incremental updates of ``path``.

    ``page_af`` maps an attachment name to the 0-based page it belongs to; that page's /AF
    array lists it (PDF 2.0 associated files), so a reader can show it beside the page."""
    pending = 0
    with open(path, "rb+") as fh:
        writer = IncrementalPdfFileWriter(fh, strict=False)
        for att, data in batches:
            ef = embed.EmbeddedFileObject.from_file_data(
                writer, data, compress=True, params=embed.EmbeddedFileParams(embed_checksum=False),
                mime_type=att.media_type.split(";")[0].strip() or None)
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


def _sign_once(src: Path, dst: Path, material: SignerMaterial, password: str | None, timestamper) -> None:
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason="Sealed evidence bundle (Evidence Vault)", name=material.name)
    with open(src, "rb") as fh, open(dst, "wb") as out:
        writer = IncrementalPdfFileWriter(fh, strict=False)
        if password is not None:
            writer.encrypt(password)
        signers.sign_pdf(writer, meta, signer=_signer(material), timestamper=timestamper, output=out)


def check_timestamp_url(url: str) -> str:
    if not url.lower().startswith(("http://", "https://")):
        raise UsageError(f"The timestamp address must start with http:// or https:// (got '{url}').")
    return url


def sign(src: Path, dst: Path, material: SignerMaterial, *, password: str | None,
         timestamp_url: str | None, warnings: list[str]) -> bool:
    """Sign ``src`` into ``dst``; returns whether a timestamp was added."""
    if timestamp_url:
        try:
            _sign_once(src, dst, material, password, HTTPTimeStamper(timestamp_url, timeout=TSA_TIMEOUT))
            return True
        except TSA_ERRORS as exc:
            warnings.append(
                f"The timestamp authority at {timestamp_url} did not give a usable timestamp "
                f"({_short(exc)}), so the bundle is sealed without one. It is still signed and complete; "
                "try again later if you need an independent time.")
    try:
        _sign_once(src, dst, material, password, None)
    except (SigningError, PdfError, ValueError) as exc:
        raise BundleWriteError(f"The bundle could not be signed ({_short(exc)}). Nothing was saved.") from exc
    return False


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
