# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Benchmark: keeping an email (add_email) against adding the same file as a plain file.

    .venv/bin/python bench/email_intake.py [--pictures 10] [--rounds 5]

Builds one real .eml in memory (text and HTML bodies, --pictures random 640x480 PNG
attachments, a 1 MiB PDF-like attachment), then times, interleaved over --rounds, into one
vault (in bench/work/, no hash list loaded, DKIM offline by a hook that says so at once):

(1) ``Vault.add_file`` of the .eml file with the vault's guard: the guard sees the whole file as
    one body (it does not open the attachments: the baseline, not a way to keep emails);
(2) ``workflows.add_email`` of the same file (with ``again``: it is the same file each round):
    parse, the guard over every attachment and body, rendering, metadata, three artefacts.

Reports the medians and their ratio (what the per-attachment checking costs). Machines are
shared and noisy: the ratio within one run is what counts, not seconds.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import sys
import time
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _results import private_config, publish, work_dir  # noqa: E402  (bench/ is on sys.path when run)
from evidence_vault import workflows  # noqa: E402
from evidence_vault.mail import DnsUnavailable, parse_eml  # noqa: E402
from evidence_vault.safeguarding.vault_guard import guard_for_vault  # noqa: E402
from evidence_vault.vault import Vault  # noqa: E402

PASS = "benchmark passphrase"


def offline(name: str):
    raise DnsUnavailable("benchmark: offline")


def picture(seed: int) -> bytes:
    rng = np.random.default_rng(seed)
    cells = (rng.random((24, 32, 3)) * 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(cells).resize((640, 480), Image.Resampling.BICUBIC).save(out, "PNG")
    return out.getvalue()


def make_email(pictures: int) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Pat <pat@sender.example>"
    msg["To"] = "Ms Smith <smith@school.example>"
    msg["Subject"] = "Benchmark email"
    msg["Date"] = "Fri, 27 Nov 2026 16:30:00 +0000"
    msg["Message-ID"] = "<bench@sender.example>"
    msg.set_content("Some text.\n" * 200)
    msg.add_alternative("<p>" + "Some <b>text</b>. " * 500 + "</p>", subtype="html")
    for i in range(pictures):
        msg.add_attachment(picture(i), maintype="image", subtype="png", filename=f"p{i}.png")
    msg.add_attachment(b"%PDF-1.4\n" + bytes(1 << 20), maintype="application", subtype="pdf",
                       filename="report.pdf")
    return msg.as_bytes()


def main() -> None:
    private_config()  # the vaults made here stay out of the user's settings
    parser = argparse.ArgumentParser()
    parser.add_argument("--pictures", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    work = work_dir("email")
    path = work / "bench.eml"
    path.write_bytes(make_email(args.pictures))
    vault, _ = Vault.create(work / "vault", PASS, owner_name="Bench", owner_role="Bench")
    case = vault.add_case("bench")
    plain, mail, parse = [], [], []
    raw = path.read_bytes()
    for _ in range(args.rounds):
        start = time.perf_counter()
        parse_eml(raw, name=path.name)
        parse.append(time.perf_counter() - start)
        start = time.perf_counter()
        vault.add_file(case, path, guard=guard_for_vault(vault))
        plain.append(time.perf_counter() - start)
        start = time.perf_counter()
        workflows.add_email(vault, case, path, dns=offline, again=True)
        mail.append(time.perf_counter() - start)
    vault.close()
    size = path.stat().st_size
    p, m = statistics.median(plain), statistics.median(mail)
    command = (f".venv/bin/python bench/email_intake.py --pictures {args.pictures} "
               f"--rounds {args.rounds}")
    lines = [
        f"Command: `{command}` ({date.today().isoformat()}, 2 cores)",
        "",
        f"- one .eml of {size / 1e6:.1f} MB: text + HTML bodies, {args.pictures} PNG pictures 640x480, "
        f"a 1 MiB PDF; no hash list; DKIM offline; median of {args.rounds} interleaved rounds",
        f"- Vault.add_file of the .eml (guard over the file as one body, one artefact): {p * 1000:.0f} ms",
        f"- add-email (parse, guard over each attachment and body, rendering, 3 artefacts): "
        f"{m * 1000:.0f} ms",
        f"- ratio **{m / p:.2f}**; of add-email, {statistics.median(parse) * 1000:.0f} ms is the standard "
        "library's MIME parser alone (it reads line by line), the rest mostly decoding and "
        "checking each picture; no target set (an email is added once, by hand)",
    ]
    publish("## Email intake", lines)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
