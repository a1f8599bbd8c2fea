# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Unlocking a header (passphrase or recovery key) and building a new one around a data key.

Format 1 sealed the data key for the recovery key with a symmetric key derived from it, so a
new data key could only be sealed for the recovery key by someone holding it. Format 2 seals it
*to* the recovery key's X25519 public key (HPKE, keys.py): a passphrase change can then rotate
the data key, and a header restored from before the change opens nothing current.
"""

from __future__ import annotations

import os

from ..crypto.keys import (
    KdfParams, b64, open_with_recovery, public_raw, recovery_kek, recovery_private_key,
    seal_to_recovery, unb64, unwrap_key, wrap_key,
)
from .header import RECOVERY_HPKE, Header

PASS_AAD = b"evidence-vault/1 passphrase-wrap"
RECOVERY_AAD = b"evidence-vault/1 recovery-wrap"
RECOVERY_INFO_V2 = b"evidence-vault/2 recovery-wrap"


def unlock(header: Header, passphrase: str | None, recovery_key: str | None) -> bytes:
    """The data key, or WrongPassphraseError (which also names a changed header as a cause)."""
    if recovery_key is None:
        return unwrap_key(header.kdf.derive(passphrase or ""), header.passphrase_wrap,
                          PASS_AAD + header.vault_id, what="passphrase")
    wrap = header.recovery_wrap
    salt = unb64(wrap.get("salt"), 16, "recovery salt")
    if header.version == 1:
        return unwrap_key(recovery_kek(recovery_key, salt), wrap, RECOVERY_AAD + header.vault_id,
                          what="recovery key")
    private = recovery_private_key(recovery_key, salt)
    return open_with_recovery(private, unb64(wrap["sealed"], None, "recovery sealed key"),
                              RECOVERY_INFO_V2 + header.vault_id)


def recovery_public(recovery_key: str) -> dict:
    """The header's public half of a recovery key: a fresh salt and the X25519 public key."""
    salt = os.urandom(16)
    return {"salt": b64(salt), "public": b64(public_raw(recovery_private_key(recovery_key, salt)))}


def new_header(*, vault_id: bytes, created_at: str, passphrase: str, data_key: bytes,
               recovery: dict) -> Header:
    """A format 2 header sealing ``data_key`` for the passphrase and for the recovery key
    whose public half is ``recovery`` (from ``recovery_public`` or an existing header)."""
    kdf = KdfParams.fresh()
    public = unb64(recovery["public"], 32, "recovery public key")
    return Header(
        vault_id=vault_id,
        created_at=created_at,
        kdf=kdf,
        passphrase_wrap=wrap_key(kdf.derive(passphrase), data_key, PASS_AAD + vault_id),
        recovery_wrap={
            "alg": RECOVERY_HPKE,
            "salt": recovery["salt"],
            "public": recovery["public"],
            "sealed": b64(seal_to_recovery(public, data_key, RECOVERY_INFO_V2 + vault_id)),
        },
        version=2,
    )
