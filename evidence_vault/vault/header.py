# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The vault header: the one small file that says "this folder is a vault" and unlocks it.

Layout (docs/vault-format.md, section "Header")::

    evidence-vault/2
    {"created_at":"…","kdf":{…},"passphrase_wrap":{…},"recovery_wrap":{…},"vault_id":"…"}
    sha256 <hex of line 2>
    mac <HMAC-SHA256 hex of lines 1-2 under a key derived from the data key>

The plain checksum lets us tell a damaged header from a wrong passphrase before any key
work; the MAC, checked once the data key is known, catches a deliberate edit. The header is
replaced atomically (temp file, fsync, rename, fsync of the folder).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .._canonical import canonical_json
from ..crypto.keys import HPKE_SEALED_BYTES, KEY_BYTES, NONCE_BYTES, KdfParams, hkdf, unb64
from ..errors import IntegrityError, UnsupportedVersionError, VaultNotFoundError
from . import safefs
from .files import atomic_write

HEADER_NAME = "vault-header"
FORMAT_VERSION = 2  # what this version writes
READABLE_VERSIONS = (1, 2)  # format 1: events without a salt
MAC_INFO = b"evidence-vault/1 header-mac"
MAX_HEADER_BYTES = 16 * 1024
_VERSION_RE = re.compile(r"^evidence-vault/([0-9]{1,6})$")


@dataclass(frozen=True)
class Header:
    vault_id: bytes
    created_at: str
    kdf: KdfParams
    passphrase_wrap: dict
    recovery_wrap: dict
    version: int = FORMAT_VERSION

    def body(self) -> dict:
        return {
            "vault_id": self.vault_id.hex(),
            "created_at": self.created_at,
            "kdf": self.kdf.to_json(),
            "passphrase_wrap": self.passphrase_wrap,
            "recovery_wrap": self.recovery_wrap,
        }

    def encode(self, data_key: bytes) -> bytes:
        first_two = f"evidence-vault/{self.version}\n".encode() + canonical_json(self.body()) + b"\n"
        checksum = hashlib.sha256(first_two.splitlines()[1]).hexdigest()
        mac = hmac.new(hkdf(data_key, MAC_INFO), first_two, hashlib.sha256).hexdigest()
        return first_two + f"sha256 {checksum}\nmac {mac}\n".encode()


@dataclass(frozen=True)
class ParsedHeader:
    header: Header
    signed_part: bytes
    mac: str
    raw: bytes = b""

    def check_mac(self, data_key: bytes) -> None:
        expected = hmac.new(hkdf(data_key, MAC_INFO), self.signed_part, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, self.mac):
            raise IntegrityError(
                "The vault header has been altered (its seal does not match). "
                "The vault may have been tampered with; keep a copy and ask for help.",
                ["header: MAC does not match"],
            )


def _damaged(detail: str) -> IntegrityError:
    return IntegrityError(
        f"The vault header file is damaged ({detail}). Your evidence has not been changed, "
        "but the vault cannot be opened until the header is restored from a backup.",
        [f"header: {detail}"],
    )


def read_header(folder: Path, name: str = HEADER_NAME) -> ParsedHeader:
    """Parse ``folder/name`` (the header, or a staged one: staging.py) without following links."""
    if not folder.is_dir():
        raise VaultNotFoundError(f"There is no vault at {folder}: the folder does not exist.")
    if safefs.lstat_kind(folder, name) is None:
        if any(folder.iterdir()):
            raise VaultNotFoundError(
                f"The folder {folder} is not an Evidence Vault (it has no vault header). "
                "Choose the folder that holds your vault."
            )
        raise VaultNotFoundError(
            f"The folder {folder} is empty: no vault has been created there yet. "
            "Run 'evidence-vault init' to create one."
        )
    try:
        fd = safefs.open_file(folder, name, os.O_RDONLY)
    except safefs.NotARegularFile as exc:
        raise _damaged(f"it is {exc.what}, not a file") from None
    with os.fdopen(fd, "rb") as handle:
        if os.fstat(fd).st_size > MAX_HEADER_BYTES:  # sized before reading: never read 3 GiB
            raise _damaged("it is larger than any vault header")
        raw = handle.read(MAX_HEADER_BYTES + 1)
    if len(raw) > MAX_HEADER_BYTES:
        raise _damaged("it is larger than any vault header")
    lines = raw.split(b"\n")
    first = lines[0].decode("utf-8", "replace")
    match = _VERSION_RE.match(first)
    if not match:
        raise VaultNotFoundError(
            f"The folder {folder} does not hold an Evidence Vault (unrecognised header)."
        )
    if int(match.group(1)) > FORMAT_VERSION:
        raise UnsupportedVersionError(
            f"This vault was made by a newer version of Evidence Vault (format {match.group(1)}). "
            "Install the latest Evidence Vault to open it; nothing has been changed."
        )
    version = int(match.group(1))
    if version not in READABLE_VERSIONS:
        raise _damaged(f"unknown format version {match.group(1)}")
    if len(lines) != 5 or lines[4] != b"":
        raise _damaged("wrong number of lines")
    body_bytes = lines[1]
    if lines[2] != f"sha256 {hashlib.sha256(body_bytes).hexdigest()}".encode():
        raise _damaged("its checksum does not match")
    if not re.fullmatch(rb"mac [0-9a-f]{64}", lines[3]):
        raise _damaged("its seal line is malformed")
    try:
        body = json.loads(body_bytes)
        if canonical_json(body) != body_bytes:
            raise ValueError("not canonical JSON")
        header = Header(
            vault_id=unb64_hex(body["vault_id"]),
            created_at=str(body["created_at"]),
            kdf=KdfParams.from_json(body["kdf"]),
            passphrase_wrap=dict(body["passphrase_wrap"]),
            recovery_wrap=dict(body["recovery_wrap"]),
            version=version,
        )
        check_recovery_wrap(header.recovery_wrap, version)
    except (ValueError, KeyError, TypeError) as exc:
        raise _damaged(str(exc)) from None
    signed = b"\n".join(lines[:2]) + b"\n"
    return ParsedHeader(header=header, signed_part=signed, mac=lines[3][4:].decode(), raw=raw)


RECOVERY_HPKE = "hpke-x25519-sha256-aes256gcm"


def check_recovery_wrap(wrap: dict, version: int) -> None:
    """Format 1: AES-GCM under a key derived from the recovery key. Format 2: HPKE to an
    X25519 key derived from it (keys.py), so that a passphrase change can rotate the data key."""
    unb64(wrap.get("salt"), 16, "recovery salt")
    if version == 1:
        if set(wrap) != {"salt", "nonce", "sealed"}:
            raise ValueError("recovery_wrap has unexpected fields")
        unb64(wrap.get("nonce"), NONCE_BYTES, "recovery nonce")
        unb64(wrap.get("sealed"), KEY_BYTES + 16, "recovery sealed key")
        return
    if set(wrap) != {"alg", "salt", "public", "sealed"} or wrap.get("alg") != RECOVERY_HPKE:
        raise ValueError("recovery_wrap is not " + RECOVERY_HPKE)
    unb64(wrap.get("public"), 32, "recovery public key")
    unb64(wrap.get("sealed"), HPKE_SEALED_BYTES, "recovery sealed key")


def unb64_hex(value: object) -> bytes:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{32}", value):
        raise ValueError("vault_id is not 32 lowercase hex digits")
    return bytes.fromhex(value)


def write_header(folder: Path, header: Header, data_key: bytes) -> None:
    atomic_write(folder / HEADER_NAME, header.encode(data_key))


def header_sha256(raw: bytes) -> str:
    """What the ledger records of a header (vault_created, passphrase_changed): verify compares
    it with the header on disk, so an older header put back after a passphrase change shows."""
    return hashlib.sha256(raw).hexdigest()


def new_vault_id() -> bytes:
    return os.urandom(16)
