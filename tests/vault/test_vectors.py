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
