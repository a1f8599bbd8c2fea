# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Plain helpers shared by the vault tests: the real CLI in a subprocess, folder snapshots,
and the tampering tools an attacker with file access (but no passphrase) would use."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from evidence_vault import Vault

PASSPHRASE = "correct horse battery staple"
NEW_PASSPHRASE = "a different long passphrase"
OWNER = ("Alex Example", "Deputy Head")

_SCRIPT = Path(sys.executable).with_name("evidence-vault")
CLI = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "evidence_vault.cli.main"]


def cli_env(**extra: str | None) -> dict[str, str]:
    """The environment of a CLI subprocess: ours minus every EVIDENCE_VAULT_* variable but the
    session's private cache and log folders (tests/conftest.py)."""
    keep = ("EVIDENCE_VAULT_CACHE_DIR", "EVIDENCE_VAULT_LOG_DIR")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_VAULT_") or k in keep}
    env["PYTHONUNBUFFERED"] = "1"
    for key, value in extra.items():
        if value is not None:
            env[key] = value
    return env


def run_cli(vault: Path | None, *args: str, passphrase: str | None = PASSPHRASE,
            env: dict[str, str] | None = None, secrets: tuple[str, ...] = (),
            timeout: float = 60) -> subprocess.CompletedProcess:
    """Run ``evidence-vault [--vault VAULT] ARGS`` for real, stdin not a terminal.

    The passphrase goes in through ``$EVIDENCE_VAULT_PASSPHRASE`` unless ``passphrase`` is
    None. Every call checks the two things that must hold for any command: no traceback
    without ``--debug``, and no passphrase (nor any other ``secrets``) in stdout or stderr.
    """
    full_env = cli_env(EVIDENCE_VAULT_PASSPHRASE=passphrase)
    full_env.update(env or {})
    argv = [*CLI, *(["--vault", str(vault)] if vault is not None else []), *args]
    result = subprocess.run(argv, env=full_env, stdin=subprocess.DEVNULL, capture_output=True,
                            text=True, timeout=timeout)
    for secret in {PASSPHRASE, NEW_PASSPHRASE, *secrets, *([passphrase] if passphrase else [])}:
        assert secret not in result.stdout, f"a secret was printed on stdout by {args}"
        assert secret not in result.stderr, f"a secret was printed on stderr by {args}"
    if "--debug" not in args:
        assert "Traceback" not in result.stderr, result.stderr
    return result


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The single stderr line of a failed command (docs/cli.md: one line, no traceback)."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {result.stderr!r}"
    assert lines[0].startswith("evidence-vault: "), lines[0]
    return lines[0]


def snapshot(folder: Path, *, ignore: tuple[str, ...] = ()) -> dict[str, str]:
    """Every file (its SHA-256) and every folder under ``folder``, by relative path."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if rel in ignore:
            continue
        out[rel] = "<dir>" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextmanager
def ledger_db(folder: Path):
    """The vault's SQLite file opened directly, as an attacker would (vault must be closed)."""
    conn = sqlite3.connect(folder / "ledger.db", isolation_level=None)
    try:
        conn.execute("BEGIN")
        yield conn
        conn.execute("COMMIT")
    finally:
        conn.close()


def flip_byte(data: bytes, offset: int, mask: int = 0x01) -> bytes:
    out = bytearray(data)
    out[offset] ^= mask
    return bytes(out)


def flip_file_byte(path: Path, offset: int, mask: int = 0x01) -> None:
    path.write_bytes(flip_byte(path.read_bytes(), offset, mask))


def flip_sealed_column(folder: Path, table: str, column: str, key: str, value) -> None:
    """Flip one ciphertext byte of a sealed column (past the 12-byte nonce), keeping it a BLOB."""
    with ledger_db(folder) as conn:
        (sealed,) = conn.execute(f"SELECT {column} FROM {table} WHERE {key}=?", (value,)).fetchone()
        conn.execute(f"UPDATE {table} SET {column}=? WHERE {key}=?", (flip_byte(sealed, 14), value))


def blob_path(folder: Path, artefact_id: str) -> Path:
    return folder / "blobs" / artefact_id[:2] / artefact_id


def blob_files(folder: Path) -> set[str]:
    """Names of the sealed blob files in place (not counting blobs/.tmp)."""
    root = folder / "blobs"
    return {p.name for p in root.glob("*/*") if p.parent.name != ".tmp" and p.is_file()}


def artefact_ids(folder: Path) -> set[str]:
    with ledger_db(folder) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM artefacts")}


def verify_folder(folder: Path, external=()):
    """Open with the passphrase, verify, close; returns the VerifyReport."""
    with Vault.open(folder, PASSPHRASE) as vault:
        return vault.verify(external_checkpoints=external)
