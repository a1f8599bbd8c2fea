# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The bundle's manifest: the machine-readable statement of what the bundle holds.

Specified in docs/bundle-format.md. It lists every attached file with its SHA-256 and size,
every exported item, the full canonical body of every ledger event in the custody log (so a
recipient can recompute each event's hash), and the hash of every event from the first to the
signed checkpoint (so the checkpoint's head can be matched). It is itself an attachment,
covered by the PDF signature, and is the one file a verifier starts from.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # typing only: the manifest module imports nothing of the export at run time
    from ..vault.models import Case
    from .collect import CustodyEntry

FORMAT_NAME = "evidence-vault-bundle"
FORMAT_VERSION = 3  # 2: the checkpoint signs every hash (chain); a declared document timestamp
# 3: an investigation bundle carries the staff bundles it was built from, unchanged (nested.py)
MANIFEST_NAME = "manifest.json"
CHECKPOINT_NAME = "checkpoint.json"

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Attachment:
    """One file attached to the PDF. ``data`` is held only while it is being embedded."""

    name: str
    role: str
    item: int | None
    media_type: str
    sha256: str
    size: int
    original_filename: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "role": self.role, "item": self.item, "media_type": self.media_type,
               "sha256": self.sha256, "size": self.size}
        if self.original_filename is not None:
            out["original_filename"] = self.original_filename
        return out


def attachment_name(item_id: int, role: str, filename: str) -> str:
    """'item0007-screenshot.png': ASCII, unique per item and role, what pdfdetach writes."""
    suffix = ""
    if "." in filename:
        suffix = "." + _SAFE.sub("", filename.rsplit(".", 1)[1])[:10]
    return f"item{item_id:04d}-{_SAFE.sub('-', role)}{suffix if suffix != '.' else ''}"


def record_name(item_id: int) -> str:
    return f"item{item_id:04d}-record.json"


def describe(data: bytes, *, name: str, role: str, item: int | None, media_type: str,
             original_filename: str | None = None) -> Attachment:
    return Attachment(name, role, item, media_type, hashlib.sha256(data).hexdigest(), len(data),
                      original_filename)


def encode(manifest: dict[str, Any]) -> bytes:
    """Pretty, sorted, UTF-8: readable in a text editor; its hash is not part of the format."""
    return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def build(*, created_at: str, app_version: str, vault_id: str, case: Case, owner: dict[str, Any],
          recipient: str | None, items: list[dict[str, Any]], withheld: int, withdrawn: list[int],
          attachments: list[Attachment], custody: list[CustodyEntry], hashes: list[str], checkpoint_seq: int,
          signer: dict[str, Any], timestamp: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "created_at": created_at,
        "app_version": app_version,
        "vault_id": vault_id,
        "case": {"id": case.id, "name": case.name},
        "prepared_by": {"name": owner.get("name"), "role": owner.get("role")},
        "recipient": recipient,
        "items": items,
        "withheld_items": withheld,
        "withdrawn_items": withdrawn,
        "attachments": [a.to_json() for a in attachments],
        "events": [
            {"seq": e.seq, "hash": e.hash, "body": e.body} if e.body is not None
            else {"seq": e.seq, "hash": e.hash, "withheld": True}
            for e in custody
        ],
        "chain": {"first_seq": 1, "last_seq": checkpoint_seq, "hashes": hashes},
        "checkpoint": CHECKPOINT_NAME,
        "signer": signer,
        # the authority asked for a document timestamp (timestamps.TimestampAuthority.to_json), or
        # null: inside the signed bytes, so a timestamp removed, swapped or added later is found
        "timestamp": timestamp,
    }
