# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""``add-email`` and ``recheck-email`` run for real in a subprocess over a real vault, with the
signing key served by a real DNS server on 127.0.0.1 (``--dns-server``)."""

from __future__ import annotations

import hashlib
import json

import pytest
from mail_support import CASE, PASSPHRASE
from mailmaker import DOMAIN, KEY_NAME, TxtServer, base_message, closed_udp_port, picture, wire

from tests.vault.helpers import one_line_error, run_cli


@pytest.fixture
def dns_server(key):
    server = TxtServer({KEY_NAME: key.record})
    yield f"127.0.0.1:{server.port}"
    server.close()


def cli(vault_dir, *args):
    return run_cli(vault_dir, *args, passphrase=PASSPHRASE)


def items(vault_dir) -> list[dict]:
    result = cli(vault_dir, "list", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_add_email_checks_dkim_over_the_given_dns_server(vault_dir, tmp_path, key, dns_server):
    path = tmp_path / "signed.eml"
    path.write_bytes(key.sign(wire(base_message())))
    added = cli(vault_dir, "add-email", "--case", CASE, "--dns-server", dns_server, str(path))
    assert added.returncode == 0, added.stderr
    assert "Kept email item 1 in case 'Emails from Pat': \u201cYou will regret this\u201d" in added.stdout
    assert f"signature check (DKIM): pass (signed by {DOMAIN})" in added.stdout
    assert hashlib.sha256(path.read_bytes()).hexdigest() in added.stdout

    listed = cli(vault_dir, "list")
    assert "email" in listed.stdout and "You will regret this \u2014 from Pat Sender" in listed.stdout
    shown = cli(vault_dir, "show", "1")
    assert shown.returncode == 0, shown.stderr
    assert "signature check (DKIM) when added" in shown.stdout and f"pass (signed by {DOMAIN})" in shown.stdout
    out = tmp_path / "out"
    extracted = cli(vault_dir, "extract", "1", "-o", str(out))
    assert extracted.returncode == 0, extracted.stderr
    assert (out / "item1-signed.eml").read_bytes() == path.read_bytes()


def test_offline_then_recheck_records_the_new_result(vault_dir, tmp_path, key, dns_server):
    path = tmp_path / "later.eml"
    path.write_bytes(key.sign(wire(base_message())))
    added = cli(vault_dir, "add-email", "--case", CASE, "--dns-server", f"127.0.0.1:{closed_udp_port()}",
                str(path))
    assert added.returncode == 0, added.stderr
    assert "signature check (DKIM): not checked (offline)" in added.stdout

    rechecked = cli(vault_dir, "recheck-email", "--dns-server", dns_server, "1")
    assert rechecked.returncode == 0, rechecked.stderr
    assert "Item 1: DKIM pass" in rechecked.stdout
    shown = cli(vault_dir, "show", "1").stdout
    assert "when added" in shown and "not checked (offline)" in shown
    assert "rechecked" in shown and f"pass (signed by {DOMAIN})" in shown
    as_json = json.loads(cli(vault_dir, "show", "1", "--json").stdout)
    assert [(h["when"], h["status"]) for h in as_json["dkim_history"]] == [
        ("when added", "not checked (offline)"), ("rechecked", "pass")]
    log = json.loads(cli(vault_dir, "log", "--json").stdout)
    assert log[-1]["type"] == "email_rechecked" and log[-1]["data"]["dkim"]["status"] == "pass"
    assert cli(vault_dir, "verify").returncode == 0


def test_a_listed_attachment_exits_3_and_stores_nothing(vault_dir, tmp_path):
    listed = picture(71)
    hash_list = tmp_path / "list.txt"
    hash_list.write_text(f"sha256:{hashlib.sha256(listed).hexdigest()}\n")
    assert cli(vault_dir, "blocklist", "add", str(hash_list), "--name", "Test list").returncode == 0
    msg = base_message()
    msg.add_attachment(listed, maintype="image", subtype="png", filename="look.png")
    path = tmp_path / "bad.eml"
    path.write_bytes(wire(msg))
    refused = cli(vault_dir, "add-email", "--case", CASE, str(path))
    assert refused.returncode == 3
    assert "Test list" in one_line_error(refused)
    assert items(vault_dir) == []


def test_bad_input_is_one_calm_line_and_exit_2(vault_dir, tmp_path):
    broken = tmp_path / "broken.eml"
    broken.write_bytes(b"From: a@b.example\r\nSubject: x\r\nContent-Type: multipart/mixed\r\n\r\n--X\r\n\r\nhi\r\n")
    result = cli(vault_dir, "add-email", "--case", CASE, str(broken))
    assert result.returncode == 2 and "is damaged" in one_line_error(result)
    result = cli(vault_dir, "add-email", "--case", CASE, str(tmp_path / "missing.eml"))
    assert result.returncode == 2 and "There is no file at" in one_line_error(result)
    result = cli(vault_dir, "add-email", "--case", CASE, "--dns-server", "dns.example", str(broken))
    assert result.returncode == 2 and "is not a DNS server address" in one_line_error(result)
    note = cli(vault_dir, "note", "--case", CASE, "--kind", "other", "a note")
    assert note.returncode == 0, note.stderr
    result = cli(vault_dir, "recheck-email", "1")
    assert result.returncode == 2 and "is not an email" in one_line_error(result)
    assert [i["kind"] for i in items(vault_dir)] == ["incident"]


def test_add_file_hands_emails_to_the_email_intake(vault_dir, tmp_path):
    """Without this, the guard's one look at the whole .eml would miss a listed attachment."""
    listed = picture(71)
    hash_list = tmp_path / "list.txt"
    hash_list.write_text(f"sha256:{hashlib.sha256(listed).hexdigest()}\n")
    assert cli(vault_dir, "blocklist", "add", str(hash_list), "--name", "Test list").returncode == 0
    msg = base_message()
    msg.add_attachment(listed, maintype="image", subtype="png", filename="look.png")
    bad = tmp_path / "bad.EML"
    bad.write_bytes(wire(msg))
    refused = cli(vault_dir, "add-file", "--case", CASE, str(bad))
    assert refused.returncode == 3 and "Test list" in one_line_error(refused)
    good = tmp_path / "good.eml"
    good.write_bytes(wire(base_message()))
    added = cli(vault_dir, "add-file", "--case", CASE, str(good))
    assert added.returncode == 0, added.stderr
    assert [i["kind"] for i in items(vault_dir)] == ["email"]
    twice = cli(vault_dir, "add-email", "--case", CASE, str(good))
    assert twice.returncode == 2 and "already in the vault as item 1" in one_line_error(twice)
    assert cli(vault_dir, "add-email", "--case", CASE, "--again", str(good)).returncode == 0
    assert [i["kind"] for i in items(vault_dir)] == ["email", "email"]
