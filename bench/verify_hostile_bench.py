# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Benchmark: verify-bundle on hostile files, as multiples of a genuine bundle of the same size.

    .venv/bin/python bench/verify_hostile_bench.py [--tail-mib 10,200] [--runs 3]

Builds, in bench/work/hostile/, the files of issue 19's findings 8-13 (tests/bundle/
hostile_files.py makes them; tests/bundle/test_bundle_limits.py asserts each refusal) and, for
each, a genuine bundle of about the same size (one case whose one imported file of random bytes
brings the bundle to that size; the smallest genuine bundle is ~60 KB, so tiny hostile files
are compared with it). Runs the real `evidence-vault verify-bundle` on each in its own process
under GNU time and reports wall time and peak RSS, each as a ratio hostile / genuine (best of
--runs for time, highest for memory); the target is peak memory at most 2x that of a genuine
bundle (issue 19: "<= 2x the largest attachment"; a genuine bundle's peak above the floor is
about 1x its largest attachment). Writes its section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bundle"))

from _results import private_config, replace_section  # noqa: E402
from evidence_vault import Vault  # noqa: E402

PASS = "benchmark passphrase"
CLI = str(Path(sys.executable).with_name("evidence-vault"))


def genuine_of_size(folder: Path, size: int) -> Path:
    """A real export whose one imported file (random bytes) makes the bundle about ``size`` bytes."""
    out = folder / f"genuine-{size}.pdf"
    if out.exists():
        return out
    vault_dir = folder / f"vault-{size}"
    shutil.rmtree(vault_dir, ignore_errors=True)
    vault, _ = Vault.create(vault_dir, PASS, owner_name="Bench Owner", owner_role="Tester")
    with vault:
        case = vault.add_case("Bench")
        vault.add_incident(case, kind="conversation", text="Said in the corridor.", occurred_at="2026-11-20T10:00:00Z")
        payload = max(0, size - 60_000)
        if payload:
            src = folder / "payload.bin"
            with open(src, "wb") as fh:
                left = payload
                while left > 0:
                    fh.write(os.urandom(min(left, 1 << 20)))
                    left -= 1 << 20
            vault.add_file(case, src, guard=None)
            src.unlink()
        from evidence_vault.bundle import export_bundle
        export_bundle(vault, case, out)
    shutil.rmtree(vault_dir, ignore_errors=True)
    return out


def measure(path: Path, runs: int) -> tuple[float, int, int]:
    """(best wall seconds, highest peak RSS in KiB, exit code) of verify-bundle on ``path``."""
    best, peak, code = float("inf"), 0, None
    for _ in range(runs):
        result = subprocess.run(["/usr/bin/time", "-f", "%e %M", CLI, "verify-bundle", str(path)],
                                capture_output=True, text=True)
        seconds, kib = result.stderr.strip().splitlines()[-1].split()
        best, peak, code = min(best, float(seconds)), max(peak, int(kib)), result.returncode
    return best, peak, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tail-mib", default="10,200", help="sizes of the no-line-break tails, MiB")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    private_config()
    import hostile_files as hostile

    work = ROOT / "bench" / "work" / "hostile"
    work.mkdir(parents=True, exist_ok=True)
    base = genuine_of_size(work, 0)
    cases = []
    for mib in [int(x) for x in args.tail_mib.split(",") if x]:
        cases.append((f"genuine + {mib} MiB without a line break (finding 8)",
                      hostile.long_line_tail(base, work / f"tail-{mib}.pdf", mib << 20)))
        cases.append((f"genuine + {mib} MiB of zeros (finding 8)",
                      hostile.long_line_tail(base, work / f"zeros-{mib}.pdf", mib << 20, b"\0")))
    cases += [
        ("no %%EOF in 10 MiB (finding 8)", hostile.no_end_marker(work / "noend.pdf", 10 << 20)),
        ("name tree, 16 kids per level on one node (finding 9)", hostile.shared_name_tree(work / "tree.pdf")),
        ("manifest declaring 10 M events (finding 10)", hostile.huge_manifest(work / "manifest.pdf")),
        ("100,000 failures (finding 10)", hostile.many_small_failures(work / "many.pdf")),
        ("densest manifest within the limits: 199,000 tiny objects (finding 10)",
         hostile.many_small_failures(work / "densest.pdf", events=199_000)),
        ("attachment saved as ../evil.txt (finding 12)", hostile.path_names(base, work / "path.pdf")),
        ("changed signature padding (finding 13)", hostile.changed_padding(base, work / "padding.pdf")),
    ]
    floor_s, floor_kib, _ = measure(base, args.runs)
    lines = [f"Command: `.venv/bin/python bench/verify_hostile_bench.py --tail-mib {args.tail_mib} --runs {args.runs}` "
             f"({dt.date.today().isoformat()}, {os.cpu_count()} cores)", "",
             f"- smallest genuine bundle ({base.stat().st_size:,} B): {floor_s:.2f} s, peak RSS "
             f"{floor_kib / 1024:.0f} MiB (the floor: Python, pyHanko and the checks)",
             "- each hostile file against a genuine bundle of about the same size (one random imported file); "
             "time: best of runs; memory: highest peak RSS; all refused with exit 1 and at most 21 lines", ""]
    lines.append("| hostile file | size | time | peak RSS (above floor) | genuine of that size | time ratio | "
                 "RSS ratio |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    times, rss, worst_mib, label_mib = [], [], 0.0, ""
    for label, path in cases:
        size = path.stat().st_size
        genuine = genuine_of_size(work, size) if size > base.stat().st_size * 2 else base
        g_s, g_kib, g_code = measure(genuine, args.runs)
        h_s, h_kib, h_code = measure(path, args.runs)
        assert g_code == 0 and h_code == 1, (label, g_code, h_code)
        extra = max(0, h_kib - floor_kib) / 1024
        times.append(h_s / g_s)
        rss.append(h_kib / g_kib)
        if extra > worst_mib:
            worst_mib, label_mib = extra, label
        lines.append(f"| {label} | {size / (1 << 20):,.2f} MiB | {h_s:.2f} s | {h_kib / 1024:.0f} MiB "
                     f"(+{extra:.0f}) | {genuine.stat().st_size / (1 << 20):,.2f} MiB: {g_s:.2f} s, "
                     f"{g_kib / 1024:.0f} MiB | **{h_s / g_s:.2f}** | **{h_kib / g_kib:.2f}** |")
    label = label_mib  # the hostile file that cost the most memory above the floor
    lines += ["", f"- hostile / genuine of the same size: time at most **{max(times):.2f}**, peak RSS at most "
                  f"**{max(rss):.2f}** (target: peak RSS <= 2x)",
              f"- a genuine bundle holds about 1x its largest attachment above the floor (it is read compressed, "
              f"one at a time, and hashed as it is unpacked); a hostile file's extra memory is the parse of its "
              f"manifest, bounded by the JSON value limit (largest: {label}, +{worst_mib:.0f} MiB)"]
    replace_section("## verify-bundle on hostile files", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
