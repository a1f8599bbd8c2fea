# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A bug (exit 70) is seen: its details go to a file in the user's log folder, the message names
that file, and it never claims the vault is unchanged (the bug may come after a save).

The bug is a real command that fails after a real save, added through ``main``'s
``extra_commands`` (the way the desktop app adds ``gui``); nothing of ours is replaced.
"""

from __future__ import annotations

import os
import re
import stat

import pytest

from evidence_vault import Vault
from evidence_vault.bug_reports import KEEP, write_bug_report
from evidence_vault.cli.main import EXIT_BUG, main

PASSPHRASE = "correct horse battery staple"  # the shared vault_template's (tests/conftest.py)


def _saves_then_fails(sub):
    def run(args):
        from evidence_vault.cli.commands_vault import open_vault

        with open_vault(args) as vault:
            vault.add_case("Saved before the bug")
        return 1 // 0

    sub.add_parser("save-then-fail").set_defaults(func=run)


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    folder = tmp_path / "logs"
    monkeypatch.setenv("EVIDENCE_VAULT_LOG_DIR", str(folder))
    return folder


def _run(vault_dir, capsys, *extra):
    capsys.readouterr()
    code = main(["--vault", str(vault_dir), *extra, "save-then-fail"], extra_commands=[_saves_then_fails])
    return code, capsys.readouterr().err


def test_a_bug_names_its_report_file_and_does_not_say_the_vault_is_unchanged(vault_dir, log_dir, capsys,
                                                                              monkeypatch):
    monkeypatch.setenv("EVIDENCE_VAULT_PASSPHRASE", PASSPHRASE)
    code, err = _run(vault_dir, capsys)
    assert code == EXIT_BUG == 70
    assert "unchanged" not in err and "Traceback" not in err and PASSPHRASE not in err
    assert "a bug" in err and "'evidence-vault list' shows what is in the vault" in err
    reports = list(log_dir.iterdir())
    assert len(reports) == 1 and f"The details are in {reports[0]} - please send that file" in err
    text = reports[0].read_text(encoding="utf-8")
    assert "Where: evidence-vault save-then-fail" in text
    assert "Traceback (most recent call last)" in text and "ZeroDivisionError" in text and "1 // 0" in text
    assert PASSPHRASE not in text and str(vault_dir) not in text  # no arguments are written
    assert stat.S_IMODE(reports[0].stat().st_mode) == 0o600
    with Vault.open(vault_dir, PASSPHRASE) as vault:  # what was saved before the bug is kept
        assert "Saved before the bug" in [c.name for c in vault.cases()]


def test_debug_also_prints_the_traceback(vault_dir, log_dir, capsys, monkeypatch):
    monkeypatch.setenv("EVIDENCE_VAULT_PASSPHRASE", PASSPHRASE)
    code, err = _run(vault_dir, capsys, "--debug")
    assert code == 70 and "Traceback" in err and "ZeroDivisionError" in err and str(log_dir) in err


def test_a_log_folder_that_cannot_be_written_is_said_and_debug_offered(vault_dir, tmp_path, capsys, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    monkeypatch.setenv("EVIDENCE_VAULT_LOG_DIR", str(blocker / "logs"))
    monkeypatch.setenv("EVIDENCE_VAULT_PASSPHRASE", PASSPHRASE)
    code, err = _run(vault_dir, capsys)
    assert code == 70 and "could not be written to a file" in err and "--debug" in err
    assert "The details are in" not in err and "Traceback" not in err


def test_the_library_helper_writes_one_file_per_bug_and_keeps_the_newest(tmp_path):
    """For any front end (the app's crash dialog too): no Qt, the folder passed in."""
    folder = tmp_path / "log"
    paths = []
    for n in range(KEEP + 3):
        try:
            raise ValueError(f"bug number {n}")
        except ValueError as exc:
            paths.append(write_bug_report(exc, where="the desktop app", log_dir=folder))
    assert len(set(paths)) == KEEP + 3  # one file each, none overwritten
    kept = sorted(folder.iterdir())
    assert kept == sorted(paths[-KEEP:])
    assert "bug number 22" in paths[-1].read_text(encoding="utf-8")
    assert all(re.fullmatch(r"bug-\d{8}-\d{6}-\d{6}-\d+(-\d+)?\.txt", p.name) for p in kept)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 or os.name != "posix"


def test_a_real_failure_after_a_save_names_its_report_and_keeps_what_was_saved(vault_dir, tmp_path):
    """A real bug, in the real command in a subprocess, nothing added or replaced: the case is
    saved, then printing its name fails because the output's encoding (ASCII here; a Windows
    code page when the output goes to a file) cannot show it. The person must not be told the
    vault is unchanged: the case is in it.

    If that bug is fixed, this test fails on purpose: choose another real failure that comes
    after a save (there is none to inject: crash points kill the process, _faults.py)."""
    from tests.vault.helpers import run_cli

    logs = tmp_path / "bug-logs"
    name = "Kommentare über Frau Müller"
    result = run_cli(vault_dir, "case", "add", name,
                     env={"PYTHONIOENCODING": "ascii", "EVIDENCE_VAULT_LOG_DIR": str(logs)})
    assert result.returncode == EXIT_BUG, result.stderr
    err = result.stderr
    assert "unchanged" not in err.lower() and "Traceback" not in err
    assert "something went wrong inside Evidence Vault (a bug)" in err
    assert "Anything it had already saved is kept and complete" in err
    [report] = list(logs.iterdir())
    assert f"The details are in {report} - please send that file with your report." in err
    text = report.read_text(encoding="utf-8")
    assert "Where: evidence-vault case" in text and "UnicodeEncodeError" in text and "Traceback" in text
    assert PASSPHRASE not in text and str(vault_dir) not in text
    with Vault.open(vault_dir, PASSPHRASE) as vault:  # saved before the failure, and kept
        assert name in [c.name for c in vault.cases()]
        assert vault.verify().ok
