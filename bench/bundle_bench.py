# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Benchmark: bundle export memory and time (50 vs 5 long captures) and verify-bundle throughput.

    .venv/bin/python bench/bundle_bench.py [--items 50] [--small 5] [--height 20000]

Builds a vault in bench/work/ with --items synthetic web captures whose screenshots are
1280 x --height px (text lines and coloured blocks, each one different, sealed through the
vault's public add path), then exports the first --small of them and all of them, each export
in its own process so that each peak RSS (VmHWM) is that export's alone. Reports the peak RSS
ratio (target: 50-item <= 1.2 x 5-item: pages are drawn one decoded screenshot at a time and
the originals are attached in batches) and the time per megapixel of both (roughly linear).
Then times `verify_bundle` on the 50-item bundle against `sha256sum` of the same file (target:
verify throughput >= 0.5 x sha256sum). Writes its section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _results import private_config, replace_section  # noqa: E402
from verify_throughput import best_of  # noqa: E402  (the same timing rule as the vault bench)
from evidence_vault import ArtefactSource, Vault  # noqa: E402

PASS = "benchmark passphrase"

CHILD = r"""
import json, sys, time
from pathlib import Path
from evidence_vault import Vault
from evidence_vault.bundle import export_bundle
folder, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with Vault.open(Path(folder), "benchmark passphrase") as v:
    case = v.case("bench")
    ids = [i.id for i in v.items(case)][:n]
    start = time.perf_counter()
    r = export_bundle(v, case, Path(out), item_ids=ids)
    took = time.perf_counter() - start
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({"seconds": took, "vmhwm_kib": hwm, "pages": r.pages, "size": Path(out).stat().st_size}))
"""


def screenshot(height: int, seed: int) -> bytes:
    from PIL import Image, ImageDraw
    img = Image.new("RGB", (1280, height), "white")
    draw = ImageDraw.Draw(img)
    for y in range(0, height, 400):
        shade = ((seed * 37 + y // 400 * 53) % 180) + 40
        draw.rectangle((900, y + 20, 1240, y + 300), fill=(shade, 255 - shade, (shade * 3) % 255))
    for y in range(0, height, 24):
        draw.text((40, y + 6), f"capture {seed}: comment number {y // 24} posted about a member of staff", fill="black")
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def build(folder: Path, items: int, height: int) -> int:
    vault, _ = Vault.create(folder, PASS, owner_name="Bench Owner", owner_role="Teacher")
    pixels = 0
    with vault:
        case = vault.add_case("bench")
        for i in range(items):
            url = f"https://example.test/post/{i}"
            info = {"requested_url": url, "final_url": url, "title": f"post {i}", "http_status": 200,
                    "captured_at": "2026-11-20T16:30:00.000Z", "device": None, "capture_notes": [], "note": None}
            meta = {**info, "capture_started_at": info["captured_at"]}
            vault.add_capture(case, info=info, artefacts=[
                ArtefactSource("screenshot", "screenshot.png", "image/png", [screenshot(height, i)]),
                ArtefactSource("mhtml", "page.mhtml", "multipart/related", [os.urandom(200_000)]),
                ArtefactSource("text", "text.txt", "text/plain", [b"text " * 2000]),
                ArtefactSource("metadata", "metadata.json", "application/json", [json.dumps(meta).encode()]),
            ])
            pixels += 1280 * height
    return pixels


def export(folder: Path, out: Path, n: int) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(out), str(n)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    private_config()  # the vaults made here stay out of the user's settings
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--small", type=int, default=5)
    parser.add_argument("--height", type=int, default=20_000)
    args = parser.parse_args()
    work = ROOT / "bench" / "work-bundle"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    build(work / "vault", args.items, args.height)
    mpx = 1280 * args.height / 1e6
    small = export(work / "vault", work / "small.pdf", args.small)
    large = export(work / "vault", work / "large.pdf", args.items)
    rss_ratio = large["vmhwm_kib"] / small["vmhwm_kib"]
    per_small = small["seconds"] / (args.small * mpx)
    per_large = large["seconds"] / (args.items * mpx)

    from evidence_vault.bundle import verify_bundle
    pdf = work / "large.pdf"
    report = None

    def run_verify():
        nonlocal report
        report = verify_bundle(pdf)

    ver = best_of(3, run_verify)
    assert report is not None and report.ok, report.failures
    sha = best_of(3, lambda: subprocess.run(["sha256sum", str(pdf)], check=True, capture_output=True))
    size = pdf.stat().st_size
    shutil.rmtree(work, ignore_errors=True)

    command = ".venv/bin/python bench/bundle_bench.py " + " ".join(sys.argv[1:])
    lines = [
        f"Command: `{command.strip()}` ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores)",
        "",
        f"- synthetic captures 1280 x {args.height:,} px ({mpx:.1f} Mpx each), each with a 200 kB MHTML; "
        "every export in its own process",
        f"- {args.small} items: {small['seconds']:.1f} s, {small['pages']} pages, {small['size'] / 1e6:.1f} MB, "
        f"peak RSS {small['vmhwm_kib'] / 1024:.0f} MiB",
        f"- {args.items} items: {large['seconds']:.1f} s, {large['pages']} pages, {large['size'] / 1e6:.1f} MB, "
        f"peak RSS {large['vmhwm_kib'] / 1024:.0f} MiB",
        f"- peak RSS ratio {args.items}/{args.small}: **{rss_ratio:.2f}** (target <= 1.2: "
        f"{'within' if rss_ratio <= 1.2 else 'OVER'})",
        f"- time per megapixel: {per_small:.3f} s ({args.small} items) vs {per_large:.3f} s ({args.items} items) "
        f"→ ratio {per_large / per_small:.2f} (1.0 = linear in pixels)",
        f"- verify-bundle on the {args.items}-item bundle ({size / 1e6:.1f} MB): {size / ver / 1e6:.0f} MB/s vs "
        f"sha256sum {size / sha / 1e6:.0f} MB/s → ratio **{sha / ver:.2f}** (target >= 0.5: "
        f"{'within' if sha / ver >= 0.5 else 'OVER'}); best of 3, file in the page cache",
    ]
    replace_section("## Bundle export and verify-bundle", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
