# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures of the vault tests.

Argon2id costs ~0.15 s per unlock and is never weakened here, so one vault is built per session
(``template``) and each test gets its own byte-for-byte copy of the folder (``vault_dir``).
A copy keeps the vault id and keys, which is exactly what a backup or a USB copy does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from evidence_vault import Vault

from .helpers import OWNER, PASSPHRASE


@dataclass(frozen=True)
class Template:
    """What the session vault holds. Ledger: 1 vault_created, 2-3 case_created, 4 item_added
    (incident, item 1), 5 item_added (small file, item 2), 6 item_added (multi-chunk file,
    item 3), 7 checkpoint_made (the checkpoint at 6, recorded); signed checkpoints at events 1 and 6."""

    path: Path
    recovery_key: str
    case_a: str
    case_b: str
    incident_text: str
    incident_at: str
    small_name: str
    small: bytes
    big_name: str
    big: bytes
    artefact: dict  # item id -> artefact id of its main artefact


CASE_A = "Comments about Ms Smith, May 2026"
CASE_B = "Group chat screenshots"


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Template:
    root = tmp_path_factory.mktemp("template")
    folder = root / "vault"
    small = b"ZQXJ-PLAINTEXT-MARKER screenshot notes: he wrote it at 21:04\n"
    big = os.urandom(3 * 65536 + 123)
    (root / "notes.txt").write_bytes(small)
    (root / "chat.bin").write_bytes(big)
    incident_text = "ZQXJ-INCIDENT-MARKER Phone call to the office.\nHe asked for her address."
    vault, recovery = Vault.create(folder, PASSPHRASE, owner_name=OWNER[0], owner_role=OWNER[1])
    with vault:
        a = vault.add_case(CASE_A)
        b = vault.add_case(CASE_B)
        incident = vault.add_incident(a, kind="phone_call", text=incident_text,
                                      occurred_at="2026-05-01T09:15:00Z")
        small_item = vault.add_file(a, root / "notes.txt", guard=None, note="from the class chat")
        big_item = vault.add_file(b, root / "chat.bin", guard=None)
        vault.checkpoint()
        artefact = {i.id: i.artefacts[0].id for i in (incident, small_item, big_item)}
        assert (incident.id, small_item.id, big_item.id) == (1, 2, 3)
        assert vault.head()[0] == 7
    return Template(folder, recovery, CASE_A, CASE_B, incident_text, "2026-05-01T09:15:00Z",
                    "notes.txt", small, "chat.bin", big, artefact)


@pytest.fixture(scope="session")
def vault_template(template) -> Path:
    """The session vault's folder; ``vault_dir`` (tests/conftest.py) gives each test a private
    copy, closed, ready to open or to tamper with."""
    return template.path


@pytest.fixture
def vault(vault_dir):
    """The copy, opened with the passphrase; closed after the test."""
    opened = Vault.open(vault_dir, PASSPHRASE)
    yield opened
    opened.close()


def pytest_collection_modifyitems(items):
    """A warning in the vault tests is a failure (the qutebrowser habit): nothing to ignore."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.filterwarnings("error"))
