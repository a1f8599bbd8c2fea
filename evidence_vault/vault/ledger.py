"""The hash-chained ledger: every state change of the vault is one event.

An event is a canonical-JSON object ``{"v":1,"seq":N,"type":…,"at":…,"data":{…},
"artefacts":[{"id","role","sha256","size"}…]}``. Its hash is
``SHA-256("evidence-vault/1 event\\n" || prev_hash (32 bytes) || canonical(event))`` with the
genesis event chained to 32 zero bytes. Editing, deleting, inserting or reordering any event
changes every later hash; signed checkpoints (checkpoints.py) pin the head so that even a
rewrite by someone holding the key is caught against a checkpoint held elsewhere.
The body is stored sealed (it names URLs and case names); the hashes are in clear.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .._canonical import canonical_json

EVENT_DOMAIN = b"evidence-vault/1 event\n"
GENESIS_PREV = "0" * 64

# Every event type the format knows; a reader MUST reject others (docs/vault-format.md).
EVENT_TYPES = frozenset(
    {
        "vault_created",
        "case_created",
        "item_added",
        "item_quarantined",
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
        "recapture_checked",
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

    def body(self) -> dict:
        return {
            "v": 1,
            "seq": self.seq,
            "type": self.type,
            "at": self.at,
            "data": self.data,
            "artefacts": list(self.artefacts),
        }

    def encode(self) -> bytes:
        return canonical_json(self.body())

    @classmethod
    def decode(cls, raw: bytes) -> "Event":
        """Parse a body; ValueError says what is wrong (non-canonical, unknown type …)."""
        obj = json.loads(raw)
        if not isinstance(obj, dict) or canonical_json(obj) != raw:
            raise ValueError("event body is not canonical JSON")
        if obj.get("v") != 1 or set(obj) != {"v", "seq", "type", "at", "data", "artefacts"}:
            raise ValueError("event body has unexpected fields or version")
        if obj["type"] not in EVENT_TYPES:
            raise ValueError(f"unknown event type {obj['type']!r}")
        return cls(obj["seq"], obj["type"], obj["at"], obj["data"], obj["artefacts"])


def chain_hash(prev_hash: str, encoded: bytes) -> str:
    return hashlib.sha256(EVENT_DOMAIN + bytes.fromhex(prev_hash) + encoded).hexdigest()
