# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Quarantine, police reference and destruction (clause 71), through the real CLI.

A quarantined item is never decrypted for display, copy or export: the tests spy on the blob
store (``blob_reads``) to prove that the refusing commands do not even open its sealed files.
"""

from __future__ import annotations

import builtins
import io
import json
import sys
from pathlib import Path

import pytest
from synthetic_images import encode, smooth_image

from evidence_vault.errors import NotFoundError, QuarantinedError
from evidence_vault.vault import ArtefactSource, Vault

CASE = "Test case"                          # what the template vault holds (conftest.py)
PASSPHRASE = "correct horse battery staple"
PICTURE = encode(smooth_image(81))
METADATA = {"requested_url": "https://example.test/post", "title": "A post", "note": "page metadata"}


@pytest.fixture
def items(vault_dir, tmp_path) -> dict[str, int]:
    """Item ids in the copy: a file and a web capture, both active."""
    (tmp_path / "photo.png").write_bytes(PICTURE)
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        case = vault.case(CASE)
        photo = vault.add_file(case, tmp_path / "photo.png", guard=None)
        page = vault.add_capture(case, info={"requested_url": METADATA["requested_url"], "title": "A post"},
                                 artefacts=[
                                     ArtefactSource("screenshot", "screenshot.png", "image/png", [PICTURE]),
                                     ArtefactSource("metadata", "metadata.json", "application/json",
                                                    [json.dumps(METADATA).encode()]),
                                 ])
    return {"photo": photo.id, "page": page.id}


def blob_paths(vault_dir: Path) -> set[str]:
    return {p.name for p in (vault_dir / "blobs").glob("*/*") if p.is_file() and p.parent.name != ".tmp"}


def artefact_ids(vault_dir: Path, item_id: int) -> set[str]:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        return {a.id for a in vault.item(item_id).artefacts}


def last_event(cli) -> dict:
    return json.loads(cli("log", "--json").out)[-1]


# -- quarantine ------------------------------------------------------------------------------------


def test_quarantine_records_the_reason_and_lists_the_item_as_quarantined(cli, items):
    result = cli("quarantine", str(items["photo"]), "--reason", "the DSL thinks it shows a child")
    assert result.code == 0 and "can no longer be opened, copied or exported" in result.out
    event = last_event(cli)
    assert event["type"] == "item_quarantined"
    assert event["data"] == {"item_id": items["photo"], "reason": "the DSL thinks it shows a child"}
    assert "[QUARANTINED]" in cli("list").out
    assert cli("quarantine", str(items["page"])).code == 0
    assert last_event(cli)["data"]["reason"] == "may show a child"
    again = cli("quarantine", str(items["page"]))
    assert again.code == 2 and "already quarantined" in again.err
    assert cli("quarantine", "999").code == 2


def test_extract_of_a_quarantined_item_is_refused_without_decrypting_it(cli, items, tmp_path, blob_reads):
    assert cli("extract", str(items["photo"]), "-o", str(tmp_path / "before")).code == 0
    assert blob_reads, "the spy does not see decryption"
    assert (tmp_path / "before" / "item1-photo.png").read_bytes() == PICTURE
    assert cli("quarantine", str(items["photo"])).code == 0
    blob_reads.clear()

    result = cli("extract", str(items["photo"]), "-o", str(tmp_path / "usb"))

    assert result.code == 3
    assert "quarantined" in result.err and "cannot be opened, copied or exported" in result.err
    assert blob_reads == []
    assert not (tmp_path / "usb").exists()


def test_show_of_a_quarantined_capture_gives_its_record_but_never_decrypts_its_metadata(cli, items, blob_reads):
    before = cli("show", "--json", str(items["page"]))
    assert before.code == 0 and json.loads(before.out)["capture_metadata"] == METADATA
    assert blob_reads, "the spy does not see decryption"
    assert cli("quarantine", str(items["page"])).code == 0
    blob_reads.clear()

    as_json = cli("show", "--json", str(items["page"]))
    as_text = cli("show", str(items["page"]))

    assert as_json.code == 0 and as_text.code == 0
    record = json.loads(as_json.out)
    assert record["state"] == "quarantined" and "capture_metadata" not in record
    assert "quarantined" in as_text.out.splitlines()[0]
    assert "page metadata" not in as_json.out + as_text.out
    assert blob_reads == []


def test_read_artefact_refuses_a_quarantined_item_without_decrypting_it(vault_dir, items, blob_reads):
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.quarantine(items["page"])
        blob_reads.clear()
        for role in ("screenshot", "metadata"):
            with pytest.raises(QuarantinedError) as caught:
                vault.read_artefact(items["page"], role)
            assert caught.value.exit_code == 3
        with pytest.raises(QuarantinedError):
            vault.extract(items["page"], vault_dir.parent / "out")
    assert blob_reads == []


# -- police reference and destruction ----------------------------------------------------------


def test_police_ref_is_recorded(cli, items):
    result = cli("police-ref", str(items["photo"]), "  CR/2026/123 ")
    assert result.code == 0 and "CR/2026/123" in result.out
    event = last_event(cli)
    assert (event["type"], event["data"]) == ("police_reference_recorded",
                                              {"item_id": items["photo"], "reference": "CR/2026/123"})
    assert cli("police-ref", str(items["photo"]), "  ").code == 2


def test_destroy_needs_quarantine_and_a_police_reference(cli, items, vault_dir):
    blobs = blob_paths(vault_dir)
    active = cli("destroy", str(items["photo"]), "--police-ref", "CR/1", "--yes")
    assert active.code == 2 and "withdraw it instead" in active.err and "Quarantine" not in active.err
    assert cli("destroy", str(items["photo"]), "--yes").code == 2  # --police-ref is required
    assert cli("quarantine", str(items["photo"])).code == 0
    empty = cli("destroy", str(items["photo"]), "--police-ref", "  ", "--yes")
    assert empty.code == 2 and "police reference" in empty.err
    assert blob_paths(vault_dir) == blobs
    assert "item_destroyed" not in [e["type"] for e in json.loads(cli("log", "--json").out)]


def test_destroy_without_a_terminal_needs_yes(cli, items, vault_dir, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("DESTROY\n"))
    assert cli("quarantine", str(items["photo"])).code == 0
    result = cli("destroy", str(items["photo"]), "--police-ref", "CR/1")
    assert result.code == 2 and "--yes" in result.err
    assert artefact_ids(vault_dir, items["photo"]) <= blob_paths(vault_dir)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("answer, destroyed", [("no", False), ("destroy", False), ("DESTROY", True)])
def test_destroy_on_a_terminal_asks_first(cli, items, vault_dir, monkeypatch, answer, destroyed):
    assert cli("quarantine", str(items["photo"])).code == 0
    asked = []
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr(builtins, "input", lambda prompt: asked.append(prompt) or answer)
    result = cli("destroy", str(items["photo"]), "--police-ref", "CR/1")
    assert asked == [f"Type DESTROY to destroy item {items['photo']}: "]
    assert "destroyed for good" in result.out
    assert result.code == (0 if destroyed else 2)
    still_there = artefact_ids(vault_dir, items["photo"]) <= blob_paths(vault_dir)
    assert still_there is not destroyed


def test_destroy_erases_the_files_and_the_vault_still_verifies(cli, items, vault_dir):
    ids = artefact_ids(vault_dir, items["page"])
    assert ids <= blob_paths(vault_dir)
    assert cli("quarantine", str(items["page"])).code == 0
    assert cli("police-ref", str(items["page"]), "CR/2026/9").code == 0

    result = cli("destroy", str(items["page"]), "--police-ref", "CR/2026/9", "--yes")

    assert result.code == 0 and "destroyed on police advice" in result.out
    assert not ids & blob_paths(vault_dir), "a blob of the destroyed item is still on disk"
    event = last_event(cli)
    assert event["type"] == "item_destroyed"
    assert event["data"]["police_reference"] == "CR/2026/9" and set(event["data"]["artefacts"]) == ids
    verified = cli("verify")
    assert verified.code == 0, verified.err
    assert "[DESTROYED]" in cli("list").out
    gone = cli("extract", str(items["page"]), "-o", str(vault_dir.parent / "out"))
    assert gone.code == 2 and "destroyed" in gone.err
    assert cli("destroy", str(items["page"]), "--police-ref", "CR/2026/9", "--yes").code == 2
    with Vault.open(vault_dir, PASSPHRASE) as vault, pytest.raises(NotFoundError):
        vault.read_artefact(items["page"], "screenshot")
    # the other item is untouched
    assert cli("extract", str(items["photo"]), "-o", str(vault_dir.parent / "out")).code == 0


def test_editing_the_state_back_to_active_does_not_make_a_quarantined_item_readable(cli, items, vault_dir):
    """The state column is in clear; the key is what is held back, so an edit gains nothing."""
    import sqlite3

    assert cli("quarantine", str(items["photo"])).code == 0
    with sqlite3.connect(vault_dir / "ledger.db") as db:
        db.execute("UPDATE items SET state='active' WHERE id=?", (items["photo"],))
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        with pytest.raises(QuarantinedError):
            vault.read_artefact(items["photo"], "original")
        report = vault.verify()
    assert f"item {items['photo']}: its case, kind or state differs from the ledger (edited)" in report.problems

    # Moving the held key into the readable column does not help either: the ledger's last
    # event for the item says "quarantined", so no key is opened at all (and the held key is
    # sealed for its own column and would not open in another).
    with sqlite3.connect(vault_dir / "ledger.db") as db:
        db.execute("UPDATE artefacts SET blob_key=held_key WHERE item_id=?", (items["photo"],))
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        with pytest.raises(QuarantinedError):
            vault.read_artefact(items["photo"], "original")
        report = vault.verify()
    assert any("key state differs from the ledger" in p for p in report.problems)
