# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Capture engine speed and memory, as ratios against a baseline run in the same command.

    .venv/bin/python bench/capture_bench.py [--rounds 5] [--only bare,cold,tall,guard] [--no-write]

Serves its own pages from a threaded http.server on 127.0.0.1 (a free port) and tells the
browser to resolve no other name, so nothing leaves the machine. Every figure compares two
things measured in this same process, interleaved round by round (A B, B A, A B, ...) so that
drift in the speed of a shared machine hits both alike; medians and minimums are reported.

1. Capture vs bare Playwright. The same article page (about 3 screens, four pictures,
   nothing lazy): ``BrowserWorker.capture`` with its browser already running, against bare
   Playwright in this process doing what any screenshot tool does: ``new_context``,
   ``goto(wait_until="load")``, ``page.screenshot(full_page=True)``, CDP
   ``Page.captureSnapshot`` (MHTML), close the context, on a browser already launched (the
   same Chromium, the same launch flags). Target <= 1.10. Also ``workflows.capture_url`` into
   a real vault (temporary folder, the 100,000-entry list of section 4 loaded) against the
   same baseline: the whole user-visible action.
2. Warm vs cold. A capture on a running worker against a new ``BrowserWorker`` each time
   (driver and browser start included; its ``close()`` is not). Target warm <= 0.5 x cold.
3. 60,000 px page. Time (with the bare full-page screenshot of the same page for scale), the
   Python process's peak RSS (VmHWM, reset before the capture) and Python heap peak
   (tracemalloc, in a separate capture since tracing slows Python down), and the browser's
   peak memory: RSS (and PSS, which does not count shared pages twice) of the worker's
   browser process and every process under it, summed per sample, sampled every 25 ms on a
   thread (the baseline's browser is not counted).
4. Guard overhead, whole capture. A page of 200 distinct pictures (smooth random images made
   in memory, 96-400 px, about 1-65 KB each, JPEG/PNG/WebP): capture with ``ImageGuard`` over a
   100,000-entry list (50,000 PDQ + 50,000 SHA-256, none matching) against ``ImageGuard``
   with no list loaded (same decoding and hashing; the product's state before a list is
   loaded). Target <= 1.15. The capture with no Inspector at all is given for scale.

Writes each section into bench/RESULTS.md under its own heading with this command line,
leaving every other section of that file as it is. Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _results import private_config, replace_section  # noqa: E402  (bench/ is on sys.path when run)
from evidence_vault.capture import BrowserWorker, CaptureOptions, _browser  # noqa: E402
from evidence_vault.capture._screenshot import BOTTOM_WAIT_MS  # noqa: E402
from evidence_vault.capture._worker import DEFAULT_VIEWPORT  # noqa: E402
from evidence_vault.safeguarding import ImageGuard, Matcher, parse_hash_list  # noqa: E402
from evidence_vault.safeguarding.vault_guard import guard_for_vault, vault_summary  # noqa: E402
from evidence_vault.vault import Vault  # noqa: E402
from evidence_vault.workflows import capture_url  # noqa: E402


class AllowAll:
    """Bench only, "no Inspector at all" for scale: the engine requires one, this one allows all."""

    def inspect(self, *, kind, url, body, content_type) -> None:
        return None

    def unreadable(self, *, kind, url, reason) -> None:
        return None

CHROMIUM = Path(os.environ.get("EVIDENCE_VAULT_BENCH_BROWSER", "/usr/bin/chromium"))
SECTIONS = ("bare", "cold", "tall", "guard")
HEADINGS = {
    "bare": "## Capture vs bare Playwright",
    "cold": "## Capture: warm vs cold browser",
    "tall": "## Capture: 60,000 px page",
    "guard": "## Guard overhead (whole capture)",
}
TARGETS = {"bare": 1.10, "cold": 0.5, "guard": 1.15}
PASS = "benchmark passphrase, not a secret"

# --- the pages -----------------------------------------------------------------------------

LOREM = (
    "The comments were posted late in the evening and stayed up for several days before the "
    "account was suspended. Screenshots taken on a phone lack the address and the time, so the "
    "school asked for a capture that a court would accept: the page as the browser showed it, "
    "the archive of every resource, and where the server was. "
)


def smooth_picture(rng: np.random.Generator, width: int, height: int, fmt: str, quality: int = 80) -> bytes:
    """A random but smooth picture (bicubic-upscaled noise): compresses like a photo."""
    cells = (rng.random((rng.integers(6, 20), rng.integers(6, 20), 3)) * 255).astype(np.uint8)
    image = Image.fromarray(cells).resize((width, height), Image.Resampling.BICUBIC)
    out = io.BytesIO()
    image.save(out, fmt, **({} if fmt == "PNG" else {"quality": quality}))
    return out.getvalue()


class Pages:
    """Everything the bench site serves, made once in memory."""

    def __init__(self) -> None:
        rng = np.random.default_rng(2026)
        self.files: dict[str, tuple[str, bytes]] = {}
        # Article: four pictures, text; about 2.5 screens of 800 px.
        for i, (w, h, fmt) in enumerate([(960, 400, "JPEG"), (440, 300, "PNG"), (440, 300, "JPEG"), (640, 360, "WEBP")]):
            self.add(f"/a/{i}.{fmt.lower()}", f"image/{fmt.lower()}", smooth_picture(rng, w, h, fmt))
        paragraphs = "".join(f"<p>{LOREM * 2}</p>" for _ in range(6))
        self.add("/article", "text/html; charset=utf-8", f"""<!doctype html><html><head>
<meta charset="utf-8"><title>Bench article</title><style>
body {{ margin: 0 auto; max-width: 980px; font: 17px/1.5 sans-serif; padding: 16px; }}
header {{ background: #234; color: #fff; padding: 12px; }} figure {{ margin: 12px 0; }}
.pair img {{ width: 440px; height: 300px; margin-right: 12px; }}
</style></head><body><header><h1>Bench article</h1></header>
<figure><img src="/a/0.jpeg" width="960" height="400" alt="lead"></figure>
{paragraphs[: len(paragraphs) // 2]}
<figure class="pair"><img src="/a/1.png" alt="one"><img src="/a/2.jpeg" alt="two"></figure>
{paragraphs[len(paragraphs) // 2:]}
<figure><img src="/a/3.webp" width="640" height="360" alt="three"></figure>
<footer><p>Footer text.</p></footer></body></html>""".encode())
        # 60,000 px: 60 coloured bands of 1000 px with a line of text each, fixed header.
        bands = "".join(
            f'<section style="height:1000px;background:rgb({(i * 67) % 200 + 30},{(i * 131 + 50) % 200 + 30},'
            f'{(i * 29 + 100) % 200 + 30})"><h2>Section {i}</h2><p>{LOREM}</p></section>'
            for i in range(60)
        )
        self.add("/tall", "text/html; charset=utf-8", (
            "<!doctype html><html><head><meta charset='utf-8'><title>Tall</title><style>"
            "body{margin:0;font:18px sans-serif} section{overflow:hidden;padding:0 20px} "
            "#top{position:fixed;top:0;left:0;right:0;height:40px;background:#f0f;z-index:9}"
            f"</style></head><body><div id='top'>fixed header</div>{bands}</body></html>"
        ).encode())
        # Gallery: 200 distinct pictures, a few KB to ~100 KB each.
        cells = []
        for i in range(200):
            fmt = ("JPEG", "JPEG", "PNG", "WEBP")[i % 4]
            side = int(rng.choice([96, 160, 240, 320, 400]))
            w, h = side, int(side * rng.uniform(0.6, 1.3))
            if fmt == "PNG":
                w, h = min(w, 200), min(h, 200)
            self.add(f"/g/{i}.{fmt.lower()}", f"image/{fmt.lower()}", smooth_picture(rng, w, h, fmt, 85))
            cells.append(f'<figure><img src="/g/{i}.{fmt.lower()}" width="{w}" height="{h}" '
                         f'style="max-width:220px;height:auto"><figcaption>#{i}</figcaption></figure>')
        self.add("/gallery", "text/html; charset=utf-8", (
            "<!doctype html><html><head><meta charset='utf-8'><title>Gallery</title><style>"
            "body{margin:0;font:14px sans-serif;display:flex;flex-wrap:wrap}"
            "figure{width:230px;margin:4px}</style></head><body>" + "".join(cells) + "</body></html>"
        ).encode())
        sizes = [len(b) for p, (_, b) in self.files.items() if p.startswith("/g/")]
        self.gallery_bytes = (min(sizes), max(sizes), sum(sizes))

    def add(self, path: str, content_type: str, body: bytes) -> None:
        self.files[path] = (content_type, body)


def serve(pages: Pages) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            content_type, body = pages.files.get(self.path.split("?", 1)[0], ("text/plain", b""))
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        # socketserver's default listen backlog is 5: Playwright's route.fetch opens a connection
        # per intercepted request, and SYNs dropped by a full backlog are retried after 1, 3,
        # 7... s, which would measure the kernel's back-off, not the capture.
        request_queue_size = 1024
        daemon_threads = True

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --- the baseline: bare Playwright on a browser launched like ours ---------------------------


class BarePlaywright:
    """What a plain screenshot tool does, on this thread, with our browser and flags."""

    def __init__(self, temp_dir: Path) -> None:
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=list(_browser.LAUNCH_ARGS) + list(_browser.TEST_ONLY_EXTRA_ARGS),
            env=_browser.browser_env(temp_dir), timeout=60_000,
            handle_sigint=False, handle_sigterm=False, handle_sighup=False,
            chromium_sandbox=not (hasattr(os, "geteuid") and os.geteuid() == 0),
        )

    def capture(self, url: str) -> tuple[bytes, bytes]:
        context = self.browser.new_context(viewport=dict(DEFAULT_VIEWPORT), device_scale_factor=1,
                                           service_workers="block", accept_downloads=False)
        try:
            page = context.new_page()
            page.goto(url, wait_until="load", timeout=60_000)
            png = page.screenshot(full_page=True, timeout=120_000)
            cdp = context.new_cdp_session(page)
            mhtml = cdp.send("Page.captureSnapshot", {"format": "mhtml"})["data"].encode()
            return png, mhtml
        finally:
            context.close()

    def close(self) -> None:
        self.browser.close()
        self._pw.stop()


# --- measuring -------------------------------------------------------------------------------


def timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def interleaved(rounds: int, runs: dict[str, object]) -> dict[str, list[float]]:
    """Each round runs every callable once; the order rotates from round to round."""
    names = list(runs)
    times: dict[str, list[float]] = {n: [] for n in names}
    for r in range(rounds):
        order = names[r % len(names):] + names[: r % len(names)]
        if r % 2:
            order.reverse()
        for name in order:
            times[name].append(timed(runs[name])[0])
    return times


def med(values: list[float]) -> float:
    return statistics.median(values)


def fmt_s(values: list[float]) -> str:
    return f"{med(values):.2f} s (min {min(values):.2f})"


def verdict(ratio: float, target: float) -> str:
    return "within" if ratio <= target else "OVER"


class MemorySampler:
    """Peak memory of one worker's browser (its main process and every process under it) and
    of the Playwright driver that started it, sampled from /proc on a thread."""

    def __init__(self, browser_tmp: Path, interval_s: float = 0.025) -> None:
        self.browser_tmp = browser_tmp
        self.interval_s = interval_s
        self.peak_rss = self.peak_pss = self.peak_driver_rss = 0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "MemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(self.interval_s):
                self.sample()
                return

    def sample(self) -> None:
        rss = pss = driver = count = 0
        mains = _browser.browser_pids(self.browser_tmp)
        tree = set(mains)
        for main in mains:
            tree.update(p for p, _ in descendants(main))
        for pid in tree:
            count += 1
            rss += status_kib(pid, "VmRSS")
            pss += pss_kib(pid)
        for parent in {parent_pid(m) for m in mains} - tree:
            driver += status_kib(parent, "VmRSS")
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_pss = max(self.peak_pss, pss)
        self.peak_driver_rss = max(self.peak_driver_rss, driver)
        self.peak_processes = max(self.peak_processes, count)


def descendants(root: int) -> list[tuple[int, bytes]]:
    parents = {int(e): parent_pid(int(e)) for e in os.listdir("/proc") if e.isdigit()}
    found, frontier = [], {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier}
        for pid in frontier:
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as handle:
                    found.append((pid, handle.read()))
            except OSError:
                pass
    return found


def parent_pid(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return 0
    return int(stat[stat.rindex(b")") + 2:].split()[1])


def status_kib(pid: int | str, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def reset_peak_rss() -> bool:
    """Reset this process's VmHWM (Linux: write 5 to clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def timings_line(pages: list) -> str:
    """Median seconds per pipeline step (metadata step_timings_s) over several captures."""
    names = list(pages[0].metadata["step_timings_s"])
    parts = []
    for name in names:
        value = med([p.metadata["step_timings_s"].get(name, 0.0) for p in pages])
        if value >= 0.005:
            parts.append(f"{name} {value:.2f}")
    return ", ".join(parts)


def load_line(pages: list) -> str:
    waited = med([p.metadata["load"]["waited_s"] for p in pages])
    return f"load (goto to load + settle) {waited:.2f}"


# --- the hash list ---------------------------------------------------------------------------


def mixed_list_text(entries: int) -> bytes:
    rng = np.random.default_rng(71)
    raw = rng.bytes(32 * entries)
    lines = []
    for i in range(entries):
        kind = "pdq" if i % 2 == 0 else "sha256"
        lines.append(f"{kind}:{raw[32 * i: 32 * i + 32].hex()}")
    return ("# bench list: random hashes, none of the bench pictures\n" + "\n".join(lines) + "\n").encode()


# --- the sections ----------------------------------------------------------------------------


class Bench:
    def __init__(self, args, base: str, work: Path) -> None:
        self.args, self.base, self.work = args, base, work
        self.options = CaptureOptions()
        started = time.perf_counter()
        self.hash_list = parse_hash_list(mixed_list_text(args.entries), name="Bench list")
        self.list_parse_s = time.perf_counter() - started
        self.matcher = Matcher([self.hash_list])
        self.worker = BrowserWorker(browser_path=CHROMIUM, temp_root=work / "root")
        self._bare: BarePlaywright | None = None

    @property
    def bare(self) -> BarePlaywright:
        if self._bare is None:
            self._bare = BarePlaywright(Path(tempfile.mkdtemp(dir=self.work)))
        return self._bare

    def close(self) -> None:
        self.worker.close()
        if self._bare is not None:
            self._bare.close()

    def capture(self, path: str, inspector=None, options: CaptureOptions | None = None):
        return self.worker.capture(self.base + path, options or self.options, inspector=inspector or AllowAll())

    # 1 ----------------------------------------------------------------------------------
    def bare_vs_ours(self) -> tuple[list[str], bool]:
        url = self.base + "/article"
        vault, _ = Vault.create(self.work / "vault", PASS, owner_name="Bench", owner_role="Bench")
        vault.hash_lists.add("Bench list", self.hash_list.to_bytes(), vault_summary(self.hash_list))
        case = vault.add_case("bench")
        ours: list = []
        bare_out: list = []
        self.capture("/article")
        self.bare.capture(url)  # warm both: first context, caches of the code paths
        capture_url(vault, self.worker, url=url, case=case)
        t = interleaved(self.args.rounds, {
            "bare": lambda: bare_out.append(self.bare.capture(url)),
            "ours": lambda: ours.append(self.capture("/article")),
            "vault": lambda: capture_url(vault, self.worker, url=url, case=case),
        })
        started = time.perf_counter()
        guard_for_vault(vault)  # what capture_url does first: the matcher from the sealed list
        matcher_s = time.perf_counter() - started
        vault.close()
        ratio, ratio_min = med(t["ours"]) / med(t["bare"]), min(t["ours"]) / min(t["bare"])
        vratio = med(t["vault"]) / med(t["bare"])
        shot = ours[-1].metadata["screenshot"]
        with Image.open(io.BytesIO(bare_out[-1][0])) as bare_shot:
            bare_size = bare_shot.size
        lines = [
            f"- page: /article, {shot['width_px']}x{shot['height_px']} px ({shot['height_px'] / 800:.1f} screens), "
            f"4 pictures, nothing lazy; desktop 1280x800; {self.args.rounds} interleaved rounds",
            f"- bare Playwright (new_context, goto load, full-page screenshot {bare_size[0]}x{bare_size[1]}, "
            f"MHTML, close): {fmt_s(t['bare'])}",
            f"- BrowserWorker.capture, warm: {fmt_s(t['ours'])} → ratio **{ratio:.2f}** "
            f"(min/min {ratio_min:.2f}; target <= {TARGETS['bare']:.2f}: {verdict(ratio, TARGETS['bare'])})",
            f"- where our time goes (median s): {load_line(ours)}; {timings_line(ours)}",
            f"- workflows.capture_url into a vault (guard over the {self.args.entries:,}-entry list, "
            f"sealed into the vault): {fmt_s(t['vault'])} → ratio {vratio:.2f} against bare; of which "
            f"{matcher_s:.2f} s is guard_for_vault() unsealing the list and building its matcher (every capture)",
        ]
        if ratio > TARGETS["bare"]:
            scroll = ours[-1].metadata["lazy_scroll"]
            scroll_s = med([p.metadata["step_timings_s"].get("lazy_scroll", 0.0) for p in ours])
            lines.append(
                f"- target not met, and not reachable without cutting the lazy-load pass or its endless-feed "
                f"wait (documented behaviour; a shorter wait would miss feeds that append later): {scroll_s:.2f} s of the "
                f"{med(t['ours']) - med(t['bare']):.2f} s difference is the lazy-load pass, which bare Playwright "
                f"does not do ({scroll.get('steps')} viewport steps of two frames each, then "
                f"{BOTTOM_WAIT_MS / 1000:.2f} s at the bottom without growth before a page counts as not being an "
                "endless feed). Network-idle settle, decode/font waits, data: URI collection and the safeguarding "
                "route on every image run within the rest."
            )
        return lines, ratio <= TARGETS["bare"]

    # 2 ----------------------------------------------------------------------------------
    def warm_vs_cold(self) -> tuple[list[str], bool]:
        closes: list[float] = []
        cold_pages: list = []

        def cold() -> None:
            worker = BrowserWorker(browser_path=CHROMIUM, temp_root=self.work / "cold")
            try:
                cold_pages.append(worker.capture(self.base + "/article", self.options, inspector=AllowAll()))
            finally:
                started = time.perf_counter()
                worker.close()
                closes.append(time.perf_counter() - started)

        warm_pages: list = []
        self.capture("/article")
        t = interleaved(self.args.rounds, {
            "warm": lambda: warm_pages.append(self.capture("/article")),
            "cold": cold,
        })
        # cold() includes close(); take it out again: a capture's caller waits for the page only.
        cold_times = [c - s for c, s in zip(t["cold"], closes)]
        ratio = med(t["warm"]) / med(cold_times)
        lines = [
            f"- page: /article; {self.args.rounds} interleaved rounds",
            f"- warm (browser running): {fmt_s(t['warm'])}",
            f"- cold (new BrowserWorker: Playwright driver + Chromium start, then the capture; "
            f"close() not counted, it took {med(closes):.2f} s): {fmt_s(cold_times)}",
            f"- ratio warm/cold **{ratio:.2f}** (min/min {min(t['warm']) / min(cold_times):.2f}; "
            f"target <= {TARGETS['cold']:.2f}: {verdict(ratio, TARGETS['cold'])})",
        ]
        start_s = med(cold_times) - med(t["warm"])
        if ratio > TARGETS["cold"]:
            lines.append(
                f"- target not met: starting Playwright's driver and Chromium costs only about {start_s:.2f} s on "
                f"this machine, so warm <= 0.5 x cold would need a whole capture faster than a browser start; "
                "the warm capture is mostly the lazy-load pass and its endless-feed wait (see above)."
            )
        return lines, ratio <= TARGETS["cold"]

    # 3 ----------------------------------------------------------------------------------
    def _bare_tall(self, url: str) -> float:
        elapsed, (png, _mhtml) = timed(lambda: self.bare.capture(url))
        with Image.open(io.BytesIO(png)) as shot:
            self.bare_tall_size = shot.size
        return elapsed

    def tall(self) -> tuple[list[str], bool]:
        url = self.base + "/tall"
        rounds = max(1, min(self.args.rounds, 3))
        times, bare_times, pages, samplers, hwm = [], [], [], [], []
        for r in range(rounds):
            if r % 2:
                bare_times.append(self._bare_tall(url))
            reset = reset_peak_rss()
            with MemorySampler(self.worker._browser_tmp) as sampler:
                elapsed, page = timed(lambda: self.capture("/tall"))
            hwm.append(status_kib("self", "VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            times.append(elapsed)
            pages.append(page)
            samplers.append(sampler)
            del page
            if not r % 2:
                bare_times.append(self._bare_tall(url))
        tracemalloc.start()
        self.capture("/tall")
        _, heap_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        shot = pages[-1].metadata["screenshot"]
        scroll = pages[-1].metadata["lazy_scroll"]
        png_mb = len(pages[-1].screenshot_png) / 1e6
        ratio = med(times) / med(bare_times)
        mib = 1024
        lines = [
            f"- page: /tall, 60 sections of 1000 px, fixed header; screenshot {shot['width_px']}x{shot['height_px']} px "
            f"in {shot['bands']} bands, PNG {png_mb:.1f} MB; {rounds} rounds",
            f"- capture: {fmt_s(times)}; bare Playwright (one full-page screenshot, "
            f"{self.bare_tall_size[0]}x{self.bare_tall_size[1]} px, not checked; MHTML): {fmt_s(bare_times)} "
            f"→ ratio {ratio:.2f}",
            f"- where our time goes (median s): {load_line(pages)}; {timings_line(pages)}; "
            f"lazy scroll {scroll.get('steps')} steps",
            f"- Python process peak RSS (VmHWM{'' if reset else ' of the whole run'}): "
            f"{med(hwm) / mib:.0f} MiB (max {max(hwm) / mib:.0f}; ru_maxrss of the whole run so far "
            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / mib:.0f} MiB); Python heap peak (tracemalloc, "
            f"which does not see Pillow's pixel buffers): {heap_peak / 2**20:.0f} MiB",
            f"- the worker's Chromium, peak summed over its {max(s.peak_processes for s in samplers)} processes: "
            f"RSS {med([s.peak_rss for s in samplers]) / mib:.0f} MiB, "
            f"PSS {med([s.peak_pss for s in samplers]) / mib:.0f} MiB "
            f"(Playwright driver RSS {med([s.peak_driver_rss for s in samplers]) / mib:.0f} MiB)",
        ]
        return lines, True

    # 4 ----------------------------------------------------------------------------------
    def guard(self) -> tuple[list[str], bool]:
        empty = Matcher.empty()
        guards: dict[str, list] = {"list": [], "empty": []}
        pages: dict[str, list] = {"list": [], "empty": [], "none": []}

        def run(name: str) -> None:
            guard = None
            if name != "none":
                guard = ImageGuard(self.matcher if name == "list" else empty)
                guards[name].append(guard)
            pages[name].append(self.capture("/gallery", guard))

        run("list"), run("empty"), run("none")  # warm
        for v in pages.values():
            v.clear()
        guards["list"].clear(), guards["empty"].clear()
        t = interleaved(self.args.rounds, {n: (lambda n=n: run(n)) for n in ("empty", "list", "none")})
        ratio = med(t["list"]) / med(t["empty"])
        record = guards["list"][-1].record()
        lo, hi, total = self.args.gallery_bytes
        lines = [
            f"- page: /gallery, 200 distinct smooth random pictures (JPEG/PNG/WebP, {lo / 1000:.0f}-{hi / 1000:.0f} KB, "
            f"{total / 1e6:.1f} MB), {pages['list'][-1].metadata['screenshot']['height_px']} px tall; "
            f"{self.args.rounds} interleaved rounds",
            f"- list: {self.args.entries:,} entries ({self.hash_list.counts['pdq']:,} PDQ + "
            f"{self.hash_list.counts['sha256']:,} SHA-256, none matching; parsed in {self.list_parse_s:.2f} s)",
            f"- ImageGuard, no list loaded: {fmt_s(t['empty'])}",
            f"- ImageGuard with the list: {fmt_s(t['list'])} → ratio **{ratio:.3f}** (min/min "
            f"{min(t['list']) / min(t['empty']):.3f}; target <= {TARGETS['guard']:.2f}: {verdict(ratio, TARGETS['guard'])})",
            f"- the guard checked {record['bodies_checked']} bodies a capture ({record['pdq_checked']} PDQ-hashed); "
            f"for scale, no Inspector at all: {fmt_s(t['none'])} (the guard's decoding and hashing, "
            f"with or without a list, costs {med(t['empty']) / med(t['none']):.2f}x)",
            f"- where the time goes with the list (median s): {load_line(pages['list'])}; {timings_line(pages['list'])}",
            "- the bench server's listen backlog is raised to 1024: the gate's route.fetch opens one connection "
            "per intercepted image (here about 200 at once to one host, where Chromium alone would use 6). With "
            "socketserver's default backlog of 5, dropped SYNs were retried after 1, 3, 7 s... and up to 54 "
            "pictures a capture timed out after 30 s (left out of the capture, listed in failed_requests).",
        ]
        return lines, ratio <= TARGETS["guard"]


def write_results(sections: dict[str, list[str]], command: str) -> None:
    stamp = f"Command: `{command}` ({datetime.date.today().isoformat()}, {os.cpu_count()} cores)"
    for key, lines in sections.items():
        replace_section(HEADINGS[key], [stamp, "", *lines])


def main() -> int:
    private_config()  # the vaults made here stay out of the user's settings
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated: " + ",".join(SECTIONS))
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    if unknown := set(wanted) - set(SECTIONS):
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    if not CHROMIUM.is_file():
        parser.error(f"no browser at {CHROMIUM} (set EVIDENCE_VAULT_BENCH_BROWSER)")

    pages = Pages()
    args.gallery_bytes = pages.gallery_bytes
    server = serve(pages)
    base = f"http://127.0.0.1:{server.server_port}"
    # Bench-only, as in the tests: every name but 127.0.0.1 fails to resolve inside Chromium.
    _browser.TEST_ONLY_EXTRA_ARGS[:] = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
    work = Path(tempfile.mkdtemp(prefix="ev-bench-"))
    command = ".venv/bin/python bench/capture_bench.py " + " ".join(sys.argv[1:])
    results: dict[str, list[str]] = {}
    all_met = True
    bench = Bench(args, base, work)
    try:
        for key in wanted:
            lines, met = {"bare": bench.bare_vs_ours, "cold": bench.warm_vs_cold,
                          "tall": bench.tall, "guard": bench.guard}[key]()
            all_met &= met
            results[key] = lines
            print(HEADINGS[key] + "\n" + "\n".join(lines) + "\n", flush=True)
    finally:
        bench.close()
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    if not args.no_write:
        write_results(results, command.strip())
    return 0 if all_met else 1


if __name__ == "__main__":
    raise SystemExit(main())
