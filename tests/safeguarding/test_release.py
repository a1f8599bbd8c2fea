# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Issue 20 §4: locking away is offered only for items that can hold a picture, and a lock made
in error is released only deliberately (the reason and the safeguarding lead who agreed, a
ledger event, nothing shown in the same step). Through the library and the real CLI."""

from __future__ import annotations

import json

import pytest
from synthetic_images import encode, smooth_image

from evidence_vault.errors import QuarantinedError, UsageError
from evidence_vault.vault import Vault, can_hold_picture

CASE = "Test case"
PASSPHRASE = "correct horse battery staple"
PICTURE = encode(smooth_image(81))


@pytest.fixture
def items(vault_dir, tmp_path) -> dict[str, int]:
    (tmp_path / "photo.png").write_bytes(PICTURE)
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        case = vault.case(CASE)
        photo = vault.add_file(case, tmp_path / "photo.png", guard=None)
        call = vault.add_incident(case, kind="phone call", text="He rang about the trip.",
                                  occurred_at="2026-11-20T16:30:00Z")
    return {"photo": photo.id, "call": call.id}


def test_an_incident_cannot_hold_a_picture_and_is_never_locked_away(vault_dir, items, cli):
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert can_hold_picture(vault.item(items["photo"])) and not can_hold_picture(vault.item(items["call"]))
        before = len(vault.events())
        with pytest.raises(UsageError) as refused:
            vault.quarantine(items["call"])
        assert str(refused.value) == (f"Item {items['call']} is an entry you typed (a phone call); it cannot hold "
                                      "a picture, so there is nothing to lock away. If it was entered by mistake, "
                                      "withdraw it instead.")
        assert len(vault.events()) == before and vault.item(items["call"]).state == "active"
    assert cli("quarantine", str(items["call"])).code == 2


def test_release_needs_a_reason_and_the_leads_name_and_is_a_ledger_event(vault_dir, items):
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.quarantine(items["photo"])
        before = len(vault.events())
        with pytest.raises(UsageError, match=r"^Say why the item is released.*Nothing was released\.$"):
            vault.release(items["photo"], reason="  ", agreed_by="Ms Patel")
        with pytest.raises(UsageError, match=r"^Give the name of the designated safeguarding lead .*"
                                             r"Nothing was released\.$"):
            vault.release(items["photo"], reason="a photo of the school minibus", agreed_by=" ")
        assert len(vault.events()) == before
        with pytest.raises(QuarantinedError):
            vault.read_artefact(items["photo"], "original")
        released = vault.release(items["photo"], reason=" a photo of  the school minibus ",
                                 agreed_by="Ms  Patel")
        assert released.state == "active"
        _seq, _hash, event = vault.events()[-1]
        assert event.type == "item_released"
        assert event.data == {"item_id": items["photo"], "reason": "a photo of the school minibus",
                              "agreed_by": "Ms Patel", "by": "Test Teacher"}
        assert [e.type for _s, _h, e in vault.events()[before:]] == ["item_released"]  # nothing viewed
        assert vault.item_history(items["photo"]).releases[0]["agreed_by"] == "Ms Patel"
        assert vault.read_artefact(items["photo"], "original") == PICTURE  # readable again, as it was
        assert vault.verify().ok
        with pytest.raises(UsageError, match="is not locked away"):
            vault.release(items["photo"], reason="again", agreed_by="Ms Patel")
    with Vault.open(vault_dir, PASSPHRASE) as vault:  # the state comes from the ledger, after reopening
        assert vault.item(items["photo"]).state == "active"


def test_cli_release_and_show(cli, items):
    assert cli("quarantine", str(items["photo"])).code == 0
    missing = cli("release", str(items["photo"]), "--reason", "not a child")
    assert missing.code == 2  # argparse: --agreed-by is required
    done = cli("release", str(items["photo"]), "--reason", "an adult, checked", "--agreed-by", "Ms Patel")
    assert done.code == 0, done.err
    assert done.out == (f"Item {items['photo']} is released from the lock, with the agreement of Ms Patel. The "
                        "release, your reason and who agreed are kept in its history. Nothing of it was shown.\n")
    shown = cli("show", str(items["photo"])).out
    assert "  Released from the lock " in shown and " by Test Teacher, agreed by Ms Patel (safeguarding lead): " \
        "an adult, checked" in shown
    record = json.loads(cli("show", "--json", str(items["photo"])).out)
    assert record["history"]["releases"][0]["reason"] == "an adult, checked"
    assert "[QUARANTINED]" not in cli("list").out
    assert cli("verify").code == 0


def test_verify_names_a_release_of_an_item_never_locked_away(vault_dir, items):
    """An insider with the key appends a release for an active item: verify names the event."""
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        with vault.database.transaction("test") as tx:
            vault._append(tx, "item_released", {"item_id": items["photo"], "reason": "x", "agreed_by": "y",
                                                "by": None})
        report = vault.verify()
    assert not report.ok
    assert any(f"item_released names item {items['photo']}, which was not locked away" in p for p in report.problems)

