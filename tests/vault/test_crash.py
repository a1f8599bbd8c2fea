# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Crash safety: ``evidence-vault add-file`` killed by SIGKILL at each named crash point
(evidence_vault/_faults.py), then the vault reopened (docs/vault-format.md, "Writes and crashes")."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import pytest

from evidence_vault import Vault

from evidence_vault import WrongPassphraseError

from .helpers import (
    NEW_PASSPHRASE, PASSPHRASE, artefact_ids, blob_files, ledger_db, run_cli, sha256,
)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="crash points die by SIGKILL")

CRASH_POINTS = ["pending_recorded", "blob_sealed_tmp", "blob_written", "before_commit", "after_commit"]
PASSWD_POINTS = ["passwd_staged", "passwd_committed"]
DESTROY_POINTS = ["destroy_committed", "destroy_shredded_one"]
ROOT = Path(__file__).resolve().parents[2]


def test_every_crash_point_in_the_code_is_exercised():
    found = set()
    for path in (ROOT / "evidence_vault").rglob("*.py"):
        found.update(re.findall(r'crash_point\("([a-z_]+)"\)', path.read_text(encoding="utf-8")))
    assert found == set(CRASH_POINTS + PASSWD_POINTS + DESTROY_POINTS)


def add_file(vault_dir: Path, path: Path, crash_at: str | None):
    env = {"EVIDENCE_VAULT_TEST_CRASH_AT": crash_at} if crash_at else {}
    return run_cli(vault_dir, "add-file", "--case", "group chat screenshots", str(path), env=env)


def left_behind(vault_dir: Path) -> dict:
    """What a crash left on disk, read before anything reopens (and tidies) the vault."""
    with ledger_db(vault_dir) as conn:
        pending = [r[0] for r in conn.execute("SELECT id FROM pending_blobs")]
        items = conn.execute("SELECT count(*) FROM items").fetchone()[0]
    return {
        "pending": pending,
        "tmp": sorted(p.name for p in (vault_dir / "blobs" / ".tmp").iterdir()),
        "unreferenced": sorted(blob_files(vault_dir) - artefact_ids(vault_dir)),
        "items": items,
    }


def assert_clean(vault_dir: Path, expected_sha256: dict[int, str]) -> None:
    """Reopen: verify clean with no warnings, exactly the expected items, nothing left over."""
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        report = vault.verify()
        assert (report.problems, report.warnings) == ([], [])
        assert {i.id: i.main_sha256 for i in vault.items()} == expected_sha256
    assert list((vault_dir / "blobs" / ".tmp").iterdir()) == []
    assert blob_files(vault_dir) == artefact_ids(vault_dir)
    with ledger_db(vault_dir) as conn:
        assert conn.execute("SELECT count(*) FROM pending_blobs").fetchone() == (0,)


def template_items(template) -> dict[int, str]:
    return {1: sha256(template.incident_text.encode()), 2: sha256(template.small), 3: sha256(template.big)}


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_crash_at_each_point_leaves_a_sound_vault(vault_dir, template, tmp_path, point):
    evidence = tmp_path / "new.bin"
    evidence.write_bytes(os.urandom(150_000))  # three chunks
    result = add_file(vault_dir, evidence, point)
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert "Added item" not in result.stdout
    state = left_behind(vault_dir)
    # The crash happened where it claims to: each point leaves its own trace to tidy.
    assert state["items"] == (4 if point == "after_commit" else 3)
    if point == "after_commit":
        assert (state["pending"], state["tmp"], state["unreferenced"]) == ([], [], [])
    else:
        assert len(state["pending"]) == 1
        assert state["tmp"] == (state["pending"] if point == "blob_sealed_tmp" else [])
        assert state["unreferenced"] == (state["pending"] if point in ("blob_written", "before_commit") else [])
    expected = template_items(template)
    if point == "after_commit":
        expected[4] = sha256(evidence.read_bytes())
    assert_clean(vault_dir, expected)


def test_a_run_of_adds_with_some_crashing(vault_dir, template, tmp_path):
    plan = [None, "blob_written", None, "before_commit", "after_commit", "blob_sealed_tmp", None]
    expected = template_items(template)
    next_id = 4
    for n, point in enumerate(plan):
        evidence = tmp_path / f"file{n}.bin"
        evidence.write_bytes(os.urandom(1000 + 40_000 * n))
        result = add_file(vault_dir, evidence, point)
        if point is None:
            assert result.returncode == 0, result.stderr
            match = re.match(r"Added item (\d+): file\d\.bin \((\d+) bytes, SHA-256 ([0-9a-f]{64})\)", result.stdout)
            assert match, result.stdout
            assert (int(match[1]), int(match[2]), match[3]) == (
                next_id, evidence.stat().st_size, sha256(evidence.read_bytes()))
        else:
            assert result.returncode == -signal.SIGKILL
        if point in (None, "after_commit"):
            expected[next_id] = sha256(evidence.read_bytes())
            next_id += 1
    assert_clean(vault_dir, expected)
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        for item_id in expected:
            if item_id > 3:
                assert sha256(vault.read_artefact(item_id, "original")) == expected[item_id]


@pytest.mark.parametrize("point", PASSWD_POINTS)
def test_passwd_cut_short_opens_with_exactly_one_passphrase(vault_dir, template, tmp_path, point):
    """staging.py: before the commit only the old passphrase opens it; after, only the new."""
    (tmp_path / "new").write_text(NEW_PASSPHRASE)
    result = run_cli(vault_dir, "passwd", "--new-passphrase-file", str(tmp_path / "new"),
                     env={"EVIDENCE_VAULT_TEST_CRASH_AT": point})
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert (vault_dir / "vault-header.next").exists()  # the crash left the staged header
    works, fails = (NEW_PASSPHRASE, PASSPHRASE) if point == "passwd_committed" else (PASSPHRASE, NEW_PASSPHRASE)
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_dir, fails)
    with Vault.open(vault_dir, works) as vault:
        report = vault.verify()
        assert (report.problems, report.warnings) == ([], [])
        assert vault.read_artefact(3, "original") == template.big
    assert not (vault_dir / "vault-header.next").exists()
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_dir, fails)
    with Vault.open(vault_dir, recovery_key=template.recovery_key) as vault:
        assert vault.read_artefact(2, "original") == template.small


@pytest.mark.parametrize("point", DESTROY_POINTS)
def test_destroy_cut_short_is_finished_on_the_next_open(vault_dir, template, point):
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.quarantine(3)
    result = run_cli(vault_dir, "destroy", "3", "--police-ref", "CR/2026/1", "--yes",
                     env={"EVIDENCE_VAULT_TEST_CRASH_AT": point})
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert template.artefact[3] in blob_files(vault_dir) or point == "destroy_shredded_one"
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert vault.item(3).state == "destroyed"
        report = vault.verify()
    assert (report.problems, report.warnings) == ([], [])
    assert template.artefact[3] not in blob_files(vault_dir)
