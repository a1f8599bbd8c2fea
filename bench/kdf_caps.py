#!/usr/bin/env python3

# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""How long a header with the largest accepted Argon2id values takes to open, against the
default, in the same run (the caps in crypto/keys.py keep a hostile header near 5 s).

    .venv/bin/python bench/kdf_caps.py [--write]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evidence_vault.crypto.keys import ARGON2_CAP, ARGON2_DEFAULT, KdfParams  # noqa: E402

RUNS = 3


def best_of(params: dict) -> float:
    kdf = KdfParams(salt=os.urandom(16), **params)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        kdf.derive("bench passphrase")
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    default, cap = best_of(ARGON2_DEFAULT), best_of(ARGON2_CAP)
    lines = [
        "Command: `.venv/bin/python bench/kdf_caps.py --write` (best of 3, same run)",
        "",
        "| header KDF | memory | iterations | lanes | seconds | x default |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| default | {ARGON2_DEFAULT['memory_kib'] // 1024} MiB | {ARGON2_DEFAULT['iterations']} | "
        f"{ARGON2_DEFAULT['lanes']} | {default:.2f} | 1.0 |",
        f"| largest accepted | {ARGON2_CAP['memory_kib'] // 1024} MiB | {ARGON2_CAP['iterations']} | "
        f"{ARGON2_CAP['lanes']} | {cap:.2f} | {cap / default:.1f} |",
        "",
        "The machine was shared with other jobs: compare the ratio, not the seconds.",
    ]
    print("\n".join(lines))
    if "--write" in sys.argv:
        from _results import replace_section
        replace_section("## Header KDF caps (bench/kdf_caps.py)", lines)


if __name__ == "__main__":
    main()
