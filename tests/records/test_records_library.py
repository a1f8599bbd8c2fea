# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The records operations through the library (what the desktop app calls)."""

from __future__ import annotations

import pytest

from evidence_vault import DuplicateFileError, NotFoundError, QuarantinedError, UsageError, Vault, workflows
from evidence_vault.safeguarding import actions
from evidence_vault.vault.kinds import normalise_kind
from tests.vault.helpers import PASSPHRASE, ledger_db

from .conftest import CASE_A, CASE_B, FILE_BYTES


# -- finding cases and kinds ---------------------------------------------------------------------
def test_find_case_by_number_or_name(vault):
    assert vault.find_case("1").name == CASE_A
    assert vault.find_case("#2").name == CASE_B
    assert vault.find_case("  parent   EMAILS ").id == 2


def test_unknown_case_suggests_close_names_and_never_offers_to_create_it(vault):
    with pytest.raises(NotFoundError) as info:
        vault.find_case("coments about ms smith")
    text = str(info.value)
    assert f"Did you mean '{CASE_A}' (1)?" in text
    assert f"Cases in this vault: 1 {CASE_A}; 2 {CASE_B}." in text
    assert "case add" not in text and "Create" not in text
    with pytest.raises(NotFoundError, match="no case called '7'"):
        vault.find_case("7")


@pytest.mark.parametrize("typed, kind", [
    ("phone-call", "phone_call"), ("phone call", "phone_call"), ("call", "phone_call"),
    ("Text", "message"), ("WhatsApp", "message"), ("meeting", "in_person"), ("in person", "in_person"),
    ("e-mail", "email"), ("in_person", "in_person"), ("other", "other"),
])
def test_kinds_accept_natural_spellings(typed, kind):
    assert normalise_kind(typed) == kind


def test_unknown_kind_lists_the_kinds_in_words(vault):
    with pytest.raises(UsageError, match=r"'fax' is not a kind .* phone call \(or call"):
        vault.add_incident(vault.find_case("1"), kind="fax", text="x", occurred_at="2026-11-27T16:30:00Z")


def test_time_unknown_is_recorded_as_such(vault):
    item = vault.add_incident(vault.find_case("2"), kind="meeting", text="At the gate",
                              occurred_at="2026-11-27", time_unknown=True)
    assert item.info["occurred_at"] == "2026-11-27" and item.info["time_unknown"] is True
    assert item.info["incident_kind"] == "in_person"


# -- withdraw and amend --------------------------------------------------------------------------
def test_withdraw_keeps_the_item_and_records_who_when_why(vault):
    item = vault.withdraw(2, reason="  added to the wrong case ")
    assert item.state == "active" and item.withdrawn["reason"] == "added to the wrong case"
    assert item.withdrawn["by"] == "Alex Example" and item.withdrawn["at"].endswith("Z")
    assert vault.read_artefact(2, "original") == FILE_BYTES  # still there, still readable
    assert [i.withdrawn is not None for i in vault.items()] == [False, True]
    seq, _h, event = vault.events()[-1]
    assert event.type == "item_withdrawn" and event.data["item_id"] == 2
    with pytest.raises(UsageError, match="already withdrawn"):
        vault.withdraw(2, reason="again")
    with pytest.raises(UsageError, match="Say why"):
        vault.withdraw(1, reason="  ")
    assert vault.verify().ok


def test_amend_adds_a_note_and_the_original_stays(vault):
    before = vault.item(1)
    item = vault.amend(1, note="It was 4.45pm, not 4.30pm.")
    assert item.info == before.info  # the original entry is unchanged
    assert [a["note"] for a in item.amendments] == ["It was 4.45pm, not 4.30pm."]
    vault.amend(1, note="Second correction")
    assert len(vault.item(1).amendments) == 2
    with pytest.raises(UsageError, match="empty"):
        vault.amend(1, note=" ")
    assert vault.verify().ok


def test_withdraw_and_amend_survive_reopening(vault_dir):
    with Vault.open(vault_dir, PASSPHRASE) as v:
        v.withdraw(1, reason="duplicate of a paper note")
        v.amend(2, note="from Year 9 chat")
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert v.item(1).withdrawn["reason"] == "duplicate of a paper note"
        assert v.item(2).amendments[0]["note"] == "from Year 9 chat"
        assert v.item(1).to_json()["withdrawn"]["reason"] == "duplicate of a paper note"


def test_verify_finds_a_withdrawal_of_an_item_that_does_not_exist(vault_dir):
    """A hostile ledger: the correction event is re-pointed at item 99 (sealed bodies re-made
    with the key, as an insider would) — verify names the event."""
    with Vault.open(vault_dir, PASSPHRASE) as v:
        with v.database.transaction("test") as tx:
            v._append(tx, "item_withdrawn", {"item_id": 99, "reason": "x", "by": None})
        report = v.verify()
    assert not report.ok
    assert any("item_withdrawn names item 99, which was not added before it" in p for p in report.problems)


# -- destroy only under the recorded police reference -----------------------------------------
def test_destroy_needs_the_recorded_police_reference(vault):
    vault.quarantine(2)
    vault.record_police_reference(2, "CR/0412/26")
    with pytest.raises(UsageError, match="recorded for item 2 is 'CR/0412/26', not 'CR/9999/26'"):
        actions.destroy_on_police_advice(vault, 2, police_reference="CR/9999/26", confirm=lambda _i: True)
    with pytest.raises(UsageError, match="recorded for item 2"):
        vault.destroy(2, police_reference="CR/9999/26")
    assert vault.item(2).state == "quarantined"
    vault.destroy(2, police_reference=" cr/0412/26 ")  # same reference, as typed
    assert vault.item(2).state == "destroyed"


def test_destroying_an_active_item_points_to_withdraw_not_quarantine(vault):
    with pytest.raises(UsageError) as info:
        actions.destroy_on_police_advice(vault, 1, police_reference="X", confirm=lambda _i: True)
    assert "withdraw it instead" in str(info.value) and "Quarantine it first" not in str(info.value)


# -- files: one guarded path, duplicates --------------------------------------------------------
def test_same_file_again_names_the_existing_item(vault, same_file):
    with pytest.raises(DuplicateFileError) as info:
        workflows.add_file(vault, vault.find_case("2"), same_file)
    assert info.value.existing == [2]
    assert "already in the vault as item 2, in case 'Comments about Ms Smith'" in str(info.value)
    assert [i.id for i in vault.items()] == [1, 2]  # nothing added
    item = workflows.add_file(vault, vault.find_case("2"), same_file, again=True, note="again on purpose")
    assert item.id == 3 and item.main_sha256 == vault.item(2).main_sha256


# -- access audit ------------------------------------------------------------------------------
def test_extract_is_recorded_and_never_overwrites(vault, tmp_path):
    out = tmp_path / "usb"
    written = vault.extract(2, out)
    assert (out / "item2-notes.txt").read_bytes() == FILE_BYTES
    ex = vault.extractions(2)
    assert len(ex) == 1 and ex[0]["folder"] == str(out.resolve())
    assert sorted(ex[0]["files"]) == sorted(p.name for p in written)
    (out / "item2-notes.txt").write_bytes(b"someone's edited copy")
    with pytest.raises(UsageError, match="already holds item2-notes.txt"):
        vault.extract(2, out)
    assert (out / "item2-notes.txt").read_bytes() == b"someone's edited copy"
    assert len(vault.extractions(2)) == 1
    vault.extract(2, out, force=True)
    assert (out / "item2-notes.txt").read_bytes() == FILE_BYTES and len(vault.extractions(2)) == 2
    assert vault.verify().ok


def test_read_for_display_records_one_viewing_per_unlock(vault_dir):
    with Vault.open(vault_dir, PASSPHRASE) as v:
        for _ in range(3):
            assert v.read_for_display(2, role="original") == FILE_BYTES
        assert len(v.item_history(2).views) == 1
        v.read_for_display(1, role="entry")
        assert [e.type for _s, _h, e in v.events()][-2:] == ["item_viewed", "item_viewed"]
        v.quarantine(2)
        with pytest.raises(QuarantinedError):
            v.read_for_display(2, role="original")
    with Vault.open(vault_dir, PASSPHRASE) as v:  # a new unlock: a new viewing
        v.read_for_display(1, role="entry")
        assert len(v.item_history(1).views) == 2
        assert v.verify().ok


def test_flags_are_kept_per_case(vault):
    actions.record_self_flag(vault, "https://example.com/post/1", case=vault.find_case("1"))
    actions.record_self_flag(vault, None)
    assert [f.url for f in vault.flags(vault.find_case("1"))] == ["https://example.com/post/1"]
    assert vault.flags(vault.find_case("2")) == []
    assert len(vault.flags()) == 2


def test_history_skips_what_does_not_open_and_verify_names_it(vault_dir):
    with Vault.open(vault_dir, PASSPHRASE) as v:
        v.withdraw(2, reason="wrong case")
        seq = v.head()[0]
    with ledger_db(vault_dir) as conn:
        (body,) = conn.execute("SELECT body FROM events WHERE seq=?", (seq,)).fetchone()
        conn.execute("UPDATE events SET body=? WHERE seq=?", (body[:-1] + bytes([body[-1] ^ 1]), seq))
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert v.item(2).withdrawn is None  # the damaged record is not believed
        assert any(f"event {seq}:" in p for p in v.verify().problems)
