# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Verify a vault end to end and say precisely what is wrong.

Order (each step reports every finding, then the next step runs):
1. the chain: sequence numbers 1..N without gaps, each prev_hash equal to the previous
   event's hash, each sealed body opening at its own position, each hash recomputed;
2. checkpoints: signature valid under the vault key recorded at creation, and the event at
   the checkpoint's sequence number still carrying the signed head hash (a rewrite or a
   truncation behind a checkpoint shows here);
3. the tables: cases, items and artefacts rebuilt from the ledger and compared row by row;
4. the owner and the private signing key, against the creation event;
5. the blobs: every live artefact, opened without following links (safefs.py), decrypted
   and its SHA-256 and size compared (two threads, as AES-GCM and SHA-256 both release the GIL);
6. leftovers: blob files nobody references are reported as warnings (not tampering);
7. verify_files_and_tables.py: the database file and its schema, the header against the
   ledger, hash lists, checkpoints handed out, the bundle certificate, pending and temporary
   files, this computer's witness.
Verify is a forensic read: run it on a vault opened with ``read_only=True``.
"""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor

from ..crypto.aead import DecryptionFailed
from ..errors import IntegrityError
from . import checkpoints as cp
from . import platform_reports, recaptures, redactions
from . import verify_files_and_tables as more
from .history import verify_item_notes
from .ledger import GENESIS_PREV, Event, chain_hash
from .models import VerifyReport
from .safefs import NotARegularFile


def verify_vault(vault, external: list[cp.Checkpoint] = ()) -> VerifyReport:
    """``external``: checkpoints held elsewhere (from a bundle or ``evidence-vault checkpoint``)."""
    report = VerifyReport()
    more.check_database(vault, report)
    events = _verify_chain(vault, report)
    _verify_checkpoints(vault, report, events, external)
    public = more.public_key(vault)
    if public is not None:
        more.check_recorded_checkpoints(vault, report, events, public)
        more.check_witness(vault, report, events, public)
    more.check_header(vault, report, events)
    expected_artefacts = _verify_projection(vault, report, events)
    more.check_blocklists(vault, report, events)
    verify_item_notes(report, events)  # withdrawals, amendments, viewings, extractions
    _verify_meta(vault, report, events)
    more.check_signing_certificate(vault, report, events)
    more.check_files(vault, report)
    _verify_blobs(vault, report, expected_artefacts)
    return report


def _verify_chain(vault, report: VerifyReport) -> dict[int, tuple[str, Event | None]]:
    rows = vault.database.query("SELECT seq, prev_hash, hash, body FROM events ORDER BY seq")
    events: dict[int, tuple[str, Event | None]] = {}
    expected_seq, prev = 1, GENESIS_PREV
    salted_seen = False  # format 2: unsalted (format 1) events only before the first salted one
    for seq, prev_hash, stored_hash, body in rows:
        # A hash column holding something other than text (planted by hand) is no hash at all.
        prev_hash = prev_hash if isinstance(prev_hash, str) else ""
        stored_hash = stored_hash if isinstance(stored_hash, str) else ""
        if seq != expected_seq:
            missing = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq}-{seq - 1}"
            report.problems.append(f"event {missing}: missing (deleted from the ledger)")
        if prev_hash != prev:
            report.problems.append(
                f"event {seq}: does not follow the event before it (events deleted, inserted or reordered)"
            )
        event = None
        try:
            raw = vault.fields.open(body, table="events", row=str(seq), column="body")
            event = Event.decode(raw)
            if event.v > vault.header.version or (event.v == 1 and salted_seen):
                report.problems.append(f"event {seq}: its format ({event.v}) does not fit this vault "
                                       f"(format {vault.header.version}) at this position (inserted)")
            salted_seen = salted_seen or event.v >= 2
            if event.seq != seq:
                report.problems.append(f"event {seq}: its content belongs at position {event.seq} (reordered)")
            elif chain_hash(prev_hash, raw) != stored_hash:
                report.problems.append(f"event {seq}: its hash does not match its content (edited)")
        except DecryptionFailed:
            report.problems.append(
                f"event {seq}: its sealed content does not open at this position (edited, swapped or moved)"
            )
        except (ValueError, TypeError) as exc:
            report.problems.append(f"event {seq}: malformed ({exc})")
        events[seq] = (stored_hash, event)
        prev, expected_seq = stored_hash, seq + 1
    report.events = len(rows)
    report.head = prev if rows else None
    if not rows:
        report.problems.append("ledger: it is empty (a vault always has its creation event)")
    return events


def _verify_checkpoints(vault, report, events, external) -> None:
    first = events.get(1, (None, None))[1]
    try:
        public_der = vault.public_key_der()
        public = cp.public_from_bytes(public_der)
    except (IntegrityError, ValueError):
        report.problems.append("checkpoints: the vault's public signing key is missing or damaged")
        return
    if first is not None and first.type == "vault_created":
        if first.data.get("signing_key_sha256") != cp.fingerprint(public_der):
            report.problems.append("checkpoints: the signing key is not the one the vault was created with")
            return
    last_seq = max(events) if events else 0
    rows = vault.database.query("SELECT seq, head_hash, at, signature FROM checkpoints ORDER BY seq")
    report.checkpoints = len(rows)
    chains = {}
    for _stored, event in events.values():
        if event is not None and event.type == "checkpoint_made" and isinstance(event.data.get("chain"), str):
            chains[event.data.get("seq")] = event.data["chain"]
    for seq, head, at, sig in rows:
        if not (isinstance(head, str) and isinstance(at, str) and isinstance(sig, bytes)):
            report.problems.append(f"checkpoint at event {seq}: signature is not valid (forged or altered)")
            continue
        # The table has no chain column: the checkpoint_made event that recorded it has the value.
        check = cp.Checkpoint(vault.vault_id.hex(), seq, head, at, sig, chains.get(seq))
        if seq > last_seq and check.chain is None:  # its record went with the cut-off events
            problem = _cut_off(seq, last_seq)
        else:
            problem = checkpoint_problem(public, check, events, last_seq)
        if problem:
            report.problems.append(problem)
        else:
            report.last_checkpoint_seq = seq
    if not rows:
        report.problems.append("checkpoints: none found (the vault always signs one at creation)")
    for check in external:
        if check.vault_id != vault.vault_id.hex():
            report.problems.append(f"given checkpoint at event {check.seq}: it belongs to another vault")
            continue
        problem = checkpoint_problem(public, check, events, last_seq)
        if problem:
            report.problems.append(f"given {problem}")


def _verify_meta(vault, report, events) -> None:
    """The owner printed on bundles and the private signing key, against the creation event."""
    first = events.get(1, (None, None))[1]
    try:
        owner = vault.owner()
        if first is not None and first.type == "vault_created" and owner != first.data.get("owner"):
            report.problems.append("owner: the name or role differs from the one recorded at creation (edited)")
    except IntegrityError:
        report.problems.append("owner: the sealed name and role do not open (edited or damaged)")
    try:
        private = vault.signing_key()
        if cp.public_to_bytes(private.public_key()) != vault.public_key_der():
            report.problems.append("signing key: the private key does not match the vault's public key")
    except (IntegrityError, ValueError):
        report.problems.append("signing key: the sealed private key does not open (edited or damaged)")


def checkpoint_problem(public, check: cp.Checkpoint, events, last_seq: int) -> str | None:
    """What is wrong between one signed checkpoint and the ledger, or None."""
    if not cp.is_valid(public, check):
        return f"checkpoint at event {check.seq}: signature is not valid (forged or altered)"
    if check.seq > last_seq:
        return _cut_off(check.seq, last_seq)
    if check.seq not in events:
        return f"checkpoint at event {check.seq}: that event is missing"
    if events[check.seq][0] != check.head or (
            check.chain is not None and _chain_upto(events, check.seq) != check.chain):
        return (f"checkpoint at event {check.seq}: the ledger up to that event has been rewritten "
                "since it was signed")
    return None


def _cut_off(seq: int, last_seq: int) -> str:
    return (f"checkpoint at event {seq}: the ledger now ends at event {last_seq}; "
            f"events {last_seq + 1}-{seq} were removed after it was signed")


def _chain_upto(events, seq: int) -> str | None:
    """cp.chain_digest of the stored hashes of events 1..seq, or None when one is missing."""
    hashes = [events[n][0] for n in range(1, seq + 1) if n in events]
    if len(hashes) != seq or not all(isinstance(h, str) and len(h) == 64 for h in hashes):
        return None
    try:
        return cp.chain_digest(hashes)
    except ValueError:
        return None


def _verify_projection(vault, report, events) -> dict[str, dict]:  # noqa: C901 - one pass, one branch per event type
    cases: dict[int, str] = {}
    items: dict[int, dict] = {}
    artefacts: dict[str, dict] = {}
    for seq in sorted(events):
        event = events[seq][1]
        if event is None:
            continue
        d = event.data
        if event.type == "case_created":
            cases[d["case_id"]] = d["name"]
        elif event.type == "item_added":
            items[d["item_id"]] = {"case_id": d["case_id"], "kind": d["kind"], "info": d["info"],
                                   "state": "active", "seq": seq}
            for a in event.artefacts:
                artefacts[a["id"]] = {**a, "item_id": d["item_id"], "state": "active"}
        elif event.type == "item_released" and d.get("item_id") not in items:
            report.problems.append(f"event {seq}: item_released names item {d.get('item_id')}, which was "
                                   "not added before it (inserted or reordered)")
        elif event.type in ("item_quarantined", "item_released", "item_destroyed") and d["item_id"] in items:
            state = {"item_quarantined": "quarantined", "item_released": "active",
                     "item_destroyed": "destroyed"}[event.type]
            if event.type == "item_released" and items[d["item_id"]]["state"] != "quarantined":
                report.problems.append(f"event {seq}: item_released names item {d['item_id']}, which was "
                                       "not locked away (inserted or reordered)")
                continue
            items[d["item_id"]]["state"] = state
            for a in artefacts.values():
                if a["item_id"] == d["item_id"]:
                    a["state"] = state

    report.problems.extend(recaptures.check_problems(events, items))  # re-checks name real items
    report.problems.extend(redactions.check_problems(events, items))  # so do redactions
    report.problems.extend(platform_reports.check_problems(events, items, cases))

    seen_cases = set()
    for case_id, lookup, name in vault.database.query("SELECT id, lookup, name FROM cases"):
        seen_cases.add(case_id)
        if case_id not in cases:
            report.problems.append(f"case {case_id}: not recorded in the ledger (inserted)")
            continue
        if lookup != vault.case_lookup(cases[case_id]):  # else 'note --case A' could file into B
            report.problems.append(f"case {case_id}: its name lookup does not match its name (edited)")
        try:
            if vault._open(name, "cases", case_id, "name").decode() != cases[case_id]:
                report.problems.append(f"case {case_id}: its name differs from the ledger (edited)")
        except IntegrityError:
            report.problems.append(f"case {case_id}: its sealed name does not open (edited)")
    for case_id in sorted(set(cases) - seen_cases):
        report.problems.append(f"case {case_id}: recorded in the ledger but missing (deleted)")

    seen_items = set()
    for item_id, case_id, kind, state, seq, info in vault.database.query(
        "SELECT id, case_id, kind, state, seq, info FROM items"
    ):
        seen_items.add(item_id)
        want = items.get(item_id)
        if want is None:
            report.problems.append(f"item {item_id}: not recorded in the ledger (inserted)")
            continue
        if (case_id, kind, state, seq) != (want["case_id"], want["kind"], want["state"], want["seq"]):
            report.problems.append(f"item {item_id}: its case, kind or state differs from the ledger (edited)")
        try:
            if vault._open_json(info, "items", item_id, "info") != want["info"]:
                report.problems.append(f"item {item_id}: its details differ from the ledger (edited)")
        except IntegrityError:
            report.problems.append(f"item {item_id}: its sealed details do not open (edited)")
    for item_id in sorted(set(items) - seen_items):
        report.problems.append(f"item {item_id}: recorded in the ledger but missing (deleted)")

    seen_artefacts = set()
    for a_id, item_id, role, sha, size, key, held, info in vault.database.query(
        "SELECT id, item_id, role, sha256, size, blob_key, held_key, info FROM artefacts"
    ):
        seen_artefacts.add(a_id)
        want = artefacts.get(a_id)
        if want is None:
            report.problems.append(f"artefact {a_id}: not recorded in the ledger (inserted)")
            continue
        if (item_id, role, sha, size) != (want["item_id"], want["role"], want["sha256"], want["size"]):
            report.problems.append(f"artefact {a_id} of item {item_id}: differs from the ledger (edited)")
        expected_keys = {"active": (True, False), "quarantined": (False, True), "destroyed": (False, False)}
        if (key is not None, held is not None) != expected_keys[want["state"]]:
            report.problems.append(f"artefact {a_id} of item {item_id}: its key state differs from the ledger")
        try:
            meta = vault._open_json(info, "artefacts", a_id, "info")
            if meta != {"filename": want.get("filename"), "media_type": want.get("media_type")}:
                report.problems.append(f"artefact {a_id} of item {item_id}: its file name or type differs "
                                       "from the ledger (edited)")
        except IntegrityError:
            report.problems.append(f"artefact {a_id} of item {item_id}: its sealed details do not open (edited)")
        want["sealed_key"], want["key_column"] = (key, "blob_key") if key is not None else (held, "held_key")
    for a_id in sorted(set(artefacts) - seen_artefacts):
        report.problems.append(f"artefact {a_id}: recorded in the ledger but missing (deleted)")
    return {a_id: a for a_id, a in artefacts.items() if a_id in seen_artefacts}


def _check_blob(vault, a_id: str, want: dict) -> tuple[str | None, int]:
    where = f"blob for artefact {a_id} ({want['role']} of item {want['item_id']})"
    try:
        key = vault._open(want["sealed_key"], "artefacts", a_id, want["key_column"])
    except IntegrityError:
        return f"{where}: its sealed key does not open (edited)", 0
    digest, size = hashlib.sha256(), 0
    try:
        for piece in vault.blobs.read(a_id, key):
            digest.update(piece)
            size += len(piece)
    except FileNotFoundError:
        return f"{where}: the file is missing", 0
    except NotARegularFile as exc:
        return f"{where}: it is {exc.what}, not a file (replaced)", 0
    except ValueError:
        return f"{where}: its id is not a blob name (edited)", 0
    except OSError as exc:
        return f"{where}: it could not be read ({exc.strerror or exc})", size
    except DecryptionFailed as exc:
        return f"{where}: does not decrypt ({exc}); altered, truncated or swapped", size
    if digest.hexdigest() != want["sha256"] or size != want["size"]:
        return f"{where}: its SHA-256 does not match the ledger", size
    return None, size


def _verify_blobs(vault, report, artefacts: dict[str, dict]) -> None:
    # Quarantined blobs are decrypted here too, in memory and only to hash them: the police may
    # need them intact, and nothing of them is shown, written or sent.
    live = {a_id: a for a_id, a in artefacts.items()
            if a["state"] != "destroyed" and a.get("sealed_key") is not None}
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda kv: _check_blob(vault, *kv), sorted(live.items()))
        for problem, size in results:
            report.blobs += 1
            report.bytes += size
            if problem:
                report.problems.append(problem)
    on_disk = vault.blobs.all_ids()
    for a_id, a in artefacts.items():
        if a["state"] == "destroyed" and a_id in on_disk:
            report.warnings.append(f"blob for artefact {a_id}: destroyed item's file is still present")
    for name, kind in vault.blobs.all_entries():
        if kind != "a regular file" and name not in artefacts:
            report.warnings.append(f"blob file {name}: it is {kind}, not a file (planted)")
    for stray in sorted(on_disk - set(artefacts)):
        report.warnings.append(f"blob file {stray}: not referenced by any artefact (left over or planted)")


def dumps(report: VerifyReport) -> str:
    return json.dumps(report.to_json(), indent=2)
