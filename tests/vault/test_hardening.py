# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The findings of the vault audit (issue 7), each as the hostile change and the exact finding
or refusal it must meet, in test_tamper.py's style. Someone who can write to the vault folder,
with or without the passphrase, and the same folder on read-only media.

The session vault's ledger: 1 vault_created, 2-3 case_created, 4-6 item_added (items 1-3),
7 checkpoint_made (the checkpoint at event 6); signed checkpoints at events 1 and 6.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess

import pytest

from evidence_vault import IntegrityError, QuarantinedError, UsageError, Vault
from evidence_vault.vault.db import map_sqlite_error

from .helpers import (
    PASSPHRASE, blob_path, ledger_db, one_line_error, run_cli, snapshot, verify_folder,
)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="links, pipes and modes are POSIX here")


def assert_problems(folder, expected: list[str]) -> None:
    report = verify_folder(folder)
    assert report.problems == expected
    assert not report.ok


def add_list(folder, name="school list", content=b"md5 list content") -> None:
    with Vault.open(folder, PASSPHRASE) as vault:
        vault.hash_lists.add(name, content, {"md5": 1, "source_sha256": "0" * 64})


# -- hash lists are safeguarding state: rebuilt from the ledger --------------------------------
def test_deleted_hash_list_is_a_finding(vault_dir):
    add_list(vault_dir)
    with ledger_db(vault_dir) as conn:
        conn.execute("DELETE FROM blocklists")
    assert_problems(vault_dir, ["hash list 1 ('school list'): recorded in the ledger but missing (deleted)"])


def test_hash_list_content_swapped_by_a_key_holder_is_a_finding(vault_dir):
    add_list(vault_dir)
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.database.transaction("test") as tx:
        tx.execute("UPDATE blocklists SET content=? WHERE id=1",
                   (vault._seal(b"an empty list", "blocklists", 1, "content"),))
    assert_problems(vault_dir, ["hash list 1: its content differs from the ledger (edited)"])


def test_trigger_that_wipes_lists_stops_the_vault_opening(vault_dir):
    add_list(vault_dir)
    with ledger_db(vault_dir) as conn:
        conn.execute("CREATE TRIGGER wipe AFTER INSERT ON events BEGIN DELETE FROM blocklists; END")
    for read_only in (False, True):
        with pytest.raises(IntegrityError, match="holds instructions") as caught:
            Vault.open(vault_dir, PASSPHRASE, read_only=read_only)
        assert caught.value.problems == ["schema: unknown trigger 'wipe' (not part of the vault format; added)"]
    result = run_cli(vault_dir, "verify")
    assert result.returncode == 1 and "holds instructions" in result.stderr.splitlines()[0]
    assert result.stderr.splitlines()[1:] == ["  - schema: unknown trigger 'wipe' (not part of the vault format; added)"]


# -- schema and SQLite's own check -------------------------------------------------------------
def test_extra_view_table_and_index_are_findings(vault_dir):
    with ledger_db(vault_dir) as conn:
        conn.execute("CREATE VIEW peek AS SELECT * FROM meta")
        conn.execute("CREATE TABLE stash (k BLOB)")
        conn.execute("CREATE INDEX items_kind ON items(kind)")
    assert_problems(vault_dir, [
        "schema: unknown index 'items_kind' (not part of the vault format; added)",
        "schema: unknown table 'stash' (not part of the vault format; added)",
        "schema: unknown view 'peek' (not part of the vault format; added)",
    ])


def test_one_byte_flipped_in_an_index_page_is_found_by_sqlite_integrity_check(vault_dir):
    with ledger_db(vault_dir) as conn:
        page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='sqlite_autoindex_artefacts_1'").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    path = vault_dir / "ledger.db"
    data = bytearray(path.read_bytes())
    offset = (page - 1) * size + size - 20  # inside the last cell: an artefact id in the index
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))
    report = verify_folder(vault_dir)
    assert report.problems and all(p.startswith("database: ") and p.endswith("(damaged or edited)")
                                   for p in report.problems), report.problems


def test_our_own_sql_mistake_is_a_bug_not_tampering(vault):
    with vault, pytest.raises(sqlite3.OperationalError, match="no such table"):
        vault.database.query("SELECT * FROM no_such_table")
    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode = sqlite3.SQLITE_BUSY
    assert type(map_sqlite_error(busy, "x")).__name__ == "VaultLockedError"
    text_only = sqlite3.OperationalError("disk is full, honestly")  # message alone decides nothing
    assert map_sqlite_error(text_only, "x") is text_only


# -- checkpoints ------------------------------------------------------------------------------
def test_deleted_creation_checkpoint_is_a_finding(vault_dir):
    with ledger_db(vault_dir) as conn:
        conn.execute("DELETE FROM checkpoints WHERE seq=1")
    assert_problems(vault_dir, ["checkpoints: the one signed at creation (event 1) is missing (deleted)"])


def test_deleted_handed_out_checkpoint_is_a_finding_and_verify_lists_them(vault_dir):
    listed = json.loads(run_cli(vault_dir, "verify", "--json").stdout)["checkpoints_handed_out"]
    assert [c["seq"] for c in listed] == [6]
    with ledger_db(vault_dir) as conn:
        conn.execute("DELETE FROM checkpoints WHERE seq=6")
    assert_problems(vault_dir, ["checkpoint at event 6: recorded in the ledger but missing (deleted)"])


@pytest.mark.parametrize("seq", ["1e400", "-1", "true", '"6"'])
def test_checkpoint_file_with_a_strange_seq_is_refused_clearly(vault_dir, tmp_path, seq):
    signed = json.loads(run_cli(vault_dir, "checkpoint").stdout)
    text = json.dumps(signed).replace(f'"seq": {signed["seq"]}', f'"seq": {seq}')
    (tmp_path / "cp.json").write_text(text)
    result = run_cli(vault_dir, "verify", "--checkpoint", str(tmp_path / "cp.json"))
    assert result.returncode == 2
    assert "is not a checkpoint printed by 'evidence-vault checkpoint'" in one_line_error(result)


# -- files: never follow a link out of the vault ----------------------------------------------
@pytest.mark.parametrize("make, what", [
    (lambda p, outside: p.symlink_to(outside), "a symbolic link"),
    (lambda p, outside: os.mkfifo(p), "a named pipe"),
    (lambda p, outside: p.mkdir(), "a folder"),
])
def test_blob_replaced_by_a_link_pipe_or_folder(vault_dir, template, tmp_path, make, what):
    outside = tmp_path / "teacher-notes.txt"
    outside.write_bytes(b"not evidence")
    path = blob_path(vault_dir, template.artefact[2])
    path.unlink()
    make(path, outside)
    result = run_cli(vault_dir, "verify", timeout=60)  # a pipe must not hang it
    assert result.returncode == 1
    assert_problems(vault_dir, [
        f"blob for artefact {template.artefact[2]} (original of item 2): it is {what}, not a file (replaced)"])
    with Vault.open(vault_dir, PASSPHRASE) as vault, pytest.raises(IntegrityError) as caught:
        vault.read_artefact(2, "original")
    assert caught.value.problems == [f"blob {template.artefact[2]}: it is {what}, not a file"]
    assert outside.read_bytes() == b"not evidence"


def test_destroy_never_overwrites_what_a_blob_link_points_to(vault_dir, template, tmp_path):
    outside = tmp_path / "teacher-notes.txt"
    outside.write_bytes(b"not evidence")
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.quarantine(2)
    path = blob_path(vault_dir, template.artefact[2])
    path.unlink()
    path.symlink_to(outside)
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.destroy(2, police_reference="CR/1")
    assert outside.read_bytes() == b"not evidence" and not os.path.lexists(path)


def test_pending_entry_that_is_a_path_deletes_nothing(vault_dir, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    with ledger_db(vault_dir) as conn:
        conn.execute("INSERT INTO pending_blobs (id) VALUES (?)", (str(victim),))
    assert_problems(vault_dir, [f"pending_blobs: {str(victim)!r} is not a blob name (planted; it is never used)"])
    assert victim.read_bytes() == b"keep me"


def test_tmp_folder_linked_elsewhere_is_not_emptied(vault_dir, tmp_path):
    elsewhere = tmp_path / "documents"
    elsewhere.mkdir()
    (elsewhere / "report.docx").write_bytes(b"mine")
    shutil.rmtree(vault_dir / "blobs" / ".tmp")
    (vault_dir / "blobs" / ".tmp").symlink_to(elsewhere)
    Vault.open(vault_dir, PASSPHRASE).close()
    assert (elsewhere / "report.docx").read_bytes() == b"mine"


def test_folder_inside_tmp_is_a_warning_not_a_crash(vault_dir):
    (vault_dir / "blobs" / ".tmp" / "odd").mkdir()
    report = verify_folder(vault_dir)
    assert report.ok and report.warnings == ["blobs/.tmp/odd: it is a folder, not a file Evidence Vault made"]


@pytest.mark.parametrize("make, what", [
    (lambda p, outside: p.symlink_to(outside), "a symbolic link"),
    (lambda p, outside: os.mkfifo(p), "a named pipe"),
    (lambda p, outside: p.mkdir(), "a folder"),
])
def test_lock_that_is_not_a_file_is_refused_and_never_truncates(vault_dir, tmp_path, make, what):
    outside = tmp_path / "essay.txt"
    outside.write_bytes(b"twelve pages")
    (vault_dir / "lock").unlink(missing_ok=True)
    make(vault_dir / "lock", outside)
    for passphrase in (PASSPHRASE, "a wrong passphrase here"):
        result = run_cli(vault_dir, "list", passphrase=passphrase, timeout=60)
        assert result.returncode == 1, result.stderr
        assert f"lock file has been replaced by {what}" in result.stderr.splitlines()[0]
        assert result.stderr.splitlines()[1:] == [f"  - lock: it is {what}, not a file"]
    assert outside.read_bytes() == b"twelve pages"


def test_sparse_huge_header_is_refused_without_reading_it(vault_dir):
    with open(vault_dir / "vault-header", "r+b") as handle:
        handle.truncate(3 << 30)  # 3 GiB, sparse
    with pytest.raises(IntegrityError) as caught:
        Vault.open(vault_dir, PASSPHRASE)
    assert caught.value.problems == ["header: it is larger than any vault header"]


# -- quarantine is decided by the ledger ------------------------------------------------------
def test_old_sealed_key_copied_back_after_quarantine_opens_nothing(vault_dir, template, tmp_path):
    with ledger_db(vault_dir) as conn:
        old_key = conn.execute("SELECT blob_key FROM artefacts WHERE item_id=2").fetchone()[0]
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.quarantine(2)
    with ledger_db(vault_dir) as conn:
        conn.execute("UPDATE artefacts SET blob_key=?, held_key=NULL WHERE item_id=2", (old_key,))
        conn.execute("UPDATE items SET state='active' WHERE id=2")
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert vault.item(2).state == "quarantined"
        with pytest.raises(QuarantinedError):
            vault.read_artefact(2, "original")
        with pytest.raises(QuarantinedError):
            vault.extract(2, tmp_path / "usb")
        assert b"".join(vault.iter_artefact_unchecked(template.artefact[1]))  # others still open
        with pytest.raises(QuarantinedError):
            b"".join(vault.iter_artefact_unchecked(template.artefact[2]))
    assert not (tmp_path / "usb").exists() or list((tmp_path / "usb").iterdir()) == []


# -- the rollback witness ---------------------------------------------------------------------
def test_vault_restored_from_an_older_copy_is_named_on_this_computer(vault_dir, tmp_path):
    backup = tmp_path / "backup"
    shutil.copytree(vault_dir, backup)
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.add_case("Added after the backup")
    shutil.rmtree(vault_dir)
    shutil.copytree(backup, vault_dir)
    with pytest.raises(IntegrityError, match="^This vault is older than the one last opened on this computer"):
        Vault.open(vault_dir, PASSPHRASE)
    result = run_cli(vault_dir, "verify")
    assert result.returncode == 1
    assert "this computer: this vault is older than the one last opened here (the ledger ends at " \
           "event 7; event 8 was seen here)" in result.stderr


def test_witness_lives_in_the_config_folder_given(vault_dir, tmp_path):
    config = tmp_path / "config"
    with Vault.open(vault_dir, PASSPHRASE, config_dir=config) as vault:
        vault_id = vault.vault_id.hex()
    witness = json.loads((config / "witnesses" / f"{vault_id}.json").read_text())
    assert witness["seq"] == 7 and witness["vault_id"] == vault_id
    assert not any(p.name.endswith(".json") for p in vault_dir.rglob("*"))


# -- verify is a forensic read ----------------------------------------------------------------
@pytest.fixture
def read_only_copy(vault_dir, tmp_path):
    """The vault on a read-only bind mount (as root, chmod alone would not stop a write)."""
    target = tmp_path / "cdrom"
    target.mkdir()
    subprocess.run(["chmod", "-R", "a-w", str(vault_dir)], check=True)
    bound = subprocess.run(["mount", "--bind", str(vault_dir), str(target)], capture_output=True)
    if bound.returncode != 0:
        pytest.skip(f"no bind mount here: {bound.stderr!r}")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(target)], check=True)
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=True)
        subprocess.run(["chmod", "-R", "u+w", str(vault_dir)], check=True)


def test_verify_on_read_only_media_changes_nothing(read_only_copy):
    before = snapshot(read_only_copy)
    with pytest.raises(OSError):
        (read_only_copy / "probe").write_bytes(b"")  # it really is read-only
    result = run_cli(read_only_copy, "verify")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Vault verified: 7 events")
    assert snapshot(read_only_copy) == before


def test_verify_changes_nothing_in_a_writable_folder(vault_dir):
    (vault_dir / "blobs" / ".tmp" / "leftover").write_bytes(b"x")
    before = snapshot(vault_dir)
    stat_before = {p: os.stat(p).st_mtime_ns for p in vault_dir.rglob("*")}
    result = run_cli(vault_dir, "verify")
    assert result.returncode == 0, result.stderr
    assert snapshot(vault_dir) == before
    assert {p: os.stat(p).st_mtime_ns for p in vault_dir.rglob("*")} == stat_before


# -- smaller items ----------------------------------------------------------------------------
def test_folder_and_files_are_owner_only(tmp_path):
    folder = tmp_path / "new"
    Vault.create(folder, PASSPHRASE, owner_name="A", owner_role="B")[0].close()
    assert os.stat(folder).st_mode & 0o777 == 0o700
    for path in folder.rglob("*"):
        mode = os.stat(path).st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


@pytest.mark.parametrize("passphrase, ok", [
    ("short", False), ("elevenchars", False), ("twelve chars", True), ("ox by at it", True), ("a b c d", False),
])
def test_passphrase_minimum(tmp_path, passphrase, ok):
    if ok:
        Vault.create(tmp_path / "v", passphrase, owner_name="A", owner_role="B")[0].close()
    else:
        with pytest.raises(UsageError, match="at least 12 characters, or four words. Anyone who gets a copy"):
            Vault.create(tmp_path / "v", passphrase, owner_name="A", owner_role="B")


def test_extract_of_a_file_called_record_json_keeps_both(vault_dir, tmp_path):
    evidence = tmp_path / "record.json"
    evidence.write_bytes(b'{"this is": "the evidence"}')
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        item = vault.add_file(vault.case("Group chat screenshots"), evidence, guard=None)
        written = vault.extract(item.id, tmp_path / "usb")
        assert [p.name for p in written] == ["item4-record.json", "item4.record.json"]
        assert written[0].read_bytes() == evidence.read_bytes()
        assert json.loads(written[1].read_text())["id"] == 4
        with pytest.raises(UsageError, match="already holds item4-record.json, item4.record.json. Nothing was written"):
            vault.extract(item.id, tmp_path / "usb")
    assert written[0].read_bytes() == evidence.read_bytes()


def test_kdf_values_changed_within_range_are_named_as_a_possible_header_change(vault_dir):
    from evidence_vault import WrongPassphraseError
    from evidence_vault._canonical import canonical_json
    from evidence_vault.vault.header import HEADER_NAME
    lines = (vault_dir / HEADER_NAME).read_bytes().split(b"\n")
    body = json.loads(lines[1])
    body["kdf"]["iterations"] = 4  # allowed, but not what the data key was wrapped with
    lines[1] = canonical_json(body)
    lines[2] = b"sha256 " + __import__("hashlib").sha256(lines[1]).hexdigest().encode()
    (vault_dir / HEADER_NAME).write_bytes(b"\n".join(lines))
    with pytest.raises(WrongPassphraseError,
                       match="^That passphrase did not unlock this vault, or the vault's header file was changed"):
        Vault.open(vault_dir, PASSPHRASE)


def test_a_vault_opened_to_be_checked_cannot_be_written(vault_dir):
    with Vault.open(vault_dir, PASSPHRASE, read_only=True) as vault:
        with pytest.raises(UsageError, match="opened only to be checked"):
            vault.add_case("Not now")
        assert vault.verify().problems == []


def test_format_1_vault_passwd_needs_the_recovery_key(tmp_path):
    import tarfile
    from pathlib import Path
    tar = Path(__file__).resolve().parents[1] / "vectors" / "vault" / "format1-good.tar"
    with tarfile.open(tar) as archive:
        archive.extractall(tmp_path, filter="data")
    with Vault.open(tmp_path / "vault", "vector passphrase") as vault:
        with pytest.raises(UsageError, match="unlock it with your recovery key"):
            vault.change_passphrase("a new and long passphrase")
    with Vault.open(tmp_path / "vault", "vector passphrase") as vault:
        assert vault.verify().problems == []


def test_events_rewritten_under_an_open_vault_are_read_again_not_trusted(vault_dir):
    """The ledger is decoded once per open vault and then only its new events (history.py).
    If the rows already read change underneath (damage, or a writer that ignored the lock),
    the states must come from the ledger as it now is, not from the copy in memory."""
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert vault.item(1).state == "active"  # events 1-7 decoded and cached
        with ledger_db(vault_dir) as conn:      # item 1's item_added and the last event read go
            conn.execute("DELETE FROM events WHERE seq IN (4, 7)")
        assert vault.item(1).state == "quarantined"  # unknown to the ledger: never opened
        with pytest.raises(QuarantinedError):
            vault.read_artefact(1, "original")
        assert vault.item(2).state == "active"
