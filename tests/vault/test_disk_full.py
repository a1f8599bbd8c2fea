# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A full disk: the save fails with a clear message, and nothing already saved is lost.

The vault lives on a real 3 MiB tmpfs mounted for the test (root only; skipped elsewhere),
so the kernel itself answers ENOSPC, exactly as a full USB stick would.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from evidence_vault import StorageError, Vault

PASS = "disk full passphrase"


@pytest.fixture
def small_disk(tmp_path):
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_full_disk_refuses_the_save_and_keeps_what_was_there(small_disk, tmp_path):
    folder = small_disk / "vault"
    vault, _ = Vault.create(folder, PASS, owner_name="T", owner_role="Teacher")
    case = vault.add_case("Case")
    kept = tmp_path / "kept.txt"
    kept.write_bytes(b"first piece of evidence")
    vault.add_file(case, kept, guard=None)
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(5 << 20))

    with pytest.raises(StorageError) as caught:
        vault.add_file(case, big, guard=None)
    assert "disk is full" in str(caught.value)
    assert "Nothing was lost" in str(caught.value)
    assert [i.info["filename"] for i in vault.items()] == ["kept.txt"]
    assert not any((folder / "blobs" / ".tmp").iterdir())
    vault.close()

    with Vault.open(folder, PASS) as reopened:
        report = reopened.verify()
        assert report.ok and not report.warnings, (report.problems, report.warnings)
        assert reopened.read_artefact(1, "original") == b"first piece of evidence"


def test_full_disk_via_the_cli_exits_4_with_one_line(small_disk, tmp_path):
    folder = small_disk / "vault"
    Vault.create(folder, PASS, owner_name="T", owner_role="Teacher")[0].close()
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(5 << 20))
    env = {**os.environ, "EVIDENCE_VAULT_PASSPHRASE": PASS}
    base = [sys.executable, "-m", "evidence_vault.cli.main", "--vault", str(folder)]
    assert subprocess.run(base + ["case", "add", "C"], env=env, capture_output=True).returncode == 0
    done = subprocess.run(base + ["add-file", "--case", "C", str(big)], env=env, capture_output=True, text=True)
    assert done.returncode == 4
    assert "disk is full" in done.stderr and "Traceback" not in done.stderr
    assert subprocess.run(base + ["verify"], env=env, capture_output=True).returncode == 0
