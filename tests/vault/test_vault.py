# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The library's operations on a real vault: unlock, passphrase change, cases, incidents,
files, extraction, quarantine and destruction."""

from __future__ import annotations

import json
import os
import re

import pytest

from evidence_vault import (
    IntegrityError, NotFoundError, QuarantinedError, UsageError, Vault, WrongPassphraseError,
)
from evidence_vault.vault.header import HEADER_NAME, read_header

from .helpers import (
    NEW_PASSPHRASE, PASSPHRASE, blob_files, blob_path, ledger_db, sha256, snapshot, verify_folder,
)

UTC_MS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def event_types(vault) -> list[str]:
    return [event.type for _seq, _hash, event in vault.events()]


# -- unlocking ----------------------------------------------------------------------------
@pytest.mark.parametrize("passphrase", ["not the passphrase at all", PASSPHRASE.upper(), PASSPHRASE + " ", ""])
def test_wrong_passphrase_changes_nothing(vault_dir, passphrase):
    before = snapshot(vault_dir)  # every file, the lock file included (same process id)
    with pytest.raises(WrongPassphraseError, match="did not unlock this vault, or the vault's header file was changed. Nothing has been changed"):
        Vault.open(vault_dir, passphrase)
    assert snapshot(vault_dir) == before
    verify_folder(vault_dir)  # and the lock was released: the right passphrase opens it


@pytest.mark.parametrize("key, message", [
    ("ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567-89ABC-DEFGH", "That recovery key did not unlock this vault"),
    ("ABCDE-FGHJK", "That is not a recovery key"),
])
def test_wrong_recovery_key_changes_nothing(vault_dir, key, message):
    before = snapshot(vault_dir)
    with pytest.raises(WrongPassphraseError, match=message):
        Vault.open(vault_dir, recovery_key=key)
    assert snapshot(vault_dir) == before


def test_recovery_key_unlocks_as_typed_and_is_recorded(template, vault_dir):
    typed = "  " + template.recovery_key.replace("-", " ").lower() + "\n"
    with Vault.open(vault_dir, recovery_key=typed) as vault:
        assert [c.name for c in vault.cases()] == [template.case_a, template.case_b]
        assert event_types(vault)[-1] == "recovery_key_used"
        assert vault.verify().ok


def test_passwd_rotates_the_data_key_and_keeps_the_blobs(template, vault_dir):
    blobs_before = snapshot(vault_dir / "blobs")
    header_before = read_header(vault_dir).header
    old_header = (vault_dir / "vault-header").read_bytes()
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.change_passphrase(NEW_PASSPHRASE)
        assert event_types(vault)[-1] == "passphrase_changed"
        assert vault.events()[-1][2].data == {"header_sha256": sha256((vault_dir / "vault-header").read_bytes())}
    header_after = read_header(vault_dir).header
    assert snapshot(vault_dir / "blobs") == blobs_before  # evidence files not rewritten
    assert header_after.vault_id == header_before.vault_id
    assert header_after.created_at == header_before.created_at
    assert header_after.recovery_wrap["public"] == header_before.recovery_wrap["public"]
    assert header_after.recovery_wrap["sealed"] != header_before.recovery_wrap["sealed"]
    assert header_after.kdf.salt != header_before.kdf.salt
    assert header_after.passphrase_wrap != header_before.passphrase_wrap
    assert not (vault_dir / "vault-header.next").exists()
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_dir, PASSPHRASE)
    with Vault.open(vault_dir, NEW_PASSPHRASE) as vault:
        assert vault.read_artefact(3, "original") == template.big
        report = vault.verify()
        assert (report.problems, report.warnings) == ([], [])
    with Vault.open(vault_dir, recovery_key=template.recovery_key) as vault:
        assert vault.read_artefact(2, "original") == template.small
    # The old header put back: the old passphrase unlocks only the old data key, which opens
    # nothing current (the data key was rotated), and the header differs from the ledger's.
    new_header = (vault_dir / "vault-header").read_bytes()
    (vault_dir / "vault-header").write_bytes(old_header)
    with pytest.raises(IntegrityError) as caught:
        Vault.open(vault_dir, PASSPHRASE)
    assert caught.value.problems == [
        "header: it is not the one recorded at the last passphrase change (an older header put back?)"]
    (vault_dir / "vault-header").write_bytes(new_header)


def test_passwd_too_short_changes_nothing(vault):
    before = snapshot(vault.folder, ignore=("ledger.db-wal", "ledger.db-shm"))
    with pytest.raises(UsageError, match="at least 12 characters, or four words"):
        vault.change_passphrase("short")
    assert snapshot(vault.folder, ignore=("ledger.db-wal", "ledger.db-shm")) == before
    assert event_types(vault)[-1] == "checkpoint_made"


def test_create_refuses_a_folder_with_files_and_a_short_passphrase(tmp_path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "thesis.docx").write_bytes(b"mine")
    with pytest.raises(UsageError, match="already holds files"):
        Vault.create(tmp_path / "busy", PASSPHRASE, owner_name="A", owner_role="B")
    assert [p.name for p in (tmp_path / "busy").iterdir()] == ["thesis.docx"]
    with pytest.raises(UsageError, match="at least 12 characters, or four words"):
        Vault.create(tmp_path / "new", "short", owner_name="A", owner_role="B")
    assert not (tmp_path / "new").exists()


def test_new_vault_records_owner_and_verifies(template, vault):
    with vault:
        first = vault.events()[0][2]
        assert first.type == "vault_created"
        assert first.data["owner"] == {"name": "Alex Example", "role": "Deputy Head"}
        assert vault.owner() == first.data["owner"]
        report = vault.verify()
    assert report.to_json() | {"head": None} == {
        "ok": True, "events": 7, "checkpoints": 2, "last_checkpoint_seq": 6, "blobs": 3,
        "bytes": len(template.incident_text.encode()) + len(template.small) + len(template.big),
        "head": None, "problems": [], "warnings": [],
        "checkpoints_handed_out": [{"seq": 6, "head": report.handed_out[0]["head"],
                                    "at": report.handed_out[0]["at"]}],
    }


def test_no_plaintext_anywhere_in_the_folder(template):
    markers = [b"ZQXJ", template.case_a.encode(), b"Ms Smith", b"notes.txt", b"Alex Example",
               b"from the class chat", template.big[:32]]
    for path in template.path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for marker in markers:
                assert marker not in data, f"{marker!r} is stored in clear in {path.name}"


# -- cases --------------------------------------------------------------------------------
def test_case_names_are_unique_case_insensitively(vault, template):
    for clash in (template.case_a.upper(), "  " + template.case_a.replace(" ", "   ") + " "):
        with pytest.raises(UsageError, match="There is already a case called"):
            vault.add_case(clash)
    assert vault.case("comments ABOUT ms smith,   may 2026").id == 1
    assert vault.case(template.case_b.lower()).name == template.case_b
    with pytest.raises(NotFoundError, match="There is no case called 'Nope'.*2 Group chat screenshots"):
        vault.case("Nope")
    with pytest.raises(UsageError, match="A case needs a name"):
        vault.add_case("   ")
    assert [c.name for c in vault.cases()] == [template.case_a, template.case_b]
    assert event_types(vault).count("case_created") == 2


# -- incidents ----------------------------------------------------------------------------
def test_incident_keeps_when_it_happened_apart_from_when_it_was_logged(vault, template):
    item = vault.item(1)
    assert item.kind == "incident"
    assert item.info["occurred_at"] == template.incident_at
    assert UTC_MS.match(item.created_at) and item.created_at != item.info["occurred_at"]
    assert item.info["incident_kind"] == "phone_call"
    assert item.info["summary"] == template.incident_text.splitlines()[0]
    assert vault.read_artefact(1, "entry").decode() == template.incident_text


def test_incident_input_is_checked(vault):
    case = vault.case("group chat screenshots")
    with pytest.raises(UsageError, match="'fax' is not a kind of incident"):
        vault.add_incident(case, kind="fax", text="x", occurred_at="2026-01-01T00:00:00Z")
    with pytest.raises(UsageError, match="The entry is empty"):
        vault.add_incident(case, kind="email", text=" \n ", occurred_at="2026-01-01T00:00:00Z")
    assert len(vault.items()) == 3


# -- files --------------------------------------------------------------------------------
def test_add_file_round_trips_bit_for_bit(vault, template):
    small, big = vault.item(2), vault.item(3)
    assert vault.read_artefact(2, "original") == template.small
    assert vault.read_artefact(3, "original") == template.big
    assert (small.main_sha256, small.artefacts[0].size) == (sha256(template.small), len(template.small))
    assert small.artefacts[0].media_type == "text/plain"
    assert big.artefacts[0].media_type == "application/octet-stream"
    assert small.info["note"] == "from the class chat"


@pytest.mark.parametrize("size", [0, 5 * 1024 * 1024 + 17])
def test_add_file_empty_and_multi_megabyte(vault, tmp_path, size):
    data = os.urandom(size)
    path = tmp_path / "evidence.png"
    path.write_bytes(data)
    item = vault.add_file(vault.case("Group chat screenshots"), path, guard=None)
    assert (item.kind, item.case, item.main_sha256) == ("file", "Group chat screenshots", sha256(data))
    assert item.artefacts[0].media_type == "image/png"
    assert vault.read_artefact(item.id, "original") == data
    sealed = blob_path(vault.folder, item.artefacts[0].id).stat().st_size
    assert sealed == 4 + size + 16 * max(1, -(-size // 65536))
    assert vault.verify().ok


def test_add_file_refuses_a_missing_path(vault, tmp_path):
    with pytest.raises(UsageError, match="There is no file at"):
        vault.add_file(vault.case("Group chat screenshots"), tmp_path / "nope.txt", guard=None)
    with pytest.raises(UsageError, match="There is no file at"):
        vault.add_file(vault.case("Group chat screenshots"), tmp_path, guard=None)
    assert len(vault.items()) == 3 and len(blob_files(vault.folder)) == 3


def test_items_listing(vault, template):
    items = vault.items()
    assert [(i.id, i.kind, i.case) for i in items] == [
        (1, "incident", template.case_a), (2, "file", template.case_a), (3, "file", template.case_b)]
    assert [i.id for i in vault.items(vault.case(template.case_b))] == [3]
    assert all(UTC_MS.match(i.created_at) for i in items)
    assert items[2].main_sha256 == sha256(template.big)
    with pytest.raises(NotFoundError, match="There is no item 42"):
        vault.item(42)


def test_extract_writes_bit_exact_files(vault, template, tmp_path):
    out = tmp_path / "usb"
    written = vault.extract(3, out)
    assert [p.name for p in written] == ["item3-chat.bin", "item3.record.json"]
    assert (out / "item3-chat.bin").read_bytes() == template.big
    record = json.loads((out / "item3.record.json").read_text(encoding="utf-8"))
    assert record["sha256"] == sha256(template.big) and record["artefacts"][0]["size"] == len(template.big)
    vault.extract(1, out)
    assert (out / "item1-entry.txt").read_bytes() == template.incident_text.encode()


# -- quarantine and destruction -----------------------------------------------------------
def test_quarantined_item_is_never_decrypted(vault, tmp_path):
    vault.quarantine(2)
    assert vault.item(2).state == "quarantined"  # its record can still be listed
    with pytest.raises(QuarantinedError, match="Item 2 is quarantined"):
        vault.read_artefact(2, "original")
    with pytest.raises(QuarantinedError, match="Item 2 is quarantined"):
        vault.extract(2, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    with pytest.raises(UsageError, match="Item 2 is already quarantined"):
        vault.quarantine(2)
    assert event_types(vault)[-1] == "item_quarantined"
    assert vault.verify().ok


def test_destroy_needs_quarantine_and_a_police_reference(vault):
    before = snapshot(vault.folder / "blobs")
    with pytest.raises(UsageError, match="Only a quarantined item can be destroyed; item 2 is active"):
        vault.destroy(2, police_reference="CRM-1234")
    vault.quarantine(2)
    with pytest.raises(UsageError, match="needs the police reference"):
        vault.destroy(2, police_reference="  ")
    assert snapshot(vault.folder / "blobs") == before
    assert event_types(vault)[-1] == "item_quarantined"


def test_destroy_crypto_shreds(vault, template):
    artefact = template.artefact[2]
    vault.quarantine(2)
    vault.record_police_reference(2, "CRM-1234")
    vault.destroy(2, police_reference=" CRM-1234 ")
    assert not blob_path(vault.folder, artefact).exists()
    assert vault.item(2).state == "destroyed"
    with pytest.raises(NotFoundError, match="destroyed on police advice"):
        vault.read_artefact(2, "original")
    destroyed = vault.events()[-1][2]
    assert (destroyed.type, destroyed.data) == ("item_destroyed", {
        "item_id": 2, "police_reference": "CRM-1234", "artefacts": [artefact]})
    report = vault.verify()
    assert (report.problems, report.warnings, report.blobs) == ([], [], 2)
    vault.close()
    with ledger_db(vault.folder) as conn:
        assert conn.execute("SELECT blob_key FROM artefacts WHERE id=?", (artefact,)).fetchone() == (None,)
    with pytest.raises(UsageError, match="already destroyed"):
        with Vault.open(vault.folder, PASSPHRASE) as again:
            again.quarantine(2)


def test_reopened_vault_reads_what_was_written(vault_dir, template):
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.add_case("Third case")
        vault.record_self_flag(url="https://example.com/post/1")
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert event_types(vault)[-2:] == ["case_created", "self_flagged"]
        assert vault.case("THIRD CASE").id == 3
    # WAL folded back in on close: nothing but the four documented entries remain
    assert sorted(p.name for p in vault_dir.iterdir()) == ["blobs", "ledger.db", "lock", HEADER_NAME]
    with ledger_db(vault_dir) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
