# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Benchmark: `verify` throughput against `sha256sum` over the same plaintext, same run.

    .venv/bin/python bench/verify_throughput.py [--gib 1.0] [--items 10000]

Builds a vault in bench/work/ holding --gib of random artefacts (64 MiB files), then times
(1) `sha256sum` over the same plaintext bytes (written once to bench/work/plain — random,
not evidence), (2) `Vault.verify()`; reports verify/sha256sum throughput as a ratio (target
>= 0.7). Then builds a 10,000-item vault and times open + list against open alone.
Appends results to bench/RESULTS.md with this command line. Machines are shared and noisy:
ratios within one run are what count, not seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _results import private_config, replace_section  # noqa: E402  (bench/ is on sys.path when run)
from evidence_vault.vault import ArtefactSource, Vault  # noqa: E402

PASS = "benchmark passphrase"
FILE_MIB = 64


def best_of(n, fn):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def verify_bench(work: Path, gib: float) -> dict:
    folder, plain = work / "big", work / "plain"
    shutil.rmtree(work, ignore_errors=True)
    plain.mkdir(parents=True)
    vault, _ = Vault.create(folder, PASS, owner_name="Bench", owner_role="Bench")
    case = vault.add_case("bench")
    files = max(1, int(gib * 1024 / FILE_MIB))
    for i in range(files):
        data = os.urandom(FILE_MIB << 20)
        (plain / f"f{i}").write_bytes(data)
        vault._store_item(case.id, "file", {"filename": f"f{i}", "media_type": "application/octet-stream"},
                          [ArtefactSource("original", f"f{i}", "application/octet-stream", [data])])
    total = files * (FILE_MIB << 20)
    subprocess.run(["sync"], check=False)
    paths = sorted(str(p) for p in plain.iterdir())
    sha = best_of(3, lambda: subprocess.run(["sha256sum", *paths], check=True, capture_output=True))
    # A stricter baseline: OpenSSL's SHA-256 (uses the CPU's SHA extensions, as hashlib does).
    ossl = best_of(3, lambda: subprocess.run(["openssl", "dgst", "-sha256", *paths], check=True,
                                             capture_output=True)) if shutil.which("openssl") else None
    report = None

    def run_verify():
        nonlocal report
        report = vault.verify()

    ver = best_of(3, run_verify)
    assert report is not None and report.ok and report.bytes == total, report
    vault.close()
    return {"bytes": total, "sha256sum_s": sha, "verify_s": ver, "openssl_s": ossl,
            "openssl_ratio": (ossl / ver) if ossl else None,
            "sha256sum_MBps": total / sha / 1e6, "verify_MBps": total / ver / 1e6,
            "ratio": (total / ver) / (total / sha)}


def list_bench(work: Path, items: int) -> dict:
    folder = work / "many"
    vault, _ = Vault.create(folder, PASS, owner_name="Bench", owner_role="Bench")
    case = vault.add_case("bench")
    for i in range(items):
        vault._store_item(case.id, "incident", {"incident_kind": "other", "occurred_at": "2026-01-01T00:00:00Z",
                                                "summary": f"entry {i}"},
                          [ArtefactSource("entry", "entry.txt", "text/plain", [f"entry {i}".encode()])])
    vault.close()

    def open_only():
        Vault.open(folder, PASS).close()

    def open_list():
        v = Vault.open(folder, PASS)
        assert len(v.items()) == items
        v.close()

    base = best_of(3, open_only)
    both = best_of(3, open_list)
    return {"items": items, "open_s": base, "open_list_s": both, "list_s": both - base, "ratio": both / base}


def main() -> None:
    private_config()  # the vaults made here stay out of the user's settings
    parser = argparse.ArgumentParser()
    parser.add_argument("--gib", type=float, default=1.0)
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    work = ROOT / "bench" / "work"
    v = verify_bench(work, args.gib)
    lst = list_bench(work, args.items)
    shutil.rmtree(work, ignore_errors=True)
    command = "python bench/verify_throughput.py " + " ".join(sys.argv[1:])
    lines = [
        "## Vault verify and list",
        "",
        f"Command: `{command.strip()}` ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores)",
        "",
        f"- verify of {v['bytes'] / 2**30:.2f} GiB: {v['verify_MBps']:.0f} MB/s vs sha256sum "
        f"{v['sha256sum_MBps']:.0f} MB/s over the same plaintext → ratio **{v['ratio']:.2f}** (target ≥ 0.7)",
        f"- against `openssl dgst -sha256` (hardware SHA-256, a stricter baseline than coreutils): "
        f"ratio **{v['openssl_ratio']:.2f}**" if v["openssl_ratio"] else "- openssl not installed: no second baseline",
        "- verify decrypts (AES-256-GCM) and hashes every blob on 2 threads; files are in the page cache "
        "for every run (best of 3).",
        f"- open + list of {lst['items']} items: {lst['open_list_s']:.2f} s; open alone "
        f"{lst['open_s']:.2f} s (Argon2id); list itself {lst['list_s']:.2f} s → ratio {lst['ratio']:.2f}",
        "",
    ]
    print("\n".join(lines))
    replace_section(lines[0], lines[2:])


if __name__ == "__main__":
    main()
