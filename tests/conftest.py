# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures for every test."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """One per-user cache folder for the whole run (the driver's compiled code: no test data),
    so the tests never write to the real one."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVIDENCE_VAULT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(autouse=True)
def _private_config_dir(tmp_path_factory, monkeypatch):
    """Each test gets its own per-user config folder (in-process and in CLI subprocesses, which
    keep XDG_CONFIG_HOME), so nothing a test remembers about vaults reaches the real one."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
