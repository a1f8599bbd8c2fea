# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""`evidence-vault capture` against `shot-scraper shot`, whole command against whole command.

    .venv/bin/python bench/shot_scraper_bench.py --corpus /work/corpus \\
        --shot-scraper /tmp/capspeed-shotscraper/bin/shot-scraper [--rounds 5] [--corpus-rounds 3] \\
        [--only static,tall,lazy,warm,corpus] [--no-write]

shot-scraper is not a dependency of Evidence Vault: install it in a venv of its own
(``python3 -m venv V && V/bin/pip install shot-scraper``) and pass its program. It is pointed at
the same Chromium as ours (Debian's /usr/bin/chromium): its Playwright looks for its
"headless shell" under ``$PLAYWRIGHT_BROWSERS_PATH``; this script runs it once, reads the path
its error message names, and puts a symlink to /usr/bin/chromium there, in a temporary folder.

Everything is served from 127.0.0.1 by a threaded server in this process (listen backlog 1024,
see RESULTS.md's guard section for why). Each round runs both commands one after the other,
the order alternating, in fresh processes (each starts its own Playwright driver and
Chromium, as a user's command would). Ours captures into a real vault (temporary folder,
a 100,000-entry hash list loaded, passphrase from a file) and so also writes the MHTML, the
text, the metadata, runs the clause-71 guard on every picture and seals everything.

Sections (each a ratio ours / shot-scraper of medians, interleaved rounds):

- static: a 3-screen article with 4 pictures, nothing lazy (target <= 1.0);
- tall: the 60,000 px page: time (target <= 1.0) and peak memory (target <= 1.5), the peak
  of the PSS summed over the command's whole process tree (Python, driver, Chromium), sampled
  every 50 ms;
- lazy: 30 ``loading=lazy`` and 10 IntersectionObserver pictures, each a solid colour of its
  own: pictures present in the screenshot (by colour) and time (target <= 1.5);
- warm: a capture into the vault on a BrowserWorker already running (the app keeps one), the
  static page (target <= 1.0 s);
- corpus: every page of the corpus folder (see bench/make_corpus.py) plus two generated here
  (a social-media-like page with 300 avatars, a forum thread with 40 posts): pages captured,
  median and max seconds, pictures missing (stand-in pictures the page references that the
  server was never asked for during that command), warnings raised (ours: quality warnings
  and failed-request notes; shot-scraper raises none), median ratio (target <= 1.2).
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _results import private_config, replace_section  # noqa: E402
from capture_bench import Pages, descendants, mixed_list_text, pss_kib, smooth_picture  # noqa: E402
from evidence_vault.capture import BrowserWorker, CaptureOptions  # noqa: E402
from evidence_vault.safeguarding import parse_hash_list  # noqa: E402
from evidence_vault.safeguarding.vault_guard import guard_for_vault, vault_summary  # noqa: E402
from evidence_vault.vault import Vault  # noqa: E402
from evidence_vault.workflows import capture_url  # noqa: E402

CHROMIUM = Path(os.environ.get("EVIDENCE_VAULT_BENCH_BROWSER", "/usr/bin/chromium"))
EV = Path(sys.executable).with_name("evidence-vault")
PASS = "benchmark passphrase, not a secret"
SECTIONS = ("static", "tall", "lazy", "warm", "corpus")
HEADING = {
    "static": "## Against shot-scraper: static 3-screen page",
    "tall": "## Against shot-scraper: 60,000 px page",
    "lazy": "## Against shot-scraper: lazy pictures",
    "warm": "## Warm capture (browser running)",
    "corpus": "## Held-out corpus of real saved pages, against shot-scraper",
}
TARGET = {"static": 1.0, "tall": 1.0, "tall_mem": 1.5, "lazy": 1.5, "warm": 1.0, "corpus": 1.2}


def colour(i: int) -> tuple[int, int, int]:
    return (40 + (i * 53) % 180, 40 + (i * 97) % 180, 40 + (i * 31) % 180)


def solid(rgb, size=(160, 100)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, rgb).save(out, "PNG")
    return out.getvalue()


class Site:
    """The generated pages (from capture_bench.Pages, plus lazy, social and forum) and the corpus."""

    def __init__(self, corpus: Path | None) -> None:
        pages = Pages()
        self.files: dict[str, tuple[str, bytes]] = dict(pages.files)
        self.corpus = corpus
        self.hits: list[str] = []
        self.pictures: dict[str, list[str]] = {}  # page path -> stand-in pictures it references
        blocks = []
        for i in range(40):
            self.files[f"/l/{i}.png"] = ("image/png", solid(colour(i)))
            img = (f'<img loading="lazy" src="/l/{i}.png" width="160" height="100">' if i < 30 else
                   f'<img class="io" data-src="/l/{i}.png" width="160" height="100">')
            blocks.append(f'<div style="height:700px;font:16px sans-serif">Item {i} {img}</div>')
        self.html("/lazy", f"""<!doctype html><title>Lazy</title><body style="margin:0">{''.join(blocks)}
<script>const io = new IntersectionObserver((es) => {{ for (const e of es) if (e.isIntersecting) {{
  e.target.src = e.target.dataset.src; io.unobserve(e.target); }} }});
document.querySelectorAll('img.io').forEach((el) => io.observe(el));</script></body>""")
        self._social()
        self._forum()

    def html(self, path: str, text: str) -> None:
        self.files[path] = ("text/html; charset=utf-8", text.encode())

    def _social(self) -> None:
        rng = np.random.default_rng(11)
        posts, pics = [], []
        for i in range(300):
            path = f"/social/avatar/{i}.jpg"
            self.files[path] = ("image/jpeg", smooth_picture(rng, 48, 48, "JPEG"))
            pics.append(path)
            extra = ""
            if i % 25 == 0:
                photo = f"/social/photo/{i}.jpg"
                self.files[photo] = ("image/jpeg", smooth_picture(rng, 480, 320, "JPEG"))
                pics.append(photo)
                extra = f'<img src="{photo}" width="480" height="320">'
            posts.append(f'<article><img class="av" src="{path}" width="48" height="48"><b>user{i}</b> '
                         f'<span>{i % 59} min</span><p>Reply number {i}: that is not what was said in '
                         f'the group chat, and everyone saw it.</p>{extra}</article>')
        self.html("/social", "<!doctype html><meta charset=utf-8><title>Thread - Social</title><style>"
                  "body{margin:0 auto;max-width:640px;font:15px sans-serif}article{border-bottom:1px solid #ddd;"
                  "padding:8px}.av{border-radius:50%;float:left;margin-right:8px}"
                  "header{position:sticky;top:0;background:#fff;padding:8px}</style>"
                  "<header><b>Social</b> <input placeholder=Search></header>" + "".join(posts))
        self.pictures["/social"] = pics

    def _forum(self) -> None:
        rng = np.random.default_rng(12)
        posts, pics = [], []
        for i in range(40):
            avatar = f"/forum/u/{i % 17}.png"
            if avatar not in self.files:
                self.files[avatar] = ("image/png", smooth_picture(rng, 80, 80, "PNG"))
                pics.append(avatar)
            quote = f"<blockquote>user{i - 1} wrote: I said what I said.</blockquote>" if i % 3 == 0 and i else ""
            image = ""
            if i % 8 == 4:
                path = f"/forum/att/{i}.jpg"
                self.files[path] = ("image/jpeg", smooth_picture(rng, 600, 400, "JPEG"))
                pics.append(path)
                image = f'<img src="{path}" width="600" height="400" loading="lazy">'
            posts.append(f'<div class="post"><div class="who"><img src="{avatar}" width="80" height="80">'
                         f'<br>member{i % 17}<br>Posts: {100 + i}</div><div class="body">{quote}'
                         f'<p>Post {i}. The screenshots were shared in the thread and then edited. '
                         f'Everyone in year 9 has seen them by now.</p>{image}'
                         '<p class="sig">-- signature line</p></div></div>')
        self.html("/forum", "<!doctype html><meta charset=utf-8><title>Year 9 thread - Forum</title><style>"
                  "body{font:14px Verdana,sans-serif;margin:0}.post{display:flex;border:1px solid #ccd;"
                  "margin:6px}.who{width:140px;background:#eef;padding:6px}.body{padding:6px;flex:1}"
                  "blockquote{background:#f6f6f6;border-left:3px solid #99a}</style><header><form>User "
                  "<input name=u> Password <input type=password name=p> <button>Log in</button></form></header>"
                  "<h1>Year 9 thread</h1>" + "".join(posts))
        self.pictures["/forum"] = pics

    def body(self, path: str) -> tuple[str, bytes] | None:
        if path in self.files:
            return self.files[path]
        if self.corpus:  # the corpus folder is served at the root, as make_corpus.py wrote it
            target = (self.corpus / path.lstrip("/")).resolve()
            if self.corpus.resolve() in target.parents and target.is_file():
                kind = {".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
                        ".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
                        ".svg": "image/svg+xml"}.get(target.suffix, "application/octet-stream")
                return kind, target.read_bytes()
        return None

    def serve(self) -> str:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # As real servers do (nginx's tcp_nodelay): without it, the body written after the
            # headers waits for the client's delayed ACK, about 40 ms per response on a
            # kept-alive connection, which is the server's cost, not the capture's.
            disable_nagle_algorithm = True

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                site.hits.append(path)
                found = site.body(path)
                kind, body = found if found else ("text/plain", b"not found")
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        class Server(ThreadingHTTPServer):
            request_queue_size = 1024
            daemon_threads = True

        server = Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{server.server_address[1]}"


class TreeMemory:
    """Peak PSS summed over a process and everything under it, sampled on a thread."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_kib = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            pids = [self.pid] + [p for p, _ in descendants(self.pid)]
            self.peak_kib = max(self.peak_kib, sum(pss_kib(p) for p in pids))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak_kib


class Bench:
    def __init__(self, args, work: Path) -> None:
        self.args, self.work = args, work
        self.site = Site(Path(args.corpus) if args.corpus else None)
        self.base = self.site.serve()
        self.vault_dir = work / "vault"
        self.pass_file = work / "passphrase"
        self.pass_file.write_text(PASS)
        vault, _ = Vault.create(self.vault_dir, PASS, owner_name="Bench", owner_role="Bench")
        hash_list = parse_hash_list(mixed_list_text(100_000), name="Bench list")
        vault.hash_lists.add("Bench list", hash_list.to_bytes(), vault_summary(hash_list))
        vault.add_case("bench")
        vault.close()
        self.env = dict(os.environ, EVIDENCE_VAULT_BROWSER=str(CHROMIUM))
        self.shot_env = dict(os.environ, PLAYWRIGHT_BROWSERS_PATH=str(self._browsers_path()))
        self.n = 0

    def _browsers_path(self) -> Path:
        """Run shot-scraper once with an empty browsers folder; link Chromium where it looks."""
        folder = self.work / "pw-browsers"
        folder.mkdir()
        env = dict(os.environ, PLAYWRIGHT_BROWSERS_PATH=str(folder))
        out = subprocess.run([self.args.shot_scraper, "shot", self.base + "/article", "-o",
                              str(self.work / "probe.png")], env=env, capture_output=True, text=True)
        match = re.search(r"Executable doesn't exist at (\S+)", out.stdout + out.stderr)
        if not match:
            raise SystemExit(f"shot-scraper did not name its browser path:\n{out.stderr[-2000:]}")
        target = Path(match.group(1))
        if folder not in target.parents:
            raise SystemExit(f"unexpected browser path {target}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(CHROMIUM)
        self.shot_browser = target.relative_to(folder)
        return folder

    def run(self, tool: str, url: str, memory: bool = False) -> dict:
        """One whole command; time, exit status, pictures the server was asked for; with
        ``memory``, peak memory too (sampled, so those runs are not timed: reading
        /proc/PID/smaps_rollup takes the process's memory-map lock and slows it down)."""
        self.n += 1
        if tool == "ours":
            argv = [str(EV), "--vault", str(self.vault_dir), "--passphrase-file", str(self.pass_file),
                    "capture", url, "--case", "bench"]
            env = self.env
        else:
            argv = [self.args.shot_scraper, "shot", url, "-o", str(self.work / f"shot-{self.n}.png")]
            env = self.shot_env
        self.site.hits.clear()
        started = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        sampler = TreeMemory(proc.pid) if memory else None
        out, err = proc.communicate(timeout=300)
        elapsed = time.perf_counter() - started
        peak = sampler.stop() if sampler else None
        item = re.search(r"Captured item (\d+)", out)
        return {"s": elapsed, "ok": proc.returncode == 0, "mem_kib": peak, "hits": set(self.site.hits),
                "item": int(item.group(1)) if item else None, "png": self.work / f"shot-{self.n}.png",
                "err": err.strip().splitlines()[-1:] if proc.returncode else []}

    def pair(self, url: str, rounds: int, memory: bool = False) -> dict[str, list[dict]]:
        runs: dict[str, list[dict]] = {"ours": [], "shot": []}
        for r in range(rounds):
            for tool in (("ours", "shot") if r % 2 == 0 else ("shot", "ours")):
                runs[tool].append(self.run(tool, url, memory))
        return runs

    def our_items(self, runs: list[dict]) -> list[tuple[bytes, dict]]:
        vault = Vault.open(self.vault_dir, PASS)
        try:
            return [(vault.read_artefact(r["item"], "screenshot"),
                     json.loads(vault.read_artefact(r["item"], "metadata")))
                    for r in runs if r["item"] is not None]
        finally:
            vault.close()

    # --- sections -------------------------------------------------------------------------
    def ratio_lines(self, name: str, runs: dict, what: str) -> tuple[list[str], float]:
        ours = statistics.median(r["s"] for r in runs["ours"])
        shot = statistics.median(r["s"] for r in runs["shot"])
        ratio = ours / shot
        ok = ratio <= TARGET[name]
        return [f"- {what}; {len(runs['ours'])} interleaved rounds, each command a fresh process",
                f"- `evidence-vault capture` (into the vault, guard over a 100,000-entry list): "
                f"{ours:.2f} s (min {min(r['s'] for r in runs['ours']):.2f})",
                f"- `shot-scraper shot`: {shot:.2f} s (min {min(r['s'] for r in runs['shot']):.2f})",
                f"- ratio **{ratio:.2f}** (target <= {TARGET[name]:.1f}: {'within' if ok else 'OVER'})"], ratio

    def static(self) -> list[str]:
        runs = self.pair(self.base + "/article", self.args.rounds)
        lines, _ = self.ratio_lines("static", runs, "page: /article, 1280x~2400 px (3 screens), 4 pictures, nothing lazy")
        meta = self.our_items(runs["ours"][-1:])[0][1]
        lines.append(f"- our steps (last run, s): {timings(meta)}")
        return lines

    def tall(self) -> list[str]:
        runs = self.pair(self.base + "/tall", max(3, self.args.rounds - 2))
        lines, _ = self.ratio_lines("tall", runs, "page: /tall, 60 sections of 1000 px, fixed header")
        sampled = self.pair(self.base + "/tall", 2, memory=True)  # separate runs: sampling slows them
        ours = statistics.median(r["mem_kib"] for r in sampled["ours"]) / 1024
        shot = statistics.median(r["mem_kib"] for r in sampled["shot"]) / 1024
        ratio = ours / shot
        lines.append(f"- peak memory (PSS summed over the whole process tree, 2 more runs each, "
                     f"sampled every 50 ms; not timed): ours {ours:.0f} MiB, "
                     f"shot-scraper {shot:.0f} MiB → ratio **{ratio:.2f}** (target <= {TARGET['tall_mem']:.1f}: "
                     f"{'within' if ratio <= TARGET['tall_mem'] else 'OVER'})")
        png, meta = self.our_items(runs["ours"][-1:])[0]
        with Image.open(runs["shot"][-1]["png"]) as shot_png:
            shot_size = shot_png.size
        lines.append(f"- screenshots: ours {meta['screenshot']['width_px']}x{meta['screenshot']['height_px']} "
                     f"in {meta['screenshot']['bands']} bands; shot-scraper {shot_size[0]}x{shot_size[1]}")
        lines.append(f"- our steps (last run, s): {timings(meta)}")
        return lines

    def lazy(self) -> list[str]:
        runs = self.pair(self.base + "/lazy", self.args.rounds)
        lines, _ = self.ratio_lines("lazy", runs, "page: /lazy, 30 loading=lazy + 10 IntersectionObserver pictures, "
                                    "each a solid colour of its own, 700 px apart")
        ours = [present(png) for png, _ in self.our_items(runs["ours"])]
        shots = [present(r["png"].read_bytes()) for r in runs["shot"] if r["png"].exists()]
        lines.append(f"- pictures in the screenshot (of 40, by colour; median of the runs): ours "
                     f"{statistics.median(ours):.0f}, shot-scraper {statistics.median(shots):.0f}")
        return lines

    def warm(self) -> list[str]:
        vault = Vault.open(self.vault_dir, PASS)
        case = vault.case("bench")
        times, worker_times = [], []
        with BrowserWorker(browser_path=CHROMIUM, temp_root=self.work / "warm", keep_spare=True) as worker:
            capture_url(vault, worker, url=self.base + "/article", case=case)  # warm up
            for _ in range(self.args.rounds):
                time.sleep(1.0)  # a user's pause between captures (the worker readies a context)
                started = time.perf_counter()
                capture_url(vault, worker, url=self.base + "/article", case=case)
                times.append(time.perf_counter() - started)
                time.sleep(1.0)
                started = time.perf_counter()
                worker.capture(self.base + "/article", CaptureOptions(), inspector=guard_for_vault(vault))
                worker_times.append(time.perf_counter() - started)
        vault.close()
        m = statistics.median(times)
        return [f"- page: /article; browser already running (the app keeps one, with a fresh context readied "
                f"while idle: keep_spare); 1 s pause before each capture, as a user's; {self.args.rounds} rounds",
                f"- workflows.capture_url into the vault (guard over the 100,000-entry list, sealed): "
                f"**{m:.2f} s** (min {min(times):.2f}; target <= {TARGET['warm']:.1f} s: "
                f"{'within' if m <= TARGET['warm'] else 'OVER'})",
                f"- BrowserWorker.capture alone (the guard's checks, no vault): {statistics.median(worker_times):.2f} s"]

    def corpus(self) -> list[str]:
        pages: list[tuple[str, str, list[str]]] = []
        if self.args.corpus:
            manifest = json.loads((Path(self.args.corpus) / "manifest.json").read_text())
            for name, page in list(manifest["pages"].items())[::self.args.corpus_every]:
                pages.append((name, page["path"], page["pictures"]))
        pages += [("social (generated)", "/social", self.site.pictures["/social"]),
                  ("forum (generated)", "/forum", self.site.pictures["/forum"])]
        rows = []
        per_tool = {"ours": [], "shot": []}
        for name, path, pics in pages:
            runs = self.pair(self.base + path, self.args.corpus_rounds)
            row = {"name": name, "pictures": len(pics)}
            for tool in ("ours", "shot"):
                ok = [r for r in runs[tool] if r["ok"]]
                row[tool + "_ok"] = len(ok) == len(runs[tool])
                row[tool + "_s"] = statistics.median(r["s"] for r in runs[tool])
                row[tool + "_missing"] = statistics.median(len(set(pics) - r["hits"]) for r in runs[tool])
                per_tool[tool].append(row[tool + "_s"])
                if not row[tool + "_ok"]:
                    row[tool + "_err"] = next((r["err"] for r in runs[tool] if not r["ok"]), [])
            metas = [m for _, m in self.our_items(runs["ours"][-1:])]
            row["warnings"] = sorted({w["kind"] for m in metas for w in (m.get("quality") or {}).get("warnings", [])})
            row["failed_requests"] = max((len(m.get("failed_requests") or []) for m in metas), default=0)
            rows.append(row)
            print(f"  {name}: ours {row['ours_s']:.2f} s, shot-scraper {row['shot_s']:.2f} s, "
                  f"missing {row['ours_missing']:g}/{row['shot_missing']:g} of {len(pics)}, {row['warnings']}",
                  flush=True)
        ratios = [r["ours_s"] / r["shot_s"] for r in rows]
        med_ratio = statistics.median(ratios)
        ours_ok = sum(r["ours_ok"] for r in rows)
        shot_ok = sum(r["shot_ok"] for r in rows)
        warned = [r for r in rows if r["warnings"]]
        lines = [
            f"- {len(rows)} pages: {len(rows) - 2} real saved pages from the corpus folder (bench/make_corpus.py) "
            f"+ 2 generated here; each page {self.args.corpus_rounds} interleaved rounds per tool, median per page",
            f"- pages captured: ours **{ours_ok}/{len(rows)}**, shot-scraper {shot_ok}/{len(rows)}",
            f"- seconds per page, median (max): ours {statistics.median(per_tool['ours']):.2f} "
            f"({max(per_tool['ours']):.2f}), shot-scraper {statistics.median(per_tool['shot']):.2f} "
            f"({max(per_tool['shot']):.2f})",
            f"- median of the per-page ratios **{med_ratio:.2f}** (max {max(ratios):.2f}; target <= "
            f"{TARGET['corpus']:.1f}: {'within' if med_ratio <= TARGET['corpus'] else 'OVER'})",
            f"- pictures missing (stand-ins referenced but never requested), summed over pages: ours "
            f"{sum(r['ours_missing'] for r in rows):g}, shot-scraper {sum(r['shot_missing'] for r in rows):g} "
            f"(of {sum(r['pictures'] for r in rows)})",
            f"- warnings raised by ours on {len(warned)} pages: "
            + ", ".join(f"{r['name']}: {'/'.join(r['warnings'])}" for r in warned)
            + "; shot-scraper raises none",
            "",
            "| page | pictures | ours s | shot-scraper s | ratio | missing ours / shot-scraper | our warnings |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for r in rows:
            status = "" if r["ours_ok"] else f" FAILED {r.get('ours_err')}"
            lines.append(f"| {r['name']} | {r['pictures']} | {r['ours_s']:.2f}{status} | {r['shot_s']:.2f}"
                         f"{'' if r['shot_ok'] else ' FAILED'} | {r['ours_s'] / r['shot_s']:.2f} | "
                         f"{r['ours_missing']:g} / {r['shot_missing']:g} | {', '.join(r['warnings']) or '-'} |")
        return lines


def present(png: bytes) -> int:
    with Image.open(io.BytesIO(png)) as shot:
        pixels = np.asarray(shot.convert("RGB"), dtype=np.uint32).reshape(-1, 3)
    packed = set(np.unique((pixels[:, 0] << 16) | (pixels[:, 1] << 8) | pixels[:, 2]).tolist())
    return sum(1 for i in range(40) if (colour(i)[0] << 16 | colour(i)[1] << 8 | colour(i)[2]) in packed)


def timings(meta: dict) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in meta.get("step_timings_s", {}).items() if v >= 0.01)


def main() -> int:
    private_config()  # the vaults made here stay out of the user's settings
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", help="folder made by bench/make_corpus.py (omit: generated pages only)")
    parser.add_argument("--shot-scraper", required=True, help="the shot-scraper program (its own venv)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus-rounds", type=int, default=3)
    parser.add_argument("--corpus-every", type=int, default=1, metavar="N",
                        help="take every Nth page of the corpus (a shorter run on a busy machine)")
    parser.add_argument("--only", default=",".join(SECTIONS))
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    command = ".venv/bin/python bench/shot_scraper_bench.py " + " ".join(sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="ev-shot-bench-") as tmp:
        bench = Bench(args, Path(tmp))
        version = subprocess.run([args.shot_scraper, "--version"], capture_output=True, text=True).stdout.strip()
        for name in [s for s in args.only.split(",") if s]:
            print(f"== {name}", flush=True)
            lines = getattr(bench, name)()
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            stamp = (f"Command: `{command}` ({datetime.date.today().isoformat()}, {os.cpu_count()} cores, "
                     f"load average {load:.1f} when the section ended; ratios are of interleaved runs)")
            lines = [stamp, "", f"- {version}, its Playwright pointed at {CHROMIUM} through a symlink at "
                     f"$PLAYWRIGHT_BROWSERS_PATH/{bench.shot_browser}", *lines]
            print("\n".join(lines), flush=True)
            if not args.no_write:
                replace_section(HEADING[name], lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
