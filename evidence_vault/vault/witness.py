# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The rollback witness: what this computer last saw of a vault's history, kept outside it.

A vault folder restored from an older copy, or a ledger cut back consistently, verifies
cleanly on its own: nothing inside it remembers the later events. So each computer keeps, in
the user's config folder (paths.default_config_dir(), never the vault folder), one small file
per vault: a checkpoint (checkpoints.py) of the highest sequence number and head hash it has
seen, signed by the vault's own key. Every open checks that the ledger still extends it, and
says plainly when it does not.

The witness holds no evidence and no secret (a vault id, a number, a hash, a signature).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import IntegrityError, StorageError
from . import checkpoints as cp
from .files import atomic_write
from .ledger import utc_now

WITNESS_DIR = "witnesses"
ROLLBACK_MESSAGE = (
    "This vault is older than the one last opened on this computer: part of its history "
    "is missing (an older copy of the folder may have been put back). Nothing has been "
    "changed. Keep this folder and any other copy of it, and ask for help."
)


def witness_path(config_dir: Path, vault_id: str) -> Path:
    return Path(config_dir) / WITNESS_DIR / f"{vault_id}.json"


def load(config_dir: Path, vault_id: str) -> cp.Checkpoint | None:
    """The stored witness, or None when there is none or it is not one (then it is rewritten)."""
    try:
        raw = witness_path(config_dir, vault_id).read_bytes()
        witness = cp.Checkpoint.from_json(json.loads(raw))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return witness if witness.vault_id == vault_id else None


def problem(public, witness: cp.Checkpoint | None, heads: dict[int, str], last_seq: int) -> str | None:
    """The finding when the ledger does not extend the witness; None when it does.

    ``heads``: the stored hash at each sequence number. A witness whose signature fails was
    not written by this vault's key (edited in the config folder) and proves nothing."""
    if witness is None or not cp.is_valid(public, witness):
        return None
    if witness.seq > last_seq:
        return (f"this computer: this vault is older than the one last opened here (the ledger "
                f"ends at event {last_seq}; event {witness.seq} was seen here)")
    if heads.get(witness.seq) != witness.head:
        return (f"this computer: this vault is older than the one last opened here (its history "
                f"up to event {witness.seq} differs from the one seen here)")
    return None


def check(vault, config_dir: Path) -> None:
    """Refuse to go on with a vault that does not extend what this computer saw."""
    witness = load(config_dir, vault.vault_id.hex())
    if witness is None:
        return
    public = cp.public_from_bytes(vault.public_key_der())
    seq = witness.seq
    rows = vault.database.query("SELECT hash FROM events WHERE seq=?", (seq,)) if seq >= 0 else []
    last = vault.head()[0]
    found = problem(public, witness, {seq: rows[0][0]} if rows else {}, last)
    if found:
        raise IntegrityError(ROLLBACK_MESSAGE, [found])


def record(vault, config_dir: Path) -> None:
    """Sign the current head into the witness (owner-only file). A config folder that cannot
    be written only loses this protection; it never stops the user's work."""
    seq, head = vault.head()
    current = load(config_dir, vault.vault_id.hex())
    if current is not None and current.seq == seq and current.head == head:
        return
    signed = cp.sign(vault.signing_key(), vault_id=vault.vault_id.hex(), seq=seq, head=head,
                     at=utc_now())
    target = witness_path(config_dir, vault.vault_id.hex())
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(target, json.dumps(signed.to_json(), sort_keys=True).encode(),
                     doing="remembering this vault on this computer")
    except (OSError, StorageError):
        return
