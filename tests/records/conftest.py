# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures of the records tests: one vault built per session, a private copy per test.

Template ledger: 1 vault_created, 2-3 case_created ("Comments about Ms Smith", "Parent
emails"), 4 item_added (incident, item 1, case 1), 5 item_added (file notes.txt, item 2, case 1).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_vault import Vault
from tests.vault.helpers import OWNER, PASSPHRASE

CASE_A, CASE_B = "Comments about Ms Smith", "Parent emails"
FILE_BYTES = b"RECORDS-MARKER a screenshot description\n"
LONG_ENTRY = ("He rang the school office at half past four and asked for her home address; "
              "the receptionist refused and he said he would find it anyway.\nSecond line.")


@pytest.fixture(scope="session")
def vault_template(make_vault_template, tmp_path_factory) -> Path:
    """The template above; ``vault_dir`` (tests/conftest.py) gives each test a copy."""
    notes = tmp_path_factory.mktemp("records-files") / "notes.txt"
    notes.write_bytes(FILE_BYTES)

    def fill(vault, a):
        vault.add_case(CASE_B)
        vault.add_incident(a, kind="phone call", text=LONG_ENTRY, occurred_at="2026-11-27T16:30:00Z")
        vault.add_file(a, notes, guard=None)

    return make_vault_template(case=CASE_A, passphrase=PASSPHRASE, owner=OWNER, fill=fill)


@pytest.fixture
def vault(vault_dir):
    opened = Vault.open(vault_dir, PASSPHRASE)
    yield opened
    opened.close()


@pytest.fixture
def same_file(tmp_path) -> Path:
    """A file elsewhere with exactly the bytes of item 2."""
    path = tmp_path / "copy-of-notes.txt"
    path.write_bytes(FILE_BYTES)
    return path
