# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The vault test vectors (tests/vectors/vault/, built by tests/vectors/make_vault_vectors.py):
each tar is a vault folder tagged in MANIFEST.json with the result a reader must reach."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import evidence_vault
from evidence_vault import Vault

VECTORS = Path(__file__).resolve().parents[1] / "vectors"
MANIFEST = json.loads((VECTORS / "vault" / "MANIFEST.json").read_text(encoding="utf-8"))
PASSPHRASE = MANIFEST["passphrase"]


def unpack(tar_path: Path, into: Path) -> Path:
    with tarfile.open(tar_path) as tar:
        names = tar.getnames()
        assert all(n == "vault" or n.startswith("vault/") for n in names), names
        assert not any(m.issym() or m.islnk() or m.isdev() for m in tar.getmembers())
        tar.extractall(into, filter="data")
    return into / "vault"


def test_manifest_and_files_agree():
    assert PASSPHRASE == "vector passphrase"
    listed = [v["file"] for v in MANIFEST["vectors"]]
    on_disk = sorted(p.name for p in (VECTORS / "vault").iterdir() if p.name != "MANIFEST.json")
    assert sorted(listed) == on_disk and len(set(listed)) == len(listed)
    assert all(name.endswith(".tar") for name in on_disk)  # never a bare .db in the repository
    for name in on_disk:
        assert (VECTORS / "vault" / name).stat().st_size < 100 * 1024, name
    kinds = {v["expect"].split(":")[0] for v in MANIFEST["vectors"]}
    assert kinds == {"ok", "open", "verify"}


@pytest.mark.parametrize("vector", MANIFEST["vectors"], ids=[v["file"] for v in MANIFEST["vectors"]])
def test_vector(vector, tmp_path):
    folder = unpack(VECTORS / "vault" / vector["file"], tmp_path)
    expect = vector["expect"]
    if expect.startswith("open: "):
        error = getattr(evidence_vault, expect.removeprefix("open: "))
        assert issubclass(error, evidence_vault.EvidenceVaultError)
        with pytest.raises(error):
            Vault.open(folder, PASSPHRASE)
        return
    with Vault.open(folder, PASSPHRASE) as vault:
        report = vault.verify()
    if expect == "ok":
        assert (report.problems, report.warnings) == ([], [])
        assert report.events == 4 and report.blobs == 2
    else:
        wanted = expect.removeprefix("verify: ")
        assert expect.startswith("verify: ") and wanted
        assert any(wanted in problem for problem in report.problems), report.problems


def test_generator_still_builds_the_same_set_of_vectors(tmp_path):
    script = VECTORS / "make_vault_vectors.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, capture_output=True, timeout=120)
    rebuilt = json.loads((tmp_path / "MANIFEST.json").read_text(encoding="utf-8"))

    def shape(manifest):  # artefact ids inside the expected text are random per build
        return [(v["file"], re.sub(r"[0-9a-f]{32}", "<id>", v["expect"])) for v in manifest["vectors"]]
    assert shape(rebuilt) == shape(MANIFEST)


def _bodies(folder: Path) -> list[dict]:
    with Vault.open(folder, PASSPHRASE) as vault:
        return [event.body() for _seq, _hash, event in vault.events()]


def test_format_2_events_carry_a_fresh_salt_and_format_1_still_reads(tmp_path):
    """Format 2 (docs/vault-format.md, "Ledger"): 128 random bits in every event body, so the
    clear hashes cannot be matched against a wordlist of names; format 1 has none."""
    new = unpack(VECTORS / "vault" / "good.tar", tmp_path / "new")
    old = unpack(VECTORS / "vault" / "format1-good.tar", tmp_path / "old")
    assert (new / "vault-header").read_bytes().startswith(b"evidence-vault/2\n")
    assert (old / "vault-header").read_bytes().startswith(b"evidence-vault/1\n")
    salts = [body["salt"] for body in _bodies(new)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", s) for s in salts) and len(set(salts)) == len(salts)
    assert all(body["v"] == 2 for body in _bodies(new))
    assert all(body["v"] == 1 and "salt" not in body for body in _bodies(old))


def test_a_format_1_vault_keeps_writing_format_1_events(tmp_path):
    old = unpack(VECTORS / "vault" / "format1-good.tar", tmp_path)
    with Vault.open(old, PASSPHRASE) as vault:
        vault.add_case("Added by the new version")
        assert vault.verify().problems == []
    assert [body["v"] for body in _bodies(old)][-1] == 1


def test_same_event_twice_has_two_different_hashes():
    from evidence_vault.vault.ledger import GENESIS_PREV, Event, chain_hash
    one = Event(2, "case_created", "2026-01-01T00:00:00.000Z", {"case_id": 1, "name": "Ms Smith"})
    two = Event(2, "case_created", "2026-01-01T00:00:00.000Z", {"case_id": 1, "name": "Ms Smith"})
    assert chain_hash(GENESIS_PREV, one.encode()) != chain_hash(GENESIS_PREV, two.encode())
    assert Event.decode(one.encode()) == one
