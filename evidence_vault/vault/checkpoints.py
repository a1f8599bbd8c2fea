# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Signed checkpoints: a statement "at time T the ledger had N events and head hash H".

The vault's own ECDSA P-256 key (made at creation, kept sealed) signs them. A checkpoint is
written at creation, at every export and on request; a copy handed to someone else (inside a
bundle, or printed by ``evidence-vault checkpoint``) later proves that nothing before it was
removed or rewritten, even by someone who holds the passphrase.

Signed message: canonical JSON ``{"vault_id","seq","head","at"}`` prefixed with
``evidence-vault/1 checkpoint\\n``; signature DER-encoded ECDSA with SHA-256.

A head hash pins the history only for someone who can recompute the chain, which needs every
event's body; a bundle carries only the bodies of its own items' events (the others, and those
about withheld items, stay in the vault). So checkpoints the vault hands out also sign ``chain``,
the SHA-256 of every event hash from 1 to ``seq`` (32 bytes each, in order), under the domain
``evidence-vault/2 checkpoint\\n``: any change to any event below the checkpoint then breaks it,
even where a bundle cannot show that event. Checkpoints without ``chain`` are still read.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from .._canonical import canonical_json

CHECKPOINT_DOMAIN = b"evidence-vault/1 checkpoint\n"
CHAIN_CHECKPOINT_DOMAIN = b"evidence-vault/2 checkpoint\n"
_HEX32 = re.compile(r"[0-9a-f]{32}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_SIG = re.compile(r"(?:[0-9a-f]{2}){8,200}")


@dataclass(frozen=True)
class Checkpoint:
    vault_id: str
    seq: int
    head: str
    at: str
    signature: bytes
    chain: str | None = None  # chain_digest of events 1..seq; None in a format 1 checkpoint

    def message(self) -> bytes:
        fields = {"vault_id": self.vault_id, "seq": self.seq, "head": self.head, "at": self.at}
        if self.chain is None:
            return CHECKPOINT_DOMAIN + canonical_json(fields)
        return CHAIN_CHECKPOINT_DOMAIN + canonical_json({**fields, "chain": self.chain})

    def to_json(self) -> dict:
        out = {
            "vault_id": self.vault_id,
            "seq": self.seq,
            "head": self.head,
            "at": self.at,
            "signature": self.signature.hex(),
        }
        if self.chain is not None:
            out["chain"] = self.chain
        return out

    @classmethod
    def from_json(cls, obj: dict) -> "Checkpoint":
        """Strict: ValueError for anything but the fields ``to_json`` writes, with their types
        (a ``"seq": 1e400`` is a float, not a number of events)."""
        base = {"vault_id", "seq", "head", "at", "signature"}
        if not isinstance(obj, dict) or set(obj) not in (base, base | {"chain"}):
            raise ValueError("not a checkpoint")
        chain = obj.get("chain")
        if chain is not None and not (isinstance(chain, str) and _HEX64.fullmatch(chain)):
            raise ValueError("checkpoint chain is malformed")
        seq = obj["seq"]
        if type(seq) is not int or not 0 <= seq < 1 << 62:
            raise ValueError("checkpoint seq is not a whole number of events")
        for name, pattern in (("vault_id", _HEX32), ("head", _HEX64), ("signature", _SIG)):
            if not (isinstance(obj[name], str) and pattern.fullmatch(obj[name])):
                raise ValueError(f"checkpoint {name} is malformed")
        if not isinstance(obj["at"], str) or len(obj["at"]) > 64:
            raise ValueError("checkpoint time is malformed")
        return cls(obj["vault_id"], seq, obj["head"], obj["at"], bytes.fromhex(obj["signature"]), chain)


def new_signing_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def private_to_bytes(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),  # the DER is sealed with the data key before storage
    )


def private_from_bytes(raw: bytes) -> ec.EllipticCurvePrivateKey:
    key = serialization.load_der_private_key(raw, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError("signing key is not ECDSA")
    return key


def public_to_bytes(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def public_from_bytes(raw: bytes) -> ec.EllipticCurvePublicKey:
    key = serialization.load_der_public_key(raw)
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise ValueError("public key is not ECDSA")
    return key


def fingerprint(public_der: bytes) -> str:
    """SHA-256 of the SubjectPublicKeyInfo, as printed on bundles for a recipient to compare."""
    return hashlib.sha256(public_der).hexdigest()


def chain_digest(hashes) -> str:
    """SHA-256 of the event hashes (hex strings, events 1..seq in order) as 32 raw bytes each."""
    digest = hashlib.sha256()
    for value in hashes:
        digest.update(bytes.fromhex(value))
    return digest.hexdigest()


def sign(key: ec.EllipticCurvePrivateKey, *, vault_id: str, seq: int, head: str, at: str,
         chain: str | None = None) -> Checkpoint:
    unsigned = Checkpoint(vault_id, seq, head, at, b"", chain)
    return Checkpoint(vault_id, seq, head, at, key.sign(unsigned.message(), ec.ECDSA(hashes.SHA256())), chain)


def is_valid(public: ec.EllipticCurvePublicKey, checkpoint: Checkpoint) -> bool:
    try:
        public.verify(checkpoint.signature, checkpoint.message(), ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False
