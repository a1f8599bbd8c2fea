# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures of the email tests: a real vault (one made per session, a copy per test), a case,
a signing key made for the run, and a real HTTP server that counts requests."""

from __future__ import annotations

from pathlib import Path

import pytest
from mailmaker import HitCounter, SigningKey

from evidence_vault.vault import Vault

from mail_support import CASE, PASSPHRASE  # noqa: F401


@pytest.fixture(scope="session")
def vault_template(make_vault_template) -> Path:
    """One case, CASE; ``vault_dir`` (tests/conftest.py) gives each test a copy."""
    return make_vault_template(case=CASE, passphrase=PASSPHRASE)


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
