# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures of the safeguarding tests (a real vault and the real CLI for the command tests);
the picture helpers live in synthetic_images.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from synthetic_images import PDQ_VECTORS

from evidence_vault.vault.blobs import BlobStore


@pytest.fixture(scope="session")
def vectors_dir(unavailable) -> Path:
    """Meta's PDQ reference vectors, read in place from ../shared; skipped where absent, except
    under CI, where that fails (a skip would hide that PDQ went unchecked)."""
    if not (PDQ_VECTORS / "expected.csv").is_file():
        unavailable(f"PDQ reference vectors not found at {PDQ_VECTORS} (shared/ is not beside this clone)")
    return PDQ_VECTORS


# -- a real vault and the real CLI, for the command tests ----------------------------------------

PASSPHRASE = "correct horse battery staple"
CASE = "Test case"


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def vault_template(make_vault_template) -> Path:
    return make_vault_template(case=CASE, passphrase=PASSPHRASE)


@pytest.fixture
def vault_dir(vault_dir, monkeypatch) -> Path:
    """The shared private copy (tests/conftest.py), with the passphrase in the environment."""
    monkeypatch.setenv("EVIDENCE_VAULT_PASSPHRASE", PASSPHRASE)
    return vault_dir


@pytest.fixture
def cli(vault_dir, capsys):
    """``cli(*argv)`` runs ``evidence-vault --vault <copy> *argv`` in this process.

    Every call checks what must hold for any command: no traceback, no passphrase printed.
    """
    from evidence_vault.cli.main import main

    def run(*argv: str, vault: Path | None = vault_dir) -> CliResult:
        capsys.readouterr()
        prefix = ["--vault", str(vault)] if vault is not None else []
        try:
            code = main([*prefix, *argv])
        except SystemExit as exc:  # argparse refusing the arguments
            code = exc.code
        out, err = capsys.readouterr()
        assert "Traceback" not in err, err
        assert PASSPHRASE not in out + err
        return CliResult(code, out, err)

    return run


@pytest.fixture
def blob_reads(monkeypatch) -> list[str]:
    """Artefact ids whose sealed blob the vault opened (decrypted) during the test."""
    opened: list[str] = []
    real_read = BlobStore.read

    def spy(self, artefact_id, blob_key):
        opened.append(artefact_id)
        return real_read(self, artefact_id, blob_key)

    monkeypatch.setattr(BlobStore, "read", spy)
    return opened
