# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A busy page on a small server: pictures missing and capture time, before and after.

Issue 11, item 1: the safeguarding gate fetches every picture itself; it used to open one
connection per picture, about 240 at once to one host, and a server with socketserver's
default listen backlog of 5 dropped SYNs (retried by the kernel after 1, 3, 7 s...) so
pictures arrived late or timed out. The gate now fetches 6 per host, like Chromium, and
tries a dropped connection again.

The page: 240 distinct solid-colour avatars from one ThreadingHTTPServer on 127.0.0.1 with
``request_queue_size`` 5 (tests/capture/busy_site.py, the server the tests use). Each
capture uses the default CaptureOptions (30 s budget) and the real ImageGuard, as the CLI
does. "before" is the capture engine at ``--baseline`` (extracted with ``git archive`` into
a temporary folder), "after" is this tree; they run in separate processes, interleaved,
one warm capture each round after a warm-up, against the same server.

    .venv/bin/python bench/busy_page_bench.py [--rounds 5] [--pictures 240] [--baseline REV]

Prints the figures and writes them into bench/RESULTS.md under its own heading.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADING = "## Busy page on a small server (per-host fetching)"
#: The last commit before issue 11's gate changes (one connection per picture, at once).
BASELINE = "7309cc0"


def child(tree: str, url: str, count: int, rounds: int) -> None:
    """Runs in a subprocess whose sys.path starts with ``tree``: capture ``url`` ``rounds`` times."""
    sys.path[:0] = [tree, str(ROOT / "tests" / "capture")]
    from evidence_vault.capture import BrowserWorker, CaptureOptions
    from evidence_vault.safeguarding import ImageGuard, Matcher

    import busy_site

    base = url.rsplit("/", 1)[0]
    assert Path(sys.modules["evidence_vault"].__file__).is_relative_to(tree)
    out = []
    with tempfile.TemporaryDirectory() as tmp, BrowserWorker(
        browser_path=Path(os.environ.get("EVIDENCE_VAULT_TEST_BROWSER", "/usr/bin/chromium")), temp_root=Path(tmp)
    ) as worker:
        worker.capture(base + "/nothing", CaptureOptions(), inspector=ImageGuard(Matcher.empty()))  # warm-up
        for _ in range(rounds):
            started = time.perf_counter()
            page = worker.capture(url, CaptureOptions(), inspector=ImageGuard(Matcher.empty()))
            elapsed = time.perf_counter() - started
            drawn = busy_site.drawn(page.screenshot_png, count)
            archived = busy_site.archived(page.mhtml, base)
            out.append({
                "seconds": round(elapsed, 3),
                "missing_screenshot": count - len(drawn),
                "missing_mhtml": count - len(archived),
                "failed_requests": len(page.metadata.get("failed_requests") or []),
                "load_timed_out": bool(page.metadata["load"]["timed_out"]),
            })
    print(json.dumps(out))


def extract(rev: str, into: Path) -> Path:
    data = subprocess.run(["git", "archive", rev, "evidence_vault"], cwd=ROOT, check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as archive:
        archive.extractall(into, filter="data")
    return into


def run_child(tree: Path, url: str, count: int, rounds: int) -> list[dict]:
    env = dict(os.environ, PYTHONPATH="")
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(tree), url, str(count), str(rounds)],
        cwd=tree, env=env, capture_output=True, text=True, timeout=900,
    )
    if result.returncode != 0:
        raise SystemExit(f"child failed ({tree}):\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pictures", type=int, default=240)
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--picture-kb", type=int, default=40, help="weight of each avatar file")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests" / "capture"))
    import busy_site

    site = busy_site.start(args.pictures, pad=args.picture_kb * 1000)
    results: dict[str, list[dict]] = {"before": [], "after": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            trees = {"before": extract(args.baseline, Path(tmp) / "before"), "after": ROOT}
            for _ in range(args.rounds):
                for name, tree in trees.items():
                    results[name] += run_child(tree, site.base + "/page", args.pictures, 1)
    finally:
        busy_site.stop(site)

    def summary(name: str) -> str:
        runs = results[name]
        seconds = [r["seconds"] for r in runs]
        return (f"median {statistics.median(seconds):.2f} s (min {min(seconds):.2f}, max {max(seconds):.2f}); "
                f"pictures missing from the screenshot per capture: {[r['missing_screenshot'] for r in runs]}, "
                f"from the MHTML: {[r['missing_mhtml'] for r in runs]}; failed_requests: "
                f"{[r['failed_requests'] for r in runs]}; load timed out in {sum(r['load_timed_out'] for r in runs)}")

    ratio = statistics.median(r["seconds"] for r in results["after"]) / statistics.median(
        r["seconds"] for r in results["before"])
    lines = [
        f"Run {datetime.date.today().isoformat()}: `.venv/bin/python bench/busy_page_bench.py --rounds {args.rounds} "
        f"--pictures {args.pictures} --picture-kb {args.picture_kb}` ({os.cpu_count()} cores, shared with other work; interleaved rounds)",
        "",
        f"- page: {args.pictures} avatars of {args.picture_kb} KB each from one server with socketserver's default listen backlog (5), "
        "default CaptureOptions (30 s), the real ImageGuard",
        f"- before ({args.baseline}, one connection per picture, all at once): {summary('before')}",
        f"- after (6 per host, dropped connections retried): {summary('after')}",
        f"- time after / before: **{ratio:.2f}** (medians)",
    ]
    print("\n".join(lines))
    from _results import replace_section

    replace_section(HEADING, lines)


if __name__ == "__main__":
    main()
