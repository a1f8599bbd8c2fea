# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Vault: open/create, and every write, each one event in the same transaction.

A vault is a folder (docs/vault-format.md)::

    vault-header     version line, KDF parameters, wrapped data key (header.py)
    ledger.db        SQLite: sealed metadata + the hash-chained ledger (db.py, ledger.py)
    blobs/           sealed evidence bytes, named by random ids (blobs.py)
    lock             held while a process has the vault open (lock.py)

Every state change appends an event in the same SQLite transaction as the change itself, so
the ledger and the tables can never disagree except by tampering, which ``verify`` reports.
Reading evidence bytes goes through ``read_artefact`` only, which refuses quarantined items.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import _version
from ..paths import default_config_dir
from ..crypto.aead import DecryptionFailed, FieldCipher
from ..crypto.keys import KEY_BYTES, hkdf, new_recovery_key
from ..errors import EvidenceVaultError, IntegrityError, NotFoundError, QuarantinedError, UsageError
from . import checkpoints as cp
from . import safefs, witness
from .blobs import BlobStore
from .db import Database
from .files import storage_error
from .header import Header, header_sha256, new_vault_id, read_header, write_header
from .history import history_of
from .item_state import recover_interrupted_writes
from .ledger import GENESIS_PREV, Event, chain_hash, utc_now
from .lock import VaultLock
from .new_items import store_items
from .models import ArtefactSource
from .staging import recorded_header_sha256, resolve_staged_header
from .unlock import PASS_AAD, RECOVERY_AAD, new_header, recovery_public, unlock

__all__ = ["PASS_AAD", "RECOVERY_AAD", "VaultCore", "check_passphrase_strength"]

LOOKUP_INFO = b"evidence-vault/1 case-lookup"
OLD_HEADER = "header: it is not the one recorded at the last passphrase change (an older header put back?)"
MIN_PASSPHRASE = 12
MIN_WORDS = 4


def check_passphrase_strength(passphrase: str) -> None:
    """At least 12 characters, or 4 words: the passphrase is all that stands between a stolen
    laptop or USB copy and the evidence, and a guesser can try passphrases offline forever."""
    words = [w for w in passphrase.split() if len(w) >= 2]
    if len(passphrase) < MIN_PASSPHRASE and len(words) < MIN_WORDS:
        raise UsageError(
            f"Please choose a passphrase of at least {MIN_PASSPHRASE} characters, or four "
            "words. Anyone who gets a copy of the vault folder can try passphrases for as long "
            "as they like, so a brief one can be guessed; a few ordinary words strung together "
            "are easy to remember and hard to guess."
        )


class VaultCore:
    """Keys, files and the event-appending primitive; ``Vault`` adds the operations."""

    def __init__(self, folder: Path, header: Header, data_key: bytes, db: Database, lock: VaultLock,
                 *, read_only: bool = False, config_dir: Path | None = None):
        self.folder = folder
        self.read_only = read_only
        self.config_dir = Path(config_dir) if config_dir is not None else default_config_dir()
        self._ledger_history = None  # history.py: the ledger decoded once, then incrementally
        self._header_raw = b""  # the header's bytes as read (verify compares them with the ledger)
        self.header = header
        self.vault_id = header.vault_id
        self._data_key = data_key
        self.fields = FieldCipher(data_key, header.vault_id)
        self._lookup_key = hkdf(data_key, LOOKUP_INFO)
        self.database = db
        self.blobs = BlobStore(folder, header.vault_id)
        self._lock = lock
        self._signing_key = None

    # -- lifecycle -------------------------------------------------------------------
    @classmethod
    def create(cls, folder: Path, passphrase: str, *, owner_name: str, owner_role: str,
               config_dir: Path | None = None):
        """Make a new vault; returns (vault, recovery key to show the user once).

        ``config_dir``: where this computer keeps its rollback witness (witness.py); default
        ``paths.default_config_dir()``."""
        check_passphrase_strength(passphrase)
        folder = Path(folder)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise UsageError(
                f"{folder} already holds files. Choose a new or empty folder for the vault."
            )
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(folder, 0o700)  # owner only: the folder names nothing, but holds everything
        lock = VaultLock(folder)
        lock.acquire()
        try:
            data_key = os.urandom(KEY_BYTES)
            vault_id = new_vault_id()
            recovery = new_recovery_key()
            header = new_header(vault_id=vault_id, created_at=utc_now(), passphrase=passphrase,
                                data_key=data_key, recovery=recovery_public(recovery))
            header_raw = header.encode(data_key)
            db = Database(folder, create=True)
            vault = cls(folder, header, data_key, db, lock, config_dir=config_dir)
            vault._header_raw = header_raw
            vault.blobs.create_dirs()
            key = cp.new_signing_key()
            public = cp.public_to_bytes(key.public_key())
            owner = {"name": owner_name, "role": owner_role}
            with db.transaction("creating the vault") as tx:
                tx["meta"].insert_all([
                    {"key": "vault_id", "value": vault_id.hex().encode()},
                    {"key": "signing_public", "value": public},
                    {"key": "signing_private", "value": vault._seal(cp.private_to_bytes(key), "meta", "signing_private")},
                    {"key": "owner", "value": vault._seal_json(owner, "meta", "owner")},
                    {"key": "header_sha256", "value": header_sha256(header_raw).encode()},
                ])
                vault._append(tx, "vault_created", {
                    "vault_id": vault_id.hex(),
                    "owner": owner,
                    "signing_key_sha256": cp.fingerprint(public),
                    "app_version": _version.__version__,
                    "format": header.version,
                    "header_sha256": header_sha256(header_raw),
                })
            write_header(folder, header, data_key)  # last: a folder without it is no vault yet
            vault.checkpoint(record=False)  # the creation checkpoint: implied by vault_created
            witness.record(vault, vault.config_dir)
            return vault, recovery
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open(cls, folder: Path, passphrase: str | None = None, *, recovery_key: str | None = None,
             read_only: bool = False, config_dir: Path | None = None):
        """Unlock the vault at ``folder``.

        ``read_only``: a forensic opening for ``verify``: nothing in the folder is created,
        changed or deleted (SQLite ``mode=ro``, ``immutable=1`` where the folder cannot be
        written, a shared lock where the OS allows it); the witness is checked by verify.
        ``config_dir``: where this computer keeps its rollback witness (witness.py)."""
        folder = Path(folder)
        read_header(folder)  # "no vault here" before any lock file is made
        lock = VaultLock(folder)
        if read_only:
            lock.acquire_shared()
        else:
            lock.acquire()
        try:
            db = Database(folder, create=False, read_only=read_only)
            try:
                parsed = resolve_staged_header(folder, db, read_only=read_only)
                header = parsed.header
                data_key = unlock(header, passphrase, recovery_key)
                parsed.check_mac(data_key)
                vault = cls(folder, header, data_key, db, lock, read_only=read_only,
                            config_dir=config_dir)
                vault._header_raw = parsed.raw
                stored = db.query("SELECT value FROM meta WHERE key='vault_id'")
                if not stored or bytes(stored[0][0]) != header.vault_id.hex().encode():
                    raise IntegrityError(
                        "The vault's database belongs to a different vault than its header. "
                        "Files may have been mixed up; keep a copy and ask for help.",
                        ["database: vault_id does not match the header"],
                    )
                recorded = recorded_header_sha256(db)
                if recorded is not None and header_sha256(parsed.raw) != recorded:
                    raise IntegrityError(
                        "The vault's header file is not its current one: an older copy seems to "
                        "have been put back after a passphrase change. Nothing has been changed. "
                        "Keep a copy of the folder and ask for help.", [OLD_HEADER],
                    )
                if not read_only:
                    witness.check(vault, vault.config_dir)
                    vault._recover_interrupted_writes()
                    if recovery_key is not None:
                        with db.transaction("recording use of the recovery key") as tx:
                            vault._append(tx, "recovery_key_used", {})
                    witness.record(vault, vault.config_dir)
            except BaseException:
                db.close()
                raise
            return vault
        except BaseException:
            lock.release()
            raise

    def close(self) -> None:
        try:
            if not self.read_only and self._data_key:
                witness.record(self, self.config_dir)  # the highest state seen here
        except EvidenceVaultError:
            pass  # a damaged vault still closes; its open or verify says what is wrong
        finally:
            self.database.close()
            self._lock.release()
            self._data_key = b""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _recover_interrupted_writes(self) -> None:
        recover_interrupted_writes(self)

    # -- sealing helpers -------------------------------------------------------------
    def _seal(self, plaintext: bytes, table: str, row: object, column: str = "value") -> bytes:
        return self.fields.seal(plaintext, table=table, row=str(row), column=column)

    def _seal_json(self, value, table: str, row: object, column: str = "value") -> bytes:
        return self._seal(json.dumps(value, sort_keys=True).encode(), table, row, column)

    def _open(self, sealed: bytes, table: str, row: object, column: str = "value") -> bytes:
        try:
            # no bytes() here: a TEXT value planted in a sealed column must fail to open, not crash
            return self.fields.open(sealed, table=table, row=str(row), column=column)
        except DecryptionFailed:
            raise IntegrityError(
                f"A protected record in the vault ({table} {row}) has been altered or damaged, "
                "so it cannot be shown. Run 'evidence-vault verify' for details.",
                [f"{table} {row}: sealed {column} does not open"],
            ) from None

    def _open_json(self, sealed: bytes, table: str, row: object, column: str = "value"):
        return json.loads(self._open(sealed, table, row, column))

    def case_lookup(self, name: str) -> str:
        normal = " ".join(name.split()).casefold()
        return hmac.new(self._lookup_key, normal.encode(), hashlib.sha256).hexdigest()

    # -- ledger ----------------------------------------------------------------------
    def _append(self, tx, type_: str, data: dict, artefacts: list | None = None) -> Event:
        """Append one event inside the caller's transaction."""
        last = tx.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS_PREV)
        if self.read_only:
            raise UsageError("This vault was opened only to be checked; nothing can be added to it.")
        # A format 1 vault keeps writing format 1 events, so the version that made it can still
        # read it; format 2 vaults write salted events (ledger.py).
        version = 1 if self.header.version == 1 else 2
        event = Event(seq, type_, utc_now(), data, artefacts or [], v=version)
        encoded = event.encode()
        tx.execute(
            "INSERT INTO events (seq, prev_hash, hash, body) VALUES (?, ?, ?, ?)",
            (seq, prev, chain_hash(prev, encoded), self._seal(encoded, "events", seq, "body")),
        )
        return event

    def head(self) -> tuple[int, str]:
        row = self.database.query("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
        return (row[0][0], row[0][1]) if row else (0, GENESIS_PREV)

    def signing_key(self):
        if self._signing_key is None:
            row = self.database.query("SELECT value FROM meta WHERE key='signing_private'")
            if not row:
                raise IntegrityError("The vault's signing key is missing.", ["meta: signing key missing"])
            self._signing_key = cp.private_from_bytes(self._open(row[0][0], "meta", "signing_private"))
        return self._signing_key

    def public_key_der(self) -> bytes:
        row = self.database.query("SELECT value FROM meta WHERE key='signing_public'")
        if not row:
            raise IntegrityError("The vault's public key is missing.", ["meta: public key missing"])
        return bytes(row[0][0])

    def checkpoint(self, *, record: bool = True) -> cp.Checkpoint:
        """Sign and store a checkpoint over the current head; return it (to hand to others).

        Each one handed out is also recorded by a ``checkpoint_made`` event (the next event,
        so the head it signs is the one before), which lets verify list every checkpoint ever
        given and notice one deleted from the table. Only the creation checkpoint, implied by
        ``vault_created``, is not recorded (``record=False``)."""
        seq, head = self.head()
        chain = None
        if record:  # the creation checkpoint (event 1) needs none: its head is its whole chain
            chain = cp.chain_digest(r[0] for r in self.database.query(
                "SELECT hash FROM events WHERE seq <= ? ORDER BY seq", (seq,)))
        signed = cp.sign(self.signing_key(), vault_id=self.vault_id.hex(), seq=seq, head=head, at=utc_now(),
                         chain=chain)
        with self.database.transaction("sealing a checkpoint") as tx:
            tx.execute(
                "INSERT OR REPLACE INTO checkpoints (seq, head_hash, at, signature) VALUES (?,?,?,?)",
                (signed.seq, signed.head, signed.at, signed.signature),
            )
            if record:
                self._append(tx, "checkpoint_made", {"seq": signed.seq, "head": signed.head, "at": signed.at,
                                                     "signature": signed.signature.hex(), "chain": chain})
        return signed

    # -- item state from the ledger --------------------------------------------------
    def ledger_states(self) -> dict[int, str]:
        """Each item's state as its last ledger event says (item_state.py), from the one
        decoded copy of the ledger per open vault (history.py). Read paths decide from this,
        never from the clear ``items.state``."""
        return history_of(self).states

    def _item_of(self, artefact_id: str) -> int | None:
        row = self.database.query("SELECT item_id FROM artefacts WHERE id=?", (artefact_id,))
        return row[0][0] if row else None

    # -- writing items ---------------------------------------------------------------
    def _store_item(self, case_id: int, kind: str, info: dict,
                    sources: Iterable[ArtefactSource], *, event_data: dict | None = None) -> int:
        """Seal artefacts to blobs, then commit item, artefacts and event in one transaction
        (new_items.py)."""
        return store_items(self, case_id, [(kind, info, sources, event_data)])[0]

    # -- reading evidence bytes ------------------------------------------------------
    def _artefact_row(self, artefact_id: str):
        rows = self.database.query(
            "SELECT a.id, a.item_id, a.sha256, a.size, a.blob_key, i.state FROM artefacts a "
            "JOIN items i ON i.id = a.item_id WHERE a.id = ?", (artefact_id,)
        )
        if not rows:
            raise NotFoundError(f"There is no artefact {artefact_id} in this vault.")
        return rows[0]

    def iter_artefact_unchecked(self, artefact_id: str) -> Iterator[bytes]:
        """Decrypt an artefact's bytes; only possible while its item is active (see quarantine)."""
        row = self._artefact_row(artefact_id)
        if row[4] is None or self.ledger_states().get(row[1]) != "active":  # quarantined or destroyed
            raise QuarantinedError(
                f"Item {row[1]} is quarantined or destroyed: its evidence cannot be opened."
            )
        key = self._open(row[4], "artefacts", artefact_id, "blob_key")
        try:
            yield from self.blobs.read(artefact_id, key)
        except FileNotFoundError:
            raise IntegrityError(
                f"The encrypted file for artefact {artefact_id} (item {row[1]}) is missing.",
                [f"blob {artefact_id}: missing"],
            ) from None
        except safefs.NotARegularFile as exc:
            raise IntegrityError(
                f"The encrypted file for artefact {artefact_id} (item {row[1]}) has been replaced "
                f"by {exc.what}, so it was not read.", [f"blob {artefact_id}: it is {exc.what}, not a file"],
            ) from None
        except DecryptionFailed as exc:
            raise IntegrityError(
                f"The encrypted file for artefact {artefact_id} (item {row[1]}) has been altered "
                "or damaged.", [f"blob {artefact_id}: {exc}"],
            ) from None
        except OSError as exc:
            raise storage_error(exc, "reading the evidence") from exc
