# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the vault offers callers outside it (tests/test_walls.py keeps them from its internals):
the bundle certificate kept with a ledger event, hash lists and browser logins as small helpers,
the duplicate check every intake uses, and the hash-list count ``status`` reads without a
passphrase. Hostile edits assert the exact finding, in test_tamper.py's style.

The session vault's ledger: 1 vault_created, 2-3 case_created, 4-6 item_added (items 1-3),
7 checkpoint_made.
"""

from __future__ import annotations

import hashlib

import pytest

from evidence_vault import DuplicateFileError, NotFoundError, UsageError, Vault
from evidence_vault.vault.hash_lists import count_without_opening

from .helpers import PASSPHRASE, ledger_db, verify_folder

CERT = b"0\x82 a certificate's DER bytes"


def _types(vault) -> list[str]:
    return [event.type for _seq, _hash, event in vault.events()]


def test_the_bundle_certificate_is_kept_once_with_its_sha256_in_the_ledger(vault):
    assert vault.signing_certificate() is None
    vault.keep_signing_certificate(CERT)
    assert vault.signing_certificate() == CERT
    seq, _hash, event = vault.events()[-1]
    assert (seq, event.type, event.data) == (8, "signing_certificate_made", {"sha256": hashlib.sha256(CERT).hexdigest()})
    with pytest.raises(UsageError, match="never replaced"):
        vault.keep_signing_certificate(b"another")
    assert vault.signing_certificate() == CERT and len(vault.events()) == 8
    assert vault.verify().ok


def test_a_deleted_bundle_certificate_is_a_finding(vault_dir):
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.keep_signing_certificate(CERT)
    with ledger_db(vault_dir) as conn:
        conn.execute("DELETE FROM meta WHERE key='signing_cert'")
    report = verify_folder(vault_dir)
    assert report.problems == ["bundle certificate: recorded in the ledger but missing (deleted)"]


def test_a_bundle_certificate_replaced_by_a_key_holder_is_a_finding(vault_dir):
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.keep_signing_certificate(CERT)
        with vault.database.transaction("test") as tx:
            tx.execute("UPDATE meta SET value=? WHERE key='signing_cert'",
                       (vault._seal(b"a look-alike", "meta", "signing_cert"),))
    report = verify_folder(vault_dir)
    assert report.problems == ["bundle certificate: it is not the one recorded in the ledger (replaced)"]


def test_a_bundle_certificate_from_before_the_event_is_accepted(vault_dir):
    """Vaults that exported before the event existed hold a certificate the ledger never named."""
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.database.transaction("as older versions did") as tx:
        tx.execute("INSERT INTO meta (key, value) VALUES ('signing_cert', ?)",
                   (vault._seal(CERT, "meta", "signing_cert"),))
    assert verify_folder(vault_dir).ok
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert vault.signing_certificate() == CERT


def test_hash_lists_are_added_read_and_removed_through_one_helper(vault, vault_dir):
    assert vault.hash_lists.names() == [] and count_without_opening(vault_dir) == 0
    first = vault.hash_lists.add("Police list", b"md5 list content", {"md5": 1, "source_sha256": "0" * 64})
    vault.hash_lists.add("School list", b"sha256 list content", {"sha256": 1, "source_sha256": "1" * 64})
    assert vault.hash_lists.names() == ["Police list", "School list"]
    assert vault.hash_lists.all()[0] == (first, "Police list", b"md5 list content")
    assert count_without_opening(vault_dir) == 2
    with pytest.raises(UsageError, match="already loaded"):
        vault.hash_lists.add("Police list", b"other", {})
    vault.hash_lists.remove("Police list")
    with pytest.raises(NotFoundError, match="no hash list called 'Police list'"):
        vault.hash_lists.remove("Police list")
    assert vault.hash_lists.names() == ["School list"]
    assert _types(vault)[-3:] == ["blocklist_added", "blocklist_added", "blocklist_removed"]
    assert vault.verify().ok


def test_hash_lists_are_not_counted_where_there_is_no_database(tmp_path):
    assert count_without_opening(tmp_path) is None


def test_browser_logins_are_kept_read_and_forgotten(vault):
    assert vault.logins.saved() is None
    vault.logins.save({"cookies": [{"name": "session", "value": "s3cret"}], "origins": []})
    assert vault.logins.saved()["cookies"][0]["name"] == "session"
    vault.logins.forget()
    assert vault.logins.saved() is None
    events = vault.events()[-2:]
    assert [(e.type, e.data) for _s, _h, e in events] == [("browser_login_saved", {"cookies": 1}),
                                                          ("browser_login_cleared", {})]
    assert "s3cret" not in repr([e.data for _s, _h, e in vault.events()])


def test_the_same_bytes_again_are_refused_naming_the_item(vault, template):
    sha = hashlib.sha256(template.small).hexdigest()
    assert [i.id for i in vault.items_holding(sha)] == [2]
    with pytest.raises(DuplicateFileError) as refused:
        vault.refuse_duplicate("copy of notes.txt", sha)
    assert str(refused.value).startswith(
        f"copy of notes.txt is already in the vault as item 2, in case '{template.case_a}', added ")
    assert refused.value.existing == [2]
    vault.refuse_duplicate("new.txt", hashlib.sha256(b"never seen").hexdigest())  # nothing to refuse
