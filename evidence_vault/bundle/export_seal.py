# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Sealing a drawn bundle: the originals attached, then the manifest as the last update,
optionally encrypted (AES-256), signed (PAdES B-B) and, with a timestamp authority, given a
document timestamp that the manifest declares. An authority that is down, slow or not the one
pinned costs the timestamp, never the export: the manifest is embedded again without the
declaration, the file sealed again, and a warning says so."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from . import manifest, signing


@dataclass
class SealFiles:
    """The partial copies beside the output file: drawn, encrypted, signed."""

    drawn: Path
    locked: Path
    signed: Path

    @classmethod
    def beside(cls, out_path: Path) -> SealFiles:
        stem = out_path.with_name(f".{out_path.name}.{os.urandom(4).hex()}")
        return cls(Path(f"{stem}.drawn"), Path(f"{stem}.locked"), Path(f"{stem}.signed"))

    def remove(self) -> None:
        signing.remove_quietly(self.drawn, self.locked, self.signed)


@dataclass
class Sealed:
    stamped: bool = False
    warnings: list[str] = field(default_factory=list)


def attach(files: SealFiles, data: Iterable, page_af: dict[str, int], *, private: bool) -> None:
    """The originals, records and checkpoint, embedded into the drawn file."""
    signing.embed_attachments(files.drawn, data, page_af, private=private)


def seal(files: SealFiles, manifest_for: Callable[[object], bytes], page_af: dict[str, int], material, *,
         password: str | None, timestamp, say: Callable[[str], None]) -> Sealed:
    """Embed the manifest, encrypt, sign and timestamp; ``files.signed`` is the sealed bundle.
    With ``timestamp``, a first attempt declares it; if its token is not usable, the file is
    sealed again without it."""
    out = Sealed()
    before_manifest = files.drawn.stat().st_size
    for declared in ([timestamp, None] if timestamp is not None else [None]):
        os.truncate(files.drawn, before_manifest)  # the manifest is the last update: made again
        _sign_with_manifest(files, manifest_for(declared), page_af, material, password=password, say=say)
        if declared is None:
            break
        say(f"Asking {declared.name} for a timestamp")
        problem = _timestamp(files.signed, declared, password)
        if problem is None:
            out.stamped = True
            break
        out.warnings.append(
            f"The timestamp authority {declared.name} ({declared.url}) did not give a usable timestamp "
            f"({problem}), so the bundle is sealed without one. It is still signed and complete; "
            "try again later if you need an independent time.")
    return out


def _sign_with_manifest(files: SealFiles, doc_bytes: bytes, page_af: dict[str, int], material, *,
                        password: str | None, say: Callable[[str], None]) -> None:
    signing.embed_attachments(files.drawn, [(manifest.describe(
        doc_bytes, name=manifest.MANIFEST_NAME, role="manifest", item=None,
        media_type="application/json"), doc_bytes)], page_af, private=password is not None)
    source = files.drawn
    if password is not None:
        say("Encrypting the bundle")
        signing.encrypt_copy(files.drawn, files.locked, password)
        source = files.locked
    say("Signing the bundle")
    signing.sign(source, files.signed, material, password=password)


def _timestamp(signed: Path, authority, password) -> str | None:
    """Add the document timestamp, then check it as a recipient trusting only ``authority``
    would; None when it holds, else why not (the file is then cut back to its seal)."""
    from .limits import DEFAULT_LIMITS
    from .pdf_open import open_pdf
    from .signature_check import check_seal
    from .verify import BundleReport

    before = signed.stat().st_size
    problem = signing.add_document_timestamp(signed, authority, password=password)
    if problem is not None:
        return problem
    report = BundleReport()
    opened = open_pdf(signed, password, report, UsageError, DEFAULT_LIMITS)
    try:
        seal = check_seal(opened, report, DEFAULT_LIMITS, [authority]) if opened else None
    finally:
        if opened:
            opened.close()
    if seal is not None and seal.timestamp and seal.timestamp["trusted"] and \
            not any(line.startswith("timestamp:") for line in report.failures):
        return None
    os.truncate(signed, before)
    if seal is not None and seal.timestamp:
        return "its answer is not signed by the certificate pinned for it"
    return report.failures[0] if report.failures else "no timestamp was added"
