# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""How much a 100,000-entry hash list adds to ImageGuard.inspect() on a 200-picture page.

Target: at most 15 % more than the same inspect() calls with no list loaded (same process,
same pictures, same decoding and hashing; only the matching differs, hence "matcher only").
The list is 100,000 PDQ hashes, the worst case for the matcher (exact hashes are a set
lookup). The pictures are synthetic, generated in memory: a web-like mix of sizes (64 to
1,600 px) and formats (JPEG, PNG, WebP, GIF).

    .venv/bin/python bench/guard_overhead.py [--images 200] [--entries 100000] [--rounds 5]

Prints the figures and writes them into bench/RESULTS.md under its own heading, leaving
every other section of that file as it is.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _results import replace_section  # noqa: E402  (bench/ is on sys.path when run)
from evidence_vault.safeguarding import HashList, ImageGuard, Matcher  # noqa: E402

HEADING = "## Guard overhead (matcher only)"
FORMATS = [("JPEG", {"quality": 80}, 0.6), ("PNG", {}, 0.25), ("WEBP", {"quality": 80}, 0.1), ("GIF", {}, 0.05)]


def web_like_pictures(count: int, seed: int = 0) -> list[tuple[bytes, str]]:
    rng = np.random.default_rng(seed)
    pictures = []
    for _ in range(count):
        side = int(rng.choice([64, 128, 200, 320, 480, 640, 800, 1200, 1600], p=[.15, .15, .15, .15, .12, .1, .08, .06, .04]))
        width, height = side, max(32, int(side * rng.uniform(0.5, 1.5)))
        cells = (rng.random((12, 16, 3)) * 255).astype(np.uint8)
        image = Image.fromarray(cells).resize((width, height), Image.Resampling.BICUBIC)
        fmt, options, _ = FORMATS[rng.choice(len(FORMATS), p=[f[2] for f in FORMATS])]
        out = io.BytesIO()
        image.save(out, fmt, **options)
        pictures.append((out.getvalue(), f"image/{fmt.lower()}"))
    return pictures


def big_list(entries: int) -> HashList:
    rng = np.random.default_rng(1)
    raw = rng.bytes(32 * entries)
    digests = frozenset(raw[i : i + 32] for i in range(0, len(raw), 32))
    empty: frozenset[bytes] = frozenset()
    return HashList(name="Bench list", entries={"md5": empty, "sha1": empty, "sha256": empty, "pdq": digests},
                    source_sha256="0" * 64)


def one_pass(matcher: Matcher, pictures: list[tuple[bytes, str]]) -> float:
    guard = ImageGuard(matcher)  # a fresh guard: nothing remembered from an earlier pass
    started = time.perf_counter()
    for number, (body, content_type) in enumerate(pictures):
        guard.inspect(kind="response", url=f"https://bench.invalid/{number}", body=body, content_type=content_type)
    return time.perf_counter() - started


def write_results(lines: list[str]) -> None:
    replace_section(HEADING, lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()

    pictures = web_like_pictures(args.images)
    loaded, empty = Matcher([big_list(args.entries)]), Matcher.empty()
    one_pass(loaded, pictures[:10])  # warm up imports and caches
    with_list, without = [], []
    for _ in range(args.rounds):  # interleaved, so drift in machine speed hits both alike
        without.append(one_pass(empty, pictures))
        with_list.append(one_pass(loaded, pictures))
    base, listed = statistics.median(without), statistics.median(with_list)
    ratio = listed / base
    per_image = (listed - base) / args.images * 1000
    verdict = "within" if ratio <= 1.15 else "OVER"
    size_mb = sum(len(b) for b, _ in pictures) / 1e6
    lines = [
        f"Command: `.venv/bin/python bench/guard_overhead.py --images {args.images} --entries {args.entries} "
        f"--rounds {args.rounds}` ({datetime.date.today().isoformat()}, {os.cpu_count()} cores)",
        "",
        f"- {args.images} synthetic web pictures ({size_mb:.1f} MB; JPEG/PNG/WebP/GIF, 64-1600 px), "
        f"list of {args.entries:,} PDQ hashes, median of {args.rounds} interleaved rounds",
        f"- inspect() with no list: {base * 1000:.0f} ms ({base / args.images * 1000:.2f} ms a picture: "
        "decode, MD5/SHA-1/SHA-256, PDQ)",
        f"- inspect() with the list: {listed * 1000:.0f} ms ({listed / args.images * 1000:.2f} ms a picture); "
        f"matching adds {per_image:.2f} ms a picture",
        f"- ratio **{ratio:.3f}** (target <= 1.15: {verdict})",
    ]
    print("\n".join(lines))
    if not args.no_write:
        write_results(lines)
    return 0 if ratio <= 1.15 else 1


if __name__ == "__main__":
    raise SystemExit(main())
