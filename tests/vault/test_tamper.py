# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Tampering with a closed vault, the way someone with the files (and sometimes the key) would,
and the exact finding ``verify`` must report for each (docs/vault-format.md).

The session vault's ledger: 1 vault_created, 2-3 case_created, 4-6 item_added (items 1-3),
7 checkpoint_made; signed checkpoints at events 1 and 6.
"""

from __future__ import annotations

import json
import os

import pytest

from evidence_vault import Checkpoint, IntegrityError, Vault
from evidence_vault.vault import checkpoints as cp
from evidence_vault.vault.ledger import Event, chain_hash

from .helpers import (
    PASSPHRASE, blob_path, flip_file_byte, flip_sealed_column, ledger_db,
    run_cli, sha256, verify_folder,
)

SEALED_CHUNK = 65536 + 16


def blob_problem(template, item: int, what: str) -> str:
    return f"blob for artefact {template.artefact[item]} (original of item {item}): {what}"


def assert_problems(folder, expected: list[str], *, external=()) -> None:
    report = verify_folder(folder, external)
    assert report.problems == expected
    assert not report.ok


# -- blobs --------------------------------------------------------------------------------
def test_flipped_byte_in_a_blob(vault_dir, template):
    flip_file_byte(blob_path(vault_dir, template.artefact[2]), 40)
    assert_problems(vault_dir, [blob_problem(
        template, 2, "does not decrypt (chunk 0 does not authenticate); altered, truncated or swapped")])
    with Vault.open(vault_dir, PASSPHRASE) as vault, pytest.raises(IntegrityError) as caught:
        vault.read_artefact(2, "original")
    assert caught.value.problems == [f"blob {template.artefact[2]}: chunk 0 does not authenticate"]


def test_flipped_byte_in_a_later_chunk(vault_dir, template):
    flip_file_byte(blob_path(vault_dir, template.artefact[3]), 4 + 2 * SEALED_CHUNK + 5)
    assert_problems(vault_dir, [blob_problem(
        template, 3, "does not decrypt (chunk 2 does not authenticate); altered, truncated or swapped")])


def test_blob_with_its_last_chunk_removed(vault_dir, template):
    path = blob_path(vault_dir, template.artefact[3])  # 3 full chunks and one of 123 bytes
    path.write_bytes(path.read_bytes()[: 4 + 3 * SEALED_CHUNK])
    assert_problems(vault_dir, [blob_problem(
        template, 3, "does not decrypt (chunk 2 does not authenticate); altered, truncated or swapped")])


def test_two_blob_files_swapped(vault_dir, template):
    a, b = blob_path(vault_dir, template.artefact[2]), blob_path(vault_dir, template.artefact[3])
    data_a, data_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(data_b)
    b.write_bytes(data_a)
    swapped = "does not decrypt (chunk 0 does not authenticate); altered, truncated or swapped"
    report = verify_folder(vault_dir)  # blobs are reported in artefact-id order
    assert sorted(report.problems) == sorted([blob_problem(template, 2, swapped), blob_problem(template, 3, swapped)])


def test_missing_blob(vault_dir, template):
    blob_path(vault_dir, template.artefact[1]).unlink()
    assert_problems(vault_dir, [f"blob for artefact {template.artefact[1]} (entry of item 1): the file is missing"])


def test_planted_blob_file_is_a_warning(vault_dir):
    planted = vault_dir / "blobs" / "ab" / ("ab" * 16)
    planted.parent.mkdir(exist_ok=True)
    planted.write_bytes(b"EVB1" + os.urandom(40))
    report = verify_folder(vault_dir)
    assert report.ok
    assert report.warnings == [f"blob file {'ab' * 16}: not referenced by any artefact (left over or planted)"]


# -- sealed metadata ----------------------------------------------------------------------
@pytest.mark.parametrize("table, column, key, value, problem", [
    ("items", "info", "id", 2, "item 2: its sealed details do not open (edited)"),
    ("cases", "name", "id", 2, "case 2: its sealed name does not open (edited)"),
    ("artefacts", "info", "id", "A2", "artefact A2 of item 2: its sealed details do not open (edited)"),
    ("artefacts", "blob_key", "id", "A2",
     "blob for artefact A2 (original of item 2): its sealed key does not open (edited)"),
])
def test_flipped_byte_in_a_sealed_field(vault_dir, template, table, column, key, value, problem):
    value = template.artefact[2] if value == "A2" else value
    flip_sealed_column(vault_dir, table, column, key, value)
    assert_problems(vault_dir, [problem.replace("A2", template.artefact[2])])


def test_flipped_byte_in_an_event_body(vault_dir, template):
    flip_sealed_column(vault_dir, "events", "body", "seq", 5)
    report = verify_folder(vault_dir)
    # The event itself, then what its loss does to the tables rebuilt from the ledger.
    assert report.problems[0] == (
        "event 5: its sealed content does not open at this position (edited, swapped or moved)")
    assert "item 2: not recorded in the ledger (inserted)" in report.problems


# -- the ledger ---------------------------------------------------------------------------
def test_deleted_event(vault_dir):
    with ledger_db(vault_dir) as conn:
        conn.execute("DELETE FROM events WHERE seq=3")
    assert_problems(vault_dir, [
        "event 3: missing (deleted from the ledger)",
        "event 4: does not follow the event before it (events deleted, inserted or reordered)",
        # the checkpoint signs every hash up to it (its chain), not only the head
        "checkpoint at event 6: the ledger up to that event has been rewritten since it was signed",
        "case 2: not recorded in the ledger (inserted)",
    ])


def test_two_events_swapped(vault_dir):
    with ledger_db(vault_dir) as conn:
        conn.execute("UPDATE events SET seq=-1 WHERE seq=4")
        conn.execute("UPDATE events SET seq=4 WHERE seq=5")
        conn.execute("UPDATE events SET seq=5 WHERE seq=-1")
    report = verify_folder(vault_dir)
    for seq in (4, 5):
        assert f"event {seq}: its sealed content does not open at this position (edited, swapped or moved)" \
            in report.problems
    assert "event 4: does not follow the event before it (events deleted, inserted or reordered)" in report.problems


def test_edited_event_hash(vault_dir):
    with ledger_db(vault_dir) as conn:
        conn.execute("UPDATE events SET hash=? WHERE seq=5", ("0" * 64,))
    assert_problems(vault_dir, [
        "event 5: its hash does not match its content (edited)",
        "event 6: does not follow the event before it (events deleted, inserted or reordered)",
        "checkpoint at event 6: the ledger up to that event has been rewritten since it was signed",
    ])


def test_truncated_tail_behind_a_checkpoint(vault_dir):
    with ledger_db(vault_dir) as conn:
        conn.execute("DELETE FROM events WHERE seq >= 5")
    report = verify_folder(vault_dir)
    assert report.problems[0] == (
        "checkpoint at event 6: the ledger now ends at event 4; events 5-6 were removed after it was signed")


def rewrite_without(vault, drop: int) -> None:
    """What someone holding the passphrase could do: drop event ``drop`` and re-seal and
    re-chain every later event so the chain itself is flawless again."""
    rows = vault.events()
    rewrite_from(vault, drop, [Event(e.seq - 1, e.type, e.at, e.data, e.artefacts, e.salt)
                               for _s, _h, e in rows[drop:]])


def rewrite_from(vault, start: int, events: list) -> None:
    """Replace the ledger from ``start`` on with ``events``, re-sealed and re-chained."""
    rows = vault.events()
    prev = rows[start - 2][1]
    conn = vault.database.conn
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM events WHERE seq >= ?", (start,))
    for moved in events:
        encoded = moved.encode()
        digest = chain_hash(prev, encoded)
        conn.execute("INSERT INTO events (seq, prev_hash, hash, body) VALUES (?,?,?,?)", (
            moved.seq, prev, digest,
            vault.fields.seal(encoded, table="events", row=str(moved.seq), column="body")))
        prev = digest
    conn.execute("COMMIT")


def build_history(vault) -> Checkpoint:
    """Events 8 (self_flagged, the one to hide), 9 (case_created), checkpoint at 9 (recorded by
    event 10), then 11."""
    vault.record_self_flag(url="https://example.com/embarrassing")
    vault.add_case("Third case")
    signed = vault.checkpoint()
    vault.record_self_flag(url=None)
    return Checkpoint.from_json(json.loads(json.dumps(signed.to_json())))  # as handed to someone


def test_event_deleted_and_chain_recomputed_by_a_key_holder(vault_dir):
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        build_history(vault)
        rewrite_without(vault, 8)
    # The chain, the tables and the blobs are all consistent: only the signed checkpoint knows.
    assert_problems(vault_dir, [
        "checkpoint at event 9: the ledger up to that event has been rewritten since it was signed"])


def test_key_holder_who_also_resigns_is_caught_by_a_checkpoint_held_elsewhere(vault_dir):
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        held_elsewhere = build_history(vault)
        # Hide event 8, and with it every checkpoint handed out since creation: drop their rows
        # and the events that record them, then re-seal and re-chain what is left.
        kept = [e for _s, _h, e in vault.events()[6:] if e.seq != 8 and e.type != "checkpoint_made"]
        rewrite_from(vault, 7, [Event(7 + n, e.type, e.at, e.data, e.artefacts, e.salt)
                                for n, e in enumerate(kept)])
        vault.database.conn.execute("DELETE FROM checkpoints WHERE seq > 1")
    assert verify_folder(vault_dir).problems == []  # a perfect forgery, from inside
    assert_problems(vault_dir, [
        "given checkpoint at event 9: the ledger now ends at event 8; events 9-9 were removed after it was signed",
    ], external=[held_elsewhere])


def truncate_consistently(folder, template, *, keep_checkpoints_upto: int | None) -> None:
    """Remove events 5-6 and everything they created (items 2-3, their rows and blobs), as
    someone without the key can; then drop checkpoints (all, or those beyond event 4)."""
    with ledger_db(folder) as conn:
        conn.execute("DELETE FROM events WHERE seq >= 5")
        conn.execute("DELETE FROM artefacts WHERE item_id IN (2, 3)")
        conn.execute("DELETE FROM items WHERE id IN (2, 3)")
        if keep_checkpoints_upto is None:
            conn.execute("DELETE FROM checkpoints")
        else:
            conn.execute("DELETE FROM checkpoints WHERE seq > ?", (keep_checkpoints_upto,))
    for item in (2, 3):
        blob_path(folder, template.artefact[item]).unlink()


def take_cli_checkpoint(vault_dir, tmp_path):
    result = run_cli(vault_dir, "checkpoint")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "checkpoint-given-to-police.json"
    path.write_text(result.stdout, encoding="utf-8")
    assert json.loads(result.stdout)["seq"] == 7
    return path


REMOVED = "the ledger now ends at event 4; events 5-7 were removed after it was signed"
WITNESS = "this computer: this vault is older than the one last opened here (the ledger ends at event 4; event 8 was seen here)"


def another_computer(tmp_path) -> dict:
    """A computer that never opened this vault: it holds no witness of it."""
    return {"EVIDENCE_VAULT_CONFIG_DIR": str(tmp_path / "another-computer")}


def test_truncation_with_checkpoints_emptied_is_caught_by_an_external_checkpoint(vault_dir, template, tmp_path):
    held = take_cli_checkpoint(vault_dir, tmp_path)
    truncate_consistently(vault_dir, template, keep_checkpoints_upto=None)
    elsewhere = another_computer(tmp_path)
    plain = run_cli(vault_dir, "verify", env=elsewhere)
    assert plain.returncode == 1
    assert plain.stderr.splitlines()[1:] == [
        "  - checkpoints: none found (the vault always signs one at creation)",
        "  - checkpoints: the one signed at creation (event 1) is missing (deleted)"]
    given = run_cli(vault_dir, "verify", "--checkpoint", str(held), env=elsewhere)
    assert given.returncode == 1
    assert given.stderr.splitlines()[1:] == [
        "  - checkpoints: none found (the vault always signs one at creation)",
        f"  - given checkpoint at event 7: {REMOVED}",
        "  - checkpoints: the one signed at creation (event 1) is missing (deleted)",
    ]
    here = run_cli(vault_dir, "verify")  # the computer that made the evidence remembers it
    assert f"  - {WITNESS}" in here.stderr.splitlines()


def test_careful_truncation_is_caught_only_by_an_external_checkpoint(vault_dir, template, tmp_path):
    held = take_cli_checkpoint(vault_dir, tmp_path)
    truncate_consistently(vault_dir, template, keep_checkpoints_upto=4)
    elsewhere = another_computer(tmp_path)
    assert run_cli(vault_dir, "verify", env=elsewhere).returncode == 0  # inside the vault nothing is amiss
    given = run_cli(vault_dir, "verify", "--checkpoint", str(held), env=elsewhere)
    assert given.returncode == 1
    assert "FAILED verification: 1 problem(s)" in given.stderr.splitlines()[0]
    assert given.stderr.splitlines()[1:] == [f"  - given checkpoint at event 7: {REMOVED}"]
    here = run_cli(vault_dir, "verify")  # but the computer that made it saw event 8
    assert here.returncode == 1 and here.stderr.splitlines()[1:] == [f"  - {WITNESS}"]


def test_checkpoint_of_another_vault_is_reported(vault_dir, tmp_path):
    other, _ = Vault.create(tmp_path / "other", PASSPHRASE, owner_name="B", owner_role="C")
    with other:
        foreign = other.checkpoint()
    assert_problems(vault_dir, ["given checkpoint at event 1: it belongs to another vault"], external=[foreign])


# -- checkpoints --------------------------------------------------------------------------
def test_altered_checkpoint_signature(vault_dir):
    with ledger_db(vault_dir) as conn:
        (sig,) = conn.execute("SELECT signature FROM checkpoints WHERE seq=6").fetchone()
        conn.execute("UPDATE checkpoints SET signature=? WHERE seq=6", (sig[:-1] + bytes([sig[-1] ^ 1]),))
    assert_problems(vault_dir, ["checkpoint at event 6: signature is not valid (forged or altered)",
                                "checkpoint at event 6: differs from the one recorded in the ledger (edited)"])


def test_checkpoints_forged_with_another_key(vault_dir):
    forger = cp.new_signing_key()
    with ledger_db(vault_dir) as conn:
        conn.execute("UPDATE meta SET value=? WHERE key='signing_public'",
                     (cp.public_to_bytes(forger.public_key()),))
        for seq, head, at in conn.execute("SELECT seq, head_hash, at FROM checkpoints").fetchall():
            vault_id = conn.execute("SELECT value FROM meta WHERE key='vault_id'").fetchone()[0].decode()
            signed = cp.sign(forger, vault_id=vault_id, seq=seq, head=head, at=at)
            conn.execute("UPDATE checkpoints SET signature=? WHERE seq=?", (signed.signature, seq))
    assert_problems(vault_dir, [
        "checkpoints: the signing key is not the one the vault was created with",
        "checkpoint at event 6: differs from the one recorded in the ledger (edited)",
        "signing key: the private key does not match the vault's public key",
    ])


# -- the tables rebuilt from the ledger ---------------------------------------------------
def test_inserted_item_row(vault_dir):
    with ledger_db(vault_dir) as conn:
        (info,) = conn.execute("SELECT info FROM items WHERE id=2").fetchone()
        conn.execute("INSERT INTO items (id, case_id, kind, state, seq, info) VALUES (99, 1, 'file', 'active', 5, ?)",
                     (info,))
    assert_problems(vault_dir, ["item 99: not recorded in the ledger (inserted)"])


def test_deleted_item_row(vault_dir, template):
    with ledger_db(vault_dir) as conn:
        conn.execute("DELETE FROM artefacts WHERE item_id=2")
        conn.execute("DELETE FROM items WHERE id=2")
    report = verify_folder(vault_dir)
    assert report.problems == [
        "item 2: recorded in the ledger but missing (deleted)",
        f"artefact {template.artefact[2]}: recorded in the ledger but missing (deleted)",
    ]


def test_edited_artefact_sha256(vault_dir, template):
    with ledger_db(vault_dir) as conn:
        conn.execute("UPDATE artefacts SET sha256=? WHERE id=?", (sha256(b"other"), template.artefact[2]))
    assert_problems(vault_dir, [f"artefact {template.artefact[2]} of item 2: differs from the ledger (edited)"])


def test_artefact_key_removed_without_a_destroy_event(vault_dir, template):
    with ledger_db(vault_dir) as conn:
        conn.execute("UPDATE artefacts SET blob_key=NULL WHERE id=?", (template.artefact[3],))
    assert_problems(vault_dir, [
        f"artefact {template.artefact[3]} of item 3: its key state differs from the ledger"])


def test_quarantine_lifted_by_editing_the_state(vault_dir):
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.quarantine(2)
    with ledger_db(vault_dir) as conn:
        conn.execute("UPDATE items SET state='active' WHERE id=2")
    assert_problems(vault_dir, ["item 2: its case, kind or state differs from the ledger (edited)"])


def test_case_lookups_swapped(vault_dir):
    # Without the key one can still swap the name index: 'note --case A' would then file
    # evidence under case B. The lookup is recomputed from the ledger's name.
    with ledger_db(vault_dir) as conn:
        (a,), (b,) = conn.execute("SELECT lookup FROM cases ORDER BY id").fetchall()
        conn.execute("UPDATE cases SET lookup='x' WHERE id=1")
        conn.execute("UPDATE cases SET lookup=? WHERE id=2", (a,))
        conn.execute("UPDATE cases SET lookup=? WHERE id=1", (b,))
    assert_problems(vault_dir, [
        "case 1: its name lookup does not match its name (edited)",
        "case 2: its name lookup does not match its name (edited)",
    ])


@pytest.mark.parametrize("table, column, key, row, problem", [
    ("events", "body", "seq", 6, "event 6: its sealed content does not open at this position"),
    ("events", "prev_hash", "seq", 6, "event 6: does not follow the event before it"),
    ("events", "hash", "seq", 6, "event 6: its hash does not match its content (edited)"),
    ("items", "info", "id", 3, "item 3: its sealed details do not open (edited)"),
    ("cases", "name", "id", 2, "case 2: its sealed name does not open (edited)"),
    ("artefacts", "info", "id", "A3", "artefact A3 of item 3: its sealed details do not open (edited)"),
    ("artefacts", "blob_key", "id", "A3", "blob for artefact A3 (original of item 3): its sealed key does not open"),
    ("checkpoints", "signature", "seq", 6, "checkpoint at event 6: signature is not valid (forged or altered)"),
    ("checkpoints", "head_hash", "seq", 6, "checkpoint at event 6: signature is not valid (forged or altered)"),
])
@pytest.mark.parametrize("value", ["tampered", 12345, b""], ids=["text", "integer", "empty-blob"])
def test_a_value_of_the_wrong_type_is_a_finding_not_a_crash(vault_dir, template, table, column, key, row,
                                                            problem, value):
    row = template.artefact[3] if row == "A3" else row
    with ledger_db(vault_dir) as conn:
        conn.execute(f"UPDATE {table} SET {column}=? WHERE {key}=?", (value, row))
    report = verify_folder(vault_dir)
    expected = problem.replace("A3", template.artefact[3])
    assert any(p.startswith(expected) for p in report.problems), report.problems


@pytest.mark.parametrize("body, problem", [
    ({"type": ["self_flagged"]}, "event 8: malformed (unhashable type: 'list')"),
    ({"type": "made_up"}, "event 8: malformed (unknown event type 'made_up')"),
    ({"extra": 1}, "event 8: malformed (event body has unexpected fields or version)"),
])
def test_malformed_event_sealed_by_a_key_holder_is_a_finding(vault_dir, body, problem):
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        seq, head = vault.head()
        event = {"v": 2, "seq": seq + 1, "type": "self_flagged", "at": "2026-01-01T00:00:00.000Z", "salt": "ab" * 16,
                 "data": {"url": None}, "artefacts": [], **body}
        encoded = json.dumps(event, sort_keys=True, separators=(",", ":")).encode()
        with vault.database.transaction("test") as tx:
            tx.execute("INSERT INTO events (seq, prev_hash, hash, body) VALUES (?,?,?,?)", (
                seq + 1, head, chain_hash(head, encoded),
                vault.fields.seal(encoded, table="events", row=str(seq + 1), column="body")))
    assert_problems(vault_dir, [problem])


def test_extract_of_a_damaged_blob_leaves_no_partial_copy(vault_dir, template, tmp_path):
    # Chunks 0-1 still authenticate; chunk 2 does not. Nothing may be left on the USB stick
    # that could be mistaken for the evidence.
    flip_file_byte(blob_path(vault_dir, template.artefact[3]), 4 + 2 * SEALED_CHUNK + 5)
    out = tmp_path / "usb"
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        with pytest.raises(IntegrityError, match=f"artefact {template.artefact[3]} \\(item 3\\) has been altered"):
            vault.extract(3, out)
        assert list(out.iterdir()) == []
        with pytest.raises(IntegrityError) as caught:
            vault.read_artefact(3, "original")
    assert caught.value.problems == [f"blob {template.artefact[3]}: chunk 2 does not authenticate"]


def test_edited_owner_and_signing_key_are_reported(tmp_path):
    """meta.owner is printed on bundles; meta.signing_private signs checkpoints."""
    import sqlite3

    from evidence_vault.vault import Vault

    folder = tmp_path / "v"
    Vault.create(folder, PASSPHRASE, owner_name="A. Teacher", owner_role="Teacher")[0].close()
    with sqlite3.connect(folder / "ledger.db") as db:
        for key in ("owner", "signing_private"):
            value = bytearray(db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()[0])
            value[-1] ^= 1
            db.execute("UPDATE meta SET value=? WHERE key=?", (bytes(value), key))
    with Vault.open(folder, PASSPHRASE) as vault:
        problems = vault.verify().problems
    assert "owner: the sealed name and role do not open (edited or damaged)" in problems
    assert "signing key: the sealed private key does not open (edited or damaged)" in problems


def test_unsalted_format_1_event_appended_to_a_format_2_vault_is_a_finding(vault_dir):
    """A key holder appending an old-style (unsalted) event: format 1 events may only come first."""
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        seq, head = vault.head()
        encoded = Event(seq + 1, "self_flagged", "2026-01-01T00:00:00.000Z", {"url": None}, v=1).encode()
        with vault.database.transaction("test") as tx:
            tx.execute("INSERT INTO events (seq, prev_hash, hash, body) VALUES (?,?,?,?)", (
                seq + 1, head, chain_hash(head, encoded),
                vault.fields.seal(encoded, table="events", row=str(seq + 1), column="body")))
    assert_problems(vault_dir, [
        "event 8: its format (1) does not fit this vault (format 2) at this position (inserted)"])
