# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Key derivation and key wrapping: how a passphrase or a recovery key unlocks the data key.

The vault's contents are encrypted under one random 256-bit data key. The data key is never
stored in clear; it is *wrapped* (AES-256-GCM) under a key-encryption key derived from the
passphrase with Argon2id, and separately under a key derived from the recovery key. Changing
the passphrase re-wraps the data key and touches nothing else. Parameters read from a header
are checked against floors and caps before any work is done, so a hostile header can neither
weaken the KDF nor make opening the vault take hours.
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..errors import VaultError, WrongPassphraseError

try:  # Refuse to run without Argon2id rather than fall back to something weaker.
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
except ImportError:  # pragma: no cover - depends on the installed cryptography build
    Argon2id = None  # type: ignore[assignment,misc]

KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12

# Floors are what we write; caps bound what we accept from a file (age spec habit).
ARGON2_DEFAULT = {"memory_kib": 65536, "iterations": 3, "lanes": 4}
ARGON2_FLOOR = {"memory_kib": 65536, "iterations": 3, "lanes": 4}
# Caps: a maximal header must still open in about 5 s on a school laptop (bench/kdf_caps.py:
# about 10x the default's cost), not the 45 s and 1.1 GB per open that 1 GiB x 16 cost.
ARGON2_CAP = {"memory_kib": 262144, "iterations": 7, "lanes": 16}

RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud, written down
RECOVERY_GROUPS = 8
RECOVERY_GROUP_LEN = 5  # 40 symbols x 5 bits = 200 bits of entropy


def require_argon2id() -> None:
    if Argon2id is None:
        raise VaultError(
            "This installation's cryptography library has no Argon2id, which the vault needs "
            "to protect your passphrase. Update Evidence Vault (cryptography 44 or newer)."
        )


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters as stored in the header."""

    salt: bytes
    memory_kib: int
    iterations: int
    lanes: int

    @classmethod
    def fresh(cls) -> "KdfParams":
        return cls(salt=os.urandom(SALT_BYTES), **ARGON2_DEFAULT)

    def to_json(self) -> dict[str, Any]:
        return {
            "alg": "argon2id",
            "salt": b64(self.salt),
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "lanes": self.lanes,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> "KdfParams":
        """Parse and bound-check; raises ValueError describing the first bad field."""
        if not isinstance(obj, dict):
            raise ValueError("kdf is not an object")
        if obj.get("alg") != "argon2id":
            raise ValueError("key derivation is not argon2id")
        salt = unb64(obj.get("salt"), SALT_BYTES, "salt")
        values = {}
        for name in ("memory_kib", "iterations", "lanes"):
            value = obj.get(name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(f"{name} is not an integer")
            if not ARGON2_FLOOR[name] <= value <= ARGON2_CAP[name]:
                raise ValueError(
                    f"{name}={value} is outside the accepted range "
                    f"{ARGON2_FLOOR[name]}..{ARGON2_CAP[name]}"
                )
            values[name] = value
        return cls(salt=salt, **values)

    def derive(self, passphrase: str) -> bytes:
        require_argon2id()
        kdf = Argon2id(
            salt=self.salt,
            length=KEY_BYTES,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return kdf.derive(passphrase.encode("utf-8"))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(value: object, length: int | None, name: str) -> bytes:
    """Strict base64 decode with a length check, so a header cannot smuggle odd sizes."""
    if not isinstance(value, str):
        raise ValueError(f"{name} is missing")
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as exc:
        raise ValueError(f"{name} is not valid base64") from exc
    if b64(raw) != value:
        raise ValueError(f"{name} is not canonical base64")
    if length is not None and len(raw) != length:
        raise ValueError(f"{name} has {len(raw)} bytes, expected {length}")
    return raw


def hkdf(key: bytes, info: bytes, *, salt: bytes | None = None, length: int = KEY_BYTES) -> bytes:
    """A purpose-bound subkey of ``key``; ``info`` names the purpose (docs/vault-format.md)."""
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(key)


def wrap_key(kek: bytes, data_key: bytes, aad: bytes) -> dict[str, str]:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(kek).encrypt(nonce, data_key, aad)
    return {"nonce": b64(nonce), "sealed": b64(sealed)}


def unwrap_key(kek: bytes, wrapped: dict[str, Any], aad: bytes, *, what: str) -> bytes:
    nonce = unb64(wrapped.get("nonce"), NONCE_BYTES, "nonce")
    sealed = unb64(wrapped.get("sealed"), KEY_BYTES + 16, "sealed key")
    try:
        return AESGCM(kek).decrypt(nonce, sealed, aad)
    except InvalidTag:
        # The header MAC can only be checked with the key we failed to unwrap, so a wrong
        # passphrase and a header whose KDF values were changed look the same here: say both.
        raise WrongPassphraseError(
            f"That {what} did not unlock this vault, or the vault's header file was changed. "
            "Nothing has been changed. Check for typing mistakes and Caps Lock, then try "
            "again; if you are sure it is right, keep a copy of the folder and ask for help."
        ) from None


def new_recovery_key() -> str:
    """A recovery key to write down: 8 groups of 5 unambiguous symbols (200 bits)."""
    symbols = "".join(
        secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LEN)
    )
    return "-".join(
        symbols[i : i + RECOVERY_GROUP_LEN]
        for i in range(0, len(symbols), RECOVERY_GROUP_LEN)
    )


def normalise_recovery_key(text: str) -> str:
    """Accept the key as typed (any case, spaces or dashes); reject anything else."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\r\n")
    if len(cleaned) != RECOVERY_GROUPS * RECOVERY_GROUP_LEN or any(
        ch not in RECOVERY_ALPHABET for ch in cleaned
    ):
        raise WrongPassphraseError(
            "That is not a recovery key: it should be 8 groups of 5 letters and digits, "
            "as shown when the vault was created."
        )
    return cleaned


def recovery_kek(recovery_key: str, salt: bytes) -> bytes:
    """The recovery key has 200 bits of entropy, so HKDF (not a slow KDF) is enough."""
    return hkdf(normalise_recovery_key(recovery_key).encode("ascii"), b"evidence-vault/1 recovery", salt=salt)


# Format 2: the data key is sealed *to* the recovery key (HPKE, RFC 9180, base mode), so a
# passphrase change can rotate the data key and re-seal it for the recovery key without knowing
# the recovery key itself; only its X25519 public key is in the header.
RECOVERY_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
RECOVERY_X25519_INFO = b"evidence-vault/2 recovery-x25519"
HPKE_SEALED_BYTES = 32 + KEY_BYTES + 16  # enc (X25519 public) || data key || tag


def recovery_private_key(recovery_key: str, salt: bytes) -> X25519PrivateKey:
    seed = hkdf(normalise_recovery_key(recovery_key).encode("ascii"), RECOVERY_X25519_INFO, salt=salt)
    return X25519PrivateKey.from_private_bytes(seed)


def public_raw(private: X25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization
    return private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def seal_to_recovery(public: bytes, data_key: bytes, info: bytes) -> bytes:
    return RECOVERY_SUITE.encrypt(data_key, X25519PublicKey.from_public_bytes(public), info=info)


def open_with_recovery(private: X25519PrivateKey, sealed: bytes, info: bytes) -> bytes:
    try:
        return RECOVERY_SUITE.decrypt(sealed, private, info=info)
    except InvalidTag:
        raise WrongPassphraseError(
            "That recovery key did not unlock this vault, or the vault's header file was changed. "
            "Nothing has been changed. Check the key as written down, then try again."
        ) from None
