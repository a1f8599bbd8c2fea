# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""evidence_vault.known_vaults: folders only, most recent first, never in the way."""

from __future__ import annotations

import json

from evidence_vault import known_vaults
from evidence_vault.paths import default_config_dir
from tests.vault.helpers import PASSPHRASE, run_cli


def test_remember_keeps_folders_most_recent_first_without_duplicates(tmp_path):
    cfg = tmp_path / "cfg"
    for name in ("a", "b", "a"):
        assert known_vaults.remember(tmp_path / name, config_dir=cfg)
    assert known_vaults.known(config_dir=cfg) == [(tmp_path / "a").resolve(), (tmp_path / "b").resolve()]
    saved = json.loads((cfg / known_vaults.FILE_NAME).read_text(encoding="utf-8"))
    assert set(saved) == {"folders"}  # folders only, nothing else


def test_the_default_is_the_per_user_config_folder(tmp_path):
    known_vaults.remember(tmp_path / "v")
    assert (default_config_dir() / known_vaults.FILE_NAME).is_file()
    assert known_vaults.known() == [(tmp_path / "v").resolve()]


def test_a_damaged_or_unwritable_list_never_stops_anything(tmp_path):
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / known_vaults.FILE_NAME).write_text("{not json", encoding="utf-8")
    assert known_vaults.known(config_dir=cfg) == []
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    assert known_vaults.remember(tmp_path / "v", config_dir=blocked) is False


def test_no_vault_here_message_lists_the_others(tmp_path):
    cfg = tmp_path / "cfg"
    known_vaults.remember(tmp_path / "school-vault", config_dir=cfg)
    text = known_vaults.no_vault_here(tmp_path / "elsewhere", config_dir=cfg)
    assert text.startswith(f"No vault has been made in {tmp_path / 'elsewhere'} yet.")
    assert str((tmp_path / "school-vault").resolve()) in text and "EVIDENCE_VAULT_DIR" in text


def test_cli_remembers_on_init_and_never_stores_the_passphrase(tmp_path):
    folder = tmp_path / "new-vault"
    result = run_cli(folder, "init", "--name", "Sam", "--role", "Teacher",
                     env={"EVIDENCE_VAULT_NEW_PASSPHRASE": PASSPHRASE})
    assert result.returncode == 0, result.stderr
    text = (default_config_dir() / known_vaults.FILE_NAME).read_text(encoding="utf-8")
    assert str(folder.resolve()) in text and PASSPHRASE not in text
