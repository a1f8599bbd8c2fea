#!/usr/bin/env python3

# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Build the vault test vectors: tests/vectors/vault/*.tar and MANIFEST.json.

    .venv/bin/python tests/vectors/make_vault_vectors.py [OUT_DIR]

Each tar holds one folder, ``vault/``, as Evidence Vault left it (without the ``lock`` file).
The manifest tags each with the result a reader of docs/vault-format.md must reach, age-style:

    "ok"                       opens with "vector passphrase" and verifies with no problems
    "open: <ErrorClass>"       opening it raises that error (before any verify)
    "verify: <text>"           it opens, and one of verify's problem lines contains <text>

The vaults are random (keys, ids); a rebuild makes new files with the same tags. They are kept
as tars so that the repository never tracks a bare SQLite file.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
import tarfile
import tempfile
from pathlib import Path

from evidence_vault import Vault
from evidence_vault.vault.header import HEADER_NAME

PASSPHRASE = "vector passphrase"
FORMAT1_GOOD = "format1-good.tar"
MTIME = 1767225600  # 2026-01-01T00:00:00Z, so rebuilt tars differ only where the vault does


def build_good(folder: Path, passphrase: str = PASSPHRASE) -> str:
    """1 case, 1 incident (item 1, event 3), 1 small file (item 2, event 4); returns its artefact id."""
    vault, _recovery = Vault.create(folder, passphrase, owner_name="Vector Owner", owner_role="Tester")
    with vault:
        case = vault.add_case("Vector case")
        vault.add_incident(case, kind="conversation", text="Said in the corridor: 'we know where you live'.",
                           occurred_at="2026-01-02T03:04:05Z")
        source = folder.parent / "evidence.txt"
        source.write_bytes(b"a small file of evidence\n")
        item = vault.add_file(case, source, guard=None)
        source.unlink()
    return item.artefacts[0].id


def blob(folder: Path, artefact_id: str) -> Path:
    return folder / "blobs" / artefact_id[:2] / artefact_id


def flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def sql(folder: Path, *statements: str) -> None:
    conn = sqlite3.connect(folder / "ledger.db", isolation_level=None)
    try:
        conn.execute("BEGIN")
        for statement in statements:
            conn.execute(statement)
        conn.execute("COMMIT")
    finally:
        conn.close()


def add_tar(folder: Path, target: Path) -> None:
    def clean(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
        if Path(info.name).name == "lock":
            return None
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mtime = MTIME
        info.mode = 0o755 if info.isdir() else 0o644
        return info

    with tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as tar:
        tar.add(folder, arcname="vault", filter=clean, recursive=False)
        for path in sorted(folder.rglob("*")):
            tar.add(path, arcname=f"vault/{path.relative_to(folder).as_posix()}", filter=clean,
                    recursive=False)


def build(out: Path) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="vault-vectors-"))
    try:
        good = work / "source" / "vault"
        good.parent.mkdir()
        artefact = build_good(good)
        file_blob = f"blob for artefact {artefact} (original of item 2)"
        entries = []

        def variant(name: str, expect: str, about: str, change=None, source: Path = good) -> None:
            folder = work / name / "vault"
            shutil.copytree(source, folder)
            if change is not None:
                change(folder)
            add_tar(folder, out / f"{name}.tar")
            entries.append({"file": f"{name}.tar", "expect": expect, "about": about})

        variant("good", "ok", "1 case, 1 incident, 1 small file; checkpoint at event 1")

        other = work / "other-source" / "vault"
        other.parent.mkdir()
        build_good(other, "not the vector passphrase")
        variant("wrong-passphrase", "open: WrongPassphraseError",
                "a sound vault whose passphrase is not 'vector passphrase'", source=other)

        variant("blob-flipped", f"verify: {file_blob}: does not decrypt (chunk 0 does not authenticate)",
                "one ciphertext byte of the file's blob flipped",
                lambda f: flip(blob(f, artefact), 20))

        def flip_header_body(f: Path) -> None:
            raw = (f / HEADER_NAME).read_bytes()
            flip(f / HEADER_NAME, raw.index(b'"created_at"') + 20)
        variant("header-flipped", "open: IntegrityError",
                "one byte of the header's JSON line flipped (its sha256 line no longer matches)",
                flip_header_body)

        variant("event-deleted", "verify: event 3: missing (deleted from the ledger)",
                "ledger event 3 (the incident) deleted", lambda f: sql(f, "DELETE FROM events WHERE seq=3"))

        variant("events-swapped",
                "verify: event 3: its sealed content does not open at this position (edited, swapped or moved)",
                "ledger events 3 and 4 exchanged their positions",
                lambda f: sql(f, "UPDATE events SET seq=-1 WHERE seq=3", "UPDATE events SET seq=3 WHERE seq=4",
                              "UPDATE events SET seq=4 WHERE seq=-1"))

        variant("blob-missing", f"verify: {file_blob}: the file is missing", "the file's blob deleted",
                lambda f: blob(f, artefact).unlink())

        def newer(f: Path) -> None:
            raw = (f / HEADER_NAME).read_bytes()
            (f / HEADER_NAME).write_bytes(raw.replace(b"evidence-vault/2\n", b"evidence-vault/3\n", 1))
        variant("newer-version", "open: UnsupportedVersionError", "version line evidence-vault/3", newer)

        def truncate(f: Path) -> None:
            with Vault.open(f, PASSPHRASE) as vault:
                assert vault.checkpoint().seq == 4
            # event 4 and the checkpoint_made (event 5) that records the checkpoint
            sql(f, "DELETE FROM events WHERE seq>=4", "DELETE FROM artefacts WHERE item_id=2",
                "DELETE FROM items WHERE id=2")
            blob(f, artefact).unlink()
        variant("truncated-behind-checkpoint",
                "verify: checkpoint at event 4: the ledger now ends at event 3; events 4-4 were removed",
                "checkpoint signed at event 4, then event 4 and its item, artefact and blob removed",
                truncate)

        # Format 1 (events without a salt) is no longer written but must still be read: this
        # tar was made by the format 1 generator and is kept as it is, never rebuilt.
        frozen = Path(__file__).resolve().parent / "vault" / FORMAT1_GOOD
        if frozen.resolve() != (out / FORMAT1_GOOD).resolve():
            shutil.copyfile(frozen, out / FORMAT1_GOOD)
        entries.append({"file": FORMAT1_GOOD, "expect": "ok",
                        "about": "format 1 (no event salt), as the good vector; kept, not rebuilt"})

        not_vault = work / "not-a-vault" / "vault"
        not_vault.mkdir(parents=True)
        (not_vault / "holiday-notes.txt").write_text("Not a vault.\n", encoding="utf-8")
        add_tar(not_vault, out / "not-a-vault.tar")
        entries.append({"file": "not-a-vault.tar", "expect": "open: VaultNotFoundError",
                        "about": "a folder of ordinary files, no vault-header"})

        empty = work / "empty" / "vault"
        empty.mkdir(parents=True)
        add_tar(empty, out / "empty-folder.tar")
        entries.append({"file": "empty-folder.tar", "expect": "open: VaultNotFoundError",
                        "about": "an empty folder (no vault created yet)"})

        manifest = {"passphrase": PASSPHRASE, "vectors": entries}
        (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        return entries
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "vault"
    for entry in build(target):
        print(f"{entry['file']:<36} {entry['expect']}")
