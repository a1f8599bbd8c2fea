# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Default locations: the vault in the user data folder, the browser's temp folder in RAM."""

import os
import sys
from pathlib import Path

import pytest

from evidence_vault.paths import app_temp_root, default_vault_dir


def test_vault_dir_comes_from_the_environment_or_the_user_data_folder(tmp_path):
    assert default_vault_dir({"EVIDENCE_VAULT_DIR": str(tmp_path)}) == tmp_path
    assert default_vault_dir({}).name == "vault"
    assert "EvidenceVault" in str(default_vault_dir({}))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/dev/shm is Linux's")
def test_temp_root_is_ram_backed_where_the_system_has_a_ram_folder(tmp_path):
    ram = tmp_path / "shm"
    ram.mkdir()
    vault = tmp_path / "v"
    root = app_temp_root(vault, ram_dir=ram)
    assert root.parent == ram / f"evidence-vault-{os.getuid()}"
    assert app_temp_root(vault, ram_dir=ram) == root            # stable: stale runs are found again
    assert app_temp_root(tmp_path / "other", ram_dir=ram) != root  # one per vault
    assert app_temp_root(vault, ram_dir=tmp_path / "missing") == tmp_path / ".v-tmp"


def test_the_real_default_is_in_dev_shm_on_linux(tmp_path):
    if sys.platform.startswith("linux") and Path("/dev/shm").is_dir():
        assert str(app_temp_root(tmp_path / "v")).startswith("/dev/shm/")
    else:
        assert app_temp_root(tmp_path / "v") == tmp_path / ".v-tmp"


def test_config_dir_follows_env_then_the_platform(tmp_path, monkeypatch):
    from evidence_vault.paths import default_config_dir
    assert default_config_dir({"EVIDENCE_VAULT_CONFIG_DIR": str(tmp_path)}) == tmp_path
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert default_config_dir({}) == tmp_path / "xdg" / "EvidenceVault"


def test_driver_code_cache_follows_env_then_the_platform(tmp_path, monkeypatch):
    from evidence_vault.paths import driver_code_cache_dir
    assert driver_code_cache_dir({"EVIDENCE_VAULT_CACHE_DIR": str(tmp_path)}) == tmp_path / "driver-code-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert driver_code_cache_dir({}) == tmp_path / "xdg" / "EvidenceVault" / "driver-code-cache"
