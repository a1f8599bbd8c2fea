# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Verify's checks of the files and the tables around the ledger's items (verify.py runs them
in order; the chain and the cases, items and artefacts are verify.py's own).

- the database file: SQLite's own ``PRAGMA integrity_check`` and a schema with nothing the
  format does not define (db.py);
- the header on disk against the last header recorded in the ledger (a passphrase change
  records its SHA-256), so an older header put back is seen;
- hash lists (safeguarding state): rebuilt from their text-free ledger events and compared;
- the checkpoints handed out (each recorded by a ``checkpoint_made`` event) against the table;
- the bundle certificate (``meta.signing_cert``) against the ``signing_certificate_made`` event;
- ``pending_blobs`` holds blob names only, and ``blobs/.tmp`` holds no folder or link;
- this computer's rollback witness (witness.py).
"""

from __future__ import annotations

import hashlib
import sqlite3

from ..errors import IntegrityError
from . import checkpoints as cp
from . import witness
from .blobs import BLOBS_DIR, TMP_DIR, is_blob_name
from .db import schema_problems
from .header import header_sha256
from .safefs import entries

MAX_INTEGRITY_LINES = 10


def check_database(vault, report) -> None:
    conn = vault.database.conn
    try:
        lines = [row[0] for row in conn.execute(f"PRAGMA integrity_check({MAX_INTEGRITY_LINES})")]
    except sqlite3.DatabaseError as exc:
        lines = [str(exc)]
    if lines != ["ok"]:
        report.problems.extend(f"database: {line} (damaged or edited)" for line in lines)
    report.problems.extend(schema_problems(conn))


def check_header(vault, report, events) -> None:
    recorded = None
    for seq in sorted(events):
        event = events[seq][1]
        if event is not None and event.type in ("vault_created", "passphrase_changed"):
            recorded = event.data.get("header_sha256", recorded)
    if recorded is not None and header_sha256(vault._header_raw) != recorded:
        from .core import OLD_HEADER
        report.problems.append(OLD_HEADER)


def check_blocklists(vault, report, events) -> None:
    """Lists are rebuilt from ``blocklist_added``/``blocklist_removed`` (name and the SHA-256 of
    the stored list; older events carry only the name) and compared with the table."""
    want: dict[int, dict] = {}
    for seq in sorted(events):
        event = events[seq][1]
        if event is None:
            continue
        if event.type == "blocklist_added":
            want[event.data.get("list_id")] = event.data
        elif event.type == "blocklist_removed":
            want.pop(event.data.get("list_id"), None)
    seen = set()
    for list_id, name, content in vault.database.query("SELECT id, name, content FROM blocklists"):
        seen.add(list_id)
        expected = want.get(list_id)
        if expected is None:
            report.problems.append(f"hash list {list_id}: not recorded in the ledger (inserted)")
            continue
        try:
            plain_name = vault._open(name, "blocklists", list_id, "name").decode()
            plain = vault._open(content, "blocklists", list_id, "content")
        except IntegrityError:
            report.problems.append(f"hash list {list_id}: its sealed name or content does not open (edited)")
            continue
        if plain_name != expected.get("name"):
            report.problems.append(f"hash list {list_id}: its name differs from the ledger (edited)")
        digest = expected.get("content_sha256")
        if digest is not None and hashlib.sha256(plain).hexdigest() != digest:
            report.problems.append(f"hash list {list_id}: its content differs from the ledger (edited)")
    for list_id in sorted(set(want) - seen, key=str):
        report.problems.append(
            f"hash list {list_id} ('{want[list_id].get('name')}'): recorded in the ledger but missing (deleted)")


def check_signing_certificate(vault, report, events) -> None:
    """The certificate bundles are signed with is the one the ledger recorded when it was made:
    one deleted would be made again with another fingerprint, and the people who compare
    fingerprints would be told a different one. A vault that made its certificate before the
    event existed has none recorded; only its own check (its key is the vault's) applies."""
    recorded = None
    for seq in sorted(events):
        event = events[seq][1]
        if event is not None and event.type == "signing_certificate_made":
            recorded = event.data.get("sha256")
    try:
        cert = vault.signing_certificate()
    except IntegrityError:
        report.problems.append("bundle certificate: it does not open (edited or damaged)")
        return
    if cert is None:
        if recorded is not None:
            report.problems.append("bundle certificate: recorded in the ledger but missing (deleted)")
    elif recorded is not None and hashlib.sha256(cert).hexdigest() != recorded:
        report.problems.append("bundle certificate: it is not the one recorded in the ledger (replaced)")


def check_recorded_checkpoints(vault, report, events, public) -> None:
    """Every checkpoint handed out is in the ledger; the table must hold each of them, and
    no other but the creation checkpoint."""
    recorded: dict[int, dict] = {}
    for seq in sorted(events):
        event = events[seq][1]
        if event is not None and event.type == "checkpoint_made":
            recorded[event.data.get("seq")] = event.data
            report.handed_out.append({k: event.data.get(k) for k in ("seq", "head", "at")})
    rows = {seq: (head, at, sig) for seq, head, at, sig in
            vault.database.query("SELECT seq, head_hash, at, signature FROM checkpoints")}
    if 1 not in rows:
        report.problems.append("checkpoints: the one signed at creation (event 1) is missing (deleted)")
    for seq, data in sorted(recorded.items(), key=lambda kv: str(kv[0])):
        row = rows.get(seq)
        if row is None:
            report.problems.append(f"checkpoint at event {seq}: recorded in the ledger but missing (deleted)")
        elif (row[0], row[1], bytes(row[2]).hex() if isinstance(row[2], bytes) else None) != (
                data.get("head"), data.get("at"), data.get("signature")):
            report.problems.append(f"checkpoint at event {seq}: differs from the one recorded in the ledger (edited)")
    for seq in sorted(set(rows) - set(recorded) - {1}):
        report.problems.append(f"checkpoint at event {seq}: not recorded in the ledger (inserted)")


def check_files(vault, report) -> None:
    for (entry,) in vault.database.query("SELECT id FROM pending_blobs"):
        if not is_blob_name(entry):
            report.problems.append(
                f"pending_blobs: {str(entry)[:80]!r} is not a blob name (planted; it is never used)")
    for name, kind in entries(vault.folder, f"{BLOBS_DIR}/{TMP_DIR}"):
        if kind != "a regular file":
            report.warnings.append(f"blobs/.tmp/{name}: it is {kind}, not a file Evidence Vault made")
    for name, kind in entries(vault.folder, BLOBS_DIR):
        if name != TMP_DIR and kind != "a folder":
            report.warnings.append(f"blobs/{name}: it is {kind}, not a folder of blobs (planted)")


def check_witness(vault, report, events, public) -> None:
    seen_here = witness.load(vault.config_dir, vault.vault_id.hex())
    heads = {seq: digest for seq, (digest, _event) in events.items()}
    found = witness.problem(public, seen_here, heads, max(events) if events else 0)
    if found:
        report.problems.append(found)


def public_key(vault):
    try:
        return cp.public_from_bytes(vault.public_key_der())
    except (IntegrityError, ValueError):
        return None
