# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The same behaviours through the real ``evidence-vault`` command in a subprocess, with a fixed
time zone (TZ) so the local times printed are known."""

from __future__ import annotations

import json
import re

import pytest

from tests.vault.helpers import PASSPHRASE, one_line_error, run_cli

from .conftest import CASE_A, FILE_BYTES

LONDON = {"TZ": "Europe/London", "LANG": "en_GB.UTF-8"}
AUCKLAND = {"TZ": "Pacific/Auckland", "LANG": "en_GB.UTF-8"}


def ok(result):
    assert result.returncode == 0, result.stderr
    return result


def test_list_and_show_use_local_time_with_the_zone(vault_dir):
    listed = ok(run_cli(vault_dir, "list", env=LONDON)).stdout
    assert "Z" not in re.sub(r"[A-Za-z]{2,}", "", listed)  # no bare UTC "Z" stamps
    assert "    1  Fri 27 Nov 2026 16:30  happened  incident     " in listed
    assert "Times are in local time (GMT)." in listed
    far = ok(run_cli(vault_dir, "list", env=AUCKLAND)).stdout
    assert "    1  Sat 28 Nov 2026 05:30  happened  incident     " in far
    assert "Times are in local time (NZDT)." in far
    shown = ok(run_cli(vault_dir, "show", "1", env=AUCKLAND)).stdout
    assert "happened Sat 28 Nov 2026, 05:30 NZDT (16:30 UTC on Fri 27 Nov 2026)" in shown


def test_list_shortens_and_show_prints_notes_in_full(vault_dir):
    listed = ok(run_cli(vault_dir, "list", env=LONDON)).stdout
    assert "…" in listed and "'evidence-vault show ID' shows one in full" in listed
    shown = ok(run_cli(vault_dir, "show", "1", env=LONDON)).stdout
    assert "he said he would find it anyway." in shown and "    Second line." in shown


def test_json_keeps_utc_and_adds_the_zone(vault_dir):
    items = json.loads(ok(run_cli(vault_dir, "list", "--json", env=LONDON)).stdout)
    assert items[0]["info"]["occurred_at"] == "2026-11-27T16:30:00Z"
    assert items[0]["created_at"].endswith("Z") and items[0]["time_zone"] == "Europe/London"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", items[0]["created_at_local"])


@pytest.mark.parametrize("at, env, stored, said", [
    ("27/11/2026 16:30", LONDON, "2026-11-27T16:30:00Z", "happened Fri 27 Nov 2026, 16:30 GMT."),
    ("15 Jun 2026 4.30pm", LONDON, "2026-06-15T15:30:00Z", "happened Mon 15 Jun 2026, 16:30 BST."),
    ("28/11/2026 9am", AUCKLAND, "2026-11-27T20:00:00Z", "happened Sat 28 Nov 2026, 09:00 NZDT."),
])
def test_note_at_reads_uk_dates_and_repeats_them(vault_dir, at, env, stored, said):
    result = ok(run_cli(vault_dir, "note", "--case", "2", "--kind", "phone-call", "--at", at, "He rang", env=env))
    assert said in result.stdout and "phone call" in result.stdout
    item = json.loads(ok(run_cli(vault_dir, "show", "3", "--json")).stdout)
    assert item["info"]["occurred_at"] == stored and item["info"]["incident_kind"] == "phone_call"


def test_note_date_without_time_asks_for_one_or_time_unknown(vault_dir):
    result = run_cli(vault_dir, "note", "--case", "2", "--kind", "text", "--at", "2026-11-27", "x", env=LONDON)
    assert result.returncode == 2
    assert "without a time. Add the time" in one_line_error(result) and "--time-unknown" in result.stderr
    result = ok(run_cli(vault_dir, "note", "--case", "2", "--kind", "text", "--at", "27/11/2026",
                        "--time-unknown", "x", env=LONDON))
    assert "happened Fri 27 Nov 2026, time not known." in result.stdout
    item = json.loads(ok(run_cli(vault_dir, "show", "3", "--json")).stdout)
    assert item["info"]["occurred_at"] == "2026-11-27" and item["info"]["time_unknown"] is True


def test_case_by_number_and_did_you_mean(vault_dir):
    ok(run_cli(vault_dir, "note", "--case", "1", "--kind", "call", "--at", "yesterday 9am", "x", env=LONDON))
    result = run_cli(vault_dir, "list", "--case", "coments about ms smith")
    assert result.returncode == 2
    line = one_line_error(result)
    assert f"Did you mean '{CASE_A}' (1)?" in line and "case add" not in line


def test_kind_help_lists_kinds_in_words_and_bad_kind_is_one_line(vault_dir):
    helped = ok(run_cli(None, "note", "--help")).stdout
    assert "phone call (or call" in " ".join(helped.split())
    result = run_cli(vault_dir, "note", "--case", "1", "--kind", "fax", "x")
    assert result.returncode == 2 and "'fax' is not a kind of incident" in one_line_error(result)


def test_withdraw_and_amend(vault_dir):
    result = ok(run_cli(vault_dir, "withdraw", "2", "--reason", "added to the wrong case"))
    assert "Item 2 is withdrawn" in result.stdout
    ok(run_cli(vault_dir, "amend", "1", "--note", "It was 4.45pm"))
    listed = ok(run_cli(vault_dir, "list", env=LONDON)).stdout
    assert re.search(r"notes\.txt \[WITHDRAWN\]", listed) and "[AMENDED]" in listed
    shown = ok(run_cli(vault_dir, "show", "2", env=LONDON)).stdout
    assert "WITHDRAWN" in shown and "by Alex Example: added to the wrong case" in shown
    assert "Corrected 1 time" in ok(run_cli(vault_dir, "show", "1")).stdout
    log = ok(run_cli(vault_dir, "log", env=LONDON)).stdout
    assert "item_withdrawn" in log and "item_amended" in log
    again = run_cli(vault_dir, "withdraw", "2", "--reason", "x")
    assert again.returncode == 2 and "already withdrawn" in one_line_error(again)
    ok(run_cli(vault_dir, "verify"))


def test_destroy_refuses_another_police_reference(vault_dir):
    ok(run_cli(vault_dir, "quarantine", "2"))
    ok(run_cli(vault_dir, "police-ref", "2", "CR/0412/26"))
    result = run_cli(vault_dir, "destroy", "2", "--police-ref", "CR/1111/26", "--yes")
    assert result.returncode == 2 and "'CR/0412/26', not 'CR/1111/26'" in one_line_error(result)
    shown = ok(run_cli(vault_dir, "show", "2", env=LONDON)).stdout
    assert "Police reference: CR/0412/26" in shown and "may show a child" in shown
    ok(run_cli(vault_dir, "destroy", "2", "--police-ref", "CR/0412/26", "--yes"))


def test_same_file_twice_needs_again_without_a_terminal(vault_dir, same_file):
    result = run_cli(vault_dir, "add-file", "--case", "2", str(same_file))
    assert result.returncode == 2 and "already in the vault as item 2" in one_line_error(result)
    assert "--again" in result.stderr
    ok(run_cli(vault_dir, "add-file", "--case", "2", "--again", str(same_file)))


def test_extract_is_recorded_never_overwrites_and_quarantine_says_where(vault_dir, tmp_path):
    out = tmp_path / "usb"
    result = ok(run_cli(vault_dir, "extract", "2", "-o", str(out)))
    assert "NOT encrypted" in result.stdout and (out / "item2-notes.txt").read_bytes() == FILE_BYTES
    (out / "item2-notes.txt").write_bytes(b"changed")
    again = run_cli(vault_dir, "extract", "2", "-o", str(out))
    assert again.returncode == 2 and "already holds" in one_line_error(again)
    assert (out / "item2-notes.txt").read_bytes() == b"changed"
    ok(run_cli(vault_dir, "extract", "2", "-o", str(out), "--force"))
    quarantined = ok(run_cli(vault_dir, "quarantine", "2", env=LONDON)).stdout
    assert f"to {out.resolve()}" in quarantined and "It was extracted before, on" in quarantined
    assert "item_extracted" in ok(run_cli(vault_dir, "log")).stdout


def test_flags_appear_in_list_of_their_case(vault_dir):
    assert run_cli(vault_dir, "flag", "--case", "1", "https://example.com/p/1").returncode == 3
    in_case = ok(run_cli(vault_dir, "list", "--case", "1")).stdout
    assert ("you reported that this may show a child (a note of the address and time only): "
            "https://example.com/p/1") in in_case
    assert "example.com" not in ok(run_cli(vault_dir, "list", "--case", "2")).stdout


def test_wrong_passphrase_mentions_the_recovery_key(vault_dir):
    result = run_cli(vault_dir, "list", passphrase="not the passphrase at all")
    assert result.returncode == 2
    assert "recovery key" in one_line_error(result) and "passwd --use-recovery-key" in result.stderr


def test_no_vault_here_lists_the_vaults_opened_before(vault_dir, tmp_path):
    ok(run_cli(vault_dir, "list"))  # remembered in this test's own config folder
    result = run_cli(tmp_path / "nothing-here", "list")
    line = one_line_error(result)
    assert result.returncode == 2 and "No vault has been made in" in line
    assert str(vault_dir.resolve()) in line and "EVIDENCE_VAULT_DIR" in line and "--vault" in line
    assert "passphrase" not in line.lower()


def test_status_says_plainly_when_no_hash_lists_are_loaded(vault_dir):
    out = ok(run_cli(vault_dir, "status", passphrase=None)).stdout
    assert "Hash lists: none loaded yet" in out and out.count("Hash lists:") == 1
    assert PASSPHRASE not in out


def test_capture_says_once_when_no_hash_lists_are_loaded(vault_dir):
    result = run_cli(vault_dir, "capture", "javascript:alert(1)", "--case", "1",
                     env={"EVIDENCE_VAULT_BROWSER": "/usr/bin/chromium"})
    assert result.returncode == 2 and "only captures web pages" in one_line_error(result)
    assert result.stdout.count("Hash lists: none loaded yet") == 1


@pytest.mark.parametrize("answer, added", [("yes", True), ("no", False)])
def test_same_file_on_a_terminal_names_the_item_and_asks(vault_dir, same_file, answer, added):
    import os
    import pty
    import subprocess

    from tests.vault.helpers import CLI, cli_env

    leader, follower = pty.openpty()
    try:
        os.write(leader, f"\n\n{answer}\n".encode())  # when it happened: not known; no note; then the answer
        done = subprocess.run([*CLI, "--vault", str(vault_dir), "add-file", "--case", "2", str(same_file)],
                              stdin=follower, capture_output=True, text=True, timeout=120,
                              env=cli_env(EVIDENCE_VAULT_PASSPHRASE=PASSPHRASE))
    finally:
        os.close(follower)
        os.close(leader)
    assert "already in the vault as item 2" in done.stdout and "Add it again anyway?" in done.stdout
    assert (done.returncode, "Added item 3" in done.stdout) == ((0, True) if added else (2, False))
    listed = json.loads(ok(run_cli(vault_dir, "list", "--json")).stdout)
    assert len(listed) == (3 if added else 2)
