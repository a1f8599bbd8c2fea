# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What ``redact`` refuses, through the real CLI, with nothing written: a box outside the
picture or of no size, a box on an item without a picture, words the item does not hold, a
vault open in another program, a locked-away item; ``--undo`` takes a redaction back, and a
redacted copy of a case with nothing redacted is refused."""

from __future__ import annotations

import json

import pytest

from evidence_vault import Vault

from bundle_helpers import add_synthetic_capture
from helpers import OWNER, PASSPHRASE, run_cli


@pytest.fixture
def made(tmp_path):
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASSPHRASE, owner_name=OWNER[0], owner_role=OWNER[1])
    try:
        case = vault.add_case("Case")
        page = add_synthetic_capture(vault, case, height=800)  # 1280 x 800 pixels
        told = vault.add_incident(case, kind="phone_call", text="Jane Pupil's mum rang.",
                                  occurred_at="2026-11-20T16:00:00Z")
    finally:
        vault.close()
    return folder, page.id, told.id


def _events(folder) -> int:
    vault = Vault.open(folder, PASSPHRASE)
    try:
        return len(vault.events())
    finally:
        vault.close()


@pytest.mark.parametrize("args, says", [
    (["--box", "1300,10,50,50"], "lies outside the picture, which is 1280 x 800 pixels"),
    (["--box", "10,900,50,50"], "lies outside the picture"),
    (["--box", "10,10,0,50"], "has no area"),
    (["--box", "10,10,50,-5"], "has no area"),
    (["--box=-10,10,50,50"], "starts left of or above the picture"),
    (["--box", "10,10,50"], "four whole numbers"),
    (["--box", "a,b,c,d"], "four whole numbers"),
    (["--text", "Nobody Here"], "does not appear in item"),
    (["--text", "   "], "Give the exact words"),
    (["--text", "Synthetic page", "--box", "1300,0,5,5"], "lies outside"),  # one bad request: none kept
    ([], "Say what to hide"),
])
def test_refused_with_nothing_written(made, args, says):
    folder, page, _told = made
    before = _events(folder)
    result = run_cli(folder, "redact", str(page), *args)
    assert result.returncode == 2, result.stdout
    assert says in result.stderr
    assert _events(folder) == before


def test_a_box_on_an_item_without_a_picture_is_refused(made):
    folder, _page, told = made
    before = _events(folder)
    result = run_cli(folder, "redact", str(told), "--box", "0,0,10,10")
    assert result.returncode == 2
    assert "has no screen print or picture" in result.stderr
    assert _events(folder) == before


def test_a_box_past_the_edge_is_cut_to_the_picture(made):
    folder, page, _told = made
    result = run_cli(folder, "redact", str(page), "--box", "1200,700,500,500", "--json")
    assert result.returncode == 0, result.stderr
    done = json.loads(result.stdout)["done"][0]
    assert done["redaction"]["box"] == [1200, 700, 80, 100]
    assert "cut to the picture" in done["note"]


def test_a_vault_open_elsewhere_is_refused(made):
    folder, page, _told = made
    holder = Vault.open(folder, PASSPHRASE)
    try:
        result = run_cli(folder, "redact", str(page), "--text", "Synthetic page")
        assert result.returncode != 0
        assert "already open" in result.stderr
    finally:
        holder.close()
    assert not any(e.type == "item_redacted" for _s, _h, e in _vault_events(folder))


def test_a_locked_away_item_cannot_be_redacted(made):
    folder, page, _told = made
    vault = Vault.open(folder, PASSPHRASE)
    try:
        vault.quarantine(page)
    finally:
        vault.close()
    before = _events(folder)
    result = run_cli(folder, "redact", str(page), "--box", "0,0,10,10")
    assert result.returncode != 0
    assert "locked away" in result.stderr or "quarantined" in result.stderr
    assert _events(folder) == before


def test_undo_and_a_copy_with_nothing_redacted(made, tmp_path):
    folder, _page, told = made
    said = run_cli(folder, "redact", str(told), "--text", "jane  PUPIL")  # any case, any spacing
    assert said.returncode == 0
    listed = json.loads(run_cli(folder, "redact", str(told), "--list", "--json").stdout)["redactions"]
    # the number is the one --undo takes, and the next command names the item's real case
    assert f"evidence-vault redact {told} --undo {listed[0]['seq']}" in said.stdout
    assert "evidence-vault export --case Case --redacted -o FILE.pdf" in said.stdout
    assert [r["text"] for r in listed] == ["jane PUPIL"]
    undone = run_cli(folder, "redact", str(told), "--undo", str(listed[0]["seq"]))
    assert undone.returncode == 0 and "Took back redaction" in undone.stdout
    assert "has no redactions" in run_cli(folder, "redact", str(told), "--list").stdout
    again = run_cli(folder, "redact", str(told), "--undo", str(listed[0]["seq"]))
    assert again.returncode != 0 and "no redaction numbered" in again.stderr
    out = tmp_path / "copy.pdf"
    refused = run_cli(folder, "export", "--case", "Case", "--redacted", "-o", str(out), timeout=300)
    assert refused.returncode == 2 and "no item of this vault has a redaction" in refused.stderr.lower()
    assert not out.exists()
    verified = run_cli(folder, "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    kinds = [e.type for _s, _h, e in _vault_events(folder)]
    assert kinds.count("item_redacted") == 1 and kinds.count("redaction_removed") == 1


def _vault_events(folder):
    vault = Vault.open(folder, PASSPHRASE)
    try:
        return vault.events()
    finally:
        vault.close()
