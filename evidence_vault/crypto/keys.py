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

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
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
ARGON2_CAP = {"memory_kib": 1048576, "iterations": 16, "lanes": 16}

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

    def to_json(self) -> dict:
        return {
            "alg": "argon2id",
            "salt": b64(self.salt),
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "lanes": self.lanes,
        }

    @classmethod
    def from_json(cls, obj: dict) -> "KdfParams":
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


def wrap_key(kek: bytes, data_key: bytes, aad: bytes) -> dict:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(kek).encrypt(nonce, data_key, aad)
    return {"nonce": b64(nonce), "sealed": b64(sealed)}


def unwrap_key(kek: bytes, wrapped: dict, aad: bytes, *, what: str) -> bytes:
    nonce = unb64(wrapped.get("nonce"), NONCE_BYTES, "nonce")
    sealed = unb64(wrapped.get("sealed"), KEY_BYTES + 16, "sealed key")
    try:
        return AESGCM(kek).decrypt(nonce, sealed, aad)
    except InvalidTag:
        raise WrongPassphraseError(
            f"That {what} does not unlock this vault. Nothing has been changed. "
            "Check for typing mistakes and Caps Lock, then try again."
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
