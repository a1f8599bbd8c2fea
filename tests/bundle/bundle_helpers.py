# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Plain helpers of the bundle tests (fixtures are in conftest.py): synthetic captures sealed
through the vault's public add path, and the recipient's own tools (pdfsig, pdfdetach +
sha256sum, qpdf) run for real."""

from __future__ import annotations

import io
import json
import subprocess
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageDraw

from evidence_vault import ArtefactSource, Vault

PASSPHRASE = "bundle test passphrase"
OWNER = ("Alex Example", "Deputy Head")


def page_png(height: int, width: int = 1280, label: str = "page") -> bytes:
    """A synthetic screenshot: dark text lines every 40 px, so parts and cuts are visible."""
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    for y in range(0, height, 40):
        draw.text((20, y + 12), f"{label}: line at y={y}", fill="black")
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def add_synthetic_capture(vault, case, *, height: int = 3000, url: str = "https://example.test/post/1",
                          label: str = "page", extra_info: dict | None = None, text: str | None = None):
    """A web capture sealed through the vault's public add path (for bulk and size cases)."""
    meta = {"requested_url": url, "final_url": url, "http_status": 200, "title": f"Synthetic {label}",
            "redirect_chain": [{"url": url, "status": 200}], "capture_started_at": "2026-11-20T16:30:00.000Z",
            "capture_finished_at": "2026-11-20T16:30:03.000Z",
            "local_timezone": {"name": "Europe/London", "utc_offset": "+00:00"}, "notes": []}
    info = {"requested_url": url, "final_url": url, "title": meta["title"], "http_status": 200,
            "captured_at": meta["capture_started_at"], "device": None, "capture_notes": [], "note": None,
            **(extra_info or {})}
    return vault.add_capture(case, info=info, artefacts=[
        ArtefactSource("screenshot", "screenshot.png", "image/png", [page_png(height, label=label)]),
        ArtefactSource("mhtml", "page.mhtml", "multipart/related", [f"MHTML of {label}".encode()]),
        ArtefactSource("text", "text.txt", "text/plain; charset=utf-8", [(text or f"text of {label}").encode()]),
        ArtefactSource("metadata", "metadata.json", "application/json", [json.dumps(meta).encode()]),
    ])


@contextmanager
def capture_and_conversation(folder: Path, case_name: str, *, height: int):
    """A new vault in ``folder``/vault whose one case holds a synthetic capture ``height`` px tall
    and a conversation: the genuine bundle the hostile-file tests doctor. Yields (vault, case);
    the vault is closed on leaving."""
    vault, _ = Vault.create(folder / "vault", PASSPHRASE, owner_name=OWNER[0], owner_role=OWNER[1])
    try:
        case = vault.add_case(case_name)
        add_synthetic_capture(vault, case, height=height)
        vault.add_incident(case, kind="conversation", text="Said in the corridor.", occurred_at="2026-11-20T10:00:00Z")
        yield vault, case
    finally:
        vault.close()


def pdfsig(path: Path, *extra: str) -> str:
    return subprocess.run(["pdfsig", *extra, str(path)], capture_output=True, text=True).stdout


def sha256_of_detached(pdf: Path, folder: Path) -> dict[str, str]:
    """pdfdetach -saveall, then sha256sum: the recipient's own tools."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdfdetach", "-saveall", str(pdf.resolve())], cwd=folder, check=True, capture_output=True)
    names = sorted(p.name for p in folder.iterdir())
    out = subprocess.run(["sha256sum", *names], cwd=folder, check=True, capture_output=True, text=True).stdout
    return {line.split()[1].lstrip("*"): line.split()[0] for line in out.splitlines()}


def qpdf_check(pdf: Path, password: str | None = None) -> subprocess.CompletedProcess:
    args = ["qpdf", "--check"] + ([f"--password={password}"] if password else []) + [str(pdf)]
    return subprocess.run(args, capture_output=True, text=True)
