# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""``passwd``: a new passphrase *and* a new data key, so an old header opens nothing current.

Re-wrapping the same data key under a new passphrase (format 1) left every old copy of the
header a working key: whoever knew the old passphrase could put the old header back and read
today's evidence. Here every sealed value is re-sealed under a fresh data key (blobs keep their
own keys, which are themselves sealed values, so no evidence file is rewritten) and the data key
is sealed again for the recovery key through its public half (unlock.py). The steps are ordered
for crashes as staging.py explains.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from .._faults import crash_point
from ..crypto.aead import FieldCipher
from ..crypto.keys import KEY_BYTES, hkdf
from ..errors import UsageError
from .files import atomic_write, fsync_dir, storage_error
from .header import HEADER_NAME, header_sha256
from .staging import STAGED_NAME
from .unlock import new_header, recovery_public

# table -> (key column, sealed columns); meta rows are sealed with column "value".
SEALED = {
    "meta": ("key", ("value",)),
    "events": ("seq", ("body",)),
    "cases": ("id", ("name",)),
    "items": ("id", ("info",)),
    "artefacts": ("id", ("blob_key", "held_key", "info")),
    "blocklists": ("id", ("name", "content")),
}
CLEAR_META = {"vault_id", "signing_public", "header_sha256"}


def change_passphrase(vault, new_passphrase: str, *, recovery_key: str | None = None) -> None:
    from .core import LOOKUP_INFO, check_passphrase_strength

    check_passphrase_strength(new_passphrase)
    if vault.header.version == 1 and recovery_key is None:
        raise UsageError(
            "This vault was made by an earlier version of Evidence Vault. To change its "
            "passphrase, unlock it with your recovery key (--use-recovery-key): the change "
            "upgrades it so that an old copy of its header can never open it again."
        )
    recovery = (recovery_public(recovery_key) if vault.header.version == 1
                else {k: vault.header.recovery_wrap[k] for k in ("salt", "public")})
    new_key = os.urandom(KEY_BYTES)
    header = new_header(vault_id=vault.vault_id, created_at=vault.header.created_at,
                        passphrase=new_passphrase, data_key=new_key, recovery=recovery)
    raw = header.encode(new_key)
    digest = header_sha256(raw)
    atomic_write(vault.folder / STAGED_NAME, raw, doing="changing the passphrase")
    crash_point("passwd_staged")
    new_fields = FieldCipher(new_key, vault.vault_id)
    new_lookup = hkdf(new_key, LOOKUP_INFO)
    old = (vault.fields, vault._lookup_key, vault.header)
    try:
        with vault.database.transaction("changing the passphrase") as tx:
            for table, (key_col, columns) in SEALED.items():
                for row in tx.execute(f"SELECT {key_col}, {', '.join(columns)} FROM {table}").fetchall():
                    if table == "meta" and row[0] in CLEAR_META:
                        continue
                    updates = {}
                    for column, sealed in zip(columns, row[1:]):
                        if sealed is not None:
                            plain = vault._open(sealed, table, row[0], column)
                            updates[column] = new_fields.seal(plain, table=table, row=str(row[0]), column=column)
                    if updates:
                        sets = ", ".join(f"{c}=?" for c in updates)
                        tx.execute(f"UPDATE {table} SET {sets} WHERE {key_col}=?", (*updates.values(), row[0]))
                    if table == "cases":
                        name = new_fields.open(updates["name"], table="cases", row=str(row[0]), column="name")
                        normal = " ".join(name.decode().split()).casefold()
                        tx.execute("UPDATE cases SET lookup=? WHERE id=?", (
                            hmac.new(new_lookup, normal.encode(), hashlib.sha256).hexdigest(), row[0]))
            tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('header_sha256', ?)", (digest.encode(),))
            vault.fields, vault._lookup_key, vault.header = new_fields, new_lookup, header
            vault._append(tx, "passphrase_changed", {"header_sha256": digest})
    except BaseException:
        vault.fields, vault._lookup_key, vault.header = old
        (vault.folder / STAGED_NAME).unlink(missing_ok=True)
        raise
    crash_point("passwd_committed")
    vault._data_key = new_key
    vault._header_raw = raw
    vault._ledger_history = None  # re-sealed: decode afresh
    try:
        os.replace(vault.folder / STAGED_NAME, vault.folder / HEADER_NAME)
        fsync_dir(vault.folder)
    except OSError as exc:  # the next open finishes it (staging.py)
        raise storage_error(exc, "finishing the passphrase change") from exc
