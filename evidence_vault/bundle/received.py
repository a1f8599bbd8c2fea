# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reading a bundle someone sent, so its items can become evidence of a senior leader's case.

Why a reader of its own: a received bundle added as a file is an opaque PDF nobody can open,
preview or search. This module checks the bundle exactly as ``verify-bundle`` does
(``verify_bundle``: the seal over the whole file, every attachment against the manifest, the
history up to the signed checkpoint) and refuses one that fails, in the check's own words;
then it reads, in memory only, each item's record and its original files back out of the
attachments, and says where they came from (``provenance``): who sealed it (the name and role
in the signing certificate), their short code (fingerprints.py), when it was sealed, the
bundle's SHA-256 and each item's number in it.

Nothing here writes anything: the clause-71 guard and the vault come after, in
``workflows.import_bundle``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import timezone
from pathlib import Path

from ..errors import BundlePasswordError, BundleRefusedError, UsageError
from ..fingerprints import short_code
from . import manifest as mf
from .limits import DEFAULT_LIMITS
from .pdf_files import list_attached, read_small
from .pdf_open import open_pdf
from .timefmt import parse_utc
from .verify import BundleReport, verify_bundle

#: The kinds of item a bundle can hold and this vault can keep as they are.
KNOWN_KINDS = ("web_capture", "file", "incident", "email")


@dataclass
class ReceivedPart:
    role: str
    filename: str
    media_type: str
    data: bytes


@dataclass
class ReceivedItem:
    number: int            # the item's number in the sender's vault (and so in the bundle)
    kind: str
    info: dict             # the sender's details of the item, as recorded
    created_at: str | None
    withdrawn: dict | None
    parts: list[ReceivedPart] = field(default_factory=list)
    #: the sender's corrections of the item's text, oldest first ({"at", "note", "by"}), from its
    #: record in the bundle (an attachment the manifest pins, so sealed with the rest)
    amendments: list[dict] = field(default_factory=list)


@dataclass
class ReceivedBundle:
    name: str              # the file's name as received
    data: bytes            # the whole file, bit for bit
    sha256: str
    report: BundleReport
    provenance: dict       # who sealed it, their code, when, the bundle's SHA-256 (see ``provenance``)
    case_name: str | None
    items: list[ReceivedItem]


def _utc_z(text: str | None) -> str | None:
    when = parse_utc(text) if text else None
    if when is None:
        return None
    return when.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def provenance(report: BundleReport, sha256: str, man: dict) -> dict:
    """Where a bundle came from, as kept with every item imported from it.

    ``from_name``/``from_role``: the certificate's name and role ("Sarah Smith, Class
    Teacher"); ``code``: the short code the sender can read out; ``sealed_at``: the trusted
    timestamp's time if it has one, else the time the sender's computer put in the signature."""
    parts = [p.strip() for p in (report.signer_name or "").split(",")]
    stamp = report.timestamp or {}
    signed_at = ((report.details.get("signature") or {}).get("signed_at"))
    if stamp.get("trusted") and stamp.get("time"):
        sealed_at, basis = _utc_z(stamp["time"]), f"timestamp by {stamp.get('authority')}"
    else:
        sealed_at, basis = _utc_z(signed_at) or _utc_z(man.get("created_at")), "the sender's computer"
    prepared = man.get("prepared_by") if isinstance(man.get("prepared_by"), dict) else {}
    return {
        "from_name": parts[0] if parts and parts[0] else prepared.get("name"),
        "from_role": parts[1] if len(parts) > 1 else prepared.get("role"),
        "signer_name": report.signer_name,
        "code": short_code(report.signer_fingerprint) if report.signer_fingerprint else None,
        "fingerprint": report.signer_fingerprint,
        "sealed_at": sealed_at,
        "sealed_at_from": basis,
        "bundle_sha256": sha256,
        "bundle_case": (man.get("case") or {}).get("name") if isinstance(man.get("case"), dict) else None,
    }


def read_received(path, *, password: str | None = None, trusted_timestamps=None,
                  expect: str | None = None) -> ReceivedBundle:
    """Check the bundle at ``path`` and read its items into memory. ``expect``: the sender's
    code as they read it out (as ``verify-bundle --expect``); a bundle sealed by anyone else is
    refused.

    Raises ``BundleRefusedError`` (exit 1) with the check's lines when it fails,
    ``BundlePasswordError`` for a missing or wrong password, ``UsageError`` for no file."""
    path = Path(path)
    report = verify_bundle(path, password=password, trusted_timestamps=trusted_timestamps, expect=expect)
    if expect is not None and report.signer_fingerprint and not report.sender_confirmed:
        raise BundleRefusedError(
            f"{path.name} was sealed by the code {report.signer_code}, not the code you were given "
            f"({' '.join(expect.split())}): it was not sealed by the person who read you that code, or it was "
            "sealed again by someone else. It was not imported and nothing was saved. Check the code with the "
            "sender again, by phone or in person.")
    if not report.ok:
        raise BundleRefusedError(
            f"{path.name} did not pass the bundle check, so it was not imported and nothing was saved. "
            "It may have been changed after it was sealed, or damaged on the way: ask the sender to send it "
            "again, and keep this copy as it is.", report.lines())
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"Could not read {path.name}: {exc.strerror}. Nothing was saved.") from None
    sha = hashlib.sha256(data).hexdigest()
    man, items = _read_items(path, password)
    if report.details.get("size") != len(data):  # the file changed between the check and the read
        raise BundleRefusedError(f"{path.name} changed while it was being read. Nothing was saved; try again.")
    said = provenance(report, sha, man)
    if expect is not None:
        said["sender_confirmed"] = True  # the code they read out matched (refused above otherwise)
    return ReceivedBundle(path.name, data, sha, report, said,
                          (man.get("case") or {}).get("name"), items)


def _read_items(path: Path, password: str | None) -> tuple[dict, list[ReceivedItem]]:
    limits = DEFAULT_LIMITS
    scratch = BundleReport()
    opened = open_pdf(path, password, scratch, BundlePasswordError, limits)
    if opened is None:
        raise BundleRefusedError(f"{path.name} could not be read again after its check. Nothing was saved.",
                                 scratch.lines())
    try:
        reader = opened.reader
        files = list_attached(reader, scratch, limits)
        man = json.loads(read_small(reader, files[mf.MANIFEST_NAME], limits.max_manifest_bytes))
        listed = {a["name"]: a for a in man.get("attachments") or [] if isinstance(a, dict)}
        items = []
        for entry in man.get("items") or []:
            items.append(_read_item(reader, files, listed, entry, limits))
        return man, items
    finally:
        opened.close()


def _read_item(reader, files: dict, listed: dict, entry: dict, limits) -> ReceivedItem:
    number = int(entry["id"])
    record = json.loads(read_small(reader, files[mf.record_name(number)], limits.max_manifest_bytes))
    kind = record.get("kind")
    if kind not in KNOWN_KINDS:
        raise BundleRefusedError(f"Item {number} of the bundle is of a kind this Evidence Vault does not know "
                                 f"({str(kind)[:30]}). Update Evidence Vault, then import it again.")
    info = {k: v for k, v in (record.get("info") or {}).items() if k != "created_at"}
    item = ReceivedItem(number, kind, info, record.get("created_at"), record.get("withdrawn"),
                        amendments=_amendments(number, record.get("amendments")))
    for art in record.get("artefacts") or []:
        name = mf.attachment_name(number, art["role"], art["filename"])
        if name not in files or name not in listed:
            raise BundleRefusedError(f"Item {number}'s {art['role']} file is not in the bundle. Nothing was saved.")
        data = read_small(reader, files[name], limits.max_attachment_bytes)
        if hashlib.sha256(data).hexdigest() != art.get("sha256") or listed[name].get("sha256") != art.get("sha256"):
            raise BundleRefusedError(f"Item {number}'s {art['role']} file does not match its record in the "
                                     "bundle. Nothing was saved.")
        item.parts.append(ReceivedPart(art["role"], art["filename"], art.get("media_type")
                                       or "application/octet-stream", data))
    return item


def _amendments(number: int, listed) -> list[dict]:
    """The sender's corrections as their record gives them; a malformed one refuses the bundle."""
    out = []
    for a in listed or []:
        if not (isinstance(a, dict) and isinstance(a.get("note"), str) and isinstance(a.get("at"), str)
                and isinstance(a.get("by"), (str, type(None)))):
            raise BundleRefusedError(f"Item {number}'s corrections in the bundle cannot be read. Nothing was saved.")
        out.append({"at": a["at"], "note": a["note"], "by": a.get("by")})
    return out


__all__ = ["read_received", "provenance", "ReceivedBundle", "ReceivedItem", "ReceivedPart"]
