# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures of the email tests: a real vault (one made per session, a copy per test), a case,
a signing key made for the run, and a real HTTP server that counts requests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from mailmaker import HitCounter, SigningKey

from evidence_vault.vault import Vault

from mail_support import CASE, PASSPHRASE  # noqa: F401


@pytest.fixture(scope="session")
def vault_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mail-template") / "vault"
    vault, _recovery = Vault.create(folder, PASSPHRASE, owner_name="Test Teacher", owner_role="Teacher")
    with vault:
        vault.add_case(CASE)
    return folder


@pytest.fixture
def vault_dir(vault_template, tmp_path, monkeypatch) -> Path:
    target = tmp_path / "vault"
    shutil.copytree(vault_template, target)
    for name in [n for n in os.environ if n.startswith("EVIDENCE_VAULT_")]:
        monkeypatch.delenv(name)
    return target


@pytest.fixture
def vault(vault_dir):
    opened = Vault.open(vault_dir, PASSPHRASE)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def case(vault):
    return vault.case(CASE)


@pytest.fixture(scope="session")
def key() -> SigningKey:
    return SigningKey.generate()


@pytest.fixture
def web():
    server = HitCounter()
    try:
        yield server
    finally:
        server.stop()
