# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""One process at a time per vault; a killed process never leaves a stale lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from evidence_vault import Vault, VaultLockedError

from .helpers import PASSPHRASE, cli_env, one_line_error, run_cli, snapshot, verify_folder

HOLDER = """
import os, sys
from evidence_vault import Vault
vault = Vault.open(sys.argv[1], os.environ["EVIDENCE_VAULT_PASSPHRASE"])
vault.add_case("Added by the holder")
print("ready", flush=True)
sys.stdin.read()  # hold the vault open until killed
"""


def test_second_open_in_the_same_process_is_refused(vault):
    with pytest.raises(VaultLockedError, match=rf"already open .* \(process {os.getpid()}\)\..*Nothing has been changed"):
        Vault.open(vault.folder, PASSPHRASE)
    assert len(vault.cases()) == 2  # the holder is unaffected


def test_cli_on_a_vault_open_elsewhere_exits_4_and_changes_nothing(vault):
    before = snapshot(vault.folder)
    result = run_cli(vault.folder, "case", "add", "Should not appear")
    assert result.returncode == 4
    line = one_line_error(result)
    assert "This vault is already open in another Evidence Vault window or command" in line
    assert f"(process {os.getpid()})" in line
    assert snapshot(vault.folder) == before
    assert [c.name for c in vault.cases()] == ["Comments about Ms Smith, May 2026", "Group chat screenshots"]


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_lock_is_free_after_the_holder_is_killed(vault_dir):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(vault_dir)],
                              env=cli_env(EVIDENCE_VAULT_PASSPHRASE=PASSPHRASE),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "ready\n"  # the holder has the vault open
        refused = run_cli(vault_dir, "list")
        assert refused.returncode == 4
        assert f"already open in another Evidence Vault window or command (process {holder.pid})" \
            in one_line_error(refused)
    finally:
        holder.send_signal(signal.SIGKILL)
        assert holder.wait(timeout=30) == -signal.SIGKILL
        holder.stdin.close()
        holder.stdout.close()
    after = run_cli(vault_dir, "case", "list", "--json")
    assert after.returncode == 0, after.stderr
    assert "Added by the holder" in after.stdout  # what the killed process committed is kept
    report = verify_folder(vault_dir)
    assert (report.problems, report.warnings) == ([], [])


# Commands that write, and the read-only ones' shared path (open_vault, through 'verify'), with
# the arguments each needs to get as far as opening the vault. passwd opens it its own way.
OPENING_COMMANDS = [
    ["case", "add", "X"], ["note", "--case", "x", "--kind", "other", "t"],
    ["add-file", "--case", "x", __file__], ["verify"], ["checkpoint"], ["extract", "1", "-o", "out"],
    ["passwd"],
]


def test_every_opening_command_respects_the_lock(vault):
    before = snapshot(vault.folder)
    for argv in OPENING_COMMANDS:
        result = run_cli(vault.folder, *argv, env={"EVIDENCE_VAULT_NEW_PASSPHRASE": "another passphrase 2"})
        assert result.returncode == 4, (argv, result.stderr)
        assert "This vault is already open" in one_line_error(result), argv
    assert snapshot(vault.folder) == before
