# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Benchmark: a senior leader's commands, each against a baseline run in the same process.

    .venv/bin/python bench/leader_bench.py [--photos 4] [--notes 20] [--texts 2] [--captures 2]
                                           [--own 300] [--rounds 3]
    .venv/bin/python bench/leader_bench.py --big     # a bigger file: see BIG below

Builds, in bench/work/leader/, the vault of a member of staff (Sarah) with a case holding
--captures real captures of a local page (Chromium at /usr/bin/chromium; none without it),
--photos generated PNG photos and --texts chat logs added as files, and --notes incident notes,
all naming a pupil; exports her bundle with ``export_bundle`` (what ``export`` calls). Then,
through the functions the CLI calls, interleaved over --rounds, medians of:

1. ``import-bundle`` (``workflows.import_bundle`` with the code she read out, into a new leader
   vault each round) against ``verify-bundle`` of the same bundle (``bundle.verify_bundle``):
   what guarding and keeping the items adds to the check the import starts with;
2. ``export --redacted`` against a plain ``export`` of the leader's case (her bundle imported,
   the pupil's name hidden in every item that holds it, a box on every picture);
3. ``timeline`` against ``list`` of that case with --own more notes of the leader's (N items):
   the whole commands in this process (each opens the vault: Argon2id), and the library calls
   alone on an open vault (``timeline.case_timeline`` against ``Vault.items``);
4. peak RSS of an import in a child process against the bundle's size, above a child that opens
   the vault and imports the same modules, and of verify-bundle. The peak is the child's VmHWM
   (as bench/bundle_bench.py reads it), not ``resource.getrusage``'s ru_maxrss: that survives
   execve, so a child of this (large) process would report the parent's peak as its own.

Machines are shared and noisy: the ratios within one run are what count, not seconds. Writes
its section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _results import private_config, publish, work_dir  # noqa: E402  (bench/ is on sys.path when run)
from evidence_vault import redacting, workflows  # noqa: E402
from evidence_vault.bundle import export_bundle, timestamps, verify_bundle  # noqa: E402
from evidence_vault.cli.main import main as cli_main  # noqa: E402
from evidence_vault.errors import UsageError  # noqa: E402
from evidence_vault.fingerprints import short_code  # noqa: E402
from evidence_vault.paths import default_config_dir  # noqa: E402
from evidence_vault.timeline import case_timeline  # noqa: E402
from evidence_vault.vault import Vault  # noqa: E402

PASS = "benchmark passphrase"
CASE = "Year 9 parents"
PUPIL = "Jane Pupil"
CHROMIUM = Path("/usr/bin/chromium")
BIG = {"photos": 20, "notes": 100, "texts": 10, "captures": 5, "own": 2000, "rounds": 5}

CHILD = r"""
import json, sys
from pathlib import Path
from evidence_vault import Vault, workflows
from evidence_vault.bundle import timestamps, verify_bundle
from evidence_vault.paths import default_config_dir
mode, folder, bundle, passphrase, case, code = sys.argv[1:7]
trusted = timestamps.pinned(default_config_dir(), ())
if mode == "verify":
    assert verify_bundle(Path(bundle), expect=code, trusted_timestamps=trusted).ok
else:
    with Vault.open(Path(folder), passphrase) as vault:
        if mode == "import":
            workflows.import_bundle(vault, vault.find_case(case), Path(bundle), trusted_timestamps=trusted, expect=code)
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"vmhwm_kib": hwm}))
"""


def photo(seed: int, size=(1600, 1200)) -> bytes:
    """A PNG photo: smooth colour fields with grain, as a phone's camera gives (a few MB)."""
    rng = np.random.default_rng(seed)
    cells = (rng.random((12, 16, 3)) * 255).astype(np.uint8)
    base = np.asarray(Image.fromarray(cells).resize(size, Image.Resampling.BICUBIC), dtype=np.int16)
    grain = rng.integers(-10, 10, size=base.shape, dtype=np.int16)
    out = io.BytesIO()
    Image.fromarray(np.clip(base + grain, 0, 255).astype(np.uint8)).save(out, "PNG")
    return out.getvalue()


def chat_log(seed: int, lines: int = 800) -> bytes:
    """A chat export of about 60 kB, as a parent forwards one."""
    who = ["Parent A", "Parent B", "Parent C", "Parent D"]
    return "".join(f"[{(seed + i // 60) % 28 + 1:02d}/11/2026, {i // 60 % 24:02d}:{i % 60:02d}] {who[i % 4]}: "
                   f"message {i} about the teacher and what {PUPIL} said in class\n"
                   for i in range(lines)).encode()


class PostSite:
    """One page with a picture on 127.0.0.1, for real captures."""

    def __init__(self) -> None:
        picture = photo(99, (800, 600))
        page = (f"<!doctype html><title>Class group post</title><h1>Parents of 9B</h1>"
                f"<p>{PUPIL} says the teacher should be sacked; everyone complain.</p>"
                + "<p>Comment after comment about the teacher.</p>" * 40 + "<img src='/p.png' width=800>").encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                body, kind = (picture, "image/png") if self.path.startswith("/p.png") else (page, "text/html")
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def staff_vault(folder: Path, args) -> int:
    """Sarah's vault and case; returns how many captures were made (0 without Chromium)."""
    vault, _ = Vault.create(folder / "sarah", PASS, owner_name="Sarah Smith", owner_role="Class Teacher")
    made = 0
    with vault:
        case = vault.add_case(CASE)
        if args.captures and CHROMIUM.exists():
            from evidence_vault.capture import BrowserWorker
            site, worker = PostSite(), BrowserWorker(browser_path=CHROMIUM, temp_root=folder / "browser")
            try:
                for i in range(args.captures):
                    workflows.capture_url(vault, worker, url=f"{site.base}/post/{i}", case=case)
                    made += 1
            finally:
                worker.close()
                site.close()
        files = [(f"photo-{i}.png", photo(i)) for i in range(args.photos)]
        files += [(f"chat-{i}.txt", chat_log(i)) for i in range(args.texts)]
        for name, data in files:
            path = folder / name
            path.write_bytes(data)
            workflows.add_file(vault, case, path)
            path.unlink()
        for i in range(args.notes):
            vault.add_incident(case, kind="conversation", occurred_at=f"2026-11-{i % 28 + 1:02d}T{8 + i % 9:02d}:15:00Z",
                               text=f"{PUPIL} said, in front of the class, that the teacher would be sacked ({i}).")
    return made


def leader_vault(folder: Path) -> Vault:
    vault, _ = Vault.create(folder, PASS, owner_name="Helen Head", owner_role="Head Teacher")
    vault.add_case(CASE)
    return vault


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def child(mode: str, folder: Path, bundle: Path, code: str) -> int:
    """Peak RSS (KiB) of one child process doing ``mode``."""
    done = subprocess.run([sys.executable, "-c", CHILD, mode, str(folder), str(bundle), PASS, CASE, code],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])["vmhwm_kib"]


def command(folder: Path, *argv: str) -> None:
    """One CLI command in this process, its output kept from the screen."""
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli_main(["--vault", str(folder), *argv]) == 0


def redact_all(vault: Vault, items) -> tuple[int, int]:
    """The pupil's name hidden wherever it stands, a box on every picture: (texts, boxes)."""
    texts = boxes = 0
    for item in items:
        if redacting.picture_role(vault.item(item.id)):
            redacting.redact_box(vault, item.id, (100, 80, 400, 300))
            boxes += 1
        try:
            redacting.redact_text(vault, item.id, PUPIL)
            texts += 1
        except UsageError:  # the name is not in this item (a photo): nothing to hide
            pass
    return texts, boxes


def main() -> None:
    private_config()  # the vaults made here stay out of the user's settings
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name, default in (("photos", 4), ("notes", 20), ("texts", 2), ("captures", 2), ("own", 300), ("rounds", 3)):
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--big", action="store_true", help=f"a bigger run: {BIG}")
    args = parser.parse_args()
    if args.big:
        vars(args).update(BIG)
    work = work_dir("leader")
    os.environ["EVIDENCE_VAULT_PASSPHRASE"] = PASS  # for the commands run in this process
    start = time.perf_counter()
    captures = staff_vault(work, args)
    bundle = work / "sarah.pdf"
    with Vault.open(work / "sarah", PASS) as sarah:
        made = export_bundle(sarah, sarah.find_case(CASE), bundle)
    code = short_code(made.signer_fingerprint)
    trusted = timestamps.pinned(default_config_dir(), ())
    verify_bundle(bundle, expect=code, trusted_timestamps=trusted)  # warm-up: pyHanko's imports, untimed
    built = time.perf_counter() - start

    # 1. import-bundle vs verify-bundle, a new leader vault each round (made outside the timing)
    t: dict[str, list[float]] = {k: [] for k in ("import", "verify", "plain", "redacted", "timeline", "list",
                                                 "timeline-lib", "list-lib")}
    head, folder = None, work
    for r in range(args.rounds):
        if head is not None:
            head.close()
        folder = work / f"head-{r}"
        head = leader_vault(folder)
        case = head.find_case(CASE)
        steps = [("verify", lambda: verify_bundle(bundle, expect=code, trusted_timestamps=trusted)),
                 ("import", lambda: workflows.import_bundle(head, case, bundle, trusted_timestamps=trusted,
                                                            expect=code))]
        for key, action in steps if r % 2 else reversed(steps):
            t[key].append(timed(action))
    assert head is not None
    case = head.find_case(CASE)
    imported = [i for i in head.items(case) if i.info.get("source")]
    hidden, boxed = redact_all(head, imported)

    # 2. export --redacted vs plain export of the leader's case
    sizes = {}
    for r in range(args.rounds):
        for key in (("plain", "redacted") if r % 2 else ("redacted", "plain")):
            out = work / f"{key}.pdf"
            t[key].append(timed(lambda k=key, o=out: export_bundle(head, case, o, redacted=k == "redacted")))
            sizes[key] = out.stat().st_size

    # 3. timeline vs list of N items: the leader's own notes added to the case
    for i in range(args.own):
        head.add_incident(case, kind="in person", occurred_at=f"2026-11-{i % 28 + 1:02d}T{7 + i % 11:02d}:{i % 60:02d}:00Z",
                          text=f"Parent {i % 40} came in about the post ({i}).")
    items = len(head.items(case))
    alone = [("timeline-lib", lambda: case_timeline(head, case)), ("list-lib", lambda: head.items(case))]
    whole = [("timeline", lambda: command(folder, "timeline", "--case", CASE)),
             ("list", lambda: command(folder, "list", "--case", CASE))]
    for pairs in (alone, whole):
        if pairs is whole:
            head.close()  # a command opens the vault itself, and one vault opens once at a time
        for _key, action in pairs:  # warm-up, untimed: the commands' modules are imported on first use
            action()
        for r in range(args.rounds):
            for key, action in pairs if r % 2 else reversed(pairs):
                t[key].append(timed(action))

    # 4. peak RSS of an import in a child process, against a child that only opens the vault
    rss_vault = leader_vault(work / "head-rss")
    rss_vault.close()
    floor = child("floor", work / "head-rss", bundle, code)
    rss_import = child("import", work / "head-rss", bundle, code)
    rss_verify = child("verify", work / "head-rss", bundle, code)

    med = {k: statistics.median(v) for k, v in t.items()}
    size = bundle.stat().st_size
    flags = " ".join(f"--{k} {getattr(args, k)}" for k in ("photos", "notes", "texts", "captures", "own", "rounds"))
    lines = [
        f"Command: `.venv/bin/python bench/leader_bench.py {'--big' if args.big else flags}` "
        f"({date.today().isoformat()}, 2 cores shared with other engineers; whole run {time.perf_counter() - start:.0f} s, "
        f"of which {built:.0f} s building the staff vault and bundle)",
        "",
        f"- staff bundle: {captures} real captures (Chromium, a local page with a picture), {args.photos} PNG photos "
        f"1600x1200, {args.texts} chat logs, {args.notes} notes: {len(imported)} items, {size / 1e6:.1f} MB; "
        f"median of {args.rounds} interleaved rounds, all through the functions the CLI calls",
        f"- import-bundle (into a new vault each round, with --expect) {med['import']:.2f} s vs verify-bundle of the "
        f"same bundle {med['verify']:.2f} s: ratio **{med['import'] / med['verify']:.2f}**; an import is the same "
        "check, then the clause-71 guard over the bundle file and every part inside it (pictures decoded and "
        "PDQ-hashed), then each item sealed into the vault",
        f"- export --redacted of the leader's case ({hidden} items with the name hidden, {boxed} boxes) "
        f"{med['redacted']:.2f} s, {sizes['redacted'] / 1e6:.1f} MB vs plain export {med['plain']:.2f} s, "
        f"{sizes['plain'] / 1e6:.1f} MB: ratio **{med['redacted'] / med['plain']:.2f}** (the copy leaves the "
        "staff bundle out and carries re-encoded pictures)",
        f"- timeline vs list of {items} items, whole commands in this process (each opens the vault): "
        f"{med['timeline']:.2f} s vs {med['list']:.2f} s, ratio **{med['timeline'] / med['list']:.2f}**; the "
        f"library calls alone on an open vault (case_timeline vs Vault.items): {med['timeline-lib'] * 1000:.0f} ms "
        f"vs {med['list-lib'] * 1000:.0f} ms, ratio {med['timeline-lib'] / med['list-lib']:.2f}",
        f"- peak RSS of import-bundle in a child process: {rss_import / 1024:.0f} MiB, {(rss_import - floor) / 1024:.0f} "
        f"MiB above a child that opens the vault and imports the same modules ({floor / 1024:.0f} MiB): "
        f"**{(rss_import - floor) * 1024 / size:.2f}x** the bundle's size ({size / (1 << 20):.1f} MiB); "
        f"verify-bundle {rss_verify / 1024:.0f} MiB "
        f"(import / verify **{rss_import / rss_verify:.2f}**)",
    ]
    publish("## Senior leader's commands (import, redacted copy, timeline)", lines)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
