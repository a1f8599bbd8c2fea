# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The hash-chained ledger: every state change of the vault is one event.

An event is a canonical-JSON object ``{"v":2,"seq":N,"type":…,"at":…,"data":{…},
"artefacts":[{"id","role","sha256","size"}…],"salt":"<32 hex>"}``. Its hash is
``SHA-256("evidence-vault/1 event\\n" || prev_hash (32 bytes) || canonical(event))`` with the
genesis event chained to 32 zero bytes; ``chain_hash`` is the one place that computes it.
Format 2 adds ``salt``, 128 random bits per event: the hashes sit in clear, and without the
salt a short wordlist of names would recover the owner's and the cases' names from them.
Format 1 events (``"v":1``, no salt) are still read. Editing, deleting, inserting or reordering any event
changes every later hash; signed checkpoints (checkpoints.py) pin the head so that even a
rewrite by someone holding the key is caught against a checkpoint held elsewhere.
The body is stored sealed (it names URLs and case names); the hashes are in clear.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .._canonical import canonical_json, parse_canonical, parse_without_floats

EVENT_DOMAIN = b"evidence-vault/1 event\n"
GENESIS_PREV = "0" * 64
EVENT_VERSION = 2  # what this version writes; 1 is still read
_SALT_RE = re.compile(r"[0-9a-f]{32}")
_KEYS = {1: {"v", "seq", "type", "at", "data", "artefacts"},
         2: {"v", "seq", "type", "at", "data", "artefacts", "salt"}}

# Every event type the format knows; a reader MUST reject others (docs/vault-format.md).
EVENT_TYPES = frozenset(
    {
        "vault_created",
        "case_created",
        "item_added",
        "item_quarantined",
        "item_released",
        "police_reference_recorded",
        "item_destroyed",
        "capture_refused",
        "self_flagged",
        "passphrase_changed",
        "recovery_key_used",
        "export_made",
        "blocklist_added",
        "blocklist_removed",
        "browser_login_saved",
        "browser_login_cleared",
        "signing_certificate_made",
        "checkpoint_made",
        # records (history.py): corrections and access audit
        "item_withdrawn",
        "item_amended",
        "item_viewed",
        "item_extracted",
        "email_rechecked",
        "recapture_checked",
        # redacted copies (redactions.py)
        "item_redacted",
        "redaction_removed",
        # reports to the platform and their replies (platform_reports.py)
        "platform_report_made",
        "platform_reply_added",
    }
)


def utc_now() -> str:
    """UTC ISO 8601 with milliseconds and a Z: the one time format in the vault."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Event:
    seq: int
    type: str
    at: str
    data: dict
    artefacts: list = field(default_factory=list)
    salt: str | None = None  # format 2: filled with 128 fresh random bits when not given
    v: int = EVENT_VERSION

    def __post_init__(self) -> None:
        if self.v not in _KEYS:
            raise ValueError(f"unknown event version {self.v!r}")
        if self.v >= 2 and self.salt is None:
            object.__setattr__(self, "salt", os.urandom(16).hex())
        if self.v == 1 and self.salt is not None:
            raise ValueError("a format 1 event has no salt")

    def body(self) -> dict:
        body = {
            "v": self.v,
            "seq": self.seq,
            "type": self.type,
            "at": self.at,
            "data": self.data,
            "artefacts": list(self.artefacts),
        }
        if self.v >= 2:
            body["salt"] = self.salt
        return body

    def encode(self) -> bytes:
        return canonical_json(self.body())

    @classmethod
    def decode(cls, raw: bytes, *, canonical: bool = True) -> "Event":
        """Parse a body; ValueError says what is wrong (non-canonical, unknown type …).

        ``canonical=False`` skips only the re-encoding that proves the bytes canonical, for
        read paths over bodies that just opened under the vault's AEAD key (so were written by
        a key holder, who could as well have written a canonical lie): the check matters where
        hashes are recomputed, which is verify and bundles, and it is half the cost of
        replaying a 10,000-event ledger when the app opens a vault."""
        try:
            obj = parse_canonical(raw) if canonical else parse_without_floats(raw)
        except ValueError:
            raise ValueError("event body is not canonical JSON") from None
        if not isinstance(obj, dict):
            raise ValueError("event body is not canonical JSON")
        version = obj.get("v")
        if type(version) is not int or version not in _KEYS or set(obj) != _KEYS[version]:
            raise ValueError("event body has unexpected fields or version")
        if obj["type"] not in EVENT_TYPES:
            raise ValueError(f"unknown event type {obj['type']!r}")
        if type(obj["seq"]) is not int or not isinstance(obj["at"], str):
            raise ValueError("event seq or time has the wrong type")
        if not isinstance(obj["data"], dict) or not isinstance(obj["artefacts"], list):
            raise ValueError("event data or artefacts have the wrong type")
        if version >= 2 and not (isinstance(obj["salt"], str) and _SALT_RE.fullmatch(obj["salt"])):
            raise ValueError("event salt is not 32 lowercase hex digits")
        return cls(obj["seq"], obj["type"], obj["at"], obj["data"], obj["artefacts"],
                   obj.get("salt"), version)


def chain_hash(prev_hash: str, encoded: bytes) -> str:
    """The hash of an event from the previous hash and the event's canonical body bytes.

    The one function that computes an event hash (bundles recompute the chain with it)."""
    return hashlib.sha256(EVENT_DOMAIN + bytes.fromhex(prev_hash) + encoded).hexdigest()
